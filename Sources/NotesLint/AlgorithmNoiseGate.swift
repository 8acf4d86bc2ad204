/// DDPM's sampling algorithm draws fresh noise on every step but the last: for t = T, …, 1,
/// z ∼ N(0, I) if t > 1, else z = 0. Written as pseudo-code in a note, the gate must exclude the
/// loop's last value exactly; a gate that holds on the whole range (t > 0 on t = T, …, 1) adds noise
/// to the returned sample.
enum AlgorithmNoiseGate {
    /// The last value of a loop header `for t = T, …, 1` (`\ldots`, `\dots`, `\cdots`, `...`, `…`).
    static func loopEnd(_ line: String) -> Int? {
        let compact = line.filter { !$0.isWhitespace && $0 != "$" && $0 != "*" && $0 != "{" && $0 != "}" }
        guard let f = compact.range(of: "fort=T,") else { return nil }
        var rest = compact[f.upperBound...]
        for ellipsis in ["\\ldots,", "\\dots,", "\\cdots,", "...,", "…,"] where rest.hasPrefix(ellipsis) {
            rest = rest.dropFirst(ellipsis.count)
            let digits = rest.prefix { $0.isNumber }
            return Int(digits)
        }
        return nil
    }

    /// The threshold of a noise gate `z ∼ N(0, I) if t > c` (also `t \geq c`, `t \ge c`, `t ≥ c`):
    /// the smallest t that draws noise.
    static func firstNoisyStep(_ line: String) -> Int? {
        let compact = line.filter { !$0.isWhitespace && $0 != "$" && $0 != "{" && $0 != "}" }
        guard compact.contains("\\sim") || compact.contains("∼") || compact.contains("~"), compact.contains("if") else { return nil }
        for (form, strict) in [("t>=", false), ("t>", true), ("t\\gt", true), ("t\\geq", false), ("t\\ge", false), ("t≥", false)] {
            guard let r = compact.range(of: form) else { continue }
            guard let c = Int(compact[r.upperBound...].prefix { $0.isNumber }) else { continue }
            return strict ? c + 1 : c
        }
        return nil
    }

    static func check(_ sources: [SourceText]) -> [(SourceText, MathFinding)] {
        var findings: [(SourceText, MathFinding)] = []
        for source in sources {
            var last: Int?
            var linesSinceHeader = 0
            for n in 1...source.lineCount {
                let range = source.lineRange(n)
                let text = source.slice(range.lowerBound, range.upperBound)
                if let end = loopEnd(text) { last = end; linesSinceHeader = 0; continue }
                guard let end = last else { continue }
                linesSinceHeader += 1
                if linesSinceHeader > 8 || text.lowercased().contains("end for") { last = nil; continue }
                guard let first = firstNoisyStep(text), first <= end else { continue }
                findings.append((source, MathFinding(
                    rule: .noiseAtFinalStep, offset: range.lowerBound,
                    message: "the loop runs t = T, …, \(end) and this gate draws noise for every t ≥ \(first), so the last step (t = \(end)) adds noise to the returned sample; the gate must exclude the last step",
                    fix: "z ∼ N(0, I) if t > \(end), else z = 0")))
                last = nil
            }
        }
        return findings
    }
}
