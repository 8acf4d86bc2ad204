/// The v target α_t·ε − σ_t·x_0 (Salimans & Ho 2022) written with the noised sample x_t in place
/// of x_0. With x_t = α_t·x_0 + σ_t·ε, α_t·ε − σ_t·x_t = (α_t − σ_t²)·ε − α_t·σ_t·x_0, which is
/// neither v, ε nor x_0 for any σ_t > 0.
///
/// Read by form within one scope: x_t is a name the scope assigns from a forward-noising call
/// (`x_t = q_sample(…)`, or the first of its unpacked results), the minuend is the noise times a
/// coefficient named for α (`alpha`, `sqrt_alphas_cumprod`), the subtrahend x_t times one named
/// for σ (`sigma`, `sqrt_one_minus_…`). v written through x_t, (ε − σ_t·x_t)/α_t, has another form.
extension CodeAnalysis {
    static func vTargetFromNoisedSampleFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        scanVTargets(statements, into: &findings)
        return findings
    }

    private static func scanVTargets(_ scope: [PyStatement], into findings: inout [CodeFinding]) {
        var noised = Set<String>()
        var nested: [[PyStatement]] = []
        var candidates: [PyExpr] = []
        func visit(_ list: [PyStatement]) {
            for s in list {
                switch s {
                case .function(_, _, let body, _), .classDef(_, let body, _): nested.append(body)
                case .assign(let targets, let value, _):
                    if case .call(let f, _, _, _) = value, let fn = f.dottedName, isForwardNoising(lastComponent(fn)) {
                        for t in targets {
                            if case .name(let n, _) = t { noised.insert(n) }
                            if case .tuple(let items, _) = t, case .name(let n, _)? = items.first { noised.insert(n) }
                        }
                    }
                    candidates.append(value)
                case .expression(let e, _), .returnValue(let e?, _): e.walk { if case .call(_, let args, let kws, _) = $0 { candidates += args + kws.map(\.1) } }
                default: s.nestedBodies.forEach(visit)
                }
            }
        }
        visit(scope)
        for value in candidates {
            guard case .binary("-", let first, let second, let at) = value,
                  let (noise, alpha) = product(first, factorIs: namesDrawnNoise), coefficientNamed(alpha, sigma: false),
                  let (sample, sigma) = product(second, factorIs: { noised.contains($0) }), coefficientNamed(sigma, sigma: true)
            else { continue }
            if findings.contains(where: { $0.offset == at }) { continue }
            findings.append(CodeFinding(
                rule: .vTargetFromNoisedSample, offset: at,
                message: "the v target subtracts σ_t·\(sample), the noised sample, where x_0 belongs: v = α_t·\(noise) − σ_t·x_0; with x_t = α_t·x_0 + σ_t·ε this expression is (α_t − σ_t²)·ε − α_t·σ_t·x_0",
                fix: "alpha_t * \(noise) - sigma_t * x_0"))
        }
        for body in nested { scanVTargets(body, into: &findings) }
    }

    /// A name for the drawn noise itself (not a prediction or a noised sample); the looser
    /// `isNoiseName(_: String?)` of the form rules also takes samples and latents.
    static func namesDrawnNoise(_ n: String) -> Bool {
        let lower = n.lowercased()
        return noiseNames.contains(lower) || (lower.contains("noise") && !lower.contains("pred") && !lower.contains("noisy") && !lower.contains("noised"))
    }

    /// `name * c` or `c * name`: the name (a factor `is` accepts) and the other factor.
    static func product(_ e: PyExpr, factorIs accept: (String) -> Bool) -> (String, PyExpr)? {
        guard case .binary("*", let a, let b, _) = e else { return nil }
        if case .name(let n, _) = a, accept(n) { return (n, b) }
        if case .name(let n, _) = b, accept(n) { return (n, a) }
        return nil
    }

    /// A coefficient whose names say it is α_t (`alphas`, `sqrt_alphas_cumprod`) or σ_t (`sigmas`,
    /// `sqrt_one_minus_alphas_cumprod`).
    static func coefficientNamed(_ e: PyExpr, sigma: Bool) -> Bool {
        var names: [String] = []
        e.walk { node in
            if case .name(let n, _) = node { names.append(n.lowercased()) }
            if case .attribute(_, let n, _) = node { names.append(n.lowercased()) }
        }
        let isSigma = names.contains { $0.contains("sigma") || $0.contains("one_minus") }
        let isAlpha = names.contains { $0.contains("alpha") } && !isSigma
        return sigma ? isSigma : isAlpha
    }
}
