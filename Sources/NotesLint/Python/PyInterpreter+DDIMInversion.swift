import Reference

extension PyInterpreter {
    /// Whether a step x' = g_x·x + g_ε·ε_θ (+ noise of variance σ²) is the DDIM map between two
    /// levels a and b of one ᾱ table (the code's own tables and the schedule Reference builds):
    ///
    ///     x' = √ᾱ_b·x̂_0 + √(1 − ᾱ_b − σ²)·ε_θ,   x̂_0 = (x − √(1 − ᾱ_a)·ε_θ)/√ᾱ_a,
    ///
    /// so g_x = √(ᾱ_b/ᾱ_a) and g_ε = √(1 − ᾱ_b − σ²) − g_x·√(1 − ᾱ_a). Neither level is tied to
    /// the probe step, and b may be the noisier one: DDIM inversion (x_{t+1} from x_t, the
    /// deterministic encoder of Song et al. 2021, §4.3) is the same map with the roles of the two
    /// levels exchanged. Both ᾱ values must be entries of one table (or ᾱ = 1 for the level
    /// before the first step), so a coefficient that is wrong is still not accepted.
    func isDDIMMapBetweenLevels(gx: Double, ge: Double, sigma2: Double) -> Bool {
        guard gx > 0, gx.isFinite, ge.isFinite, sigma2.isFinite, sigma2 >= 0 else { return false }
        var tables = ownAlphaBarTables()
        if let bars = try? NoiseSchedule(betas: scheduleBetas()).alphaBars { tables.append(bars) }
        for table in tables {
            let levels = table + [1.0]
            for a in levels where a > 0 {
                let b = gx * gx * a
                guard b > 0, b <= 1, 1 - b - sigma2 >= 0, levels.contains(where: { nearlyEqual($0, b) }) else { continue }
                if nearlyEqual(ge, (1 - b - sigma2).squareRoot() - gx * (1 - a).squareRoot()) { return true }
            }
        }
        return false
    }

    /// Names a step that goes to a noisier level (`reverse_sample` in the improved-diffusion sense,
    /// `invert`, `ddim_inversion`, `encode`, `x_t_next`): its result is x_{t+1}, not x_{t−1}.
    static func namesNoisierStep(_ name: String) -> Bool {
        let n = name.lowercased()
        // `x_next` alone is not enough: many samplers call the less noisy sample the next one.
        let words = ["invert", "inversion", "encode", "reverse_sample", "reverse_ode", "forward_ode", "t_next", "t_plus", "tp1"]
        return words.contains { n.contains($0) }
    }

    /// A function's doc-string that says it samples x_{t+1} (or a later step) from x_t, or inverts.
    static func docStringNamesNoisierStep(_ body: [PyStatement]) -> Bool {
        guard case .expression(.string(let text, _), _)? = body.first else { return false }
        let t = String(text.lowercased().filter { !$0.isWhitespace })
        return ["x_{t+1}", "x_t+1", "x_{t+k}", "inver", "encod"].contains { t.contains($0) }
    }
}
