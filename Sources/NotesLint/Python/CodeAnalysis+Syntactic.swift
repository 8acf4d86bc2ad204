/// Rules read off the code's form: uniform noise, √ of a log-variance, η where η² belongs.
extension CodeAnalysis {
    static let nonNoiseTargets: Set<String> = ["t", "ts", "timesteps", "mask", "u", "p", "prob", "probs", "drop", "keep", "idx", "index", "threshold", "r", "coin", "cond_mask", "dropout_mask", "uncond", "parameter"]

    /// Whether the code is a noise-conditional score model sampled by annealed Langevin dynamics:
    /// it calls a Langevin sampler and never builds a β or ᾱ table. Such a sampler may start from
    /// uniform noise (Song & Ermon 2019 do), so a uniform draw assigned as its starting sample is
    /// not the diffusion noise.
    static func isAnnealedLangevinCode(_ statements: [[PyStatement]]) -> Bool {
        var langevin = false, diffusionTables = false
        func expressions(of s: PyStatement) -> [PyExpr] {
            switch s {
            case .assign(_, let v, _), .augmented(_, _, let v, _), .expression(let v, _): return [v]
            case .returnValue(let v?, _): return [v]
            case .forLoop(_, let iterable, _, _): return [iterable]
            case .whileLoop(let test, _, _): return [test]
            case .ifChain(let branches, _, _): return branches.map(\.test)
            default: return []
            }
        }
        func visit(_ list: [PyStatement]) {
            for s in list {
                if case .assign(let targets, _, _) = s, targets.contains(where: { t in
                    guard let n = t.dottedName, let role = ScheduleRole.of(n) else { return false }
                    // A table of the schedule (`betas`, `alphas`, `alphas_cumprod`); one `alpha`
                    // (a Langevin step size, a normalisation's scale) is not one.
                    let last = n.split(separator: ".").last.map(String.init) ?? n
                    return role == .alphaBars || ((role == .betas || role == .alphas) && last.lowercased().hasSuffix("s"))
                }) { diffusionTables = true }
                if case .function(let name, _, _, _) = s, name.lowercased().contains("langevin") { langevin = true }
                if case .assign(let targets, let value, _) = s, targets.count == 1, let x = targets[0].dottedName, isLangevinUpdate(x, value) { langevin = true }
                expressions(of: s).forEach { e in e.walk { if case .call(let f, _, _, _) = $0, f.dottedName?.lowercased().contains("langevin") == true { langevin = true } } }
                s.nestedBodies.forEach(visit)
            }
        }
        statements.forEach(visit)
        return langevin && !diffusionTables
    }

    /// `x = x + alpha / 2 * score + sqrt(alpha) * z`: a Langevin step, the sample moved along the
    /// score by a step size that also sets its noise as its square root (in any order of terms).
    static func isLangevinUpdate(_ target: String, _ value: PyExpr) -> Bool {
        var terms: [PyExpr] = []
        func collect(_ e: PyExpr) {
            if case .binary("+", let l, let r, _) = e { collect(l); collect(r) } else { terms.append(e) }
        }
        collect(value)
        guard terms.count == 3, terms.contains(where: { $0.dottedName == target }) else { return false }
        /// The expressions a term takes a square root of: `sqrt(s)`, `sqrt(2 * s)`, `s ** 0.5`.
        func radicands(_ term: PyExpr) -> [PyExpr] {
            var found: [PyExpr] = []
            term.walk { node in
                if case .call(let f, let args, _, _) = node, f.dottedName?.hasSuffix("sqrt") == true, args.count == 1 { found.append(args[0]) }
                if case .binary("**", let base, .number(0.5, _), _) = node { found.append(base) }
            }
            return found
        }
        // The step size under a root, in the noise term.
        var rooted: Set<String> = []
        for term in terms {
            for inner in radicands(term) { inner.walk { if case .name(let n, _) = $0 { rooted.insert(n) } } }
        }
        guard !rooted.isEmpty else { return false }
        // The same step size outside any root in another term, the noise-free drift.
        let others = terms.filter { $0.dottedName != target }
        let drift = others.contains { term in
            var plain = false
            term.walk { node in
                if case .binary(let op, let l, let r, _) = node, ["*", "/"].contains(op) {
                    for side in [l, r] { if case .name(let n, _) = side, rooted.contains(n) { plain = true } }
                }
            }
            return plain && radicands(term).isEmpty
        }
        return drift && others.contains { !radicands($0).isEmpty }
    }

    /// `torch.rand(n, 1, 1, 1)`, `torch.rand((batch, 1, 1))`: one value per sample, broadcast over
    /// channels and pixels (a colour, a shade, a level drawn per image). The noise of the process has
    /// the data's whole shape, so such a draw, unless named as the noise, is a sampled parameter.
    /// A shape `(n, 1)` may be 1-D data itself and is not taken for one.
    /// The dimensions a draw's arguments spell out: `rand(b, c, h, w)` or `rand((b, c, h, w))`.
    static func drawDimensions(_ args: [PyExpr]) -> [PyExpr] {
        if args.count == 1, case .tuple(let items, _) = args[0] { return items }
        if args.count == 1, case .list(let items, _) = args[0] { return items }
        return args
    }

    static func drawsOneValuePerSample(_ args: [PyExpr]) -> Bool {
        let dims = drawDimensions(args)
        guard dims.count >= 3 else { return false }
        return dims.dropFirst().allSatisfy { if case .number(1, _) = $0 { return true } else { return false } }
    }

    /// A name for a value drawn uniformly on purpose: a time (`random_t`, `t_sample`), a noise
    /// level (`sigma_vals`, `sigmas`) or a log-SNR. Such draws pick where to train; the noise
    /// itself is drawn elsewhere. A state indexed by time (`x_t`, `z_t`, `noisy_x_t`) is not one:
    /// its draw is the noise.
    static func isSampledParameterName(_ name: String?) -> Bool {
        guard let n = name?.lowercased() else { return false }
        let words = n.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        if words.contains(where: { ["x", "z", "xt", "zt", "img", "image", "images", "latent", "latents", "noisy", "noised", "perturbed"].contains($0) }) { return false }
        // A schedule value drawn at random (WaveGrad's and Palette's noise level γ drawn between
        // two neighbouring γ's of the table) is a sampled parameter, not the noise.
        let parameterWords: Set<String> = ["t", "ts", "time", "times", "timestep", "timesteps", "level", "levels", "snr", "lambda", "lam", "logsnr",
                                           "gamma", "gammas", "alpha", "alphas", "abar", "alphabar", "cumprod"]
        return words.contains { parameterWords.contains($0) || $0.hasPrefix("sigma") }
    }

