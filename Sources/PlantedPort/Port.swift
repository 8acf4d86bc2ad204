import Foundation

/// A bug the port can be started with (`PlantedPort BUG`), each a real mistake of sampler ports.
enum PlantedBug: String, CaseIterable {
    /// None: the port is right and must pass.
    case none
    /// The last DDPM step (t = 0) and a DDIM step to before index 0 use ᾱ₀ as the previous ᾱ
    /// instead of 1.
    case finalAlphaBar
    /// The DDPM step scales its noise by the variance β̃ₜ instead of the standard deviation √β̃ₜ.
    case betaForSqrtBeta
    /// Leading timesteps are one too high (t = i·(T div N) + 1).
    case offByOneTimesteps
    /// The port's noise source is uniform on [−√3, √3]: mean 0 and variance 1, but not Gaussian.
    case uniformNoise
    /// The learned-range interpolation uses the model's v ∈ [−1, 1] directly as the fraction
    /// instead of (v + 1)/2.
    case learnedRangeFraction
}

/// Refusal of a request: the protocol's error answer.
struct PortError: Error {
    var code: String
    var message: String
}

/// A small, independent Double implementation of the DDPM/DDIM equations, written for the
/// conformance tests from the equations in docs and the golden format alone.
struct Port {
    var bug: PlantedBug
    /// float32 mode: the schedule as a float32 pipeline holds it — β rounded to float32, ᾱ a
    /// running float32 product, 1 − ᾱ subtracted in float32 — and every output rounded to float32.
    var float32 = false

    // MARK: schedule

    struct Schedule {
        var betas: [Double]
        var logAlphaBars: [Double]
        /// float32 mode: ᾱ as a running float32 product.
        var float32AlphaBars: [Float]?
        func alphaBar(_ t: Int) -> Double { float32AlphaBars.map { Double($0[t]) } ?? exp(logAlphaBars[t]) }
        /// 1 − ᾱₜ without cancellation (in float32 mode: with it, as float32 code computes it).
        func oneMinusAlphaBar(_ t: Int) -> Double { float32AlphaBars.map { Double(1 - $0[t]) } ?? -expm1(logAlphaBars[t]) }
    }

