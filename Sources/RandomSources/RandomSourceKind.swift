/// The random sources a command can draw its Gaussian noise from (`--rng philox|torch|numpy`).
public enum RandomSourceKind: String, CaseIterable, Sendable, Hashable, Codable {
    /// The project's canonical counter-based stream (``PhiloxGaussian``): element i is a pure
    /// function of (seed, i), so any implementation can reproduce any slice of it.
    case philox
    /// PyTorch's CPU `torch.randn` after `torch.manual_seed(seed)` (``TorchGenerator``), the
    /// noise of diffusers' scheduler tests.
    case torch
    /// NumPy's legacy `numpy.random.randn` after `numpy.random.seed(seed)`
    /// (``NumPyLegacyRandomState``); seeds must be below 2³².
    case numpy

    /// The kind named `name` (`philox`, `torch`, `numpy`).
    public init(parsing name: String) throws(RandomSourceError) {
        guard let kind = RandomSourceKind(rawValue: name) else { throw .unknownKind(name) }
        self = kind
    }

    /// A fresh stream of this kind for `seed`, at its start.
    ///
    /// - Parameter torchFloatKernel: the float32 Box–Muller kernel of the PyTorch build to
    ///   reproduce (only used by `torch`); see ``TorchNormalKernel``.
    /// - Throws: ``RandomSourceError/seedOutOfRange(kind:seed:maximum:)`` for `numpy` and a seed
    ///   of 2³² or more.
    public func makeSource(
        seed: UInt64, torchFloatKernel: TorchNormalKernel = .avx2
    ) throws(RandomSourceError) -> any GaussianSource {
        switch self {
        case .philox: PhiloxGaussianStream(seed: seed)
        case .torch: TorchGenerator(seed: seed, floatKernel: torchFloatKernel)
        case .numpy: try NumPyLegacyRandomState(checkedSeed: seed)
        }
    }
}

/// A stateful source of standard normal values: each call continues the stream.
///
/// What a draw of `count` values means for each source:
///
/// | source | Floats | Doubles |
/// |---|---|---|
/// | philox | the next `count` elements of the Float stream | the next `count` elements of the Double stream |
/// | torch | `torch.randn(count)` | `torch.randn(count, dtype=torch.float64)` |
/// | numpy | `numpy.random.randn(count)` rounded to float32 | `numpy.random.randn(count)` |
///
/// For philox, Float and Double draws share one element position: a draw of n values of either
/// precision advances it by n.
public protocol GaussianSource: Sendable {
    /// Which source this is.
    var kind: RandomSourceKind { get }
    /// The next `count` standard normal Doubles.
    mutating func nextGaussianDoubles(count: Int) throws(RandomSourceError) -> [Double]
    /// The next `count` standard normal Floats.
    mutating func nextGaussianFloats(count: Int) throws(RandomSourceError) -> [Float]
}

/// The Philox Gaussian streams of ``PhiloxGaussian`` read from a moving position.
public struct PhiloxGaussianStream: GaussianSource, Hashable {
    /// The seed (the Philox key).
    public let seed: UInt64
    /// The index of the next element to be drawn.
    public private(set) var nextIndex: Int

    /// A stream of `seed` that starts at element 0.
    public init(seed: UInt64) {
        self.seed = seed
        self.nextIndex = 0
    }

    /// A stream of `seed` that starts at element `startIndex`.
    public init(seed: UInt64, startIndex: Int) throws(RandomSourceError) {
        if startIndex < 0 { throw .negativeIndex(startIndex) }
        self.seed = seed
        self.nextIndex = startIndex
    }

    public var kind: RandomSourceKind { .philox }

    public mutating func nextGaussianDoubles(count: Int) throws(RandomSourceError) -> [Double] {
        try checkedRange(startIndex: nextIndex, count: count)
        var out = [Double](repeating: 0, count: count)
        try PhiloxGaussian.fill(&out, seed: seed, startIndex: nextIndex)
        nextIndex += count
        return out
    }

    public mutating func nextGaussianFloats(count: Int) throws(RandomSourceError) -> [Float] {
        try checkedRange(startIndex: nextIndex, count: count)
        var out = [Float](repeating: 0, count: count)
        try PhiloxGaussian.fill(&out, seed: seed, startIndex: nextIndex)
        nextIndex += count
        return out
    }
}

extension TorchGenerator: GaussianSource {
    public var kind: RandomSourceKind { .torch }

    public mutating func nextGaussianDoubles(count: Int) throws(RandomSourceError) -> [Double] {
        try randnDouble(count: count)
    }

    public mutating func nextGaussianFloats(count: Int) throws(RandomSourceError) -> [Float] {
        try randn(count: count)
    }
}

extension NumPyLegacyRandomState: GaussianSource {
    public var kind: RandomSourceKind { .numpy }

    public mutating func nextGaussianDoubles(count: Int) throws(RandomSourceError) -> [Double] {
        try randn(count: count)
    }

    public mutating func nextGaussianFloats(count: Int) throws(RandomSourceError) -> [Float] {
        try randn(count: count).map(Float.init)
    }
}