    /// `x1_samples`, `data`, `toy_points`: a toy data set drawn uniformly (points on a sine curve,
    /// the data end x_1 of a flow-matching path), not the noise of the process.
    /// `max_var`, `minvar`, `posterior_variance`, `var`: a variance by a word of its name; `covar`
    /// (a covariance) is not one.
    static func namesVariance(_ name: String) -> Bool {
        name.split(whereSeparator: { !$0.isLetter }).contains { ($0.hasSuffix("var") && !$0.hasSuffix("covar")) || $0 == "vars" || $0.hasPrefix("variance") }
    }

    static func isDataName(_ name: String?) -> Bool {
        guard let n = name?.lowercased() else { return false }
        let words = n.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        // The parameters of a toy distribution drawn at random (a mixture's means, centres,
        // weights) are data too, and so are the polar coordinates of toy points (a ring's angles).
        let dataWords: Set<String> = ["data", "dataset", "x1", "points", "toy", "means", "centers", "centres", "locs", "modes", "weights",
                                      "angle", "angles", "theta", "thetas", "phase", "phases", "radius", "radii", "positions",
                                      // An energy model's or a GAN's negatives (`fake_imgs`): samples, not noise.
                                      "fake"]
        return words.contains { dataWords.contains($0) }
    }

    /// `xt = torch.rand(…)` followed only by `model(xt, t)` and `xt.shape`: a placeholder input that
    /// probes a network's shapes, not noise of the process. True when `name` is used at least once in
    /// `statements` and every use is a direct argument of a call that is not a diffusion routine
    /// (sampling, noising, a step, a loss) or a read of its shape, size, dtype or device. With the
    /// offset of the draw, only the uses between the draw and the next binding of `name` count: a
    /// later `x = …` holds another value.
    /// A draw's caller passes `withoutFunctionsOwning(name, …)`: a function defined later whose own
    /// `name` is a parameter or local does not see the draw.
    static func onlyProbesAModel(_ name: String, drawnAt draw: Int? = nil, in statements: [PyStatement]) -> Bool {
        let diffusionWords = ["sample", "noise", "noising", "diffus", "step", "q_", "p_", "denois", "loop", "add", "reverse",
                              "generate", "train", "loss", "schedul", "forward", "perturb", "corrupt"]
        let inspections: Set<String> = ["shape", "size", "dtype", "device", "ndim", "dim", "numel"]
        var uses = 0, probes = 0
        func count(_ e: PyExpr) {
            switch e {
            case .name(let n, _) where n == name:
                uses += 1
            case .attribute(.name(let n, _), let attribute, _) where n == name:
                uses += 1
                if inspections.contains(attribute) { probes += 1 }
            case .call(let callee, let args, let keywords, _):
                let calleeName = (callee.dottedName?.split(separator: ".").last.map(String.init) ?? "").lowercased()
                let probing = !calleeName.isEmpty && !diffusionWords.contains { calleeName.contains($0) }
                for a in args + keywords.map(\.1) {
                    if case .name(let n, _) = a, n == name { uses += 1; if probing { probes += 1 } } else { count(a) }
                }
                if case .attribute(.name(let n, _), let method, _) = callee, n == name {
                    uses += 1
                    if inspections.contains(method) { probes += 1 }
                } else {
                    count(callee)
                }
            case .attribute(let b, _, _): count(b)
            case .subscripted(let b, let items, _): count(b); items.forEach(count)
            case .slice(let a, let b, let c, _): [a, b, c].compactMap { $0 }.forEach(count)
            case .binary(_, let a, let b, _): count(a); count(b)
            case .unary(_, let a, _): count(a)
            case .compare(_, let xs, _), .boolean(_, let xs, _), .tuple(let xs, _), .list(let xs, _): xs.forEach(count)
            case .conditional(let a, let t, let b, _): count(a); count(t); count(b)
            case .lambda(_, let b, _): count(b)
            default: break
            }
        }
        func binds(_ targets: [PyExpr]) -> Bool { targets.contains { bindsName($0, name) } }
        func holdsDraw(_ value: PyExpr) -> Bool { draw.map { holdsCall(at: $0, value) } ?? false }
        var drawSeen = false
        var drawInStatements = false
        PyStatement.forEach(in: statements) { statement, _ in if case .assign(_, let value, _) = statement, holdsDraw(value) { drawInStatements = true } }
        var rebound = false
        PyStatement.forEach(in: statements) { statement, _ in
            if drawInStatements {
                if rebound { return }
                if !drawSeen {
                    if case .assign(_, let value, _) = statement, holdsDraw(value) { drawSeen = true }
                    return
                }
                if case .assign(let targets, _, _) = statement, binds(targets) { rebound = true }
                if case .forLoop(let target, _, _, _) = statement, binds([target]) { rebound = true }
                if rebound {
                    // `x = x.to(device)` still reads the draw before it binds the name anew.
                    if case .assign(_, let value, _) = statement { count(value) }
                    return
                }
            }
            if case .assign(let targets, let value, _) = statement {
                // The name being bound is not a use of it.
                targets.filter { if case .name(let n, _) = $0 { return n != name } else { return true } }.forEach(count)
                count(value)
            } else {
                statement.ownExpressions.forEach(count)
            }
        }
        return uses > 0 && uses == probes
    }

