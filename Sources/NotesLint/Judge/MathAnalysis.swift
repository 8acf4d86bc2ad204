import Foundation
import CheckerCore

/// The math of one document: its chains, its inferred α convention, and the findings.
enum MathAnalysis {
    struct Chain {
        var chain: FormulaChain
        /// The prose line an inline formula stands in (for a standalone expression's role).
        var context: String
        /// The chain's display also states x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε_θ: its x_0 is the model's estimate.
        var dataIsEstimate = false
        /// The words right before the inline formula introduce its left side as a new name
        /// ("Let $\tilde\epsilon = …$").
        var namesLeftSide = false
    }

    /// Words that, ending the prose right before an inline formula, make its first equality a
    /// definition of a new name: what the right side is, not a claim about its law.
    static let definingWords = ["let", "define", "denote", "令", "设", "记", "定义", "とおく", "おく"]

    /// Whether the prose on the line before an inline formula at `start` ends in a word that
    /// introduces a name (`Let`, `define`, `令`).
    static func introducesName(before start: Int, in source: SourceText) -> Bool {
        let lineStart = source.lineRange(source.line(of: start)).lowerBound
        // The formula's own opener (`$`, `\(`) stands between the words and its first character.
        var before = source.slice(lineStart, start).lowercased()
        for opener in ["$", "\\("] where before.hasSuffix(opener) { before.removeLast(opener.count) }
        before = before.trimmingCharacters(in: .whitespaces)
        let lastWord = before.split(whereSeparator: { !$0.isLetter }).last.map(String.init) ?? ""
        return definingWords.contains { word in
            word.allSatisfy(\.isASCII) ? lastWord == word && before.hasSuffix(word) : before.hasSuffix(word)
        }
    }

    /// Whether a formula pairs a delimiter with the invisible one, `\left.` or `\right.`, the dot
    /// written right after the command or after blanks (`\right .`).
    static func hasNullDelimiter(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for command in ["\\left", "\\right"] {
            let word = Array(command.unicodeScalars)
            var k = 0
            while k + word.count <= scalars.count {
                if Array(scalars[k..<(k + word.count)]) == word {
                    var j = k + word.count
                    while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" || scalars[j] == "\n" { j += 1 }
                    if j < scalars.count, scalars[j] == "." { return true }
                }
                k += 1
            }
        }
        return false
    }

    /// `x_t = … x_0 … ε_θ …`: the note's own relation making x_0 the estimate the model implies.
    static func statesDataAsEstimate(_ chain: FormulaChain) -> Bool {
        guard chain.sides.count == 2, FormulaJudge.equalities.contains(chain.relations[0]),
              let lhs = chain.sides[0].expr?.asSymbol, ["x", "X"].contains(lhs.base), lhs.subscriptText == "t",
              let rhs = chain.sides[1].expr else { return false }
        var data = false, model = false, noise = false
        rhs.forEachSymbol { s in
            if ["x", "X"].contains(s.base), s.subscriptText == "0", !s.isHatted { data = true }
            if s.base == "epsilon", s.isModel { model = true }
            if ["epsilon", "z", "xi"].contains(s.base), !s.isModel { noise = true }
        }
        return data && model && !noise
    }

