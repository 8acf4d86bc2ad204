/// Undefined names. Notes are fragments, so a name defined anywhere in the note (any block, a
/// hyperparameter bullet) counts as defined, and so do library modules. A name that nothing
/// defines is reported when it looks like a slip: a function's parameter goes unused while a
/// similar name is used instead (`def f(x): … x_t …`), or a defined name is one or two edits away.
enum NameCheck {
    static let builtins: Set<String> = [
        "print", "range", "len", "int", "float", "str", "list", "dict", "tuple", "set", "min", "max", "sum", "abs",
        "enumerate", "zip", "reversed", "sorted", "isinstance", "super", "self", "None", "True", "False", "map", "filter",
        "round", "pow", "open", "type", "getattr", "setattr", "hasattr", "object", "Exception", "ValueError",
        "NotImplementedError", "iter", "next", "any", "all", "id", "hash", "repr", "format", "vars", "dir", "input",
        "bool", "bytes", "slice", "property", "staticmethod", "classmethod", "__name__", "__file__", "divmod", "ord",
        "chr", "exit", "globals", "locals", "callable", "frozenset", "complex", "KeyError", "IndexError",
        "RuntimeError", "TypeError", "AssertionError", "cls",
        "torch", "np", "numpy", "math", "F", "nn", "plt", "tqdm", "random", "os", "sys", "einops", "rearrange",
        "repeat", "Image", "torchvision", "transforms", "DataLoader", "optim", "time", "json", "partial", "functools",
        "jnp", "jax", "tf", "scipy", "pd", "sns", "wandb", "copy", "trange", "device",
        "display", "get_ipython", "help", "quit", "breakpoint", "bytearray", "memoryview", "NotImplemented", "Ellipsis",
        "StopIteration", "ImportError", "OSError", "FileNotFoundError", "ZeroDivisionError", "AttributeError", "warnings", "logging",
        // Python 2's builtins: code of that era (`for i in xrange(n)`) names them on purpose.
        "xrange", "unicode", "basestring", "raw_input", "unichr", "long", "reduce", "execfile", "cmp", "izip",
    ]

    /// Every name bound at any level of the statements.
    static func boundNames(_ statements: [PyStatement], into names: inout Set<String>) {
        for s in statements {
            switch s {
            case .assign(let targets, _, _):
                for t in targets { targetNames(t, into: &names) }
            case .augmented(let t, _, _, _): targetNames(t, into: &names)
            case .function(let name, _, let body, _):
                names.insert(name)
                // Function locals are not global names; only nested `global` statements are.
                for case .globalNames(let g, _) in body { names.formUnion(g) }
            case .classDef(let name, let body, _):
                names.insert(name)
                boundNames(body, into: &names)
            case .ifChain(let branches, let orElse, _):
                for b in branches { boundNames(b.body, into: &names) }
                boundNames(orElse, into: &names)
            case .forLoop(let target, _, let body, _):
                targetNames(target, into: &names)
                boundNames(body, into: &names)
            case .whileLoop(_, let body, _), .block(let body, _): boundNames(body, into: &names)
            case .importNames(let n, _), .globalNames(let n, _): names.formUnion(n)
            default: break
            }
        }
    }

    static func targetNames(_ t: PyExpr, into names: inout Set<String>) {
        switch t {
        case .name(let n, _): names.insert(n)
        case .tuple(let items, _), .list(let items, _): items.forEach { targetNames($0, into: &names) }
        default: break
        }
    }

    /// Names a function binds: parameters, assignments, loop targets, nested definitions.
    static func localNames(_ params: [PyParameter], _ body: [PyStatement]) -> Set<String> {
        var names = Set(params.map(\.name))
        boundNames(body, into: &names)
        func nested(_ statements: [PyStatement]) {
            for s in statements {
                switch s {
                case .function(_, let p, let b, _):
                    names.formUnion(p.map(\.name))
                    boundNames(b, into: &names)
                    nested(b)
                case .ifChain(let branches, let orElse, _): branches.forEach { nested($0.body) }; nested(orElse)
                case .forLoop(_, _, let b, _), .whileLoop(_, let b, _), .block(let b, _), .classDef(_, let b, _): nested(b)
                default: break
                }
            }
        }
        nested(body)
        return names
    }

