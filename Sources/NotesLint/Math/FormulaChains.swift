/// One side of a relation in a formula: its tokens and where it starts.
struct FormulaSide: Sendable {
    var tokens: [TexToken] {
        didSet { expr = Self.read(tokens) }
    }
    /// The side's expression, read once per change of its tokens.
    private(set) var expr: MathExpr?
    var start: Int { tokens.first?.start ?? 0 }
    var isEmpty: Bool { tokens.isEmpty }

    init(tokens: [TexToken]) {
        self.tokens = tokens
        expr = Self.read(tokens)
    }

    /// The side with its expression rewritten (a step letter the note binds, read as what it
    /// stands for); the tokens stay as written, so positions and token checks are unchanged.
    func rewritten(_ transform: (MathExpr) -> MathExpr) -> FormulaSide {
        var side = self
        side.expr = expr.map(transform)
        return side
    }

    /// A side with a stray parenthesis (reported by DL303) is read without it, so the rest of
    /// the formula is still judged.
    static func read(_ tokens: [TexToken]) -> MathExpr? {
        TexParser.parse(tokens) ?? TexParser.parse(repaired(tokens))
    }

    /// The tokens without parentheses that close nothing (or close across a brace group) and
    /// without the ones they would have closed.
    static func repaired(_ tokens: [TexToken]) -> [TexToken] {
        var stack: [(brace: Bool, index: Int)] = []
        var drop = Set<Int>()
        for (i, t) in tokens.enumerated() {
            if t.isChar("{") { stack.append((true, i)) }
            if t.isChar("(") || t.isChar("[") { stack.append((false, i)) }
            if t.isChar(")") || t.isChar("]") {
                if let top = stack.last, !top.brace {
                    stack.removeLast()
                } else {
                    drop.insert(i)
                    if let k = stack.lastIndex(where: { !$0.brace }) { drop.insert(stack[k].index); stack.remove(at: k) }
                }
            }
            if t.isChar("}") {
                while let top = stack.last, !top.brace { drop.insert(top.index); stack.removeLast() }
                if !stack.isEmpty { stack.removeLast() }
            }
        }
        for open in stack where !open.brace { drop.insert(open.index) }
        return tokens.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }
}

/// A chain `A = B = C` as written over the rows of an aligned block (`&=` rows continue the row
/// above; a row that only holds an expression continues the previous side when it starts with an
/// operator, and is a new side otherwise).
struct FormulaChain: Sendable {
    var sides: [FormulaSide]
    var relations: [String]
    /// How many leading sides come from the display before this one: a display that opens with
    /// `= …` continues the derivation above it (findings and coverage belong to its own sides).
    var carriedSides = 0
    var carriesPreviousSide: Bool { carriedSides > 0 }
    /// The first step (a side and the one before it) this chain judges: carried steps were judged
    /// with the display they belong to.
    var firstOwnStep: Int { max(1, carriedSides) }

    /// `= C = D` in its own display after a display whose chain ended with `A = B`: the chain
    /// A = B = C = D, so that C and D are judged against A as they would be in one display. The
    /// previous chain is carried from the start of its last run of equalities. Nil when the
    /// display does not open with a relation or there is nothing to continue.
    func continuing(_ previous: FormulaChain?, equalities: Set<String>) -> FormulaChain? {
        guard let previous, sides.count >= 2, sides[0].isEmpty, let last = previous.sides.last, !last.isEmpty else { return nil }
        var start = previous.sides.count - 1
        while start > 0, equalities.contains(previous.relations[start - 1]), !previous.sides[start - 1].isEmpty { start -= 1 }
        var chain = self
        chain.sides = Array(previous.sides[start...]) + sides.dropFirst()
        chain.relations = Array(previous.relations[start...]) + relations
        chain.carriedSides = previous.sides.count - start
        return chain
    }
}

enum FormulaReader {
    static func isRelation(_ tokens: [TexToken], at i: Int) -> Int? {
        let t = tokens[i]
        switch t.kind {
        case .char(let c):
            if c == "=" || c == "<" || c == ">" { return 1 }
            if c == ":", i + 1 < tokens.count, tokens[i + 1].isChar("=") { return 2 }
            return nil
        case .command(let name):
            return TexParser.relationCommands.contains(name) ? 1 : nil
        default: return nil
        }
    }

    static func depthDelta(_ t: TexToken) -> Int {
        if t.isChar("(") || t.isChar("[") || t.isChar("{") { return 1 }
        if t.isChar(")") || t.isChar("]") || t.isChar("}") { return -1 }
        return 0
    }