    /// The math of a document made of one or more texts (a notebook's markdown cells): one
    /// convention for the whole document, findings per text.
    static func analyze(_ parts: [(source: SourceText, segments: [MathSegment])], macros: TexMacros = TexMacros()) -> (findings: [(SourceText, MathFinding)], chains: [(SourceText, Chain)], convention: AlphaConvention, coverage: [LintCoverage.Entry], reading: String) {
        var chains: [(SourceText, Chain)] = []
        var findings: [(SourceText, MathFinding)] = []
        let macros = macros.withAlphaLetters(definedIn: parts.flatMap { part in part.segments.map { part.source.slice($0.start, $0.end) } })
        let inlineMacros = macros.inlineCommands
        for (source, segments) in parts {
            // Inline formulas on one line share its text: sliced once, not once per formula.
            var lineTexts: [Int: String] = [:]
            // Inline formulas of one paragraph are balanced together: `$P(z|$ words `$)$` opens in
            // one and closes in the next, on the same line or on the next line of the paragraph
            // (one rendered paragraph, however its source lines are broken).
            var inlineByLine: [Int: [TexToken]] = [:]
            // `(where $z \sim \mathcal{N}(0, I))$`, `the range [$10^{-4}, 0.02]$`: a parenthesis or
            // bracket opened in the words of the paragraph and closed inside a formula. The prose
            // openers still open before each inline formula, per paragraph; each may take one
            // closer that a formula has too many (parentheses and brackets close each other, as
            // in a formula: `[0, 1)`).
            var proseOpeners: [Int: [Int]] = [:]
            // `$x(t$ )`: the mirror case, a parenthesis opened at the end of a formula and closed
            // in the words right after it, before the line or the next formula.
            var inlineSpans: [Int: [(start: Int, end: Int)]] = [:]
            var proseScanned: [Int: Int] = [:]
            var paragraphStarts: [Int: Int] = [:]
            func paragraphStart(_ line: Int) -> Int {
                if let known = paragraphStarts[line] { return known }
                var l = line
                while l > 1, line - l < 50, !source.slice(source.lineRange(l - 1).lowerBound, source.lineRange(l - 1).upperBound).allSatisfy(\.isWhitespace) { l -= 1 }
                paragraphStarts[line] = l
                return l
            }
            var lineOrder: [Int] = []
            var lastDisplay: (chain: FormulaChain, end: Int)?
            var sourceChains: [Chain] = []
            for segment in segments {
                let text = source.slice(segment.start, segment.end)
                let tokens = macros.expand(TexLexer.tokenize(source.scalars, from: segment.start, to: segment.end))
                // `\left.` and `\right.` pair a visible delimiter with an invisible one; TeX
                // allows a space before the dot (`\right .`).
                if !Self.hasNullDelimiter(text) {
                    let balanced = DelimiterBalance.withProseDelimiters(tokens, source.scalars)
                    if segment.display {
                        for p in DelimiterBalance.problems(in: balanced, scalars: source.scalars, inlineMacros: inlineMacros) {
                            findings.append((source, MathFinding(rule: .unbalancedDelimiters, offset: p.offset, message: p.message, fix: nil)))
                        }
                    } else {
                        let line = paragraphStart(source.line(of: segment.start))
                        if inlineByLine[line] == nil { lineOrder.append(line) }
                        inlineByLine[line, default: []] += balanced
                        inlineSpans[line, default: []].append((segment.start, segment.end))
                        let from = proseScanned[line] ?? source.lineRange(line).lowerBound
                        for k in from..<max(from, segment.start) {
                            let c = source.scalars[k]
                            if "(（[［".unicodeScalars.contains(c) { proseOpeners[line, default: []].append(k) }
                            if ")）]］".unicodeScalars.contains(c), !(proseOpeners[line]?.isEmpty ?? true) { proseOpeners[line]?.removeLast() }
                        }
                        proseScanned[line] = segment.end
                    }
                }
                for at in ZeroWidthIntegral.offsets(in: tokens) {
                    findings.append((source, MathFinding(rule: .wrongBounds, offset: at,
                                                         message: "the integral's lower and upper limits are the same expression, so it is 0 whatever it integrates: one limit is wrong",
                                                         fix: nil)))
                }
                let lineRange = source.lineRange(source.line(of: segment.start))
                var context = ""
                if !segment.display {
                    if let known = lineTexts[lineRange.lowerBound] {
                        context = known
                    } else {
                        context = source.slice(lineRange.lowerBound, lineRange.upperBound)
                        lineTexts[lineRange.lowerBound] = context
                    }
                }
                var read = FormulaReader.chains(of: segment.display ? FormulaReader.breakingUnbrokenLines(tokens, source.scalars) : tokens)
                if segment.display {
                    // A display that opens with `= …` continues the previous display's derivation when
                    // at most a few lines of prose (`using ᾱ_t = α_t ᾱ_{t−1}:`) stand between them.
                    if let previous = lastDisplay, source.line(of: segment.start) - source.line(of: previous.end) <= Self.continuationGap,
                       !Self.turnsToAPart(source.slice(previous.end, segment.start)),
                       Self.opensWithRelation(text), let first = read.first, let continued = first.continuing(previous.chain, equalities: FormulaJudge.equalities) {
                        read[0] = continued
                    }
                    // Only a chain that runs to the end of its display can be continued: one cut
                    // short by prose (`… \text{Var}(x_t)`) does not end where the next display resumes.
                    lastDisplay = read.last.flatMap { chain in
                        guard let end = chain.sides.last?.tokens.last?.end, Self.isTail(source.slice(end, segment.end)) else { return nil }
                        return (chain: chain, end: segment.end)
                    }
                }
                let statesEstimate = read.map(Self.statesDataAsEstimate)
                let estimate = segment.display && statesEstimate.contains(true)
                let namesLeftSide = !segment.display && Self.introducesName(before: segment.start, in: source)
                sourceChains += zip(read, statesEstimate).enumerated().map { i, pair in
                    Chain(chain: pair.0, context: context, dataIsEstimate: estimate && !pair.1, namesLeftSide: namesLeftSide && i == 0)
                }
            }
            chains += IndexBinding.apply(to: sourceChains, in: source).map { (source, $0) }
            for line in lineOrder {
                var openers = proseOpeners[line] ?? []
                for p in DelimiterBalance.problems(in: inlineByLine[line] ?? [], scalars: source.scalars, inlineMacros: inlineMacros) {
                    if p.strayCloser, let k = openers.lastIndex(where: { $0 < p.offset }) {
                        openers.remove(at: k)
                        continue
                    }
                    if p.strayOpener, let span = inlineSpans[line]?.first(where: { $0.start <= p.offset && p.offset < $0.end }),
                       Self.closedInTheWordsAfter(span.end, source.scalars) {
                        continue
                    }
                    findings.append((source, MathFinding(rule: .unbalancedDelimiters, offset: p.offset, message: p.message, fix: nil)))
                }
            }
        }
        let cumulative = CumulativeNotation.read(chains.map(\.1.chain))
        let convention = inferConvention(chains.map(\.1), cumulative: cumulative)
        var judge = FormulaJudge(convention: convention)
        judge.cumulative = cumulative
        judge.logSNRScale = FormulaJudge.logSNRScale(in: chains.map(\.1.chain))
        judge.statesStandardSchedule = statesStandardSchedule(chains.map(\.1))
        // A flow-matching or interpolant note that writes no ᾱ: its α_t, β_t, σ_t are its path's.
        judge.pathDocument = ContinuousPath.isPathDocument(chains.map(\.1.chain))
        judge.betaIsVarianceIncrement = ContinuousPath.definesVarianceIncrement(chains.map(\.1.chain))
        judge.statesHalfScoreFlow = FormulaJudge.statesHalfScoreFlow(chains.map(\.1.chain))
        judge.constantDensities = FormulaJudge.constantDensities(chains.map(\.1.chain))
        judge.stepRunsOverSubsequence = parts.contains { Self.runsStepOverSubsequence(String(String.UnicodeScalarView($0.source.scalars))) }
        judge.sigmaIsPosteriorVariance = judge.definesSigmaAsPosteriorVariance(chains.map(\.1.chain))
        // A note that explains DDPM with ᾱ and then DDIM in the paper's own α uses both readings:
        // with two or more formulas right only in another reading, a formula right in either is
        // right. A note in Su's notation may also quote the DDIM paper or DDPM in theirs; Su's
        // reading is never an alternative to the others (its α_t is a square root of DDPM's, which
        // would excuse every missing root).
        let alternatives: [AlphaConvention] = switch convention {
        case .ddpm: [.ddim]
        case .ddim: [.ddpm]
        case .su: [.ddim, .ddpm]
        }
        func clean(_ r: (recognized: Int, findings: [MathFinding])) -> Bool {
            r.recognized > 0 && r.findings.allSatisfy { $0.rule == .unbalancedDelimiters || $0.rule == .conditioningMismatch }
        }
        var supported: [(convention: AlphaConvention, judge: FormulaJudge)] = []
        for c in alternatives {
            var j = FormulaJudge(convention: c)
            j.cumulative = cumulative
            var onlyOther = 0
            for (_, chain) in chains where chain.chain.sides.contains(where: { $0.expr.map { readsDifferently($0, su: convention == .su) } ?? false })
                && !isNotationCorrespondence(chain.chain) {
                if clean(j.judge(chain.chain, context: chain.context)), !clean(judge.judge(chain.chain, context: chain.context)) { onlyOther += 1 }
                if onlyOther >= 2 { break }
            }
            if onlyOther >= 2 { supported.append((c, j)) }
        }
        judge.alsoUsesPaperReading = convention == .ddpm && supported.contains { $0.convention == .ddim }
        let scaledNoise = ScaledNoiseDeclarations(chains.map { (source: $0.0, chain: $0.1.chain) }, judge: judge)
        let ownAlpha: (source: SourceText, offset: Int)? = chains.lazy.compactMap { (source, c) in
            Self.plainAlphaDefinedByAlphaBar(c.chain).map { (source, $0) }
        }.first
        let ownSigma = ownAlpha != nil && chains.contains { Self.definesSigmaFromAlpha($0.1.chain) }
        let otherOptions = Self.optionsBesideARightValue(chains, judge: judge, clean: clean)
        var coverage: [LintCoverage.Entry] = []
        // Where the latest cosine schedule formula stood: the numbers just after it are its values.
        var lastCosine: (cell: Int?, line: Int)?
        let statesCosineParameters = statesCosineSchedule(chains.map(\.1))
        // The paths the note names, for the velocity check (DL170).
        let paths = ContinuousPath.namedPaths(chains.map { (source, c) in (chain: c.chain, line: { source.line(of: $0) + source.lineOffset }) })
        for (source, c) in chains {
            // `ε_θ^{(t)}` and α over the subsequence τ (`α_{τ_i}`) are the DDIM paper's typesetting:
            // such a formula is read in its notation, unless it writes ᾱ itself (a note that took
            // the paper's symbols into DDPM's).
            var typesetAsPaper = false, writesAlphaBar = false, writesPlainAlpha = false
            for side in c.chain.sides {
                side.expr?.forEachSymbol {
                    // A model's output labelled by its step; θ^{(l)}, the parameters at iteration l, is no such label.
                    if $0.decorations.contains("stepLabel"), $0.isModel { typesetAsPaper = true }
                    if $0.base == "alpha", let sub = $0.subscriptText, sub.contains("tau") || sub.contains("τ") { typesetAsPaper = true }
                    if $0.base == "alpha", $0.isBarred { writesAlphaBar = true }
                    if $0.base == "alpha", !$0.isBarred, $0.subscriptText != nil { writesPlainAlpha = true }
                }
            }
            let paperTypeset = convention == .ddpm && typesetAsPaper && !writesAlphaBar
            var chainJudge = judge
            if paperTypeset {
                chainJudge = judge.reading(.ddim)
            }
            // A formula with both α_t and ᾱ_t in a note read in the DDIM paper's notation: that
            // notation has no ᾱ, so the formula is DDPM's (a note that quotes both papers).
            if convention == .ddim, writesAlphaBar, writesPlainAlpha {
                chainJudge = judge.reading(.ddpm)
            }
            if let start = c.chain.sides.first?.tokens.first?.start {
                let line = source.line(of: start) + source.lineOffset
                if c.chain.sides.contains(where: { $0.expr.map(mentionsCosine) ?? false }) { lastCosine = (source.cell, line) }
                // A number stated in the cosine schedule's neighbourhood is not a value of the linear one.
                if let cosine = lastCosine, cosine.cell == source.cell, (0...Self.scheduleContextLines).contains(line - cosine.line) {
                    chainJudge.statesStandardSchedule = false
                    chainJudge.valuesFollowCosine = statesCosineParameters
                }
            }
            chainJudge.dataIsEstimate = c.dataIsEstimate
            chainJudge.namesLeftSide = c.namesLeftSide
            var (recognized, found) = chainJudge.judge(c.chain, context: c.context)
            // The velocity of a path stated as its time derivative, against the paths the note names.
            if let velocity = ContinuousPath.velocityFindings(c.chain, paths: paths) {
                recognized += 1
                found += velocity
            }
            // `α_t = ᾱ_t` maps one paper's symbol onto another's: true of the papers, no equation
            // of this note in either reading.
            if isNotationCorrespondence(c.chain) { (recognized, found) = (0, []) }
            // The carried side belongs to the display above, whose own chain reported on it.
            if c.chain.carriesPreviousSide, let start = c.chain.sides[c.chain.carriedSides].tokens.first?.start { found = found.filter { $0.offset >= start } }
            // `| $t=0$ | $x_t=x_0$ |`: a formula under a condition that fixes t holds at that t only.
            var mixedReason: String?
            if let noise = scaledNoise.symbol(beside: c.chain, in: source) {
                let before = found.count
                found = found.filter { $0.rule == .unbalancedDelimiters }
                if found.count < before || recognized > 0 {
                    recognized = 0
                    mixedReason = "not judged: the note gives its noise \(noise.base == "epsilon" ? "ε" : noise.base)\(noise.subscriptText.map { "_" + $0 } ?? "") a variance of its own beside this formula"
                }
            }
            // The note's σ_t is its marginal's noise scale (σ_t = √(1 − α_t²)), not DDIM's free σ_t:
            // a formula in it is no DDIM update or σ_t(η).
            if ownSigma, c.chain.sides.contains(where: { $0.expr.map(Self.mentionsStepSigma) ?? false }) {
                let before = found.count
                found = found.filter { ![.wrongDDIMUpdate, .wrongDDIMSigma, .etaForEtaSquared].contains($0.rule) }
                if found.count < before { recognized = 0; mixedReason = "not judged as DDIM's: the note's σ_t is its marginal's noise scale, σ_t = √(1 − α_t²)" }
            }
            if let ownAlpha, c.chain.sides.contains(where: { $0.expr.map(Self.mentionsPlainAlpha) ?? false }) {
                let before = found.count
                // An identity in x_t, x_0 and ε reads α_t as one of the two readings as well.
                found = found.filter { !readingDependent.contains($0.rule) && $0.rule != .forwardIdentity }
                if found.count < before || recognized > 0 {
                    recognized = 0
                    let line = ownAlpha.source.line(of: ownAlpha.offset) + ownAlpha.source.lineOffset
                    mixedReason = "not judged: the note defines its own α_t from ᾱ_t (\(ownAlpha.source.cell.map { "cell \($0 + 1), " } ?? "")line \(line)), the marginal's signal coefficient, which is neither DDPM's nor the DDIM paper's α"
                }
            }
            if !c.context.isEmpty, let first = c.chain.sides.first?.tokens.first, let last = c.chain.sides.last?.tokens.last,
               Self.fixesTime(c.context, besides: source.slice(first.start, last.end)) {
                let before = found.count
                found = found.filter { !readingDependent.contains($0.rule) }
                if found.count < before { recognized = 0; mixedReason = "not judged: the line fixes t (t = 0, t = T, t → 0), the formula holds there only" }
            }
            // `β̃_t = β_t 和 β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t`: two values of one quantity on one line, one of them right.
            if let start = c.chain.sides.first?.tokens.first?.start, otherOptions.contains(start) {
                let before = found.count
                found = found.filter { !readingDependent.contains($0.rule) }
                if found.count < before || recognized > 0 { recognized = 0; mixedReason = "not judged: the line gives the same quantity another value that is right, so this one is offered as an option" }
            }
            // `if β_t = 0, then q(x_t | x_{t−1}) = x_{t−1}`: the row's formulas hold under its hypothesis.
            if let first = c.chain.sides.first?.tokens.first, let last = c.chain.sides.last?.tokens.last {
                let row = source.lineRange(source.line(of: first.start))
                if Self.fixesSchedule(source.slice(row.lowerBound, row.upperBound), besides: source.slice(first.start, last.end))
                    || Self.supposesScheduleAbove(source, line: source.line(of: first.start), formula: source.slice(first.start, last.end)) {
                    let before = found.count
                    found = found.filter { !readingDependent.contains($0.rule) }
                    if found.count < before || recognized > 0 { recognized = 0; mixedReason = "not judged: the row sets the schedule to a value (if β_t = 0, …) and the formula holds under it" }
                }
            }
            if !supported.isEmpty, found.contains(where: { readingDependent.contains($0.rule) }),
               c.chain.sides.contains(where: { $0.expr.map { Self.readsDifferently($0, su: convention == .su) } ?? false }) {
                let inOthers = supported.map { (convention: $0.convention, result: $0.judge.judge(c.chain, context: c.context)) }
                if let right = inOthers.first(where: { clean($0.result) }) {
                    found = found.filter { !readingDependent.contains($0.rule) }
                    recognized = 0
                    mixedReason = "not judged: right in \(right.convention.reading) reading, which this note also uses"
                } else {
                    // Wrong in every reading somewhere: keep only what is wrong at the same place in all.
                    for other in inOthers {
                        let wrongInOther = Set(other.result.findings.filter { readingDependent.contains($0.rule) }.map(\.offset))
                        found = found.filter { !readingDependent.contains($0.rule) || wrongInOther.contains($0.offset) }
                    }
                }
            }
            // A finding whose verdict depends on what α means says which reading it assumed: in its
            // details always, in its message when the reading is not DDPM's own.
            findings += found.map { f in
                var f = f
                f.message = Self.resolvingLineMarks(f.message, in: source)
                if Self.readingDependent.contains(f.rule) {
                    let reading = chainJudge.convention.reading + cumulative.stated
                    f.details.append(DiagnosticDetail("reading", reading))
                    if chainJudge.convention != .ddpm || !cumulative.stated.isEmpty, !f.message.contains("read in") { f.message += " (read in \(chainJudge.convention.reading) notation\(cumulative.stated))" }
                }
                return (source, f)
            }
            // A continued chain's coverage entry starts at its own display.
            let own = c.chain.carriedSides
            guard c.chain.sides.count >= 2, let first = c.chain.sides[own].tokens.first, let last = c.chain.sides.last?.tokens.last else { continue }
            var reason: String?
            if let mixedReason {
                reason = mixedReason
            } else if isNotationCorrespondence(c.chain) {
                reason = "not judged: a correspondence between two papers' notations"
            } else if recognized == 0, let binding = IndexBinding.stated(by: c.chain) {
                reason = "not judged: binds the step letter \(binding.letter), read as \(binding.subscriptText) in the formulas below it"
            } else if recognized == 0, let (symbol, ownQuantity) = undefinedMark(c.chain, chainJudge) {
                reason = ownQuantity ? "not judged: \(symbol) is the note's own quantity (its definition is not one the linter reads)"
                    : "not judged: the note never says what \(symbol) stands for"
            } else if recognized == 0 {
                reason = c.chain.sides.contains { $0.expr == nil && !$0.isEmpty } ? LintCoverage.Reason.unreadable
                    : (chainJudge.notes.reasons.first.map { "not judged: " + $0 } ?? LintCoverage.Reason.unknown)
            }
            coverage.append(LintCoverage.Entry(line: source.line(of: first.start) + source.lineOffset, cell: source.cell,
                                               formula: LintCoverage.excerpt(source.slice(first.start, last.end)), reason: reason))
        }
        let reading = judge.pathDocument ? ContinuousPath.documentReading
            : (judge.betaIsVarianceIncrement ? convention.reading + "; β_t is the variance-exploding increment σ_t² − σ_{t−1}²" : convention.reading)
        return (findings, chains, convention, coverage, reading)
    }

