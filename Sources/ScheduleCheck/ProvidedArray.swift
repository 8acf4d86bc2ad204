/// The precision a pipeline holds its schedule in.
public enum StoragePrecision: String, Sendable, CaseIterable, Comparable {
    case float16, float32, float64

    /// The unit roundoff u = 2^−p (half an ulp of 1).
    public var unitRoundoff: Double {
        switch self {
        case .float16: return 0x1p-11
        case .float32: return 0x1p-24
        case .float64: return 0x1p-53
        }
    }

    public static func < (lhs: StoragePrecision, rhs: StoragePrecision) -> Bool {
        lhs.unitRoundoff > rhs.unitRoundoff
    }

    /// The value rounded to this precision (round to nearest even), back in Double.
    public func round(_ x: Double) -> Double {
        switch self {
        case .float16: return Double(Float16(x))
        case .float32: return Double(Float(x))
        case .float64: return x
        }
    }
}

/// What an explicit array holds.
public enum ArrayKind: String, Sendable, CaseIterable {
    /// β₀ … β_{T−1}.
    case betas
    /// ᾱ₀ … ᾱ_{T−1} (diffusers' `alphas_cumprod`).
    case alphaBars
}

/// An explicit schedule array read from a file or a config, with where each element came from.
public struct ProvidedArray: Sendable {
    public var values: [Double]
    public var kind: ArrayKind
    /// The file it was read from (or the config file holding `trained_betas`).
    public var source: String
    /// The precision of the stored numbers: the `.npy` dtype; for text, float32 when every
    /// number is exactly a float32 (a float32 tensor printed in full), float16 likewise, and
    /// float64 otherwise.
    public var precision: StoragePrecision
    /// 1-based line and column of each element in a text file; empty for `.npy`.
    public var positions: [(line: Int, column: Int)]

    public init(values: [Double], kind: ArrayKind, source: String, precision: StoragePrecision, positions: [(line: Int, column: Int)] = []) {
        self.values = values
        self.kind = kind
        self.source = source
        self.precision = precision
        self.positions = positions
    }

    /// The precision inferred from text numbers: the narrowest format that holds all of them exactly.
    static func inferredPrecision(_ values: [Double]) -> StoragePrecision {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return .float64 }
        if finite.allSatisfy({ StoragePrecision.float16.round($0) == $0 }) { return .float16 }
        if finite.allSatisfy({ StoragePrecision.float32.round($0) == $0 }) { return .float32 }
        return .float64
    }
}
