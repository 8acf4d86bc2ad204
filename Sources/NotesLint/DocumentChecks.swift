import CheckerCore

/// A statement of the β range somewhere in a note.
struct BetaRangeStatement {
    var low: Double
    var high: Double
    var source: SourceText
    var offset: Int
    var origin: String
    var line: Int { source.line(of: offset) + source.lineOffset }
}

/// Checks across a whole note: hyperparameters stated twice, swapped β ends.
enum DocumentChecks {
    static let startNames: Set<String> = ["min_beta", "beta_min", "beta_start", "beta_1", "beta1", "start_beta", "betamin", "beta_0"]
    static let endNames: Set<String> = ["max_beta", "beta_max", "beta_end", "beta_t", "betat", "end_beta", "betamax"]

    /// β ranges written in prose math: `[0.0001, 0.02]` on a line that speaks of β, or
    /// `β_1 = 10^{-4}` with `β_T = 0.02`.
    static func proseRanges(_ chains: [(SourceText, MathAnalysis.Chain)], mathSegments: [(SourceText, [MathSegment])]) -> [BetaRangeStatement] {
        var out: [BetaRangeStatement] = []
        for (source, segments) in mathSegments {
            for seg in segments where !seg.display {
                let text = source.slice(seg.start, seg.end).trimmingCharacters()
                guard let f = text.first, f == "[" || f == "(", let l = text.last, l == "]" || l == ")" else { continue }
                let inner = text.dropFirst().dropLast().split(separator: ",").map { String($0).trimmingCharacters() }
                guard inner.count == 2, let a = texNumber(inner[0]), let b = texNumber(inner[1]) else { continue }
                // (0, 1) or [0, 1] is the interval every β_t (and α_t) lies in, not a schedule's ends.
                guard a > 0, b > 0, a < 1, b < 1 else { continue }
                let r = source.lineRange(source.line(of: seg.start))
                let line = source.slice(r.lowerBound, r.upperBound).lowercased()
                guard line.contains("\\beta") || line.contains("β") || line.contains("beta") else { continue }
                out.append(BetaRangeStatement(low: a, high: b, source: source, offset: seg.start, origin: "the prose"))
            }
        }
        // β_1 = … with the β_T = … that follows it: one statement per pair (a bilingual note states
        // the range once per language).
        var first: (Double, SourceText, Int)?
        for (source, c) in chains where c.chain.sides.count == 2 {
            guard let s = c.chain.sides[0].expr?.asSymbol, s.base == "beta", !s.isTilde, var v = texValue(c.chain.sides[1].tokens) else { continue }
            // `β_T = 0,02`: the formula reader ends the side at the comma; the digits right after it
            // are the decimals of a decimal comma.
            if v == v.rounded(), let last = c.chain.sides[1].tokens.last, let decimals = Self.decimalsAfterComma(source.scalars, at: last.end) { v += decimals }
            if s.subscriptText == "1" || s.subscriptText == "0" { first = (v, source, c.chain.sides[0].start) }
            if s.subscriptText == "T", let (a, src, offset) = first {
                out.append(BetaRangeStatement(low: a, high: v, source: src, offset: offset, origin: "the prose"))
                first = nil
            }
        }
        return out
    }

    /// The decimals of `0,02` when a comma at `offset` is followed at once by digits and then by
    /// no further digit group (`0,1,2` is a list).
    static func decimalsAfterComma(_ scalars: [Unicode.Scalar], at offset: Int) -> Double? {
        guard offset < scalars.count, scalars[offset] == ",", offset + 1 < scalars.count else { return nil }
        var end = offset + 1
        while end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
        guard end > offset + 1, end - offset <= 16, end >= scalars.count || scalars[end] != "," else { return nil }
        return Double("0." + String(String.UnicodeScalarView(scalars[(offset + 1)..<end])))
    }

    static func texNumber(_ text: String) -> Double? {
        if let v = Double(text) { return v }
        let scalars = Array(text.unicodeScalars)
        return texValue(TexLexer.tokenize(scalars, from: 0, to: scalars.count))
    }

    static func texValue(_ tokens: [TexToken]) -> Double? {
        guard let e = TexParser.parse(tokens) else { return nil }
        var constant = true
        e.forEachSymbol { _ in constant = false }
        guard constant else { return nil }
        guard let schedule = PaperSchedule.probes.first?.schedule else { return nil }
        var ev = MathEvaluator(schedule: schedule, t: 1, convention: .ddpm)
        return ev.evaluate(e)
    }

