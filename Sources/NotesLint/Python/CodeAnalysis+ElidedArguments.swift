extension CodeAnalysis {
    /// Whether a call in `body` elides its arguments with `...` (`CONFIG_MAPPING["gemma"](..., use_adarms=u)`):
    /// the body is an abridged excerpt, and the code it leaves out may bind the names it reads.
    static func elidesArguments(_ body: [PyStatement], in source: SourceText) -> Bool {
        func isElision(_ e: PyExpr) -> Bool {
            guard case .other(let at) = e, at >= 0, at < source.scalars.count else { return false }
            if source.scalars[at] == "…" { return true }
            return at + 3 <= source.scalars.count && source.scalars[at..<at + 3].allSatisfy { $0 == "." }
        }
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
