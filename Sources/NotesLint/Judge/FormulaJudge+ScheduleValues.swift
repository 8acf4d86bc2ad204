/// Numbers a note gives for the schedule of Ho et al. 2020 (β_t linear from 10⁻⁴ to 0.02,
/// T = 1000): `e^{−(T/2)(β_min + β_max)} = e^{−10.2}`, `Σ_t β_t = 10.05`, `ᾱ_T ≈ 4·10⁻⁵`.
///
/// Only in a note that states those three values itself; the schedule-valued side is evaluated on
/// that exact schedule (Reference's linear table) and must not depend on t. A written number is
/// read at its written precision: each decimal figure may be off by one unit in its last digit
/// (twice the half unit of rounding, so a rounded value is never flagged at the edge), integers by
/// one, except the base 10 of a power and its exponent, which are exact. A side related by `=` is
/// compared with the side just before it (the arithmetic the line claims); with `≈`, the number
/// must match some schedule-valued side of the chain.
extension FormulaJudge {
    func judgeScheduleValues(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        // The numbers near a cosine formula are that schedule's (improved DDPM's, s = 0.008,
        // T = 1000, when the note states those); elsewhere the linear one's.
        let cosine = valuesFollowCosine
        func follows(_ s: PaperSchedule) -> Bool { cosine ? Self.isStandardCosine(s) : Self.isStandard(s) }
        guard statesStandardSchedule || valuesFollowCosine, chain.sides.count >= 2,
              let standard = allProbes.filter({ follows($0.schedule) }).first,
              let other = allProbes.last(where: { follows($0.schedule) && $0.t != standard.t }) else { return [] }
        let scheduleName = valuesFollowCosine ? "cosine, s = 0.008, T = 1000" : "β linear from 10⁻⁴ to 0.02, T = 1000"
        func scheduleValue(_ k: Int) -> Double? {
            guard let e = exprs[k], e.mentions(base: "alpha") || e.mentions(base: "beta") else { return nil }
            var a = evaluator(standard), b = evaluator(other)
            a.namesScheduleEnds = true
            b.namesScheduleEnds = true
            guard let x = a.evaluate(e), a.requested.isEmpty, let y = b.evaluate(e), x.isFinite, nearlyEqual(x, y) else { return nil }
            return x
        }
        let values = chain.sides.indices.map(scheduleValue)
        for k in chain.sides.indices where k >= chain.carriedSides {
            guard let range = Self.writtenRange(chain.sides[k].tokens) else { continue }
            var compared: [Double] = []
            if k > 0, chain.relations[k - 1] == "=", let v = values[k - 1] {
                compared = [v]
            } else if chain.relations.indices.contains(where: { chain.relations[$0] == "approx" && ($0 == k - 1 || $0 == k) }) {
                compared = values.compactMap { $0 }
                if compared.contains(where: { range.contains($0) }) { notes.structures += 1; continue }
                compared = Array(compared.prefix(1))
            }
            guard let v = compared.first else { continue }
            notes.structures += 1
            if range.contains(v) { continue }
            let stated = chain.sides[k].tokens.count == 1 ? Self.format(range.lowerBound / 2 + range.upperBound / 2) : "\(Self.format(range.lowerBound))…\(Self.format(range.upperBound))"
            return [MathFinding(rule: .wrongScheduleValue, offset: chain.sides[k].start,
                                message: "with the note's schedule (\(scheduleName)) the value is \(Self.format(v)); the number written here is \(stated) at its written precision",
                                fix: "\(Self.format(v))")]
        }
        return []
    }

    /// Improved DDPM's cosine schedule, ᾱ_t = f(t)/f(0) with f(t) = cos²((t/T + s)/(1 + s)·π/2),
    /// s = 0.008, T = 1000 (checked at t = 500, far from the clipping of β near T).
    static func isStandardCosine(_ s: PaperSchedule) -> Bool {
        func f(_ t: Double) -> Double { let c = cos((t / 1000 + 0.008) / 1.008 * Double.pi / 2); return c * c }
        return s.count == 1000 && nearlyEqual(s.alphaBar(500) ?? 0, f(500) / f(0))
    }

    static func isStandard(_ s: PaperSchedule) -> Bool {
        s.count == 1000 && nearlyEqual(s.beta(1) ?? 0, 1e-4) && nearlyEqual(s.beta(1000) ?? 0, 0.02)
            && (2..<1000).allSatisfy { i in nearlyEqual(s.beta(i) ?? 0, 1e-4 + Double(i - 1) / 999 * (0.02 - 1e-4)) }
    }

    /// The interval a side of numbers only stands for at its written precision (nil when it has a
    /// symbol or is not read): evaluated with every inexact number moved by ± one unit of its last
    /// digit, all combinations (a side has a handful of numbers; more are not judged).
    static func writtenRange(_ tokens: [TexToken]) -> ClosedRange<Double>? {
        guard !tokens.isEmpty, let e = TexParser.parse(tokens) else { return nil }
        var symbolic = false
        e.forEachSymbol { s in if !(s.base == "e" && s.subscriptText == nil) { symbolic = true } }
        guard !symbolic else { return nil }
        var inexact: [(index: Int, unit: Double)] = []
        for (i, t) in tokens.enumerated() {
            guard case .number(let v) = t.kind, v.isFinite else { continue }
            let isTenBase = v == 10 && i + 1 < tokens.count && tokens[i + 1].isChar("^")
            let isTenExponent = (1...3).contains { back in
                i - back - 1 >= 0 && tokens[i - back].isChar("^") && tokens[i - back - 1].kind == .number(10)
                    && tokens[(i - back + 1)..<i].allSatisfy { $0.isChar("{") || $0.isChar("-") }
            }
            if isTenBase || isTenExponent { continue }
            let width = t.end - t.start
            let integerDigits = max(1, String(Int(abs(v))).count)
            let decimals = max(0, width - integerDigits - 1)
            inexact.append((i, pow(10, -Double(decimals))))
        }
        guard inexact.count <= 4 else { return nil }
        var lo = Double.infinity, hi = -Double.infinity
        for corner in 0..<(1 << inexact.count) {
            var moved = tokens
            for (bit, n) in inexact.enumerated() {
                guard case .number(let v) = tokens[n.index].kind else { continue }
                moved[n.index].kind = .number(v + (corner >> bit & 1 == 1 ? n.unit : -n.unit))
            }
            guard let m = TexParser.parse(moved) else { return nil }
            var ev = MathEvaluator(schedule: PaperSchedule.probes[0].schedule, t: 1, convention: .ddpm)
            guard let x = ev.evaluate(m), x.isFinite else { return nil }
            lo = min(lo, x)
            hi = max(hi, x)
        }
        return lo <= hi ? lo...hi : nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