    /// Loaded names in order of first use, with their offsets.
    /// `intoDefinitions`: also the bodies of the functions and classes defined among the
    /// statements. A module-level check leaves them out: a function defined under
    /// `if __name__ == "__main__":` reads its own parameters, which the module does not bind.
    static func uses(_ statements: [PyStatement], intoDefinitions: Bool = true) -> [(String, Int)] {
        var out: [(String, Int)] = []
        forEachLoadedExpression(statements, intoDefinitions: intoDefinitions) { e in
            e.walk { node in
                if case .name(let n, let at) = node { out.append((n, at)) }
            }
        }
        return out
    }

    /// Every expression the statements read, in order: values, tests, iterables, defaults, and
    /// targets that are not plain names (`table[t] = …` reads `table` and `t`).
    static func forEachLoadedExpression(_ statements: [PyStatement], intoDefinitions: Bool = true, _ expr: (PyExpr) -> Void) {
        func visit(_ statements: [PyStatement]) {
            for s in statements {
                switch s {
                case .assign(let targets, let value, _):
                    expr(value)
                    for t in targets where !isPlainTarget(t) { expr(t) }
                case .augmented(let t, _, let v, _): expr(t); expr(v)
                case .expression(let e, _): expr(e)
                case .returnValue(let e, _): e.map(expr)
                case .function(_, let params, let body, _):
                    params.compactMap(\.defaultValue).forEach(expr)
                    if intoDefinitions { visit(body) }
                case .classDef(_, let body, _): if intoDefinitions { visit(body) }
                case .ifChain(let branches, let orElse, _):
                    for b in branches { expr(b.test); visit(b.body) }
                    visit(orElse)
                case .forLoop(_, let iterable, let body, _): expr(iterable); visit(body)
                case .whileLoop(let test, let body, _): expr(test); visit(body)
                case .block(let body, _): visit(body)
                default: break
                }
            }
        }
        visit(statements)
    }

    static func isPlainTarget(_ t: PyExpr) -> Bool {
        switch t {
        case .name: return true
        case .tuple(let items, _), .list(let items, _): return items.allSatisfy(isPlainTarget)
        default: return false
        }
    }