    static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        guard n > 1 else { return [a] }
        let step = (b - a) / Double(n - 1)
        var v = (0..<n).map { Double($0) * step + a }
        v[n - 1] = b
        return v
    }

    func schedule(_ spec: [String: Any]) throws -> Schedule {
        guard let T = spec["timesteps"] as? Int, T >= 1 else { throw PortError(code: "bad-schedule", message: "timesteps must be ≥ 1") }
        if (spec["rescaleZeroTerminalSNR"] as? Bool) == true { throw PortError(code: "unsupported", message: "zero-terminal-SNR rescale") }
        let start = spec["betaStart"] as? Double ?? 0.0001
        let end = spec["betaEnd"] as? Double ?? 0.02
        let betas: [Double]
        switch spec["kind"] as? String ?? "linear" {
        case "linear": betas = Self.linspace(start, end, T)
        case "scaledLinear": betas = Self.linspace(start.squareRoot(), end.squareRoot(), T).map { $0 * $0 }
        case "sigmoid": betas = Self.linspace(-6, 6, T).map { 1 / (1 + exp(-$0)) * (end - start) + start }
        case "cosine":
            let s = spec["cosineS"] as? Double ?? 0.008
            let cap = spec["maxBeta"] as? Double ?? 0.999
            // 1 − cos²θ₁/cos²θ₀ = sin(θ₁ + θ₀)·sin(θ₁ − θ₀)/cos²θ₀, without the cancellation.
            func angle(_ tau: Int) -> Double { (Double(tau) / Double(T) + s) / (1 + s) * Double.pi / 2 }
            betas = (0..<T).map { t in
                let a = angle(t), b = angle(t + 1)
                return min(sin(b + a) * sin(b - a) / (cos(a) * cos(a)), cap)
            }
        case "explicit":
            guard let b = spec["betas"] as? [Any] else { throw PortError(code: "bad-schedule", message: "betas") }
            betas = try b.map { v throws -> Double in try Self.number(v) }
        default: throw PortError(code: "unsupported", message: "schedule kind")
        }
        guard betas.count == T, betas.allSatisfy({ $0.isFinite && $0 > 0 && $0 <= 1 }), betas.dropLast().allSatisfy({ $0 < 1 }) else {
            throw PortError(code: "bad-schedule", message: "every β must be in (0, 1) (only the last may be 1)")
        }
        var running = 0.0
        let logs = betas.map { b -> Double in running += log1p(-b); return running }
        guard float32 else { return Schedule(betas: betas, logAlphaBars: logs) }
        var product: Float = 1
        let alphaBars = betas.map { b -> Float in product *= 1 - Float(b); return product }
        return Schedule(betas: betas.map { Double(Float($0)) }, logAlphaBars: logs, float32AlphaBars: alphaBars)
    }

    static func number(_ v: Any) throws -> Double {
        if let x = v as? Double { return x }
        if let s = v as? String { switch s { case "NaN": return .nan; case "Infinity": return .infinity; case "-Infinity": return -.infinity; default: break } }
        throw PortError(code: "bad-request", message: "not a number")
    }

    static func numbers(_ v: Any?, _ name: String) throws -> [Double] {
        guard let a = v as? [Any] else { throw PortError(code: "bad-request", message: "\(name) missing") }
        let x = try a.map(number)
        guard x.allSatisfy(\.isFinite) else { throw PortError(code: "non-finite", message: "\(name) is not finite") }
        return x
    }

    static func index(_ v: Any?, _ name: String, _ T: Int) throws -> Int {
        guard let t = v as? Int, t >= 0, t < T else { throw PortError(code: "out-of-range", message: "\(name) out of range") }
        return t
    }

    // MARK: operations

    func evaluate(op: String, schedule spec: [String: Any], inputs: [String: Any], options: [String: Any], noise: (Int) -> [Double]) throws -> [(String, [Double])] {
        switch op {
        case "schedule":
            let s = try schedule(spec)
            return [("betas", s.betas), ("alphas", s.betas.map { 1 - $0 }), ("alphaBars", (0..<s.betas.count).map(s.alphaBar))]
        case "qSample", "velocity":
            let s = try schedule(spec)
            let t = try Self.index(inputs["t"], "t", s.betas.count)
            let x0 = try Self.numbers(inputs["x0"], "x0"), e = try Self.numbers(inputs["noise"], "noise")
            guard x0.count == e.count else { throw PortError(code: "length", message: "lengths differ") }
            let a = s.alphaBar(t).squareRoot(), b = s.oneMinusAlphaBar(t).squareRoot()
            return op == "qSample" ? [("xt", zip(x0, e).map { a * $0 + b * $1 })] : [("v", zip(x0, e).map { a * $1 - b * $0 })]
        case "posterior":
            let s = try schedule(spec)
            let t = try Self.index(inputs["t"], "t", s.betas.count)
            let c = coefficients(s, t)
            let logClipped = log(t == 0 ? (s.betas.count > 1 ? coefficients(s, 1).variance : 0) : c.variance)
            return [("meanCoefX0", [c.x0]), ("meanCoefXt", [c.xt]), ("variance", [c.variance]), ("logVarianceClipped", [logClipped])]
        case "ddpmStep": return try ddpm(spec, inputs, options, noise)
        case "ddimStep": return try ddim(spec, inputs, options, noise)
        case "timesteps": return [("timesteps", try timesteps(spec, inputs, options).map(Double.init))]
        default: throw PortError(code: "unsupported", message: op)
        }
    }

    /// The posterior q(x_{t−1} | x_t, x_0): mean coefficients and variance β̃ₜ.
    func coefficients(_ s: Schedule, _ t: Int) -> (x0: Double, xt: Double, variance: Double, beta: Double, alphaBarPrev: Double) {
        let previousAlphaBar = t > 0 ? s.alphaBar(t - 1) : (bug == .finalAlphaBar ? s.alphaBar(0) : 1)
        let oneMinusPrevious = t > 0 ? s.oneMinusAlphaBar(t - 1) : (bug == .finalAlphaBar ? s.oneMinusAlphaBar(0) : 0)
        let beta = s.betas[t]
        let oneMinus = s.oneMinusAlphaBar(t)
        return (previousAlphaBar.squareRoot() * beta / oneMinus, (1 - beta).squareRoot() * oneMinusPrevious / oneMinus,
                oneMinusPrevious / oneMinus * beta, beta, previousAlphaBar)
    }

    func predictX0(_ s: Schedule, _ t: Int, _ x: [Double], _ m: [Double], _ type: String) throws -> [Double] {
        let a = s.alphaBar(t).squareRoot(), b = s.oneMinusAlphaBar(t).squareRoot()
        switch type {
        case "epsilon":
            guard a > 0 else { throw PortError(code: "zero-snr", message: "ε-prediction at ᾱ = 0") }
            return zip(x, m).map { ($0 - b * $1) / a }
        case "sample": return m
        case "vPrediction": return zip(x, m).map { a * $0 - b * $1 }
        default: throw PortError(code: "unsupported", message: type)
        }
    }

    func ddpm(_ spec: [String: Any], _ inputs: [String: Any], _ options: [String: Any], _ noise: (Int) -> [Double]) throws -> [(String, [Double])] {
        let s = try schedule(spec)
        let t = try Self.index(inputs["t"], "t", s.betas.count)
        let x = try Self.numbers(inputs["xt"], "xt"), m = try Self.numbers(inputs["modelOutput"], "modelOutput")
        let z = inputs["noise"] == nil ? noise(x.count) : try Self.numbers(inputs["noise"], "noise")
        guard x.count == m.count, z.count == x.count else { throw PortError(code: "length", message: "lengths differ") }
        var x0 = try predictX0(s, t, x, m, options["predictionType"] as? String ?? "epsilon")
        if (options["clipSample"] as? Bool) == true {
            let r = options["clipSampleRange"] as? Double ?? 1
            guard r > 0 else { throw PortError(code: "clip-range", message: "clip range must be > 0") }
            x0 = x0.map { min(max($0, -r), r) }
        }
        let c = coefficients(s, t)
        let mean = zip(x0, x).map { c.x0 * $0 + c.xt * $1 }
        var sigma = [Double](repeating: 0, count: x.count)
        if t > 0 {
            let small = max(c.variance, 1e-20)
            switch options["varianceType"] as? String ?? "fixedSmall" {
            case "fixedSmall": sigma = Array(repeating: bug == .betaForSqrtBeta ? small : small.squareRoot(), count: x.count)
            case "fixedSmallLog": sigma = Array(repeating: exp(0.5 * log(small)), count: x.count)
            case "fixedLarge": sigma = Array(repeating: c.beta.squareRoot(), count: x.count)
            case "learnedRange":
                let v = try Self.numbers(inputs["predictedVariance"], "predictedVariance")
                guard v.count == x.count else { throw PortError(code: "length", message: "lengths differ") }
                sigma = v.map { v in
                    let fraction = bug == .learnedRangeFraction ? v : (v + 1) / 2
                    return exp(0.5 * (fraction * log(c.beta) + (1 - fraction) * log(small)))
                }
            default: throw PortError(code: "unsupported", message: "varianceType")
            }
        }
        return [("prev", (0..<x.count).map { mean[$0] + sigma[$0] * z[$0] }), ("predX0", x0)]
    }

    func ddim(_ spec: [String: Any], _ inputs: [String: Any], _ options: [String: Any], _ noise: (Int) -> [Double]) throws -> [(String, [Double])] {
        let s = try schedule(spec)
        let T = s.betas.count
        let t = try Self.index(inputs["t"], "t", T)
        guard let prevT = inputs["prevT"] as? Int, prevT < t else { throw PortError(code: "out-of-range", message: "prevT must be < t (negative: before index 0)") }
        let eta = options["eta"] as? Double ?? 0
        guard eta >= 0, eta <= 1 else { throw PortError(code: "eta", message: "η must be in [0, 1]") }
        let x = try Self.numbers(inputs["xt"], "xt"), m = try Self.numbers(inputs["modelOutput"], "modelOutput")
        let z = inputs["noise"] == nil ? noise(x.count) : try Self.numbers(inputs["noise"], "noise")
        guard x.count == m.count, z.count == x.count else { throw PortError(code: "length", message: "lengths differ") }
        let type = options["predictionType"] as? String ?? "epsilon"
        let a = s.alphaBar(t), oneMinusA = s.oneMinusAlphaBar(t)
        let toOne = (options["setAlphaToOne"] as? Bool ?? true) && bug != .finalAlphaBar
        let ap = prevT >= 0 ? s.alphaBar(prevT) : (toOne ? 1 : s.alphaBar(0))
        let oneMinusAp = prevT >= 0 ? s.oneMinusAlphaBar(prevT) : (toOne ? 0 : s.oneMinusAlphaBar(0))
        var x0 = try predictX0(s, t, x, m, type)
        var eps: [Double]
        switch type {
        case "epsilon": eps = m
        case "vPrediction": eps = zip(x, m).map { a.squareRoot() * $1 + oneMinusA.squareRoot() * $0 }
        default: eps = zip(x, x0).map { ($0 - a.squareRoot() * $1) / oneMinusA.squareRoot() }
        }
        if (options["clipSample"] as? Bool) == true {
            let r = options["clipSampleRange"] as? Double ?? 1
            guard r > 0 else { throw PortError(code: "clip-range", message: "clip range must be > 0") }
            x0 = x0.map { min(max($0, -r), r) }
            if (options["useClippedModelOutput"] as? Bool) == true {
                eps = zip(x, x0).map { ($0 - a.squareRoot() * $1) / oneMinusA.squareRoot() }
            }
        }
        let variance = oneMinusAp / oneMinusA * (1 - a / ap)
        let sigma = eta * variance.squareRoot()
        let direction = max(0, oneMinusAp - sigma * sigma).squareRoot()
        let prev = (0..<x.count).map { ap.squareRoot() * x0[$0] + direction * eps[$0] + sigma * z[$0] }
        return [("prev", prev), ("predX0", x0)]
    }

    func timesteps(_ spec: [String: Any], _ inputs: [String: Any], _ options: [String: Any]) throws -> [Int] {
        guard let T = spec["timesteps"] as? Int, T >= 1, let n = inputs["numInferenceSteps"] as? Int, n >= 1, n <= T else {
            throw PortError(code: "inference-steps", message: "need 1 ≤ N ≤ T")
        }
        let offset = options["stepsOffset"] as? Int ?? 0
        guard offset >= 0 else { throw PortError(code: "offset", message: "offset ≥ 0") }
        switch options["spacing"] as? String ?? "leading" {
        case "leading": return (0..<n).reversed().map { $0 * (T / n) + offset + (bug == .offByOneTimesteps ? 1 : 0) }
        case "linspace": return Self.linspace(0, Double(T - 1), n).map { Int($0.rounded(.toNearestOrEven)) }.reversed()
        case "trailing":
            let step = -Double(T) / Double(n)
            let count = Int((-Double(T) / step).rounded(.up))
            return (0..<count).map { Int((Double(T) + Double($0) * step).rounded(.toNearestOrEven)) - 1 }
        default: throw PortError(code: "unsupported", message: "spacing")
        }
    }
}
