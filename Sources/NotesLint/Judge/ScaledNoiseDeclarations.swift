/// The noises a note declares with a variance of its own: `x_{k+1} = √α_{k+1}·x_k + ε, where
/// ε ∼ N(0, 1 − α_{k+1})`, or the scaled variables a derivation merges. A formula on the line of
/// such a declaration (or on one of the two lines before it) that uses that symbol is not read
/// with a standard normal ε.
struct ScaledNoiseDeclarations {
    private struct Declaration {
        var path: String
        var cell: Int?
        var line: Int
        var symbol: MathSymbol
        var offset: Int
    }

    private var declarations: [Declaration] = []

    init(_ chains: [(source: SourceText, chain: FormulaChain)], judge: FormulaJudge) {
        for (source, chain) in chains {
            guard let s = judge.noiseScaledByNote(chain), let start = chain.sides.first?.tokens.first?.start else { continue }
            declarations.append(Declaration(path: source.path, cell: source.cell, line: source.line(of: start), symbol: s, offset: start))
        }
    }

    /// The scaled noise a formula uses beside its declaration, or nil.
    func symbol(beside chain: FormulaChain, in source: SourceText) -> MathSymbol? {
        guard !declarations.isEmpty, let start = chain.sides.first?.tokens.first?.start else { return nil }
        let line = source.line(of: start)
        for d in declarations where d.path == source.path && d.cell == source.cell && (0...2).contains(d.line - line) && d.offset != start {
            var uses = false
            for side in chain.sides {
                side.expr?.forEachSymbol { s in
                    if s.base == d.symbol.base && s.subscriptText == d.symbol.subscriptText && s.decorations == d.symbol.decorations { uses = true }
                }
            }
            if uses { return d.symbol }
        }
        return nil
    }
}