    /// Whether the row states a hypothesis that gives the schedule a value, besides `formula`:
    /// a word for "if" or "when" and β_t, α_t, ᾱ_t or σ_t (or β, α, σ without an index) set equal to
    /// a number (`\text{if}\ \beta_t = 0`, `β = 0.01 の場合`, `σ_t=0 时`).
    static func fixesSchedule(_ row: String, besides formula: String) -> Bool {
        var rest = row
        if !formula.isEmpty, let r = rest.range(of: formula) { rest.removeSubrange(r) }
        let words = Set(rest.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        guard words.contains("if") || words.contains("when") || ["若", "如果", "当", "时", "時", "만약", "場合", "とき"].contains(where: { rest.contains($0) }) else { return false }
        return setsScheduleValue(rest)
    }

    /// Whether the few lines above a worked example (`x_t = 0.9x_0 + \sqrt{0.19}\epsilon`, a formula
    /// with decimals) suppose a value of the schedule (`假设某一步有 $$\bar\alpha_t = 0.81$$ 那么`,
    /// "suppose ᾱ_t = 0.64"): the example holds under it. The lines are read back to a heading or
    /// at most ten lines.
    static func supposesScheduleAbove(_ source: SourceText, line: Int, formula: String) -> Bool {
        guard formula.range(of: #"[0-9]\.[0-9]"#, options: .regularExpression) != nil else { return false }
        var above: [String] = []
        var l = line - 1
        while l >= 1, line - l <= 10 {
            let range = source.lineRange(l)
            let text = source.slice(range.lowerBound, range.upperBound)
            if text.drop(while: { $0 == " " }).hasPrefix("#") { break }
            above.insert(text, at: 0)
            l -= 1
        }
        let text = above.joined(separator: "\n")
        let words = Set(text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        guard !words.isDisjoint(with: ["suppose", "assume", "say", "example", "e", "instance"])
                || ["假设", "假如", "设", "例如", "比如", "譬如", "たとえば", "例えば", "仮に", "예를", "가령"].contains(where: { text.contains($0) }) else { return false }
        return setsScheduleValue(text)
    }

    /// Whether the text sets β_t, α_t, ᾱ_t or σ_t (or β, α, σ without an index) equal to a number.
    static func setsScheduleValue(_ rest: String) -> Bool {
        // `β = 0.01` without an index sets every step's β in a worked example.
        // `σ_t = 0 时 x_t = x_0`: a noise level set to a number, likewise.
        let symbols = ["\\beta_t", "\\beta_{t}", "β_t", "\\alpha_t", "\\alpha_{t}", "α_t", "\\bar{\\alpha}_t", "\\bar\\alpha_t", "\\bar{\\alpha}_{t}",
                       "\\sigma_t", "\\sigma_{t}", "σ_t", "\\beta", "β", "\\alpha", "α", "\\sigma", "σ"]
        for symbol in symbols {
            var search = rest[...]
            while let r = search.range(of: symbol) {
                let after = search[r.upperBound...].drop { $0 == " " }
                if after.first == "=", let digit = after.dropFirst().drop(while: { $0 == " " }).first, digit.isNumber { return true }
                search = search[r.upperBound...]
            }
        }
        return false
    }

    /// Whether a line states a condition that fixes the time step (`t=0`, `t = T`, `t=1`, `t \to 0`,
    /// `t → 0`) outside the formula itself (`formula`, its text, is left out).
    static func fixesTime(_ line: String, besides formula: String) -> Bool {
        var rest = line
        if !formula.isEmpty, let r = rest.range(of: formula) { rest.removeSubrange(r) }
        let scalars = Array(rest.unicodeScalars)
        for (k, c) in scalars.enumerated() where c == "t" {
            if k > 0, scalars[k - 1].properties.isAlphabetic || scalars[k - 1] == "_" || scalars[k - 1] == "\\" || scalars[k - 1] == "^" { continue }
            var j = k + 1
            while j < scalars.count, scalars[j] == " " { j += 1 }
            guard j < scalars.count else { continue }
            var value: Substring
            if scalars[j] == "=" {
                value = Substring(String(String.UnicodeScalarView(scalars[(j + 1)...])))
            } else if scalars[j] == "→" {
                value = Substring(String(String.UnicodeScalarView(scalars[(j + 1)...])))
            } else if scalars[j...].starts(with: "\\to".unicodeScalars) {
                value = Substring(String(String.UnicodeScalarView(scalars[(j + 3)...])))
            } else { continue }
            value = value.drop { $0 == " " }
            guard let v = value.first, v == "0" || v == "1" || v == "T" else { continue }
            // `t = 1, …, T`, `\sum_{t=1}^T`: a range, not a fixed step.
            if k > 0, scalars[k - 1] == "{" { continue }
            let after = value.dropFirst().drop { $0 == " " }.first
            if let after, (after.isASCII && (after.isLetter || after.isNumber)) || ".,_^}\\…".contains(after) { continue }
            return true
        }
        return false
    }

    /// A judge's message names other sides by offset (``FormulaJudge/lineMark(_:)``): here they
    /// become lines of the document.
    static func resolvingLineMarks(_ message: String, in source: SourceText) -> String {
        guard message.contains("\u{1}") else { return message }
        let parts = message.split(separator: "\u{1}", omittingEmptySubsequences: false)
        return parts.enumerated().map { i, part in
            guard i % 2 == 1, let offset = Int(part) else { return String(part) }
            return "line \(source.line(of: offset) + source.lineOffset)"
        }.joined()
    }

    /// How many lines after a cosine schedule's formula still discuss that schedule.
    static let scheduleContextLines = 20

    /// Whether the formula holds a cosine (the cosine schedule f(t) = cos²(…)).
    static func mentionsCosine(_ e: MathExpr) -> Bool {
        if case .function("cos", _, _) = e { return true }
        return e.children.contains(where: mentionsCosine)
    }

    /// How many lines may separate a display that opens with `=` from the display it continues:
    /// a short sentence between two steps of one derivation, not a new section.
    static let continuationGap = 4

    /// Words between two displays that turn to one part of the expression above ("the coefficient
    /// of ε simplifies to", "the numerator", 系数, 분모): the `= …` that follows computes that part,
    /// not the whole, so it does not continue the derivation.
    static func turnsToAPart(_ prose: String) -> Bool {
        let lower = prose.lowercased()
        let words = ["coefficient", "numerator", "denominator", "exponent", "first term", "second term",
                     "third term", "last term", "each term", "the term", "系数", "係数", "分子", "分母", "指数", "계수", "분자", "분모", "지수"]
        return words.contains { lower.contains($0) }
    }

    /// Whether a display's text opens with `=` (or `\approx`) after an environment's
    /// `\begin{…}` and alignment marks: the display resumes a derivation.
    static func opensWithRelation(_ text: String) -> Bool {
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "&" }
            if rest.hasPrefix("\\begin{"), let close = rest.firstIndex(of: "}") {
                rest = rest[rest.index(after: close)...]
                // `\begin{array}{ll}`: the column spec is no content either.
                if rest.hasPrefix("{"), let spec = rest.firstIndex(of: "}") { rest = rest[rest.index(after: spec)...] }
                continue
            }
            break
        }
        return rest.hasPrefix("=") || rest.hasPrefix("\\approx")
    }

    /// Text after a formula that ends its display: space, sentence punctuation, `\end{…}`.
    /// Whether the words after an inline formula's closing `$` close a parenthesis before the
    /// line ends, another formula starts or another parenthesis opens.
    static func closedInTheWordsAfter(_ end: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        var k = end
        // Past the closing `$` (or `$$`, `\)`), which the formula's end offset may not include.
        while k < scalars.count, scalars[k] == "$" { k += 1 }
        while k < scalars.count, scalars[k] != "\n" {
            let c = scalars[k]
            if c == ")" || c == "）" || c == "]" { return true }
            if c == "$" || c == "(" || c == "（" || c == "[" { return false }
            k += 1
        }
        return false
    }

    static func isTail(_ text: String) -> Bool {
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "." || $0 == "," || $0 == ";" || $0 == "&" }
            if rest.hasPrefix("\\\\") { rest = rest.dropFirst(2); continue }
            if rest.hasPrefix("\\end{"), let close = rest.firstIndex(of: "}") { rest = rest[rest.index(after: close)...]; continue }
            return rest.isEmpty
        }
    }

    /// Rules whose verdict depends on the meaning of α, β and ᾱ.
    /// Inline formulas of one line that give the same left side two different values (`σ_t² = β_t`
    /// and `σ_t² = β̃_t`; a note that calls both choices β̃_t): when one of them is right, the
    /// others are the options it is offered beside. Returns the start offsets of those others.
    static func optionsBesideARightValue(_ chains: [(SourceText, Chain)], judge: FormulaJudge,
                                         clean: ((recognized: Int, findings: [MathFinding])) -> Bool) -> Set<Int> {
        // `\tilde{\beta}_{t}` and `\tilde\beta_t` are one symbol.
        func spelled(_ text: String) -> String { text.filter { !$0.isWhitespace && $0 != "{" && $0 != "}" } }
        var groups: [String: [(start: Int, rhs: String, chain: Chain)]] = [:]
        for (source, c) in chains where !c.context.isEmpty && c.chain.sides.count == 2 && c.chain.relations == ["="] {
            guard let first = c.chain.sides[0].tokens.first, let lhsEnd = c.chain.sides[0].tokens.last,
                  let rhsStart = c.chain.sides[1].tokens.first, let rhsEnd = c.chain.sides[1].tokens.last else { continue }
            let line = source.line(of: first.start)
            let lhs = spelled(source.slice(first.start, lhsEnd.end))
            let rhs = spelled(source.slice(rhsStart.start, rhsEnd.end))
            groups["\(source.path)#\(source.cell ?? 0)#\(line)#\(lhs)", default: []].append((first.start, rhs, c))
        }
        var others = Set<Int>()
        for group in groups.values where Set(group.map(\.rhs)).count >= 2 {
            let right = group.filter { clean(judge.judge($0.chain.chain, context: $0.chain.context)) }
            guard !right.isEmpty else { continue }
            for member in group where !right.contains(where: { $0.start == member.start }) { others.insert(member.start) }
        }
        return others
    }

    static let readingDependent: Set<LintRule> = [
        .varianceAsStd, .stdAsVariance, .wrongForwardStep, .wrongMarginal, .wrongMerge, .wrongPosteriorVariance,
        .wrongPosteriorMean, .wrongPredictedData, .wrongReverseMean, .wrongSimpleLoss, .wrongDDIMUpdate, .wrongDDIMSigma,
        .wrongAlphaDefinition, .wrongLossWeight, .etaForEtaSquared, .unequalStep,
    ]

    /// The convention under which more of the document's α-formulas are right (definitions
    /// `α_t = 1 − β_t` or `α_t = ∏(1 − β_s)` count three times); on a tie, the one under which
    /// more of them are defined at all (a square root of a negative number is not); then DDPM's.
    static func inferConvention(_ chains: [Chain], cumulative: CumulativeNotation = CumulativeNotation()) -> AlphaConvention {
        // A note that states α_t² + β_t² = 1 (or ᾱ_t² + β̄_t² = 1) uses Su's notation.
        if chains.contains(where: { statesUnitSquares($0.chain) }) { return .su }
        var score: [AlphaConvention: Int] = [.ddpm: 0, .ddim: 0]
        var readable: [AlphaConvention: Int] = [.ddpm: 0, .ddim: 0]
        // A note that writes ᾱ has DDPM's two symbols; only its own definition of a cumulative α
        // (α_t = ∏ …) makes it use the DDIM paper's α as well.
        // A ᾱ named alone in prose (`α_t is called $\bar\alpha$ in the DDPM paper`) is a word
        // about another text, not a formula written in DDPM's symbols.
        let barChains = chains.filter { c in c.chain.sides.count >= 2 && c.chain.sides.contains { side in
            var found = false
            side.expr?.forEachSymbol { if $0.base == "alpha" && ($0.isBarred || $0.isHatted) { found = true } }
            return found
        } }.count
        var cumulativeDefinition = false
        // A sentence that compares notations (`the DDIM paper's $\alpha_t = \bar\alpha_t$ of DDPM`) says
        // how another text writes, not how this one does: only the note's own formulas decide. (The
        // formulas of such a sentence are not all foreign: `DDPM's β̃ in DDIM notation is $σ_t = …$`
        // is written in the note's own one, so only the bare dictionary α = ᾱ is set aside.)
        for c in chains where c.chain.sides.contains(where: { $0.expr.map(mentionsPlainAlpha) ?? false })
            && !isNotationCorrespondence(c.chain) {
            let isDefinition = c.chain.sides.first?.expr?.asSymbol.map { $0.base == "alpha" && !$0.isBarred && !$0.isHatted } ?? false
            var right: [AlphaConvention: Bool] = [:]
            for convention in [AlphaConvention.ddpm, .ddim] {
                var candidate = FormulaJudge(convention: convention)
                candidate.cumulative = cumulative
                let (recognized, findings) = candidate.judge(c.chain, context: c.context)
                readable[convention, default: 0] += recognized
                if recognized > 0, findings.allSatisfy({ $0.rule == .unbalancedDelimiters || $0.rule == .conditioningMismatch }) {
                    score[convention, default: 0] += isDefinition ? 3 : 1
                    right[convention] = true
                }
            }
            if isDefinition, right[.ddim] == true, right[.ddpm] != true { cumulativeDefinition = true }
        }
        // Each formula with ᾱ counts for DDPM's reading against the formulas only DDIM's makes right.
        if barChains > 0, !cumulativeDefinition, score[.ddim, default: 0] - score[.ddpm, default: 0] <= barChains { return .ddpm }
        let ddim = (score[.ddim, default: 0], readable[.ddim, default: 0]), ddpm = (score[.ddpm, default: 0], readable[.ddpm, default: 0])
        return ddim > ddpm ? .ddim : .ddpm
    }

    /// `α_t = √ᾱ_t`, `α_t := \sqrt{\bar\alpha_t}`: the note names the marginal's signal
    /// coefficient α_t (the variational-diffusion notation, with σ_t² = 1 − α_t²), so its plain α
    /// is neither DDPM's 1 − β_t nor the DDIM paper's product. The offset of the definition, or nil
    /// when the chain is no such definition.
    static func plainAlphaDefinedByAlphaBar(_ chain: FormulaChain) -> Int? {
        if let start = alphaBarDefinedAsSquare(chain) { return start }
        if let start = alphaNamesMarginalCoefficient(chain) { return start }
        guard chain.sides.count == 2, let defined = chain.sides[0].expr?.asSymbol, defined.base == "alpha", !defined.isBarred, !defined.isHatted,
              !defined.isTilde, let index = defined.subscriptText, let rhs = chain.sides[1].expr, rhs.asSymbol == nil else { return nil }
        var onlyAlphaBar = true, sawAlphaBar = false
        rhs.forEachSymbol { s in
            if s.base == "alpha", s.isBarred, s.subscriptText == index { sawAlphaBar = true } else { onlyAlphaBar = false }
        }
        if onlyAlphaBar && sawAlphaBar { return chain.sides[0].tokens.first?.start }
        // `α_t = √(∏_{i=1}^t (1 − β_i))`: the root of the cumulative product written out, the
        // marginal's signal coefficient of continuous-time notes (α_t² + σ_t² = 1).
        if case .root(let radicand, nil) = rhs, case .bigOperator(let op, _, _, _, let body) = radicand, op == "prod" || op == "∏" {
            var onlyBeta = true, sawBeta = false
            body.forEachSymbol { s in if s.base == "beta", !s.isBarred { sawBeta = true } else { onlyBeta = false } }
            if onlyBeta && sawBeta { return chain.sides[0].tokens.first?.start }
        }
        return nil
    }

    /// `x_t = α_t x_0 + σ_t ε = √ᾱ_t x_0 + √(1 − ᾱ_t) ε`: a chain that writes a term as a plain
    /// α_t times a symbol on one side and as a coefficient in ᾱ_t alone times the same symbol on
    /// another names the marginal's signal scale α_t (the notation of variational diffusion
    /// models and v-prediction), which is neither DDPM's α_t nor the DDIM paper's.
    static func alphaNamesMarginalCoefficient(_ chain: FormulaChain) -> Int? {
        guard chain.sides.count >= 2 else { return nil }
        func sameSymbol(_ a: MathSymbol, _ b: MathSymbol) -> Bool {
            a.base == b.base && a.decorations == b.decorations && a.subscriptText == b.subscriptText
        }
        /// The terms of a sum that are a coefficient times one symbol, as (coefficient, symbol).
        func scaledSymbols(_ e: MathExpr) -> [(coefficient: [MathExpr], symbol: MathSymbol)] {
            guard case .sum(let terms) = e else { return [] }
            return terms.compactMap { term in
                guard case .product(let factors) = term.term else { return nil }
                let symbols = factors.enumerated().filter { if case .symbol(let s) = $0.element { return s.base != "alpha" } else { return false } }
                guard symbols.count == 1, case .symbol(let s) = symbols[0].element else { return nil }
                var rest = factors
                rest.remove(at: symbols[0].offset)
                return (rest, s)
            }
        }
        for (i, side) in chain.sides.enumerated() {
            guard let e = side.expr else { continue }
            for (coefficient, symbol) in scaledSymbols(e) {
                guard coefficient.count == 1, case .symbol(let alpha) = coefficient[0], alpha.base == "alpha", !alpha.isBarred, !alpha.isHatted, !alpha.isTilde,
                      let index = alpha.subscriptText else { continue }
                for (j, other) in chain.sides.enumerated() where j != i {
                    guard let o = other.expr else { continue }
                    for (otherCoefficient, otherSymbol) in scaledSymbols(o) where sameSymbol(symbol, otherSymbol) && !otherCoefficient.isEmpty {
                        var onlyAlphaBar = true, sawAlphaBar = false
                        for f in otherCoefficient {
                            f.forEachSymbol { s in
                                if s.base == "alpha", s.isBarred, s.subscriptText == index { sawAlphaBar = true } else { onlyAlphaBar = false }
                            }
                        }
                        if onlyAlphaBar && sawAlphaBar { return side.tokens.first?.start }
                    }
                }
            }
        }
        return nil
    }

    /// `ᾱ_t = α(t)²`: the note's α is the marginal's signal scale √ᾱ_t, defined the other way round.
    static func alphaBarDefinedAsSquare(_ chain: FormulaChain) -> Int? {
        guard chain.sides.count >= 2, let bar = chain.sides[0].expr?.asSymbol, bar.base == "alpha", bar.isBarred else { return nil }
        for side in chain.sides.dropFirst() {
            guard let e = side.expr, case .power(let base, .number(2)) = e else { continue }
            var plain = false
            if let s = base.asSymbol, s.base == "alpha", !s.isBarred, !s.isHatted { plain = true }
            if case .application(let s, _) = base, s.base == "alpha", !s.isBarred, !s.isHatted { plain = true }
            if plain { return chain.sides[0].tokens.first?.start }
        }
        return nil
    }

    /// “For each t in [τ_S, …, τ_1]”, `t \in \{\tau_1, …\}`: the step letter t runs over the
    /// subsequence in the whole note (`t = τ_i` binds it until the next heading, see
    /// ``IndexBinding``).
    static func runsStepOverSubsequence(_ text: String) -> Bool {
        stepOverSubsequence.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }

    static let stepOverSubsequence: NSRegularExpression = {
        // A literal pattern of this file: a failure to compile is a programming error.
        try! NSRegularExpression(pattern: #"(?<![A-Za-z\\_])t\s*(?:\\in\b|∈|\bin\b)\s*\$?\s*(?:\\left)?\s*(?:\[|\\\{|\(|\{)?\s*(?:\\tau(?![A-Za-z])|τ)"#)
    }()

    /// `α_t = ᾱ_t`, `α_t^{DDIM} = \bar\alpha_t^{DDPM}`: a plain α equated to a barred one with nothing
    /// else is a dictionary between two notations (true in neither reading as an equation of one
    /// note), not a definition of a cumulative α.
    static func isNotationCorrespondence(_ chain: FormulaChain) -> Bool {
        let symbols = chain.sides.compactMap { $0.expr?.asSymbol }
        guard symbols.count == chain.sides.count, symbols.count >= 2, symbols.allSatisfy({ $0.base == "alpha" }) else { return false }
        return symbols.contains { !$0.isBarred && !$0.isHatted } && symbols.contains { $0.isBarred || $0.isHatted }
    }

    /// `α_t² + β_t² = 1`, `\bar\alpha_t^2 + \bar\beta_t^2 = 1`, `β̄_t = √(1 − ᾱ_t²)`.
    static func statesUnitSquares(_ chain: FormulaChain) -> Bool {
        let exprs = chain.sides.compactMap(\.expr)
        func square(of e: MathExpr, _ base: String) -> Bool {
            if case .power(let b, .number(2)) = e, b.asSymbol?.base == base { return true }
            return false
        }
        func isOne(_ e: MathExpr) -> Bool { if case .number(1) = e { return true } else { return false } }
        guard exprs.contains(where: isOne) || exprs.count >= 2 else { return false }
        // `x_t = α_t x_{t−1} + β_t ε_t, α_t, β_t > 0 ∧ α_t² + β_t² = 1`: the declaration is the last
        // clause of a side that states several things, after a conjunction, a comma or a `\quad`.
        let clauses: [MathExpr] = chain.sides.compactMap { side in
            guard let cut = side.tokens.lastIndex(where: { $0.isCommand("wedge") || $0.isCommand("land") || $0.isChar(",") || $0.kind == .separator || $0.kind == .text }),
                  cut + 1 < side.tokens.count else { return nil }
            return FormulaSide.read(Array(side.tokens[(cut + 1)...]))
        }
        for e in exprs + clauses {
            if case .sum(let terms) = e, terms.count == 2, !terms[0].negated, !terms[1].negated,
               (square(of: terms[0].term, "alpha") && square(of: terms[1].term, "beta")) || (square(of: terms[0].term, "beta") && square(of: terms[1].term, "alpha")),
               exprs.contains(where: isOne) { return true }
            if let s = e.asSymbol, s.base == "beta", s.isBarred, exprs.contains(where: { x in
                if case .root(.sum(let ts), nil) = x, ts.count == 2, isOne(ts[0].term), ts[1].negated, square(of: ts[1].term, "alpha") { return true }
                return false
            }) { return true }
            // `N(x_i; √(1 − β_i²)·x_{i−1}, β_i²·I)`, or `ᾱ_i = ∏_k √(1 − β_k²) = ∏_k α_k`: the kernel
            // or the product written with √(1 − β²) beside β² outside the root, or beside α of the
            // same index, states the same notation ("The Principles of Diffusion Models" writes it
            // so). A root √(1 − β_t²) alone, beside a variance β_t, is DDPM's kernel mistyped.
            if unitRootStatesNotation(e, among: exprs) { return true }
            // `α_i = √(1 − β_i²)` (or `β_t = √(1 − α_t²)`): the same statement solved for one of
            // the two; β is then a standard deviation, as in Su's notes.
            if let s = e.asSymbol, !s.isBarred, !s.isHatted, !s.isTilde, s.base == "alpha" || s.base == "beta" {
                let other = s.base == "alpha" ? "beta" : "alpha"
                if exprs.contains(where: { x in
                    if case .root(.sum(let ts), nil) = x, ts.count == 2, isOne(ts[0].term), !ts[0].negated, ts[1].negated,
                       case .power(let b, .number(2)) = ts[1].term, let o = b.asSymbol, o.base == other, !o.isBarred, !o.isHatted,
                       o.subscriptText == s.subscriptText { return true }
                    return false
                }) { return true }
            }
        }
        return false
    }

    /// Whether `e` holds √(1 − β_s²) and the chain reads β_s² outside that root, or α_s of the
    /// same index: the note's β is a standard deviation and α_s² + β_s² = 1.
    static func unitRootStatesNotation(_ e: MathExpr, among exprs: [MathExpr]) -> Bool {
        var index: String?
        _ = e.contains { node in
            if case .root(.sum(let ts), nil) = node, ts.count == 2, !ts[0].negated, ts[1].negated,
               case .number(1) = ts[0].term, case .power(let b, .number(2)) = ts[1].term,
               let beta = b.asSymbol, beta.base == "beta", !beta.isBarred, !beta.isHatted, !beta.isTilde {
                index = beta.subscriptText
                return true
            }
            return false
        }
        guard let index else { return false }
        func squares(_ x: MathExpr) -> Int {
            if case .power(let b, .number(2)) = x, let s = b.asSymbol, s.base == "beta", !s.isBarred, s.subscriptText == index { return 1 }
            return x.children.reduce(0) { $0 + squares($1) }
        }
        let alphaOfIndex = exprs.contains { x in
            x.contains { node in
                guard let s = node.asSymbol else { return false }
                return s.base == "alpha" && !s.isBarred && !s.isHatted && !s.isTilde && s.subscriptText == index
            }
        }
        return exprs.reduce(0) { $0 + squares($1) } >= 2 || alphaOfIndex
    }

    /// A marked α or β whose meaning the note's definitions do not give (`β̂_t` where only the
    /// cumulative α̂_t is defined, `α̃_t` beside a defined ᾱ_t), named as written.
    static func undefinedMark(_ chain: FormulaChain, _ judge: FormulaJudge) -> (symbol: String, ownQuantity: Bool)? {
        guard let probe = judge.allProbes.first else { return nil }
        let ev = judge.evaluator(probe)
        var name: String?
        var ownQuantity = false
        for side in chain.sides {
            side.expr?.forEachSymbol { s in
                guard name == nil, s.base == "alpha" || s.base == "beta", let mark = CumulativeNotation.mark(s) else { return }
                let unread: Bool
                if s.base == "alpha" {
                    unread = ev.readsCumulativeAlpha(s) == nil
                } else if judge.convention == .su {
                    unread = ev.readsCumulativeBeta(s) == nil
                } else {
                    unread = mark != "tilde"
                }
                if unread {
                    name = CumulativeNotation.marked(s.base == "alpha" ? "α" : "β", mark)
                    ownQuantity = CumulativeNotation.key(s).map(judge.cumulative.ownQuantities.contains) ?? false
                }
            }
        }
        return name.map { ($0, ownQuantity) }
    }

    /// Whether a formula's verdict can depend on the reading: between DDPM's and the DDIM paper's
    /// only a plain α changes meaning; Su's reading changes α, ᾱ, β and β̄ alike.
    static func readsDifferently(_ e: MathExpr, su: Bool) -> Bool {
        guard su else { return mentionsPlainAlpha(e) }
        var found = false
        e.forEachSymbol { if ($0.base == "alpha" || $0.base == "beta") && !$0.isHatted { found = true } }
        return found
    }

    /// Whether the formula uses α without a bar (the symbol whose meaning differs between papers).

    static func mentionsPlainAlpha(_ e: MathExpr) -> Bool {
        var found = false
        e.forEachSymbol { if $0.base == "alpha" && !$0.isBarred && !$0.isHatted { found = true } }
        return found
    }

    /// `σ_t = √(1 − α_t²)`, `σ_t² = 1 − α_t²`: the note's σ_t is the marginal's noise scale beside its
    /// own α_t, not the DDIM paper's free σ_t.
    static func definesSigmaFromAlpha(_ chain: FormulaChain) -> Bool {
        guard chain.sides.count == 2, let lhs = chain.sides[0].expr, let rhs = chain.sides[1].expr else { return false }
        let sigma: MathSymbol
        switch lhs {
        case .symbol(let s): sigma = s
        case .power(.symbol(let s), .number(2)): sigma = s
        default: return false
        }
        guard sigma.base == "sigma", !sigma.isModel, rhs.mentions(base: "alpha"), !rhs.mentions(base: "sigma") else { return false }
        return rhs.contains { node in
            if case .power(let b, .number(2)) = node, b.asSymbol?.base == "alpha" { return true }
            return false
        }
    }

    static func mentionsStepSigma(_ e: MathExpr) -> Bool {
        var found = false
        e.forEachSymbol { if $0.base == "sigma" && !$0.isModel { found = true } }
        return found
    }
}
