import CheckerCore

/// The math of one document: its chains, its inferred α convention, and the findings.
struct MathAnalysis {
    struct Chain {
        var chain: FormulaChain
        /// The prose line the formula stands in (for a standalone expression's role).
        var context: String
    }

    var chains: [Chain] = []
    var findings: [MathFinding] = []
    var convention: AlphaConvention = .ddpm

    /// The math of a document made of one or more texts (a notebook's markdown cells): one
    /// convention for the whole document, findings per text.
    static func analyze(_ parts: [(source: SourceText, segments: [MathSegment])]) -> (findings: [(SourceText, MathFinding)], chains: [(SourceText, Chain)], convention: AlphaConvention) {
        var all: [(SourceText, Chain)] = []
        var findings: [(SourceText, MathFinding)] = []
        for part in parts {
            let a = MathAnalysis(source: part.source, segments: part.segments, judge: false)
            all += a.chains.map { (part.source, $0) }
            findings += a.findings.map { (part.source, $0) }
        }
        let convention = inferConvention(all.map(\.1))
        let judge = FormulaJudge(convention: convention)
        for (source, c) in all {
            findings += judge.judge(c.chain, context: c.context).findings.map { (source, $0) }
        }
        return (findings, all, convention)
    }

    /// `segments` give the math spans of `source`.
    init(source: SourceText, segments: [MathSegment], judge: Bool = true) {
        for segment in segments {
            let text = source.slice(segment.start, segment.end)
            let tokens = TexLexer.tokenize(source.scalars, from: segment.start, to: segment.end)
            if !text.contains("\\left.") && !text.contains("\\right.") {
                for p in DelimiterBalance.problems(in: tokens) {
                    findings.append(MathFinding(rule: .unbalancedDelimiters, offset: p.offset, message: p.message, fix: nil))
                }
            }
            let lineRange = source.lineRange(source.line(of: segment.start))
            let context = source.slice(lineRange.lowerBound, lineRange.upperBound)
            for c in FormulaReader.chains(of: tokens) {
                chains.append(Chain(chain: c, context: segment.display ? "" : context))
            }
        }
        guard judge else { return }
        convention = Self.inferConvention(chains)
        let judge = FormulaJudge(convention: convention)
        for c in chains {
            findings += judge.judge(c.chain, context: c.context).findings
        }
    }

    /// The convention under which more of the document's α-formulas are right (definitions
    /// `α_t = 1 − β_t` or `α_t = ∏(1 − β_s)` count most). Ties keep DDPM's.
    static func inferConvention(_ chains: [Chain]) -> AlphaConvention {
        var score: [AlphaConvention: Int] = [.ddpm: 0, .ddim: 0]
        for c in chains {
            let usesPlainAlpha = c.chain.sides.contains { side in
                side.tokens.enumerated().contains { i, t in
                    t.isCommand("alpha") && !(i > 0 && (tokens(side, i - 1).isCommand("bar") || tokens(side, i - 1).isCommand("overline") || tokens(side, i - 1).isChar("{") && i > 1 && (tokens(side, i - 2).isCommand("bar") || tokens(side, i - 2).isCommand("overline"))))
                }
            }
            guard usesPlainAlpha else { continue }
            let isDefinition = c.chain.sides.first?.expr?.asSymbol?.base == "alpha"
            for convention in [AlphaConvention.ddpm, .ddim] {
                let (recognized, findings) = FormulaJudge(convention: convention).judge(c.chain, context: c.context)
                if recognized > 0, findings.filter({ $0.rule != .unbalancedDelimiters && $0.rule != .conditioningMismatch }).isEmpty {
                    score[convention, default: 0] += isDefinition ? 3 : 1
                }
            }
        }
        return score[.ddim, default: 0] > score[.ddpm, default: 0] ? .ddim : .ddpm
    }

    private static func tokens(_ side: FormulaSide, _ i: Int) -> TexToken { side.tokens[i] }
}
