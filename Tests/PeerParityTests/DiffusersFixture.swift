/// The deterministic inputs of diffusers' scheduler tests (`SchedulerCommonTest` in
/// `tests/schedulers/test_schedulers.py`), rebuilt exactly.
///
///     sample = torch.arange(768).reshape(3, 8, 8, 4) / 768 .permute(3, 0, 1, 2)   # (4, 3, 8, 8)
///     noise  = torch.arange(768).flip(-1).reshape(3, 8, 8, 4) / 768 .permute(3, 0, 1, 2)
///
/// Every array here is the (4, 3, 8, 8) tensor (batch, channels, height, width) read in row-major
/// order, the order in which the peer's elementwise operations and its `randn` of that shape pair
/// values up.
enum DiffusersFixture {
    /// The shape the values are laid out in first: (channels, height, width, batch).
    static let storedShape = [3, 8, 8, 4]
    /// `permute(3, 0, 1, 2)`: output axis d is stored axis `permutation[d]`.
    static let permutation = [3, 0, 1, 2]
    /// The peer's tensor shape, (batch, channels, height, width).
    static let shape = [4, 3, 8, 8]
    /// 4·3·8·8.
    static let count = 768

    /// How the deterministic arrays are laid out: the peer's transposed tensor, or (a planted
    /// mistake) the stored (3, 8, 8, 4) order read as if it were already batch first.
    enum Layout: Sendable {
        case transposed
        case untransposed
    }

    /// The values k of `arange(768)` (or of its `flip`) on the (4, 3, 8, 8) tensor, row-major.
    static func indices(flipped: Bool, layout: Layout = .transposed) -> [Int] {
        let stored = flipped ? Array((0..<count).reversed()) : Array(0..<count)
        switch layout {
        case .transposed: return permuted(stored, shape: storedShape, permutation: permutation)
        case .untransposed: return stored
        }
    }

    /// `dummy_sample_deter`: k/768 for k = 0 … 767 in the stored layout, then transposed.
    static func sample<Scalar: BinaryFloatingPoint>(_: Scalar.Type, layout: Layout = .transposed) -> [Scalar] {
        indices(flipped: false, layout: layout).map { Scalar($0) / Scalar(count) }
    }

    /// `dummy_noise_deter`: (767 − k)/768 for k = 0 … 767 in the stored layout, then transposed.
    static func noise<Scalar: BinaryFloatingPoint>(_: Scalar.Type, layout: Layout = .transposed) -> [Scalar] {
        indices(flipped: true, layout: layout).map { Scalar($0) / Scalar(count) }
    }

    /// `dummy_model`: ε̂(x, t) = x·t/(t + 1), evaluated as the peer writes it, `sample * t / (t + 1)`
    /// (the product rounded, then the quotient).
    static func model<Scalar: BinaryFloatingPoint>(_ x: [Scalar], _ t: Int) -> [Scalar] {
        let time = Scalar(t)
        let next = Scalar(t + 1)
        return x.map { $0 * time / next }
    }
}

/// `values` laid out row-major with `shape`, permuted as `torch.permute(permutation)` and read
/// back in row-major order: output axis d is input axis `permutation[d]`, so the output has shape
/// `shape[permutation[d]]` and
///
///     out[o₀, …, o_{n−1}] = in[i],   i[permutation[d]] = o_d.
///
/// - Precondition: `permutation` is a permutation of 0 ..< shape.count and
///   `values.count == shape.reduce(1, *)` (test inputs only).
func permuted<Element>(_ values: [Element], shape: [Int], permutation: [Int]) -> [Element] {
    precondition(permutation.sorted() == Array(shape.indices), "not a permutation of the axes")
    precondition(values.count == shape.reduce(1, *), "values do not fill the shape")
    // Row-major strides of the input.
    var inputStrides = [Int](repeating: 1, count: shape.count)
    for d in stride(from: shape.count - 2, through: 0, by: -1) {
        inputStrides[d] = inputStrides[d + 1] * shape[d + 1]
    }
    let outputShape = permutation.map { shape[$0] }
    // The input stride of each output axis.
    let strides = permutation.map { inputStrides[$0] }
    var out: [Element] = []
    out.reserveCapacity(values.count)
    var index = [Int](repeating: 0, count: shape.count)
    for _ in 0..<values.count {
        var offset = 0
        for d in index.indices { offset += index[d] * strides[d] }
        out.append(values[offset])
        // Advance the output multi-index, last axis fastest.
        var d = index.count - 1
        while d >= 0 {
            index[d] += 1
            if index[d] < outputShape[d] { break }
            index[d] = 0
            d -= 1
        }
    }
    return out
}

/// What the peer's tests report of a final sample: `torch.sum(torch.abs(x))` and
/// `torch.mean(torch.abs(x))`. Summed in Double, so that the figure is the sample's, not the
/// summation's (float32 summation of 768 values of order 1 moves it by about 1e−5).
struct SampleSummary: Sendable, CustomStringConvertible {
    var sumAbs: Double
    var meanAbs: Double

    init<Scalar: BinaryFloatingPoint>(_ x: [Scalar]) {
        sumAbs = x.reduce(0.0) { $0 + Double(abs($1)) }
        meanAbs = x.isEmpty ? 0 : sumAbs / Double(x.count)
    }

    var description: String { "Σ|x| = \(sumAbs), mean|x| = \(meanAbs)" }
}