    /// Whether the code reads or builds a diffusion schedule (`betas`, `alphas_cumprod`,
    /// `sqrt_one_minus_alphas_cumprod`, …) anywhere: a uniform draw assigned to a sample's name
    /// (`x = torch.rand(100, 1)`) is the noise of a diffusion process only in such code; in a
    /// regression or probability demo it is data.
    static func readsDiffusionSchedule(_ statements: [PyStatement]) -> Bool {
        namesAny(statements) { name, last in
            ScheduleRole.of(name) != nil || last.contains("cumprod") || last.contains("alpha_bar") || last.contains("alphas_bar")
        }
    }

    /// Whether the code names a table of the schedule: a plural or cumulative name (`betas`,
    /// `alphas_cumprod`, `self.alpha_bar`), not a singular `alpha` or `beta` alone.
    static func holdsScheduleTable(_ statements: [PyStatement]) -> Bool {
        namesAny(statements) { name, last in
            (ScheduleRole.of(name) != nil && namesWholeTable(last)) || ["cumprod", "alpha_bar", "alphas_bar", "alpha_hat", "abar"].contains(where: last.contains)
        }
    }

    /// Whether some name the statements read or assign (dotted, and its last part in lower case)
    /// satisfies the test.
    /// Whether the code builds the transition matrices of a discrete-state diffusion (D3PM's
    /// `q_onestep_mats`, `transition_mat_type`, a cumulative `Q_bar`, `num_pixel_vals`).
    static func buildsDiscreteTransitions(_ statements: [PyStatement]) -> Bool {
        namesAny(statements) { _, last in
            ["transition_mat", "onestep_mat", "q_mats", "q_bar", "num_pixel_vals"].contains { last.contains($0) }
        }
    }

    static func namesAny(_ statements: [PyStatement], _ test: (String, String) -> Bool) -> Bool {
        var found = false
        PyStatement.forEach(in: statements) { statement, _ in
            guard !found else { return }
            var expressions = statement.ownExpressions
            if case .assign(let targets, _, _) = statement { expressions += targets }
            for e in expressions {
                e.walk { node in
                    guard !found, let name = node.dottedName else { return }
                    if test(name, lastComponent(name).lowercased()) { found = true }
                }
            }
        }
        return found
    }

    /// A factor that scales noise to its level: a standard deviation, a schedule coefficient or a
    /// square root (`std`, `sigma_t`, `sqrt_one_minus_alphas_cumprod[t]`, `torch.sqrt(var)`,
    /// `beta ** 0.5`). A number or a range's width (`* 2`, `* (b - a)`) places a uniform draw on
    /// an interval on purpose.
    static func isNoiseScale(_ e: PyExpr) -> Bool {
        var scale = false
        e.walk { node in
            switch node {
            case .binary("**", _, .number(0.5, _), _): scale = true
            case .call(.attribute(_, let method, _), _, _, _) where ["sqrt", "exp", "rsqrt"].contains(method): scale = true
            case .call(let f, _, _, _) where ["sqrt", "exp"].contains(f.dottedName?.split(separator: ".").last.map(String.init) ?? ""): scale = true
            default:
                guard let name = node.dottedName?.split(separator: ".").last?.lowercased() else { return }
                if ["std", "sigma", "sqrt", "var", "beta", "alpha", "noise", "eta"].contains(where: { name.contains($0) }) { scale = true }
            }
        }
        return scale
    }

    /// `torch.rand(n, 2) * 2 - 1`, `np.random.rand(n) - 0.5`: a draw of a shape the code spells
    /// out, moved to be centred at 0. The author knows the draw is uniform (points in a square, a
    /// Langevin chain's start); the bug DL201 looks for is a mean of ½ that no one chose. A draw
    /// shaped like a sample (`rand_like(x) * 2 - 1`) is still the noise, centred or not.
    static func centresUniformDraw(_ e: PyExpr) -> Bool {
        guard case .binary("-", let drawn, .number(let c, _), _) = e, c > 0 else { return false }
        var uniform = false
        drawn.walk { node in
            if case .call(let f, let args, _, _) = node, let name = f.dottedName?.split(separator: ".").last.map(String.init),
               PyInterpreter.uniformNoise.contains(name), !name.hasSuffix("_like") || likeFreshTensor(args) { uniform = true }
        }
        return uniform
    }

    /// `rand_like(torch.empty(n, *shape))`: a draw shaped like a tensor made for the purpose, so of
    /// a shape the code spells out, not like a sample it holds.
    static func likeFreshTensor(_ args: [PyExpr]) -> Bool {
        guard case .call(let f, _, _, _)? = args.first, let made = f.dottedName?.split(separator: ".").last else { return false }
        return ["empty", "zeros", "ones", "full"].contains(String(made))
    }

    /// `rand_for_mask`, `observed_mask`, `random_uniform_like`: a name that says the value is a
    /// mask or that the draw is uniform by choice. A draw bound to such a name, or shaped like a
    /// mask, picks positions or is asked for as uniform; the bug DL201 looks for is a uniform draw
    /// no one chose.
    static func namesMaskOrUniform(_ name: String?) -> Bool {
        guard let n = name?.lowercased() else { return false }
        return n.contains("mask") || n.contains("uniform")
    }

    /// `torch.rand(16, 3, 32, 32)`, `torch.rand((b, c, h, w))`: a draw with three or more
    /// dimensions, the shape of a batch of images, not of a table of toy points.
    static func drawsImageShape(_ args: [PyExpr]) -> Bool {
        drawDimensions(args).count >= 3
    }

    /// Whether the code squares the value of `name` anywhere: `f = f * f`, `f ** 2`, `f.pow(2)`,
    /// `f.square()`, `torch.square(f)` (a cosine assigned first and squared on the next line).
    static func squaresName(_ name: String, in statements: [PyStatement]) -> Bool {
        func isName(_ e: PyExpr) -> Bool { if case .name(name, _) = e { return true }; return false }
        var found = false
        NameCheck.forEachLoadedExpression(statements) { e in
            e.walk { node in
                switch node {
                case .binary("*", let a, let b, _) where isName(a) && isName(b): found = true
                case .binary("**", let a, .number(2, _), _) where isName(a): found = true
                case .call(.attribute(let receiver, let method, _), let args, _, _) where isName(receiver):
                    if method == "square" || (method == "pow" && args.count == 1 && { if case .number(2, _) = args[0] { return true }; return false }()) { found = true }
                case .call(let f, let args, _, _) where args.count == 1 && isName(args[0]):
                    if f.dottedName?.split(separator: ".").last == "square" { found = true }
                default: break
                }
            }
        }
        return found
    }

