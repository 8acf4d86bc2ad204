#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A random quantity a formula is linear in: a state `x_{t+k}`, the data `x₀`, a model output, or
/// one occurrence of fresh noise (two `ε` in one sum are independent draws, as notes mean them).
enum InputKey: Hashable, Sendable {
    case state(offset: Int)
    case data
    case predictedData
    case predictedNoise
    case predictedVelocity
    /// The model's score s_θ(x_t, t) ≈ ∇ log q(x_t), read only where a check asks for it.
    case predictedScore
    case noise(occurrence: Int)

    var isNoise: Bool { if case .noise = self { return true } else { return false } }
}

/// Which meaning `α_t` has in a document: DDPM's per-step 1 − β_t, or the DDIM paper's product
/// (DDPM's ᾱ_t).
enum AlphaConvention: Sendable, Equatable {
    /// Ho et al.: α_t = 1 − β_t, ᾱ_t = ∏ α_s, β_t a variance.
    case ddpm
    /// Song et al. (DDIM): α_t is DDPM's ᾱ_t.
    case ddim
    /// Su Jianlin's notes: α_t² + β_t² = 1, so α_t is DDPM's √α_t, β_t DDPM's √β_t (a standard
    /// deviation), ᾱ_t = ∏ α_s is DDPM's √ᾱ_t and β̄_t = √(1 − ᾱ_t²).
    case su

    /// How a finding names the reading it assumed.
    var reading: String {
        switch self {
        case .ddpm: return "DDPM's (α_t = 1 − β_t, ᾱ_t = ∏ α_s)"
        case .ddim: return "the DDIM paper's (α_t is DDPM's ᾱ_t)"
        case .su: return "Su's (α_t² + β_t² = 1: α_t is DDPM's √α_t, β_t its √β_t, ᾱ_t its √ᾱ_t)"
        }
    }
}

/// Evaluates a formula at one step of one schedule, with the random quantities given by `input`.
struct MathEvaluator {
    let schedule: PaperSchedule
    let t: Int
    let convention: AlphaConvention
    /// Free parameters: `sigma`, `eta`, and, in free mode, any unknown symbol by name.
    var parameters: [String: Double] = [:]
    var freeSymbols = false
    /// Reads ε (without θ) as the model's prediction: a reverse step written with ε for the
    /// predicted noise and z for the fresh noise.
    var epsilonIsPrediction = false
    /// Reads ε with this subscript (ε_t written twice, in x̂_0 and in the direction term) as the
    /// prediction, the other noises as fresh.
    var predictionSubscript: String?
    /// Reads ε̂ (hatted, without θ) as fresh noise: a step that writes the noise of x_t as ε_t in
    /// its mean and draws ε̂_t for the next state.
    var hatMarksFreshNoise = false
    /// Reads s_θ as the model's score (an input), for the checks that know what it stands for.
    var scoreIsInput = false
    /// Reads β_min/β_start as β_1 and β_max/β_end as β_T: the ends of a linear schedule, for a note
    /// that states them.
    var namesScheduleEnds = false
    /// Reads every variance-like subexpression (β_i, 1 − α_i, 1 − ᾱ_i) as its square root: the
    /// hypothesis "a variance was written where a standard deviation belongs".
    var rootVariances = false
    /// The marks the note defines as its cumulative ᾱ and β̄ (see ``CumulativeNotation``).
    var cumulative = CumulativeNotation()
    var input: (InputKey) -> Double = { _ in 0 }
    private(set) var requested: [InputKey] = []
    private var noiseCount = 0
    private var bound: [String: Int] = [:]
    private var insideRoot = false
    /// Evaluation steps left: nested products over large ranges must not hang the linter.
    private var budget = 100_000
    /// Shared by the evaluations of one formula: once one of them runs out of budget, the others
    /// (every probe and every hypothesis, each as costly) give up at once.
    var allowance: EvaluationAllowance?

    init(schedule: PaperSchedule, t: Int, convention: AlphaConvention) {
        self.schedule = schedule
        self.t = t
        self.convention = convention
        let tilde = schedule.posteriorVariance(t) ?? 0
        parameters["sigma"] = (0.37 * tilde).squareRoot()
        parameters["eta"] = 0.61
    }

