/// What the interpreter knows about a Python value.
enum PyValue {
    case number(Double)
    /// A 1-D numeric array (a schedule), with the offset of an unsquared `cos` it came from.
    case array([Double], unsquaredCosine: Int?)
    /// A per-sample tensor, affine in the inputs (NaN: a coefficient not known).
    case tensor(TensorForm)
    case unknown

    var number: Double? { if case .number(let v) = self { return v } else { return nil } }
    var array: [Double]? { if case .array(let a, _) = self { return a } else { return nil } }
    /// A number, or a batch that holds one value in every entry (`torch.ones(n) * i`, a batch of
    /// samples all at step i): what an index or a comparison sees.
    var uniformNumber: Double? {
        if case .number(let v) = self { return v }
        if case .array(let a, _) = self, let v = a.first, a.allSatisfy({ $0 == v }) { return v }
        return nil
    }
    var tensor: TensorForm? { if case .tensor(let t) = self { return t } else { return nil } }
    var isUnknown: Bool { if case .unknown = self { return true } else { return false } }
}

/// c₀ + Σ cₖ·inputₖ for a tensor computed from the inputs of a function.
struct TensorForm {
    var constant: Double = 0
    var coefficients: [InputKey: Double] = [:]

    static func input(_ k: InputKey) -> TensorForm { TensorForm(constant: 0, coefficients: [k: 1]) }

    func scaled(_ s: Double) -> TensorForm {
        // `0 * coef * noise` with a coefficient not known here (η = 0 in DDIM's σ_t): still zero.
        if s == 0 { return TensorForm(constant: 0, coefficients: coefficients.mapValues { _ in 0 }) }
        return TensorForm(constant: constant * s, coefficients: coefficients.mapValues { $0 * s })
    }

    func adding(_ o: TensorForm, sign: Double = 1) -> TensorForm {
        var c = coefficients
        for (k, v) in o.coefficients { c[k, default: 0] += sign * v }
        return TensorForm(constant: constant + sign * o.constant, coefficients: c)
    }

    func coefficient(_ k: InputKey) -> Double { coefficients[k] ?? 0 }

    var noiseKeys: [InputKey] { coefficients.filter { $0.key.isNoise && ($0.value != 0 || $0.value.isNaN) }.map(\.key) }
    var deterministicKeys: Set<InputKey> { Set(coefficients.filter { !$0.key.isNoise && ($0.value != 0 || $0.value.isNaN) }.keys) }
    var noiseVariance: Double { coefficients.filter { $0.key.isNoise }.values.reduce(0) { $0 + $1 * $1 } }
}