    /// Whether `e` is a call of a cosine (`torch.cos(u)`, `np.cos(u)`, `math.cos(u)`).
    /// A name for the marginal's mean coefficient √ᾱ_t rather than ᾱ_t: `marginal_log_mean_coeff`,
    /// `signal_rates`, `sqrt_alphas_cumprod`, `sqrt_alpha_bar`.
    static func namesSignalScale(_ name: String) -> Bool {
        let n = name.lowercased()
        return ["mean_coef", "meancoef", "signal", "sqrt_alpha", "sqrt_ab", "sqrtalpha"].contains { n.contains($0) }
    }

    static func isCosineCall(_ e: PyExpr) -> Bool {
        guard case .call(let f, _, _, _) = e else { return false }
        return f.dottedName?.split(separator: ".").last == "cos"
    }

    static func syntacticFindings(_ statements: [PyStatement], annealedLangevin: Bool = false, diffusionSchedule: Bool = true, laterStatements: [PyStatement] = []) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        /// `sqrt(1 - a_prev - eta * var)`: η where η² belongs.
        func etaUnderRoot(_ arg: PyExpr) {
            arg.walk { node in
                guard case .binary("-", _, let right, _) = node, let etaAt = etaFactor(right) else { return }
                findings.append(CodeFinding(rule: .etaForEtaSquared, offset: etaAt,
                                            message: "η multiplies a variance here; σ_t = η·σ̂_t, so the variance is η²·σ̂_t²",
                                            fix: "(eta * sigma) ** 2"))
            }
        }
        /// The body of the function being walked, nil at module level.
        var enclosingBody: [PyStatement]?
        /// The name of the function being walked, nil at module level.
        var enclosingFunction: String?
        let moduleStatements = statements + laterStatements
        /// The statements a name bound here is used in: its function's, or the module's.
        var scope: [PyStatement] { enclosingBody ?? moduleStatements }
        /// Inside a branch taken when uniform noise is asked for by name.
        var uniformChosen = false
        func selectsUniform(_ test: PyExpr) -> Bool {
            var named = false
            test.walk { node in
                if case .string(let text, _) = node, text.lowercased().contains("uniform") { named = true }
                if let d = node.dottedName, d.lowercased().contains("uniform") { named = true }
            }
            return named
        }
        /// `inArithmetic`: the draw is an operand of arithmetic; `scaled`: a factor of a product
        /// with a noise level (`std * rand_like(std)`).
        func visit(_ e: PyExpr, target: String?, insideCompare: Bool, squared: Bool = false, inArithmetic: Bool = false, scaled: Bool = false) {
            if centresUniformDraw(e) && !namesNoiseItself(target) { return }
            // `-(torch.rand_like(p) + 1e-10).log()`, `torch.log(torch.rand(n))`: a uniform draw under
            // a logarithm is a Gumbel or exponential draw (the Gumbel-max trick), not noise used as it is.
            if takesLogarithmOfUniformDraw(e) { return }
            switch e {
            // `rand_like(x) / 256` added to 8-bit pixel values spreads each value over its bin
            // (dequantization): a uniform draw at the scale of one grey level is not the noise.
            case .binary("/", let draw, .number(let n, _), _) where n >= 128 && Self.isUniformDraw(draw):
                return
            case .binary("*", let draw, .number(let n, _), _) where n > 0 && n <= 1.0 / 128 && Self.isUniformDraw(draw):
                return
            // `(x * 255. + torch.rand_like(x)) / 256.`: the draw joins the 8-bit values before the sum
            // is scaled back, the same dequantization written the other way round.
            case .binary("/", .binary("+", let a, let b, _), .number(let n, _), _) where n >= 128 && [a, b].contains(where: { term in
                // `torch.rand_like(x).to(device)`: the draw under a move or a cast.
                var call = term
                while case .call(.attribute(let receiver, let method, _), _, _, _) = call, ["to", "cuda", "float", "double", "type_as"].contains(method) { call = receiver }
                return Self.isUniformDraw(call)
            }):
                return
            case .binary("**", let base, .number(2, _), _), .binary("**", let base, .number(-2, _), _), .binary("**", let base, .unary("-", .number(2, _), _), _):
                // `cos(u) ** -2` = 1/cos²(u): the log-SNR of the cosine schedule squares it too.
                visit(base, target: target, insideCompare: insideCompare, squared: true)
                return
            // 1 + cos(2u) = 2·cos²(u): the half-angle form of a squared cosine.
            case .binary(let op, .number(1, _), let term, _) where op == "+" || op == "-",
                 .binary(let op, let term, .number(1, _), _) where op == "+" || op == "-":
                visit(term, target: target, insideCompare: insideCompare, squared: true)
                return
            // (cos(u)/cos(u_0))² = cos²(u)/cos²(u_0): a square over a ratio or a product squares
            // each factor.
            case .binary(let op, let a, let b, _) where squared && (op == "/" || op == "*"):
                visit(a, target: target, insideCompare: insideCompare, squared: true, inArithmetic: true, scaled: scaled)
                visit(b, target: target, insideCompare: insideCompare, squared: true, inArithmetic: true, scaled: scaled)
                return
            case .binary("**", let base, .number(0.5, _), _):
                etaUnderRoot(base)
            // `cos(u) ** 1.5`: a power the code chooses for its own schedule, not a square left out.
            case .binary("**", let base, .number(let p, _), _) where p != 1 && isCosineCall(base):
                visit(base, target: target, insideCompare: insideCompare, squared: true)
                return
            case .call(.attribute(let receiver, "pow", _), let args, _, _) where args.count == 1:
                if case .number(let p, _) = args[0], p == 2 || (p != 1 && isCosineCall(receiver)) {
                    visit(receiver, target: target, insideCompare: insideCompare, squared: true)
                    return
                }
            // `cos(u).square()`, `torch.square(cos(u))`: the square spelled as a call.
            case .call(.attribute(let receiver, "square", _), let args, _, _) where args.isEmpty:
                visit(receiver, target: target, insideCompare: insideCompare, squared: true)
                return
            case .call(let f, let args, _, _) where args.count == 1 && f.dottedName.map({ $0 == "square" || $0.hasSuffix(".square") }) == true:
                visit(args[0], target: target, insideCompare: insideCompare, squared: true)
                return
            case .call(let f, let args, _, _) where args.count == 2 && (f.dottedName?.hasSuffix("pow") ?? false) || (f.dottedName?.hasSuffix("power") ?? false) && args.count == 2:
                // `torch.pow(x, 2)`, `np.power(x, 2)`; `torch.pow(cos(u), 1.5)`, a chosen power.
                if case .number(let p, _) = args[1], p == 2 || (p != 1 && isCosineCall(args[0])) {
                    visit(args[0], target: target, insideCompare: insideCompare, squared: true)
                    return
                }
            case .compare(_, let operands, _):
                operands.forEach { visit($0, target: target, insideCompare: true) }
                return
            // `torch.rand(…).round()`: a uniform draw rounded is a fair coin per entry (a binary
            // mask or pixel flip), drawn so on purpose.
            case .call(.attribute(let receiver, "round", _), let args, _, _) where args.isEmpty && Self.isUniformDraw(receiver):
                return
            case .call(let callee, let args, let keywords, let at):
                let dotted = callee.dottedName ?? ""
                let parts = dotted.split(separator: ".").map(String.init)
                let name = parts.last ?? ""
                let root = parts.first ?? ""
                let isModule = parts.count > 1 && PyInterpreter.modules.contains(root)
                // `np.random.uniform(i, i + 1, n)`, `uniform_(-a, a)`: a draw on an interval the code names
                // places points or initialises weights on purpose; the bug DL201 looks for is `rand` for `randn`.
                // `uniform(0, 1)` is `rand` spelled out, not a chosen interval.
                // `jax.random.uniform(key, shape, dtype, minval, maxval)`: the key and the shape come first.
                let bounds = root == "jax"
                    ? (args.count >= 5 ? [args[3], args[4]] : keywords.filter { ["minval", "maxval"].contains($0.0) }.map(\.1))
                    : args.count >= 2 ? [args[0], args[1]]
                    : keywords.filter { ["low", "high", "a", "b", "from", "to"].contains($0.0) }.map(\.1)
                let unitInterval = bounds.count == 2 && {
                    if case .number(0, _) = bounds[0], case .number(1, _) = bounds[1] { return true }
                    return false
                }()
                let explicitInterval = (name == "uniform" || name == "uniform_") && !bounds.isEmpty && !unitInterval
                // `torch.random(…)` calls the module itself: no draw happens (DL236 reports it).
                let calledModule = parts.count == 2 && name == "random" && ["torch", "np", "numpy"].contains(root)
                // What the draw's name still reaches, built once for the two checks that read it
                // and only when the condition gets that far.
                lazy var reachable = withoutFunctionsOwning(target ?? "", keepingCallAt: at, scope)
                if PyInterpreter.uniformNoise.contains(name), isModule || name == "uniform_", !calledModule, !insideCompare, !explicitInterval, !uniformChosen,
                   !nonNoiseTargets.contains((target ?? "").lowercased()), !isSampledParameterName(target), !isDataName(target),
                   // `rand_like(theta)`: a draw shaped like a toy point set's angles or radii is
                   // more of that data; the noise is shaped like the sample.
                   !(name.hasSuffix("_like") && isDataName(args.first?.dottedName) && !namesNoiseItself(target)),
                   !namesMaskOrUniform(target), !(name.hasSuffix("_like") && namesMaskOrUniform(args.first?.dottedName)),
                   !(drawsOneValuePerSample(args) && !isNoiseName(target)),
                   // A draw of a spelt-out shape in arithmetic is noise when a noise level scales
                   // it; one shaped like a sample (`rand_like(x)`) is noise in any arithmetic. A
                   // draw assigned as it is to a sample's name (`x = torch.rand(…)`) starts the
                   // reverse chain only in code that has a schedule, or when it has an image's
                   // shape; toy data built around a draw (`x = 1.2 + 1.6 * torch.rand(n)`) is not.
                   (inArithmetic && (scaled || name.hasSuffix("_like")))
                    || (isNoiseName(target) && (namesNoiseItself(target) || (!inArithmetic && (diffusionSchedule || name.hasSuffix("_like") || drawsImageShape(args))
                            && startsReverseChain(target ?? "", drawnAt: at, in: reachable)))
                        // A Langevin chain may start from a uniform draw; its per-step noise
                        // (`z_t`, `noise`) is still Gaussian.
                        && (!annealedLangevin || namesNoiseItself(target)) && !onlyProbesAModel(target ?? "", drawnAt: at, in: reachable)),
                   !weighsAMixture(target ?? "", in: scope),
                   // Dequantization adds U[0, 1) to discrete values on purpose (a flow's `dequant`).
                   !(enclosingFunction.map { $0.lowercased().contains("dequant") } ?? false),
                   !onlyCompared(target ?? "", in: scope),
                   !feedsInverseCDF(target ?? "", in: scope) {
                    // Only the called function's own name is replaced: a substring replacement
                    // turned np.random.rand into np.randnom.randn.
                    let gaussianName: String
                    switch name {
                    case "rand_like": gaussianName = "randn_like"
                    case "uniform": gaussianName = "normal"
                    case "uniform_": gaussianName = "normal_"
                    default: gaussianName = "randn"
                    }
                    let replacement = root == "random" && parts.count == 2
                        ? "random.gauss(0, 1)"
                        : (parts.dropLast() + [gaussianName]).joined(separator: ".")
                    findings.append(CodeFinding(rule: .uniformNoise, offset: at,
                                                message: "\(dotted) draws uniform noise on [0, 1) (mean ½, variance 1/12); the noise of a diffusion model is standard normal",
                                                fix: replacement))
                }
                // √ᾱ_t = cos(…) unsquared is right: a cosine that is the marginal's mean
                // coefficient (DPM-Solver's `marginal_log_mean_coeff`, a `signal_rate`) is no ᾱ.
                if name == "cos", !squared, let arg = args.first, looksLikeCosineSchedule(arg),
                   !(target.map { squaresName($0, in: scope) } ?? false),
                   ![target, enclosingFunction].contains(where: { $0.map(namesSignalScale) ?? false }) {
                    findings.append(CodeFinding(rule: .cosineWithoutSquareCode, offset: at,
                                                message: "the cosine schedule uses cos where cos² belongs: f(t) = cos²((t/T + s)/(1 + s)·π/2)",
                                                fix: "\(dotted)(…) ** 2"))
                }
                if name == "sqrt", let arg = args.first {
                    var logLike = false
                    if let d = arg.dottedName?.lowercased(), d.contains("log") { logLike = true }
                    // `sqrt(log(var))`, but not `sqrt(log(2))` (a Gaussian filter's √ln 2) or
                    // `sqrt(log(T, base))` (an attention scale growing with the length): only the log
                    // of a spread, by its name, is a log-variance.
                    if case .call(let f, let logArgs, _, _) = arg, let fn = f.dottedName, fn.hasSuffix("log"), logArgs.count == 1,
                       namesSpread(logArgs[0]) { logLike = true }
                    if case .subscripted(_, let items, _) = arg, items.contains(where: { if case .string(let k, _) = $0 { return k.lowercased().contains("log") }; return false }) {
                        logLike = true
                    }
                    if logLike {
                        let text = arg.dottedName ?? "log_variance"
                        findings.append(CodeFinding(rule: .sqrtOfLogVariance, offset: at,
                                                    message: "the square root of a log-variance is not a standard deviation (and is NaN for variances below 1)",
                                                    fix: "torch.exp(0.5 * \(text))"))
                    }
                    etaUnderRoot(arg)
                }
                visit(callee, target: target, insideCompare: insideCompare)
                // `nn.Parameter(torch.log(torch.rand(1)))`: a draw that sets a learned parameter's
                // first value, whatever the parameter is called.
                args.forEach { visit($0, target: name == "Parameter" ? "parameter" : target, insideCompare: insideCompare) }
                // `Dot(color=np.random.random())`, `q_sample(x, t, noise=torch.rand_like(x))`: a
                // keyword names the role of the value it is given.
                keywords.forEach { visit($0.1, target: $0.0, insideCompare: insideCompare) }
                return
            default:
                break
            }
            switch e {
            case .attribute(let b, _, _): visit(b, target: target, insideCompare: insideCompare)
            case .subscripted(let b, let items, _): visit(b, target: target, insideCompare: insideCompare); items.forEach { visit($0, target: target, insideCompare: insideCompare) }
            case .binary("+", let a, let b, let at):
                if let (x, y) = interpolation(a, b) ?? interpolation(b, a), let xn = x.dottedName?.lowercased(), let yn = y.dottedName?.lowercased(),
                   namesVariance(xn) && namesVariance(yn) && !xn.contains("log") && !yn.contains("log"),
                   !isMovingAverage(a, ends: x, y, target: target) {
                    findings.append(CodeFinding(rule: .learnedRangeInVariance, offset: at,
                                                message: "the learned range interpolates the variances themselves; it interpolates their logarithms",
                                                fix: "exp(frac * log(\(x.dottedName ?? "max_var")) + (1 - frac) * log(\(y.dottedName ?? "min_var")))"))
                }
                visit(a, target: target, insideCompare: insideCompare, inArithmetic: true, scaled: scaled)
                visit(b, target: target, insideCompare: insideCompare, inArithmetic: true, scaled: scaled)
                return
            // `std * torch.rand_like(std)`, `torch.rand_like(x) * torch.sqrt(var)`: the draw scaled
            // to a noise level is the noise. Other arithmetic (`+ 0.05`, `* 0.5`, `* (1 - t)`)
            // leaves the draw's role to its name.
            case .binary("*", let a, let b, _):
                visit(a, target: target, insideCompare: insideCompare, inArithmetic: true, scaled: scaled || isNoiseScale(b))
                visit(b, target: target, insideCompare: insideCompare, inArithmetic: true, scaled: scaled || isNoiseScale(a))
            case .binary(let op, let a, let b, _):
                let arithmetic = inArithmetic || ["+", "-", "*", "/"].contains(op)
                visit(a, target: target, insideCompare: insideCompare, inArithmetic: arithmetic, scaled: scaled)
                visit(b, target: target, insideCompare: insideCompare, inArithmetic: arithmetic, scaled: scaled)
            case .unary(_, let a, _): visit(a, target: target, insideCompare: insideCompare)
            case .boolean(_, let xs, _), .tuple(let xs, _), .list(let xs, _): xs.forEach { visit($0, target: target, insideCompare: insideCompare) }
            case .conditional(let a, let t, let b, _): visit(a, target: target, insideCompare: insideCompare); visit(t, target: target, insideCompare: insideCompare); visit(b, target: target, insideCompare: insideCompare)
            case .slice(let a, let b, let c, _): [a, b, c].compactMap { $0 }.forEach { visit($0, target: target, insideCompare: insideCompare) }
            case .lambda(_, let b, _): visit(b, target: target, insideCompare: insideCompare)
            default: break
            }
        }
        /// `function`: the name of the function whose body this is; what it returns is named by
        /// it (`def sample_t(n): return torch.rand(n) * T` returns a time).
        func walkStatements(_ list: [PyStatement], function: String? = nil) {
            for s in list {
                switch s {
                case .assign(let targets, let value, _):
                    visit(value, target: targets.first?.dottedName.map { String($0.split(separator: ".").last ?? "") }, insideCompare: false)
                case .function(let name, _, let body, _):
                    // A draw inside a function is used, or only probes a network, within that
                    // function: other functions' `x` are other variables.
                    let outer = enclosingBody, outerName = enclosingFunction
                    enclosingBody = body
                    enclosingFunction = name
                    walkStatements(body, function: name)
                    enclosingBody = outer
                    enclosingFunction = outerName
                case .classDef(_, let body, _):
                    walkStatements(body)
                case .block(let body, _):
                    walkStatements(body, function: function)
                case .returnValue(let value?, _):
                    visit(value, target: function, insideCompare: false)
                case .ifChain(let branches, let orElse, _):
                    for b in branches {
                        visit(b.test, target: nil, insideCompare: false)
                        // `elif mode == 'uniform':`: the branch the code takes when uniform noise is
                        // asked for by name draws it on purpose.
                        let outer = uniformChosen
                        if selectsUniform(b.test) { uniformChosen = true }
                        walkStatements(b.body, function: function)
                        uniformChosen = outer
                    }
                    walkStatements(orElse, function: function)
                case .forLoop(_, let iterable, let body, _): visit(iterable, target: nil, insideCompare: false); walkStatements(body, function: function)
                case .whileLoop(let test, let body, _): visit(test, target: nil, insideCompare: false); walkStatements(body, function: function)
                default:
                    visitExpressions(s) { visit($0, target: nil, insideCompare: false) }
                }
            }
        }
        walkStatements(statements)
        return findings
    }

    /// `ema = decay * ema + (1 - decay) * new`, `tau * var + (1 - tau) * target_var`: a moving
    /// average or a soft update of parameters, whose weight is a rate (decay, momentum, τ, β of an
    /// optimiser) and whose running value is the assignment's own target; not the learned range.
    static func isMovingAverage(_ a: PyExpr, ends x: PyExpr, _ y: PyExpr, target: String?) -> Bool {
        let ends = [x, y].compactMap { $0.dottedName.map(lastComponent) }
        if let target, ends.contains(target) { return true }
        guard case .binary("*", let weight, _, _) = a, let w = weight.dottedName.map(lastComponent)?.lowercased() else { return false }
        return ["decay", "momentum", "tau", "beta", "rho", "ema", "rate"].contains { w.contains($0) }
    }

    /// `frac * X` and `(1 - frac) * Y`: the two ends (X, Y) of an interpolation.
    static func interpolation(_ a: PyExpr, _ b: PyExpr) -> (PyExpr, PyExpr)? {
        guard case .binary("*", let f, let x, _) = a, case .binary("*", let g, let y, _) = b,
              case .binary("-", .number(1, _), let f2, _) = g, let fn = f.dottedName, fn == f2.dottedName else { return nil }
        return (x, y)
    }

    /// A name that holds noise or a sample: `eps`, `noise`, `z`, `x_T`, `latents`, `img`.
    static func isNoiseName(_ name: String?) -> Bool {
        guard let n = name?.lowercased(), !namesAnAmountOfNoise(n) else { return false }
        if n.contains("noise") || n.contains("eps") || n.hasPrefix("x") || n.hasPrefix("z") { return true }
        return ["e", "n", "img", "image", "sample", "samples", "latent", "latents", "epsilon"].contains(n)
    }

    /// `noise_amount`, `noise_level`, `noise_scale`, `eps_std`: how much noise, one number per
    /// sample (a level drawn uniformly, as a time is), not the noise.
    static func namesAnAmountOfNoise(_ name: String) -> Bool {
        let words = name.split(whereSeparator: { $0 == "_" || $0 == "." }).map(String.init)
        guard words.count >= 2, let last = words.last, words.dropLast().contains(where: { $0.contains("noise") || $0.hasPrefix("eps") }) else { return false }
        return ["amount", "amounts", "level", "levels", "scale", "scales", "strength", "ratio", "ratios", "rate", "frac", "fraction",
                "std", "stds", "sigma", "sigmas", "var", "variance", "weight", "weights", "prob", "probs", "power", "t", "time", "times", "step", "steps"].contains(last)
    }

    /// A name for the noise itself (`noise`, `eps`, `z`, `z_t`), not for a sample that a draw may start
    /// (`x`, `img`, `latents`): a uniform draw under such a name is the noise in any code.
    static func namesNoiseItself(_ name: String?) -> Bool {
        guard let n = name?.lowercased(), !namesAnAmountOfNoise(n) else { return false }
        // `z_t`, `z_k`, `zt`: the draw of one step, indexed by it.
        let indexedZ = n.hasPrefix("z") && (n.count == 2 || (n.count == 3 && n.dropFirst().first == "_")) && n.last.map { $0.isLetter || $0.isNumber } == true
        return n.contains("noise") || n.contains("eps") || ["z", "e"].contains(n) || indexedZ
    }

    /// `cos((t/T + s)/(1 + s)·π/2) ** 2`: the expression takes the cosine of the cosine schedule's
    /// argument, so it computes f(t), the schedule's ᾱ before normalisation.
    static func computesCosineSchedule(_ e: PyExpr) -> Bool {
        var found = false
        e.walk { node in
            if case .call(let f, let args, _, _) = node, f.dottedName?.split(separator: ".").last == "cos",
               let arg = args.first, looksLikeCosineSchedule(arg) { found = true }
        }
        return found
    }

    /// `(t + s)/(1 + s)·π/2`: the argument of the cosine schedule (Nichol & Dhariwal 2021, Eq. 17).
    static func looksLikeCosineSchedule(_ e: PyExpr) -> Bool {
        var pi = false, offset = false
        e.walk { node in
            if let n = node.dottedName?.split(separator: ".").last, n == "pi" { pi = true }
            if case .number(let v, _) = node, v == 0.008 || v == 1.008 { offset = true }
            if case .name(let n, _) = node, n == "s" || n == "cosine_s" || n == "offset" { offset = true }
        }
        return pi && offset
    }

    /// The offset of a product that multiplies by η once (`eta * X`, `eta * a / b * c`) when no
    /// other factor carries η.
    static func etaFactor(_ e: PyExpr) -> Int? {
        guard case .binary(let op, _, _, let at) = e, op == "*" || op == "/" else { return nil }
        func isEta(_ x: PyExpr) -> Bool {
            guard let n = x.dottedName?.split(separator: ".").last?.lowercased() else { return false }
            return n == "eta" || n == "ddim_eta"
        }
        var factors: [PyExpr] = []
        func flatten(_ x: PyExpr) {
            if case .binary(let o, let a, let b, _) = x, o == "*" || o == "/" { flatten(a); flatten(b) } else { factors.append(x) }
        }
        flatten(e)
        let etas = factors.filter(isEta)
        guard etas.count == 1 else { return nil }
        for f in factors where !isEta(f) {
            var mentions = false
            f.walk { if isEta($0) { mentions = true } }
            if mentions { return nil }
        }
        return at
    }
}