    /// Edits between two names, a swap of two neighbouring letters counting as one edit
    /// (`nosie` for `noise`, `agrs` for `args`): the slip typing makes most often.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var twoBack = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var row = previous
        for i in 1...x.count {
            row[0] = i
            for j in 1...y.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { row[j] = min(row[j], twoBack[j - 2] + 1) }
            }
            (twoBack, previous) = (previous, row)
        }
        return row[y.count]
    }

    /// `extended`: also a name that extends the other (`x_t` for a parameter `x`), which is a
    /// slip only when the shorter name is an unused parameter; among defined names `alpha_bar`
    /// and `alpha` are two quantities.
    static func similar(_ a: String, _ b: String, extended: Bool = false) -> Bool {
        if a == b { return false }
        // `step` and `steps`, `beta` and `betas`: a fragment's loop counter and its bound, or a
        // scalar and its table, far more often than a slip.
        if a + "s" == b || b + "s" == a { return false }
        // `alpha_s` and `alpha_0`, `gamma_t_padded` and `gamma_0_padded`: one quantity at two steps,
        // named by a one-letter index, not a slip of one for the other.
        if differOnlyInStepIndex(a, b) { return false }
        // `Upsample` and `p_sample`: a class (capitalised) and a function are two things, not a
        // slip, unless they are the same word (`dataset` for `Dataset`).
        if let x = a.first, let y = b.first, x.isUppercase != y.isUppercase { return a.lowercased() == b.lowercased() }
        if extended, a.hasPrefix(b + "_") || b.hasPrefix(a + "_") { return true }
        // `f_theta_minus` beside `theta_minus`, `model_fn` beside `model`, `alpha_t_bar` beside
        // `alpha_bar`: a word added to a name makes another name, not a slip of it.
        if !extended, addsWord(a, to: b) || addsWord(b, to: a) { return false }
        let shorter = min(a.count, b.count)
        let allowed = shorter >= 7 ? 2 : 1
        // The distance is at least the difference in length: most pairs need no table.
        return shorter >= 4 && max(a.count, b.count) - shorter <= allowed && editDistance(a, b) <= allowed
    }

    /// Whether two names joined by `_` differ only in parts of one character that name different
    /// symbols: a step index in each (`alpha_s`, `alpha_0`), two Greek letters (`σ_prev_0`,
    /// `λ_prev_0`), or two such parts at once (`t_prev_1`, `λ_prev_0`), which no single slip of
    /// the keyboard makes.
    static func differOnlyInStepIndex(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: "_", omittingEmptySubsequences: false), y = b.split(separator: "_", omittingEmptySubsequences: false)
        guard x.count == y.count, x.count >= 2 else { return false }
        let differing = zip(x, y).filter { $0 != $1 }
        guard !differing.isEmpty, differing.allSatisfy({ $0.0.count == 1 && $0.1.count == 1 }) else { return false }
        if differing.count >= 2 { return true }
        let pair = [differing[0].0.first!, differing[0].1.first!]
        return pair.allSatisfy { stepIndexCharacters.contains($0) } || pair.allSatisfy(isGreekLetter)
    }

    /// α … ω, Α … Ω: a letter a name takes from mathematics.
    static func isGreekLetter(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 else { return false }
        return (0x391...0x3C9).contains(v)
    }

    /// What a step index is written as: a digit, or the letters notes give to steps (`x_s`, `x_t`,
    /// `x_T`, `alpha_k`).
    static let stepIndexCharacters: Set<Character> = Set("0123456789stTijkmn")

    /// Whether `name` is the lower-case instance of a capitalised class (`history`, `History`); an
    /// all-capitals constant (`IMG_SIZE`) is no class.
    static func isInstanceName(_ name: String, ofClass other: String) -> Bool {
        guard let first = other.first, first.isUppercase, other.contains(where: \.isLowercase), name.first?.isLowercase == true else { return false }
        return name.lowercased() == other.lowercased()
    }

    /// Whether two names have the same words joined by `_`, each pair equal or one the other with
    /// `s`, `r`, `er` or `or` added (`generate` and `generator`: a verb and its agent noun).
    static func sameWordsUpToInflection(_ a: String, _ b: String) -> Bool {
        let x = a.lowercased().split(separator: "_", omittingEmptySubsequences: false)
        let y = b.lowercased().split(separator: "_", omittingEmptySubsequences: false)
        guard x.count == y.count, x != y else { return false }
        func inflects(_ p: Substring, _ q: Substring) -> Bool {
            if ["s", "r", "er", "or"].contains(where: { p + $0 == q }) { return true }
            return p.hasSuffix("e") && p.dropLast() + "or" == q
        }
        return zip(x, y).allSatisfy { p, q in p == q || inflects(p, q) || inflects(q, p) }
    }

    /// Whether `long` is `short` with one word of letters joined to it by `_`: before it, after
    /// it, or between two of its words (`alpha_t_bar` beside `alpha_bar`).
    static func addsWord(_ long: String, to short: String) -> Bool {
        let longWords = long.split(separator: "_", omittingEmptySubsequences: false)
        let shortWords = short.split(separator: "_", omittingEmptySubsequences: false)
        guard longWords.count == shortWords.count + 1 else { return false }
        for k in longWords.indices where !longWords[k].isEmpty && longWords[k].allSatisfy(\.isLetter) {
            var rest = longWords
            rest.remove(at: k)
            if rest == shortWords { return true }
        }
        return false
    }

    /// A defined name the undefined `name` is probably a slip for; library and builtin names are
    /// not offered (a note's `betas` is not a misspelt `bytes`). A capitalised name that is
    /// called or read for an attribute (`DDIM_Sampler(…)`, `DataLoaders.from_dd(…)`) is a class
    /// the author imports or defines elsewhere; the lower-case instance beside it
    /// (`ddim_sampler = DDIM_Sampler(…)`) is not what was meant.
    static func nearName(_ name: String, among defined: Set<String>, use: Use = .value) -> String? {
        defined.lazy.filter {
            !builtins.contains($0) && similar(name, $0) && min(name.count, $0.count) >= 4 && !arePairedProcessNames(name, $0)
                // `encoder(x)` beside a function `encode`, `decoder_pathway(z)` beside `decode_pathways`:
                // a called network named by the agent noun of a function's verb, not a slip.
                && !(use == .call && sameWordsUpToInflection(name, $0))
                && !(use != .value && name.first?.isUppercase == true && $0.first?.isLowercase == true)
                && !numbersAnother(name, of: $0)
        }.min()
    }

    /// `image_norm2` beside a bound `image_norm`, `block_2` beside `block`: a number added to a
    /// bound name names a second object of its kind (a second norm layer a sketch leaves free),
    /// not a slip for the first.
    static func numbersAnother(_ name: String, of bound: String) -> Bool {
        guard name.count > bound.count, name.hasPrefix(bound) else { return false }
        var rest = name.dropFirst(bound.count)
        if rest.first == "_" { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy(\.isNumber)
    }

    /// Python's functions of four letters or more that a call may misspell (`rang(1, n)`); shorter
    /// ones are one edit from too many names to tell a slip.
    static let builtinFunctions: Set<String> = [
        "print", "range", "enumerate", "reversed", "sorted", "isinstance", "super", "float", "round", "getattr",
        "setattr", "hasattr", "input", "tuple", "list", "dict", "open", "iter", "next",
    ]

    /// A library name an undefined name is one edit from, where the use shows which kind is meant:
    /// a module the code imports, used with an attribute (`toch.cat(…)` for `torch`), or one of
    /// Python's functions, called (`rang(1, n)` for `range`). Bare names are never matched to a
    /// library's: a note's `betas` is its own table, not a misspelt `bytes`.
    static func nearLibraryName(_ name: String, use: Use, imported: Set<String>) -> String? {
        guard name.count >= 4 else { return nil }
        let candidates: Set<String>
        switch use {
        case .receiver: candidates = imported
        case .call:
            // `arange(T + 1)`, `linspace(0, 1, n)` in code that star-imports NumPy, or in pseudo-code:
            // a function of the array libraries is its own name, not a slip for `range`.
            if ["numpy", "torch"].contains(where: { LibraryCatalogue.names[$0]?.contains(name) ?? false }) { return nil }
            candidates = builtinFunctions
        case .value: return nil
        }
        // `DataLoaders` beside an imported `DataLoader`: another library's class, as a plural of a
        // name is another name everywhere else (`betas`, `beta`).
        // `Text(…)` beside `next`: a capitalised name is a class, and Python's functions are
        // lower-case.
        return candidates.filter {
            $0.count >= 4 && abs($0.count - name.count) <= 1 && editDistance($0, name) == 1 && $0 + "s" != name && name + "s" != $0
                && $0.first?.isUppercase == name.first?.isUppercase
        }.min()
    }

    /// How a name is read: as a value, called (`f(x)`), or for an attribute (`m.f`).
    enum Use { case value, call, receiver }

    /// The use of each name read by the statements, by its offset; a name read as a plain value
    /// is not listed.
    static func nameUses(_ statements: [PyStatement]) -> [Int: Use] {
        var out: [Int: Use] = [:]
        forEachLoadedExpression(statements) { e in
            e.walk { node in
                switch node {
                case .call(.name(_, let at), _, _, _): out[at] = .call
                case .attribute(.name(_, let at), _, _): out[at] = .receiver
                default: break
                }
            }
        }
        return out
    }

    /// The names bound by imports, at any level of the statements.
    static func importedNames(_ statements: [PyStatement]) -> Set<String> {
        var names = Set<String>()
        PyStatement.forEach(in: statements) { s, _ in
            if case .importNames(let n, _) = s { names.formUnion(n) }
        }
        return names
    }

    /// `q_sample` and `p_sample`, `q_posterior` and `p_posterior`: diffusion code names the forward
    /// process q and the model p, so two names that differ only in that first letter are two
    /// functions, not a slip of one.
    ///
    /// Likewise a pair of opposite words in the same place (`encoder_pathway`, `decoder_pathway`;
    /// `encode`, `decode`): the two halves of one model.
    static func arePairedProcessNames(_ a: String, _ b: String) -> Bool {
        for (x, y) in [("encode", "decode"), ("upsample", "downsample"), ("input", "output")] {
            if a.replacingOccurrences(of: x, with: y) == b || b.replacingOccurrences(of: x, with: y) == a { return true }
        }
        guard a.count == b.count, let x = a.first, let y = b.first, Set([x, y]) == ["p", "q"] else { return false }
        return a.dropFirst() == b.dropFirst() && (a.dropFirst().first == "_" || a.dropFirst().first?.isUppercase == true)
    }

    /// Whether the body assigns `defined` an element of `name` (`alpha_bar_t = alpha_bar[t]`,
    /// `torch.gather(alphas_bar, 0, t)`): the two are a table and its element, and the undefined
    /// table was left to the reader (pseudo-code), not misspelt. A plain copy (`img_size =
    /// IMG_SIZE`) is no such pair.
    static func isDefined(_ defined: String, from name: String, in body: [PyStatement]) -> Bool {
        for statement in body {
            switch statement {
            case .assign(let targets, let value, _):
                // `normalized_audio = normalize_audio(audio)`, `alpha_t_bar = np.take(alpha_bar, t)`:
                // the undefined name is an input of the one computed from it, so not a slip for it;
                // a plain copy (`img_size = IMG_SIZE`) computes nothing.
                if targets.contains(where: { $0.dottedName == defined }), readsElement(of: name, value) || (CodeAnalysis.mentions(value, name) && value.dottedName != name) { return true }
            case .function(_, _, let b, _), .classDef(_, let b, _), .block(let b, _), .forLoop(_, _, let b, _), .whileLoop(_, let b, _):
                if isDefined(defined, from: name, in: b) { return true }
            case .ifChain(let branches, let orElse, _):
                if branches.contains(where: { isDefined(defined, from: name, in: $0.body) }) || isDefined(defined, from: name, in: orElse) { return true }
            default: break
            }
        }
        return false
    }

    /// `table[t]`, `torch.gather(table, 0, t)`, `table.gather(-1, t)`, `extract(table, t, shape)`,
    /// each maybe reshaped or moved after: one element of the table.
    static func readsElement(of table: String, _ value: PyExpr) -> Bool {
        var e = value
        while case .call(.attribute(let receiver, let method, _), _, _, _) = e, PyInterpreter.identityMethods.contains(method) { e = receiver }
        switch e {
        case .subscripted(.name(let n, _), _, _): return n == table
        case .call(let f, let args, let keywords, _):
            // `table.gather(-1, t)`, or a helper handed the table (`torch.gather(table, 0, t)`).
            if case .attribute(.name(let n, _), "gather", _) = f, n == table { return true }
            guard let callee = f.dottedName.map({ CodeAnalysis.lastComponent($0) }), PyInterpreter.gatherHelpers.contains(callee) else { return false }
            return (args + keywords.map(\.1)).contains { if case .name(let n, _) = $0 { return n == table } else { return false } }
        default: return false
        }
    }

    /// Two names the statements read that nothing binds, imports or defines as a builtin, and that
    /// are no slips for a name that is (`criterion` and `targets` in a snippet), joined for a
    /// message. Code fenced in prose that reads such names is an excerpt of a program not shown;
    /// that program may bind the names its near-misses seem to be slips of (`dataloader` beside
    /// another snippet's `data_loader`). One such name is not enough: an excerpt that assumes a
    /// single input (`t`, an id) is still read as part of the note's program.
    static func namesNotShown(_ uses: [(String, Int)], known: Set<String>, imported: Set<String>, nameUses: [Int: Use]) -> String? {
        var unseen: [String] = []
        for (name, at) in uses where !unseen.contains(name) && !known.contains(name) && !imported.contains(name) && !builtins.contains(name)
            && (isNumberedPlaceholder(name, among: uses, known: known)
                || (nearName(name, among: known, use: nameUses[at] ?? .value) == nil
                    && nearLibraryName(name, use: nameUses[at] ?? .value, imported: imported) == nil)) {
            unseen.append(name)
            if unseen.count == 2 { return "'\(unseen[0])' and '\(unseen[1])'" }
        }
        return nil
    }

    /// Whether `name` is one of a numbered series the code reads without binding any of them
    /// (`tool1`, `tool2`, `tool3` in `call([tool1, tool2, tool3])`): placeholders of an example,
    /// not a slip for a bound name one edit away (`tools`). A series misspelt as a whole (`coef1`,
    /// `coef2` beside `coeff1`, `coeff2`) is still a slip: a bound name has its number.
    static func isNumberedPlaceholder(_ name: String, among uses: [(String, Int)], known: Set<String>) -> Bool {
        func split(_ n: String) -> (Substring, Substring)? {
            let stem = n.reversed().drop(while: \.isNumber).reversed()
            guard !stem.isEmpty, stem.count < n.count else { return nil }
            return (Substring(String(stem)), n.dropFirst(stem.count))
        }
        guard let (stem, number) = split(name) else { return false }
        // `coef1`, `coef2` beside a bound `coeff1`, `coeff2`: the series itself is misspelt.
        if known.contains(where: { k in split(k).map { $0.1 == number && editDistance(String($0.0), String(stem)) <= 2 } ?? false }) { return false }
        return uses.contains { other, _ in
            guard other != name, !known.contains(other), let (otherStem, otherNumber) = split(other) else { return false }
            return otherStem == stem && otherNumber != number
        }
    }

    /// Findings for one function: undefined names that stand for an unused parameter or a
    /// near-identical defined name.
    /// `starImported`: the code reads a module of its own with `from utils import *`, whose names
    /// no one can list; a name is then a slip only one edit from the name meant (`nosie`), not
    /// two (`plot_images` beside `log_images` may be one of the module's).
    /// `candidates`: the names a slip may be offered for, when not every name bound (an excerpt's).
    static func check(function params: [PyParameter], body: [PyStatement], globals: Set<String>, imported: Set<String>, starImported: Bool = false,
                      candidates: Set<String>? = nil) -> [CodeFinding] {
        let locals = localNames(params, body)
        let used = uses(body)
        let usedNames = Set(used.map(\.0))
        let unusedParams = params.map(\.name).filter { !usedNames.contains($0) && $0 != "self" }
        let nameUses = nameUses(body)
        var reported = Set<String>()
        var findings: [CodeFinding] = []
        for (name, at) in used where !locals.contains(name) && !globals.contains(name) && !builtins.contains(name) && !reported.contains(name) {
            reported.insert(name)
            if isNumberedPlaceholder(name, among: used, known: locals.union(globals)) { continue }
            // `net_forward(x, t)` beside an unused parameter `net` is a helper named after it and
            // defined elsewhere in the author's code, not a slip: only a name used as a value may
            // extend the parameter's (`x_t` for `x`).
            let withinReach = { (near: String) in !starImported || editDistance(name, near) <= 1 }
            if let p = unusedParams.first(where: { similar(name, $0, extended: nameUses[at] != .call) }) {
                if withinReach(p) {
                    findings.append(CodeFinding(rule: .undefinedName, offset: at,
                                                message: "'\(name)' is not defined: the function's parameter is '\(p)', which the body never uses", fix: p))
                }
            } else if let near = nearName(name, among: candidates ?? locals.union(globals), use: nameUses[at] ?? .value).flatMap({ isDefined($0, from: name, in: body) ? nil : $0 })
                        ?? nearLibraryName(name, use: nameUses[at] ?? .value, imported: imported), withinReach(near) {
                findings.append(CodeFinding(rule: .undefinedName, offset: at, message: "'\(name)' is not defined; did you mean '\(near)'?", fix: near))
            }
        }
        return findings
    }
}
