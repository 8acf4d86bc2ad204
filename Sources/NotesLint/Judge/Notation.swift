/// Writes the right formula in the document's own convention (DDPM's ᾱ or the DDIM paper's α).
struct Notation {
    var convention: AlphaConvention
    var usesBeta: Bool

    /// `t`, `t−1`, `t+1` for an offset from t.
    static func index(_ k: Int) -> String {
        k == 0 ? "t" : (k < 0 ? "t−\(-k)" : "t+\(k)")
    }

    static func sub(_ k: Int) -> String {
        k == 0 ? "_t" : "_{\(index(k))}"
    }

    /// The cumulative product at t + k.
    func alphaBar(_ k: Int) -> String { (convention == .ddim ? "α" : "ᾱ") + Self.sub(k) }

    /// The per-step α at t + k.
    func alpha(_ k: Int) -> String { convention != .ddim ? "α" + Self.sub(k) : "(\(alphaBar(k))/\(alphaBar(k - 1)))" }

    func beta(_ k: Int) -> String { convention != .ddim ? "β" + Self.sub(k) : "(1 − \(alphaBar(k))/\(alphaBar(k - 1)))" }

    func x(_ k: Int) -> String { "x" + Self.sub(k) }

    /// `x_{t+a} = … x_{t+b} …` (b == nil: from x_0).
    /// `numberedBySource`: the step x_b → x_{b+1} carries the index of the state it leaves (α_b).
    func forwardSample(to a: Int, from b: Int?, numberedBySource: Bool = false) -> String {
        guard let b else {
            return "\(x(a)) = √\(alphaBar(a))·x_0 + √(1 − \(alphaBar(a)))·ε"
        }
        let (mean, variance) = forwardParameters(to: a, from: b, numberedBySource: numberedBySource)
        return "\(x(a)) = \(root(mean))·\(x(b)) + \(root(variance))·\(a - b > 1 ? "ε̄" : "ε")"
    }

    func forwardDistribution(to a: Int, from b: Int?, numberedBySource: Bool = false) -> String {
        guard let b else {
            return "q(\(x(a)) | x_0) = N(\(x(a)); √\(alphaBar(a))·x_0, (1 − \(alphaBar(a)))·I)"
        }
        let (mean, variance) = forwardParameters(to: a, from: b, numberedBySource: numberedBySource)
        // `1 − α_t` is a difference: it takes parentheses before ·I.
        let scaled = variance.contains(" ") && !variance.hasPrefix("(") ? "(\(variance))" : variance
        return "q(\(x(a)) | \(x(b))) = N(\(x(a)); \(root(mean))·\(x(b)), \(scaled)·I)"
    }

    private func root(_ s: String) -> String {
        let symbols = s.filter { "αβᾱ".contains($0) }.count
        return symbols <= 1 && !s.contains(" ") && !s.contains("(") ? "√" + s : "√(\(s))"
    }

    private func forwardParameters(to a: Int, from b: Int, numberedBySource: Bool = false) -> (String, String) {
        let steps = a - b
        if convention == .ddim {
            return ("\(alphaBar(a))/\(alphaBar(b))", "1 − \(alphaBar(a))/\(alphaBar(b))")
        }
        if steps == 1 {
            let k = numberedBySource ? b : a
            return usesBeta ? ("1 − \(beta(k))", beta(k)) : (alpha(k), "1 − \(alpha(k))")
        }
        let product = (0..<steps).map { alpha(a - $0) }.joined()
        return (product, "1 − \(product)")
    }

    var posteriorVariance: String {
        "β̃_t = (1 − \(alphaBar(-1)))/(1 − \(alphaBar(0)))·\(beta(0))"
    }

    var posteriorMean: String {
        "μ̃_t = √\(alphaBar(-1))·\(beta(0))/(1 − \(alphaBar(0)))·x_0 + √\(alpha(0))·(1 − \(alphaBar(-1)))/(1 − \(alphaBar(0)))·x_t"
    }

    var predictedData: String {
        "x̂_0 = (x_t − √(1 − \(alphaBar(0)))·ε_θ(x_t, t))/√\(alphaBar(0))"
    }

    var reverseStep: String {
        "x_{t−1} = 1/√\(alpha(0))·(x_t − \(beta(0))/√(1 − \(alphaBar(0)))·ε_θ(x_t, t)) + σ_t·z"
    }

    var ddimUpdate: String {
        "x_{t−1} = √\(alphaBar(-1))·(x_t − √(1 − \(alphaBar(0)))·ε_θ(x_t, t))/√\(alphaBar(0)) + √(1 − \(alphaBar(-1)) − σ_t²)·ε_θ(x_t, t) + σ_t·z"
    }

    var ddimKernel: String {
        "q_σ(x_{t−1} | x_t, x_0) = N(√\(alphaBar(-1))·x_0 + √(1 − \(alphaBar(-1)) − σ_t²)·(x_t − √\(alphaBar(0))·x_0)/√(1 − \(alphaBar(0))), σ_t²·I)"
    }

    var ddimSigma: String {
        "σ_t(η) = η·√((1 − \(alphaBar(-1)))/(1 − \(alphaBar(0))))·√(1 − \(alphaBar(0))/\(alphaBar(-1)))"
    }

    var simpleLoss: String {
        "L_simple = E‖ε − ε_θ(√\(alphaBar(0))·x_0 + √(1 − \(alphaBar(0)))·ε, t)‖²"
    }

    static let gaussianKL = "KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½"
    static let cosine = "ᾱ_t = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s)·π/2)"
}
