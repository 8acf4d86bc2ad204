/// What the parser learns about how functions are called, beside the statements: the parts of a
/// `def`'s signature the statement keeps no record of (`*args`, `**kwargs`, keyword-only and
/// positional-only parameters), the decorators of a `def` or `class`, a class's bases, and the
/// calls that unpack their arguments (`f(*xs)`, `f(**options)`). Keyed by the offset of the
/// `def` or `class` keyword, or of the called expression.
struct PyShapes: Sendable {
    var signatures: [Int: PySignature] = [:]
    /// The decorators of a `def` or `class`, as written after the `@`.
    var decorators: [Int: [String]] = [:]
    /// The bases of a `class`, as written between its parentheses.
    var classBases: [Int: String] = [:]
    /// Calls with a `*` or `**` argument: how many values they pass is not known.
    var unpackingCalls: Set<Int> = []
    /// The `def`s that raise `NotImplementedError`: methods a subclass is to supply.
    var unimplemented: Set<Int> = []
}

/// The shape of a `def`'s parameter list. Indices are into the statement's parameters, where
/// `*args` and `**kwargs` appear under their names.
struct PySignature: Sendable, Equatable {
    /// The index of `*args`, if any.
    var variadic: Int?
    /// The index of `**kwargs`, if any.
    var variadicKeywords: Int?
    /// Parameters from this index on can be passed by keyword only (after `*` or `*args`).
    var keywordOnlyFrom: Int?
    /// Parameters before this index can be passed by position only (before `/`).
    var positionalOnlyBefore: Int = 0
}
