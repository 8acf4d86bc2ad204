/// An invalid request to a random source.
///
/// Every case has a stable ``code`` that command-line tools and reports can match on, and a
/// ``description`` that names what was expected.
public enum RandomSourceError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A count of values to draw was negative.
    case negativeCount(Int)
    /// An element index of a counter-based stream was negative.
    case negativeIndex(Int)
    /// `startIndex + count` does not fit in `Int`.
    case indexOverflow(startIndex: Int, count: Int)
    /// The seed is outside the range the source accepts (NumPy's legacy seeding takes
    /// 0 … 2³² − 1).
    case seedOutOfRange(kind: RandomSourceKind, seed: UInt64, maximum: UInt64)
    /// The name of a random source is not one of ``RandomSourceKind/allCases``.
    case unknownKind(String)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .negativeCount: "rng.negative-count"
        case .negativeIndex: "rng.negative-index"
        case .indexOverflow: "rng.index-overflow"
        case .seedOutOfRange: "rng.seed-out-of-range"
        case .unknownKind: "rng.unknown-kind"
        }
    }

    public var description: String {
        switch self {
        case .negativeCount(let count):
            "[\(code)] expected a count of values >= 0, got \(count)"
        case .negativeIndex(let index):
            "[\(code)] expected an element index >= 0, got \(index)"
        case .indexOverflow(let startIndex, let count):
            "[\(code)] expected startIndex + count <= Int.max, got \(startIndex) + \(count)"
        case .seedOutOfRange(let kind, let seed, let maximum):
            "[\(code)] expected a seed in 0...\(maximum) for --rng \(kind.rawValue), got \(seed)"
        case .unknownKind(let name):
            "[\(code)] expected one of \(RandomSourceKind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'"
        }
    }
}

@inline(__always)
func checkedCount(_ count: Int) throws(RandomSourceError) {
    if count < 0 { throw .negativeCount(count) }
}

@inline(__always)
func checkedRange(startIndex: Int, count: Int) throws(RandomSourceError) {
    if startIndex < 0 { throw .negativeIndex(startIndex) }
    if count < 0 { throw .negativeCount(count) }
    if startIndex > Int.max - count { throw .indexOverflow(startIndex: startIndex, count: count) }
}