    mutating func evaluate(_ e: MathExpr) -> Double? {
        if allowance?.exhausted == true { return nil }
        noiseCount = 0
        requested = []
        budget = 100_000
        let result = value(e)
        // An exhausted budget (too many steps or inputs) means no answer, whatever came back.
        guard budget > 0 else {
            allowance?.exhausted = true
            return nil
        }
        return result
    }

    /// A step of a diffusion model reads a handful of inputs (xₜ, x̂₀, ε̂, v̂, a few noises). A
    /// formula that reads more, such as a noise drawn inside a sum over 1000 steps, is not judged:
    /// its affine form would take one evaluation per input, each as long as the sum.
    static let maximumInputs = 32

    private mutating func request(_ key: InputKey) -> Double {
        if !requested.contains(key) {
            guard requested.count < Self.maximumInputs else {
                budget = 0
                return .nan
            }
            requested.append(key)
        }
        return input(key)
    }

    /// `t`, `t-1`, `T`, `tau_{i-1}`, `0`, a bound product index.
    func index(_ text: String?) -> Int? {
        guard var s = text else { return nil }
        // A sum or product over t binds t: inside it, α_t is the running term, and α_{t−1} the
        // term before it (not the step the formula is probed at).
        if !bound.isEmpty, let b = bound[s] { return b }
        // The common subscripts, without string work (products evaluate them a thousand times).
        switch s {
        case "t" where bound["t"] == nil: return t
        case "t-1" where bound["t"] == nil: return t - 1
        case "t-2" where bound["t"] == nil: return t - 2
        case "t+1" where bound["t"] == nil: return t + 1
        case "0": return 0
        case "1": return 1
        case "T" where bound["T"] == nil: return schedule.count
        default:
            if let b = bound[s] { return b }
        }
        s = s.replacingOccurrences("{", "").replacingOccurrences("}", "").replacingOccurrences("tau_i", "t")
        if s == "prev" || s == "tprev" || s == "t_prev" { return t - 1 }
        var total = 0
        var sign = 1
        var token = ""
        func flush() -> Bool {
            guard !token.isEmpty else { return true }
            let v: Int?
            if let n = Int(token) { v = n } else if let b = bound[token] { v = b } else if token == "t" { v = t } else if token == "T" { v = schedule.count } else { v = nil }
            guard let value = v else { return false }
            total += sign * value
            token = ""
            return true
        }
        for ch in s {
            if ch == "+" || ch == "-" {
                guard flush() else { return nil }
                sign = ch == "-" ? -1 : 1
            } else if ch.isLetter || ch.isNumber {
                token.append(ch)
            } else {
                return nil
            }
        }
        guard flush() else { return nil }
        return total
    }

    /// `log p(x_t)`, `log q_t(x_t)`, `log p_t(x)`: the log of a marginal density of one variable.
    static func isLogDensityOfState(_ e: MathExpr) -> Bool {
        guard case .function("log", let arg, nil) = e, let (head, args) = arg.asApplication, ["p", "q"].contains(head.base),
              !head.isModel, args.count == 1, let x = args[0].expr.asSymbol, x.base == "x" else { return false }
        return true
    }

    enum ScheduleEnd { case start, end }

    /// `min`, `\\min`, `start` name the first β of a schedule; `max`, `end` the last.
    static func scheduleEnd(_ subscriptText: String?) -> ScheduleEnd? {
        switch subscriptText?.filter(\.isLetter).lowercased() {
        case "min", "start": return .start
        case "max", "end": return .end
        default: return nil
        }
    }

    /// Whether α with its mark is the cumulative product (true) or the per-step α (false); nil for
    /// a mark the note gives no meaning to. A note that defines its cumulative mark (α̂_t = ∏ α_s)
    /// is read by that definition alone; one that defines none is read with the usual marks of
    /// the product, a bar or (in some courses) a hat.
    func readsCumulativeAlpha(_ s: MathSymbol) -> Bool? {
        guard let mark = CumulativeNotation.mark(s) else {
            return s.decorations.isDisjoint(with: CumulativeNotation.marks) ? false : nil
        }
        if cumulative.alphaMarks.contains(mark) { return true }
        if !cumulative.alphaMarks.isEmpty { return nil }
        return mark == "bar" || mark == "hat" ? true : nil
    }