extension CodeAnalysis {
    /// Whether the code squares both its cumulative α table and its β table (`bar_alphas ** 2`,
    /// `np.square(self.betas)`): its α and β are then standard deviations (α_t² + β_t² = 1 in
    /// Su's notation, MC-DDPM's scalings), and DDPM's tables, where β_t is a variance, do not apply.
    static func squaresScheduleScalings(_ statements: [PyStatement]) -> Bool {
        var squaresCumulativeAlpha = false, squaresBeta = false
        func squared(_ base: PyExpr) {
            guard let name = base.dottedName else { return }
            let last = lastComponent(name).lowercased()
            if last.contains("alpha"), ["bar", "cumprod", "hat"].contains(where: last.contains) { squaresCumulativeAlpha = true }
            if ScheduleRole.of(name) == .betas { squaresBeta = true }
        }
        PyStatement.forEach(in: statements) { statement, _ in
            var expressions = statement.ownExpressions
            if case .assign(let targets, _, _) = statement { expressions += targets }
            for e in expressions {
                e.walk { node in
                    switch node {
                    case .binary("**", let base, .number(2, _), _): squared(base)
                    case .call(let f, let args, _, _) where f.dottedName.map(lastComponent) == "square" && args.count == 1: squared(args[0])
                    default: break
                    }
                }
            }
        }
        return squaresCumulativeAlpha && squaresBeta
    }
}