    /// Rows split at top-level `\\`; statements split at prose, `\quad` and top-level commas.
    /// `afterProse`: the row's first statement follows prose on that row (a sentence typed in a
    /// display, `由于前向过程的方差 β_t …`), so it does not continue the row above.
    /// `beforeProse`: the row ends in prose (`\text{:}`), so its statements are remarks inside it.
    static func statements(of tokens: [TexToken]) -> [(statements: [[TexToken]], afterProse: Bool, beforeProse: Bool)] {
        var rows: [(statements: [[TexToken]], afterProse: Bool, beforeProse: Bool)] = []
        var row: [[TexToken]] = []
        var rowOpensWithProse = false
        var lastWasProse = false
        var statement: [TexToken] = []
        var depth = 0
        func endStatement() {
            // Sentence punctuation after a formula ("… ε ." or "… ε,") is not part of it.
            while let last = statement.last, last.isChar(".") || last.isChar(",") || last.isChar(";") { statement.removeLast() }
            // An equation number typed after the formula, `…·ε     (13)`, is not a factor.
            let n = statement.count
            if n >= 4, statement[n - 3].isChar("("), statement[n - 1].isChar(")"), case .number(let v) = statement[n - 2].kind,
               v == v.rounded(), statement[n - 3].start - statement[n - 4].end >= 2 {
                statement.removeLast(3)
            }
            let meaningful = statement.contains { t in
                if case .char(let c) = t.kind { return !(c == "." || c == "," || c == ":" || c == ";") }
                return true
            }
            if meaningful { row.append(statement) }
            statement = []
        }
        for (k, t) in tokens.enumerated() {
            // `√ᾱ_t x_0, + √(1 − ᾱ_t) ε`: a comma before a plus or a minus ends no statement (no
            // clause opens with a binary operator); it is a stray mark inside the sum.
            if depth <= 0, t.isChar(","), k + 1 < tokens.count, tokens[k + 1].isChar("+") || tokens[k + 1].isChar("-") { continue }
            if depth <= 0, t.isCommand("\\") || t.isCommand("cr") || t.isCommand("newline") {
                endStatement()
                rows.append((row, rowOpensWithProse, lastWasProse))
                row = []
                rowOpensWithProse = false
                lastWasProse = false
                depth = 0
                continue
            }
            if depth <= 0, t.kind == .text || t.kind == .separator || t.isChar(",") || t.isChar(";") {
                endStatement()
                if t.kind == .text, row.isEmpty { rowOpensWithProse = true }
                if t.kind == .text { lastWasProse = true }
                continue
            }
            // Spacing (`\,`, `\;`) after the prose keeps the row ending in prose.
            if !(t.isCommand(",") || t.isCommand(";") || t.isCommand("quad") || t.isCommand(":") || t.isCommand("!")) { lastWasProse = false }
            depth += depthDelta(t)
            statement.append(t)
        }
        endStatement()
        rows.append((row, rowOpensWithProse, lastWasProse))
        return rows
    }