    /// In Su's convention, whether β with its mark is the cumulative scale √(1 − ᾱ_t²) (true) or
    /// the per-step β (false); nil for a mark the note gives no meaning to. Without a definition
    /// of β's mark, β carries the mark of the note's cumulative α (Su writes ᾱ_t and β̄_t).
    func readsCumulativeBeta(_ s: MathSymbol) -> Bool? {
        guard let mark = CumulativeNotation.mark(s) else {
            return s.decorations.isDisjoint(with: CumulativeNotation.marks) ? false : nil
        }
        if cumulative.betaMarks.contains(mark) { return true }
        if !cumulative.betaMarks.isEmpty { return nil }
        var alpha = s
        alpha.base = "alpha"
        return readsCumulativeAlpha(alpha) == true ? true : nil
    }

    /// Varies the values free symbols take.
    var salt: UInt64 = 0

    private func hashedValue(_ name: String) -> Double {
        var h: UInt64 = 1469598103934665603 &+ salt &* 7919
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return 0.3 + Double(h % 10_000) / 10_000 * 1.4
    }

    private mutating func symbolValue(_ s: MathSymbol) -> Double? {
        switch s.base {
        case "beta":
            if namesScheduleEnds, !s.isTilde, !s.isBarred, let end = Self.scheduleEnd(s.subscriptText) {
                return end == .start ? schedule.beta(1) : schedule.beta(schedule.count)
            }
            guard let i = index(s.subscriptText) else { return nil }
            if convention == .su {
                guard let cumulative = readsCumulativeBeta(s) else { return nil }
                if cumulative { return schedule.alphaBar(i).map { (1 - $0).squareRoot() } }
                return schedule.beta(i)?.squareRoot()
            }
            if s.isTilde { return schedule.posteriorVariance(cumulative.posteriorIndexedByTarget ? i + 1 : i) }
            // β̄_t, β̂_t: the note's own quantity (1 − ᾱ_t in some notes, a scale in others), never
            // DDPM's β_t by assumption.
            if CumulativeNotation.mark(s) != nil { return nil }
            guard let b = schedule.beta(i) else { return nil }
            return rootVariances && !insideRoot ? b.squareRoot() : b
        case "alpha":
            guard let i = index(s.subscriptText) else { return nil }
            guard let cumulative = readsCumulativeAlpha(s) else { return nil }
            if convention == .su { return (cumulative ? schedule.alphaBar(i) : schedule.alpha(i))?.squareRoot() }
            if cumulative || convention == .ddim { return schedule.alphaBar(i) }
            return schedule.alpha(i)
        case "x":
            if s.isModel { return request(.predictedData) }
            guard let sub = s.subscriptText else { return nil }
            if sub.contains("t") || sub.contains("tau") || sub.contains("prev") {
                guard let i = index(sub) else { return nil }
                return request(.state(offset: i - t))
            }
            if sub == "0" { return request(.data) }
            return nil
        case "epsilon":
            // In a note whose hat marks the cumulative quantities, ε̂_t is the merged noise of the
            // steps up to t (x_t = α̂_t·x_0 + β̂_t·ε̂_t), not the model's prediction.
            let mergedNoise = s.isHatted && (cumulative.alphaMarks.contains("hat") || hatMarksFreshNoise) && s.subscriptText?.contains("theta") != true
            if (s.isModel && !mergedNoise) || epsilonIsPrediction { return request(.predictedNoise) }
            if let p = predictionSubscript, s.subscriptText == p, s.decorations.isEmpty { return request(.predictedNoise) }
            noiseCount += 1
            return request(.noise(occurrence: noiseCount))
        case "z", "xi":
            if s.isModel { return request(.predictedNoise) }
            noiseCount += 1
            return request(.noise(occurrence: noiseCount))
        case "v":
            if s.isModel { return request(.predictedVelocity) }
        case "s" where scoreIsInput:
            if s.isModel { return request(.predictedScore) }
        case "sigma":
            // σ̂_t, σ̃_t: a quantity of the note's own (Analytic-DPM's estimated variance), not σ_t.
            if s.isHatted || s.isTilde { return freeSymbols ? hashedValue("sigma" + (s.subscriptText ?? "") + s.decorations.sorted().joined()) : nil }
            if freeSymbols { return hashedValue("sigma" + (s.subscriptText ?? "")) }
            return parameters["sigma"]
        case "eta": return parameters["eta"]
        case "t" where s.subscriptText == nil && bound["t"] == nil: return Double(t)
        case "T" where s.subscriptText == nil: return Double(schedule.count)
        case "pi": return Double.pi
        case "e" where s.subscriptText == nil: return M_E
        case "I" where s.subscriptText == nil: return 1
        default: break
        }
        // A letter the note defines as the product of its α's is its cumulative α.
        if s.subscriptText != nil, !cumulative.productLetters.isEmpty, cumulative.productLetters.contains(CumulativeNotation.letterKey(s)) {
            guard convention != .ddim, let i = index(s.subscriptText), let product = schedule.alphaBar(i) else { return nil }
            return convention == .su ? product.squareRoot() : product
        }
        if s.subscriptText == nil, s.decorations.isEmpty, let i = bound[s.base] { return Double(i) }
        if freeSymbols { return hashedValue(s.base + (s.subscriptText ?? "") + s.decorations.sorted().joined()) }
        return nil
    }

