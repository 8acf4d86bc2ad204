extension MathAnalysis {
    /// Whether the note's math states Ho et al.'s schedule: β_1 (β_min, β_start) = 10⁻⁴,
    /// β_T (β_max, β_end) = 0.02 and T = 1000, each as an equation of its own.
    static func statesStandardSchedule(_ chains: [Chain]) -> Bool {
        var start = false, end = false, steps = false
        for c in chains where c.chain.sides.count == 2 && ["=", "coloneqq", ":="].contains(c.chain.relations[0]) {
            guard let s = c.chain.sides[0].expr?.asSymbol, let v = DocumentChecks.texValue(c.chain.sides[1].tokens) else { continue }
            if s.base == "T", s.subscriptText == nil, s.decorations.isEmpty { steps = steps || v == 1000 }
            guard s.base == "beta", s.decorations.isEmpty else { continue }
            let sub = s.subscriptText
            if sub == "1" || MathEvaluator.scheduleEnd(sub) == .start { start = start || nearlyEqual(v, 1e-4) }
            if sub == "T" || MathEvaluator.scheduleEnd(sub) == .end { end = end || nearlyEqual(v, 0.02) }
        }
        return start && end && steps
    }

    /// Whether the note's math states improved DDPM's cosine offset s = 0.008 and T = 1000, each as
    /// an equation of its own (`$T=1000$`, `$s=0.008$`).
    static func statesCosineSchedule(_ chains: [Chain]) -> Bool {
        var offset = false, steps = false
        for c in chains where c.chain.sides.count == 2 && ["=", "coloneqq", ":="].contains(c.chain.relations[0]) {
            guard let s = c.chain.sides[0].expr?.asSymbol, s.subscriptText == nil, s.decorations.isEmpty,
                  let v = DocumentChecks.texValue(c.chain.sides[1].tokens) else { continue }
            if s.base == "T" { steps = steps || v == 1000 }
            if s.base == "s" { offset = offset || nearlyEqual(v, 0.008) }
        }
        return offset && steps
    }
}
