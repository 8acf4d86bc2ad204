extension CodeAnalysis {
    /// Whether a call in `body` elides its arguments with `...` (`CONFIG_MAPPING["gemma"](..., use_adarms=u)`):
    /// the body is an abridged excerpt, and the code it leaves out may bind the names it reads.
    static func elidesArguments(_ body: [PyStatement], in source: SourceText) -> Bool {
        func isElision(_ e: PyExpr) -> Bool { isElisionMark(e, in: source) }
        var found = false
        PyStatement.forEach(in: body) { statement, _ in
            guard !found else { return }
            for e in statement.ownExpressions {
                e.walk { node in
                    guard case .call(_, let args, let keywords, _) = node else { return }
                    if args.contains(where: isElision) || keywords.contains(where: { isElision($0.1) }) { found = true }
                }
            }
        }
        return found
    }
}

extension CodeAnalysis {
    /// Whether a function's body, beside other statements, holds a line that is only `...`: in
    /// prose that is a cut (`if prompt_embeds is None:` over `...`), and the lines cut may bind the
    /// names the rest reads. A body that is `...` alone is a stub, which binds nothing.
    static func elidesStatements(_ body: [PyStatement], in source: SourceText) -> Bool {
        var cuts = 0, statements = 0
        PyStatement.forEach(in: body) { statement, _ in
            statements += 1
            if case .expression(let e, _) = statement, isElisionMark(e, in: source) { cuts += 1 }
        }
        return cuts > 0 && statements > cuts
    }
}

extension CodeAnalysis {
    /// `...` or `…` where the parser left an expression it keeps no value for: a part left out.
    static func isElisionMark(_ e: PyExpr, in source: SourceText) -> Bool {
        guard case .other(let at) = e else { return false }
        return isEllipsis(at: at, in: source) || (at >= 0 && at < source.scalars.count && source.scalars[at] == "…")
    }

    /// Whether the source holds `...` (Python's Ellipsis) at `offset`, where the parser left an
    /// expression it keeps no value for.
    static func isEllipsis(at offset: Int, in source: SourceText) -> Bool {
        offset >= 0 && offset + 3 <= source.scalars.count && source.scalars[offset..<offset + 3].allSatisfy { $0 == "." }
    }
}