    private mutating func value(_ e: MathExpr) -> Double? {
        budget -= 1
        guard budget > 0 else { return nil }
        switch e {
        case .number(let v): return v
        case .opaque: return nil
        case .symbol(let s): return symbolValue(s)
        case .sum(let terms):
            var total = 0.0
            for term in terms {
                guard let v = value(term.term) else { return nil }
                total += term.negated ? -v : v
            }
            if rootVariances, !insideRoot, terms.count == 2, case .number(1) = terms[0].term, !terms[0].negated, terms[1].negated,
               let s = terms[1].term.asSymbol, s.base == "alpha" {
                return total.squareRoot()
            }
            return total
        case .product(let factors):
            var total = 1.0
            var i = 0
            while i < factors.count {
                // `∇_{x_t} log p(x_t)`: the gradient (read as an unknown) before the log-density
                // is the score of x_t, for the checks that read the score.
                if scoreIsInput, i + 1 < factors.count, case .opaque = factors[i], Self.isLogDensityOfState(factors[i + 1]) {
                    total *= request(.predictedScore)
                    i += 2
                    continue
                }
                guard let v = value(factors[i]) else { return nil }
                total *= v
                i += 1
            }
            return total
        case .quotient(let a, let b):
            guard let x = value(a), let y = value(b), y != 0 else { return nil }
            return x / y
        case .power(let a, let b):
            // `A^T`, `A^\top`: a transpose, not the power T = 1000; no number for it.
            if let s = b.asSymbol, s.subscriptText == nil, s.base == "T" || s.base == "top" || s.base == "intercal" { return nil }
            let saved = insideRoot
            if case .number(let n) = b, n == 0.5 { insideRoot = true }
            defer { insideRoot = saved }
            guard let x = value(a), let y = value(b) else { return nil }
            return pow(x, y)
        case .root(let a, let index):
            let saved = insideRoot
            insideRoot = true
            defer { insideRoot = saved }
            guard let x = value(a), x >= 0 else { return nil }
            if let index {
                guard let n = value(index), n != 0 else { return nil }
                return pow(x, 1 / n)
            }
            return x.squareRoot()
        case .function(let name, let arg, let power):
            guard let x = value(arg) else { return nil }
            var r: Double
            switch name {
            case "log": guard x > 0 else { return nil }; r = log(x)
            case "exp": r = exp(x)
            case "cos": r = cos(x)
            case "sin": r = sin(x)
            case "tan": r = tan(x)
            case "tanh": r = tanh(x)
            case "sigmoid": r = 1 / (1 + exp(-x))
            default: return nil
            }
            if let power {
                guard let p = value(power) else { return nil }
                r = pow(r, p)
            }
            return r
        case .application(let head, let args):
            if head.base == "epsilon" || (head.base == "z" && head.isModel) { return request(.predictedNoise) }
            if head.base == "x", head.isModel || head.subscriptText == "0" { return request(.predictedData) }
            if head.base == "v", head.isModel { return request(.predictedVelocity) }
            // The DDIM paper's f_θ^{(t)}(x_t) is its prediction of x_0 (Song et al. 2021, Eq. 9).
            if head.base == "f", head.isModel, head.decorations.contains("stepLabel") { return request(.predictedData) }
            if head.base == "s", head.isModel, scoreIsInput { return request(.predictedScore) }
            if head.base == "sigma" { return parameters["sigma"] }
            if head.base == "E", args.count == 1 { return value(args[0].expr) }
            return nil
        case .bigOperator(let name, let indexName, let lower, let upper, let body):
            guard let indexName, let lower, let upper else { return nil }
            // `\prod_i^t`: the index written without its start runs from 1.
            let implicitStart = lower.asSymbol.map { $0.base == indexName && $0.subscriptText == nil } ?? false
            guard let lo = implicitStart ? 1 : value(lower), let hi = value(upper) else { return nil }
            guard let a = safeInt(lo.rounded()), let b = safeInt(hi.rounded()) else { return nil }
            guard b - a < 100_000 else { return nil }
            let saved = bound[indexName]
            defer { bound[indexName] = saved }
            var total = name == "prod" ? 1.0 : 0.0
            if a <= b {
                for i in a...b {
                    bound[indexName] = i
                    guard let v = value(body) else { return nil }
                    if name == "prod" { total *= v } else { total += v }
                }
            }
            return total
        case .norm(let a), .absolute(let a):
            return value(a).map { abs($0) }
        }
    }
}