extension CodeAnalysis {
    /// Whether every read of `name` is a side of a comparison (`keep = z_uncond > p_uncond`): a
    /// uniform draw used so is a coin, not noise.
    static func onlyCompared(_ name: String, in statements: [PyStatement]) -> Bool {
        guard !name.isEmpty else { return false }
        var reads = 0, compared = 0
        NameCheck.forEachLoadedExpression(statements) { e in
            e.walk { node in
                if node.dottedName == name, case .name = node { reads += 1 }
                if case .compare(_, let operands, _) = node {
                    compared += operands.filter { $0.dottedName == name }.count
                }
            }
        }
        return reads > 0 && reads == compared
    }

    /// Whether `name` is handed to an inverse CDF: the normal one (`torch.erfinv(2 * z - 1)`,
    /// `ndtri(z)`, `norm.ppf(z)`, `Normal(0, 1).icdf(z)`), a uniform quantile turned into a
    /// Gaussian draw on purpose (stratified or quasi-random sampling), or a logarithm, which
    /// turns it into Gumbel noise (`-log(-log(u))`, the Gumbel-max trick), an exponential draw
    /// (`-log(u)`) or a Box–Muller pair (`sqrt(-2 log u₁)·cos(2π u₂)`). None of these is uniform
    /// noise used as it is.
    static func feedsInverseCDF(_ name: String, in statements: [PyStatement]) -> Bool {
        guard !name.isEmpty else { return false }
        var found = false
        NameCheck.forEachLoadedExpression(statements) { e in
            e.walk { node in
                guard case .call(let f, let args, _, _) = node, let callee = f.dottedName?.split(separator: ".").last,
                      ["erfinv", "ndtri", "ppf", "icdf", "log", "log1p"].contains(String(callee)) else { return }
                for arg in args { arg.walk { if $0.dottedName == name { found = true } } }
            }
        }
        return found
    }