    static func chains(of tokens: [TexToken]) -> [FormulaChain] {
        var chains: [FormulaChain] = []
        var current: FormulaChain?
        for (row, afterProse, beforeProse) in statements(of: tokens) {
            for (k, statement) in row.enumerated() {
                var sides: [FormulaSide] = []
                var relations: [String] = []
                var side: [TexToken] = []
                var depth = 0
                var i = 0
                while i < statement.count {
                    if depth == 0, let width = isRelation(statement, at: i) {
                        sides.append(FormulaSide(tokens: side))
                        relations.append(statement[i..<(i + width)].map { t -> String in
                            if case .command(let n) = t.kind { return n }
                            if case .char(let c) = t.kind { return String(c) }
                            return ""
                        }.joined())
                        side = []
                        i += width
                        continue
                    }
                    depth += depthDelta(statement[i])
                    side.append(statement[i])
                    i += 1
                }
                sides.append(FormulaSide(tokens: side))
                // `& \text{remember that } α_t = 1 − β_t \text{:}`: an equation enclosed in prose on its
                // row is a remark beside the derivation, which goes on in the rows after it.
                if k == 0, afterProse, beforeProse, !relations.isEmpty, !sides[0].isEmpty, current != nil {
                    chains.append(FormulaChain(sides: sides, relations: relations))
                    continue
                }
                if k == 0, var chain = current {
                    let pending = chain.sides.last?.isEmpty ?? false
                    if pending {
                        chain.sides[chain.sides.count - 1] = sides[0]
                        chain.sides += sides.dropFirst()
                        chain.relations += relations
                        current = chain
                        continue
                    }
                    if sides[0].isEmpty, !relations.isEmpty {
                        chain.sides += sides.dropFirst()
                        chain.relations += relations
                        current = chain
                        continue
                    }
                    if relations.isEmpty, !afterProse, let first = statement.first {
                        if first.isChar("+") || first.isChar("-") || first.isCommand("cdot") || first.isCommand("times") {
                            chain.sides[chain.sides.count - 1].tokens += statement
                        } else {
                            chain.sides.append(sides[0])
                            chain.relations.append("=")
                        }
                        current = chain
                        continue
                    }
                }
                if k > 0 {
                    // A statement after prose or `\quad` on the same row (`& \text{where } ε ∼ N(0, I)`)
                    // stands alone; the next row still continues the row's first chain.
                    chains.append(FormulaChain(sides: sides, relations: relations))
                    continue
                }
                if let c = current { chains.append(c) }
                current = FormulaChain(sides: sides, relations: relations)
            }
            // `α_t = \text{alpha}[t]`: the row's first relation has prose for its right side, and
            // the row goes on after it. The next row is no continuation of that relation.
            if row.count > 1, let first = row.first, let last = first.indices.last, isRelation(first, at: last) != nil || (last > 0 && isRelation(first, at: last - 1) == 2),
               let c = current, c.sides.last?.isEmpty == true {
                chains.append(c)
                current = nil
            }
        }
        if let c = current { chains.append(c) }
        return chains
    }
}

extension FormulaReader {
    /// A display typed as several equations on their own lines with no `\\` between them
    /// (`$$α_t = 1 − β_t` over `ᾱ_t = ∏ α_s$$`): TeX sets them on one line, but each line is its
    /// own equation, not a factor of the one before. A row break is put where a line holds a
    /// relation, the next one holds its own (not at its start, which would continue the chain),
    /// and the line before does not end in an operator that the next line completes. A display
    /// that breaks its rows anywhere, or aligns them with `&`, is read as written.
    static func breakingUnbrokenLines(_ tokens: [TexToken], _ scalars: [Unicode.Scalar]) -> [TexToken] {
        guard !tokens.contains(where: { $0.isCommand("\\") || $0.isCommand("cr") || $0.isCommand("newline") || $0.isChar("&") }) else { return tokens }
        // The lines: token ranges separated by a newline in the source between two tokens.
        var lines: [Range<Int>] = []
        var start = 0
        for k in 1..<max(1, tokens.count) where tokens[k - 1].end <= tokens[k].start {
            if scalars[min(tokens[k - 1].end, scalars.count)..<min(tokens[k].start, scalars.count)].contains("\n") {
                lines.append(start..<k)
                start = k
            }
        }
        lines.append(start..<tokens.count)
        guard lines.count > 1 else { return tokens }
        var depthAtStart: [Int] = []
        var depth = 0
        // Each line's first relation at the top level, if it has one.
        var firstRelation: [Int?] = []
        for line in lines {
            depthAtStart.append(depth)
            var found: Int?
            var i = line.lowerBound
            while i < line.upperBound {
                if depth == 0, let width = isRelation(tokens, at: i) { found = found ?? i; i += width; continue }
                depth += depthDelta(tokens[i])
                i += 1
            }
            firstRelation.append(found)
        }
        var breaks = Set<Int>()
        for n in 1..<lines.count {
            let previous = lines[n - 1], line = lines[n]
            guard depthAtStart[n] == 0, firstRelation[n - 1] != nil, let first = firstRelation[n], first > line.lowerBound,
                  let last = previous.last.map({ tokens[$0] }) else { continue }
            // A line that ends in an operator or a relation is completed by the next.
            if last.isChar("+") || last.isChar("-") || last.isCommand("cdot") || last.isCommand("times") { continue }
            if isRelation(tokens, at: previous.upperBound - 1) != nil { continue }
            breaks.insert(line.lowerBound)
        }
        guard !breaks.isEmpty else { return tokens }
        var out: [TexToken] = []
        for (k, t) in tokens.enumerated() {
            if breaks.contains(k) { out.append(TexToken(kind: .command("\\"), start: t.start, end: t.start)) }
            out.append(t)
        }
        return out
    }
}