/// Why the equations of one chain were not judged (the coverage summary lists them).
final class JudgeNotes {
    var reasons: [String] = []
    /// Parts of the chain a structural check examined (a loss weight, a range, a noise law).
    var structures = 0
}

/// Whether a formula has already cost one evaluation its whole budget (see ``MathEvaluator``).
final class EvaluationAllowance {
    var exhausted = false
}

/// The affine form c₀ + Σ cₖ·inputₖ of a formula at one probe, found by evaluating it at unit
/// inputs and confirmed at a generic point (a formula that is not affine gives nil).
struct AffineForm {
    var constant: Double
    var coefficients: [InputKey: Double]

    func coefficient(_ k: InputKey) -> Double { coefficients[k] ?? 0 }
    var noiseVariance: Double { coefficients.filter { $0.key.isNoise }.values.reduce(0) { $0 + $1 * $1 } }
    var hasNoise: Bool { coefficients.contains { $0.key.isNoise && $0.value != 0 } }
    var deterministicKeys: Set<InputKey> { Set(coefficients.filter { !$0.key.isNoise && $0.value != 0 }.keys) }

    init?(_ e: MathExpr, evaluator base: MathEvaluator) {
        var ev = base
        ev.input = { _ in 0 }
        guard let f0 = ev.evaluate(e), f0.isFinite else { return nil }
        let keys = ev.requested
        constant = f0
        coefficients = [:]
        for k in keys {
            ev.input = { $0 == k ? 1 : 0 }
            guard let f = ev.evaluate(e), f.isFinite else { return nil }
            coefficients[k] = f - f0
        }
        var probe: [InputKey: Double] = [:]
        for (n, k) in keys.enumerated() { probe[k] = 0.37 + 0.29 * Double(n) }
        let probeCopy = probe
        ev.input = { probeCopy[$0] ?? 0 }
        guard let f = ev.evaluate(e) else { return nil }
        var predicted = f0
        for (k, v) in probe { predicted += (coefficients[k] ?? 0) * v }
        guard nearlyEqual(f, predicted) else { return nil }
    }
}

/// Relative agreement to 1e-9 (plus 1e-13 absolute): formulas that agree differ by rounding
/// (~1e-15 relative for these few operations); a wrong formula differs by far more.
func nearlyEqual(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + 1e-13
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            result += rest[..<r.lowerBound]
            result += replacement
            rest = rest[r.upperBound...]
        }
        return result + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard let first = target.first else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i] == first, self[i...].hasPrefix(target) {
                return i..<self.index(i, offsetBy: target.count)
            }
            i = index(after: i)
        }
        return nil
    }
}

/// An integer from a Double that user input produced, or nil when it is not finite or is far
/// outside any index (a conversion that would trap).
func safeInt(_ x: Double) -> Int? {
    guard x.isFinite, abs(x) < 1e9 else { return nil }
    return Int(x)
}