    /// `posterior_var`, `self.sigmas[t]`, `beta_t`: a name (or a table read) that says it holds a
    /// variance or a standard deviation.
    static func namesSpread(_ e: PyExpr) -> Bool {
        var base = e
        while case .subscripted(let b, _, _) = base { base = b }
        guard let name = base.dottedName.map(lastComponent)?.lowercased() else { return false }
        return ["var", "sigma", "std", "beta"].contains { name.contains($0) }
    }

    /// `u.log()`, `torch.log(u + eps)`, `np.log1p(-u)` where `u` holds a uniform draw written inline.
    static func takesLogarithmOfUniformDraw(_ e: PyExpr) -> Bool {
        let logarithms: Set<String> = ["log", "log1p", "log_", "log2", "log10"]
        var operand: PyExpr?
        switch e {
        case .call(.attribute(let receiver, let method, _), let args, _, _) where args.isEmpty && logarithms.contains(method):
            operand = receiver
        case .call(let f, let args, _, _) where args.count == 1 && f.dottedName.map({ logarithms.contains(lastComponent($0)) }) == true:
            operand = args[0]
        default: return false
        }
        var found = false
        operand?.walk { node in
            if isUniformDraw(node) { found = true }
        }
        return found
    }

    /// Whether `name` weighs two things against each other (`u * real + (1 - u) * fake`, a
    /// gradient penalty's interpolation, a flow's time): a uniform weight in [0, 1] is no noise.
    static func weighsAMixture(_ name: String, in statements: [PyStatement]) -> Bool {
        guard !name.isEmpty else { return false }
        var found = false
        NameCheck.forEachLoadedExpression(statements) { e in
            e.walk { node in
                if case .binary("-", .number(1, _), let b, _) = node, b.dottedName == name { found = true }
            }
        }
        return found
    }

    /// `torch.rand(…)`, `torch.rand_like(x)`, `np.random.rand(…)`: a call of a uniform draw.
    static func isUniformDraw(_ e: PyExpr) -> Bool {
        guard case .call(let f, _, _, _) = e, let name = f.dottedName?.split(separator: ".").last else { return false }
        return PyInterpreter.uniformNoise.contains(String(name))
    }
}