    static func run(hyperparameters: [(SourceText, Hyperparameter)], prose: [BetaRangeStatement], linspace: [LinspaceFact]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let starts = hyperparameters.filter { startNames.contains($0.1.name.lowercased()) && $0.1.number != nil }
        let ends = hyperparameters.filter { endNames.contains($0.1.name.lowercased()) && $0.1.number != nil }
        var statements = prose
        func proseNote() -> String {
            guard let p = prose.first else { return "" }
            return "; line \(p.line) gives the range [\(FormulaJudge.format(min(p.low, p.high))), \(FormulaJudge.format(max(p.low, p.high)))]"
        }
        var swappedNames: [String: (SourceText, Hyperparameter)] = [:]
        if let (source, s) = starts.first, let (_, e) = ends.first, let a = s.number, let b = e.number {
            statements.append(BetaRangeStatement(low: a, high: b, source: source, offset: s.nameOffset, origin: "the hyperparameters"))
            if a > b {
                swappedNames[s.name] = (source, s)
                swappedNames[e.name] = (source, e)
                diagnostics.append(NotesLinter.diagnostic(
                    .swappedHyperparameters,
                    "\(s.name) = \(s.valueText) is larger than \(e.name) = \(e.valueText): the ends of the β range are swapped\(proseNote())",
                    source: source, offset: s.nameOffset,
                    fix: "\(s.name): \(e.valueText), \(e.name): \(s.valueText)"))
            }
        }
        for f in linspace {
            let names = [f.startName, f.endName, f.target].compactMap { $0?.lowercased() }
            guard names.contains(where: { $0.contains("beta") }) else { continue }
            statements.append(BetaRangeStatement(low: f.start, high: f.end, source: f.source, offset: f.offset, origin: "the code"))
            if f.start > f.end {
                var message = "linspace(\(FormulaJudge.format(f.start)), \(FormulaJudge.format(f.end)), …) makes β decrease with t; β_t must grow from the small end"
                if let s = f.startName, let e = f.endName, let (src, h) = swappedNames[s] ?? swappedNames[e] {
                    message += " (\(s) and \(e) hold swapped values, line \(src.line(of: h.nameOffset) + src.lineOffset))"
                }
                diagnostics.append(NotesLinter.diagnostic(.decreasingBetaRange, message, source: f.source, offset: f.offset,
                                                          fix: "linspace(\(FormulaJudge.format(f.end)), \(FormulaJudge.format(f.start)), T)"))
            }
        }
        // The same range stated with different values: report the statements that disagree with
        // the most others (with two statements, the later one).
        func range(_ s: BetaRangeStatement) -> [Double] { [min(s.low, s.high), max(s.low, s.high)] }
        func agree(_ a: BetaRangeStatement, _ b: BetaRangeStatement) -> Bool { zip(range(a), range(b)).allSatisfy { nearlyEqual($0, $1) } }
        // When one side of the disagreement is DDPM's published range [1e-4, 0.02], the prose or
        // hyperparameters that differ from it are the slip; a code schedule may choose its own range.
        func publishedRange(_ low: Double, _ high: Double) -> BetaRangeStatement {
            BetaRangeStatement(low: low, high: high, source: SourceText(path: "", text: ""), offset: 0, origin: "")
        }
        let published = publishedRange(1e-4, 0.02)
        if statements.contains(where: { !agree($0, published) }), let reference = statements.first(where: { agree($0, published) }) {
            // Latent diffusion's [0.00085, 0.012] (Stable Diffusion's scaled-linear schedule) and the
            // VP SDE's β_min = 0.1, β_max = 20 are other models' published ranges: a note that
            // quotes one beside DDPM's describes that model, no slip.
            let otherModels = [publishedRange(0.00085, 0.012), publishedRange(0.1, 20)]
            for s in statements where !agree(s, published) && s.origin != "the code" && !otherModels.contains(where: { agree(s, $0) }) {
                let r = range(s)
                diagnostics.append(NotesLinter.diagnostic(
                    .contradictoryHyperparameters,
                    "\(s.origin) gives the β range [\(FormulaJudge.format(r[0])), \(FormulaJudge.format(r[1]))], \(reference.origin) (line \(reference.line)) gives DDPM's [1e-4, 0.02]",
                    source: s.source, offset: s.offset))
            }
            return diagnostics
        }
        let support = statements.map { s in statements.filter { agree($0, s) }.count }
        let best = support.max() ?? 0
        for (i, s) in statements.enumerated() where support[i] < best || (support[i] == best && best == 1 && i > 0) {
            // Two schedules in the code are two schedules (a notebook compares several); only a
            // range the prose states can contradict another.
            guard let other = statements.enumerated().first(where: { support[$0.offset] == best && !agree($0.element, s)
                && !(s.origin == "the code" && $0.element.origin == "the code") })?.element else { continue }
            let r = range(s), o = range(other)
            diagnostics.append(NotesLinter.diagnostic(
                .contradictoryHyperparameters,
                "\(s.origin) gives the β range [\(FormulaJudge.format(r[0])), \(FormulaJudge.format(r[1]))], \(other.origin) (line \(other.line)) gives [\(FormulaJudge.format(o[0])), \(FormulaJudge.format(o[1]))]",
                source: s.source, offset: s.offset))
        }
        return diagnostics
    }
}
