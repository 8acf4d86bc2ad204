#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PyInterpreter {
    static let identityMethods: Set<String> = [
        "to", "float", "double", "cpu", "cuda", "numpy", "detach", "clone", "contiguous", "view", "reshape", "unsqueeze",
        "squeeze", "flatten", "expand", "expand_as", "type", "half", "requires_grad_", "astype", "view_as", "reshape_as",
        // `t[None].repeat(batch)`: a step given to every sample keeps its value.
        "repeat", "tile", "repeat_interleave",
    ]
    /// Helpers that read a table at the step: `extract(a, t, shape)` and the like, `gather`.
    static let gatherHelpers: Set<String> = ["extract", "_extract_into_tensor", "extract_into_tensor", "get_index_from_list", "_extract", "gather"]
    /// Library functions that compare elementwise, by the operator they stand for.
    static let comparisonFunctions: [String: String] = [
        "equal": "==", "eq": "==", "not_equal": "!=", "ne": "!=",
        "greater": ">", "gt": ">", "greater_equal": ">=", "ge": ">=",
        "less": "<", "lt": "<", "less_equal": "<=", "le": "<=",
    ]

    /// `a op b` for a comparison operator, nil for any other.
    static func compares(_ op: String, _ a: Double, _ b: Double) -> Bool? {
        switch op {
        case "==": return a == b
        case "!=": return a != b
        case ">": return a > b
        case ">=": return a >= b
        case "<": return a < b
        case "<=": return a <= b
        default: return nil
        }
    }

    static let valueKeepingFunctions: Set<String> = ["reshape", "expand_dims", "squeeze", "unsqueeze", "broadcast_to", "cast", "stop_gradient", "flatten"]
    /// `expand_to_dims`, `append_dims`, `broadcast_like`, `right_pad_dims_to`, `unsqueeze_as`.
    static func isBroadcastHelperName(_ name: String) -> Bool {
        let n = name.lowercased()
        return ["expand_to", "append_dims", "broadcast", "pad_dims", "unsqueeze_as", "unsqueeze_to", "expand_as", "expand_like", "match_dims", "to_dims"].contains { n.contains($0) }
    }
    static let gaussianNoise: Set<String> = ["randn", "randn_like", "normal", "standard_normal", "normal_", "randn_tensor"]
    static let uniformNoise: Set<String> = ["rand", "rand_like", "uniform", "uniform_", "random", "random_sample"]

    mutating func newNoise(at offset: Int) -> PyValue {
        noiseCount += 1
        noiseOrigins[noiseCount] = offset
        return .tensor(.input(.noise(occurrence: noiseCount)))
    }

    func argument(_ args: [PyExpr], _ keywords: [(String, PyExpr)], _ index: Int, _ names: [String]) -> PyExpr? {
        argumentPosition(args.count, keywords, index, names).map { $0 < args.count ? args[$0] : keywords[$0 - args.count].1 }
    }

    /// Where the argument at `index`, or given by one of `names`, stands in a call's positional
    /// arguments followed by its keywords (a keyword first).
    func argumentPosition<Value>(_ positional: Int, _ keywords: [(String, Value)], _ index: Int, _ names: [String]) -> Int? {
        if let k = keywords.firstIndex(where: { names.contains($0.0) }) { return positional + k }
        return index < positional ? index : nil
    }

    mutating func elementwise(_ v: PyValue, _ f: (Double) -> Double, cosineAt: Int? = nil) -> PyValue {
        switch v {
        case .number(let x): return .number(f(x))
        case .array(let a, let tag): return .array(a.map(f), unsquaredCosine: cosineAt ?? tag)
        case .tensor(let form) where !form.noiseKeys.isEmpty:
            // `torch.sin(2π·x)`, `x.clamp(-1, 1)` of a drawn x is no affine form, but it still depends
            // on that draw (a regression's curve of its inputs, a clipped sample): the inputs stay,
            // with unknown weights. A draw whose weight is zero here (noise masked off at t = 0)
            // stays out of it.
            var g = TensorForm(constant: .nan)
            for (k, c) in form.coefficients where c != 0 { g.coefficients[k] = .nan }
            return .tensor(g)
        default: return .unknown
        }
    }

    mutating func call(_ callee: PyExpr, _ args: [PyExpr], _ keywords: [(String, PyExpr)], at: Int) -> PyValue {
        let dotted = callee.dottedName ?? ""
        // The method name even when the receiver is no dotted name (`coef[t].view(…)`).
        var name = dotted.split(separator: ".").last.map(String.init) ?? ""
        if case .attribute(_, let method, _) = callee { name = method }
        var receiver: PyValue?
        var isModuleFunction = false
        if case .attribute(let base, _, _) = callee {
            let baseName = base.dottedName ?? ""
            let root = baseName.split(separator: ".").first.map(String.init) ?? ""
            if Self.modules.contains(root) && env[root] == nil || Self.modules.contains(root) {
                isModuleFunction = lookup(baseName) == nil || Self.modules.contains(baseName)
            }
            if !isModuleFunction { receiver = evaluate(base) }
        }
        // Each argument is evaluated once, when first read: `f(g(h(x)))` evaluated again at every
        // read of a value would take time exponential in the nesting, and would draw its noise anew.
        var argumentValues: [Int: PyValue] = [:]
        func value(at position: Int) -> PyValue {
            if let v = argumentValues[position] { return v }
            let v = evaluate(position < args.count ? args[position] : keywords[position - args.count].1)
            argumentValues[position] = v
            return v
        }
        func arg(_ i: Int, _ names: [String] = []) -> PyValue {
            argumentPosition(args.count, keywords, i, names).map(value(at:)) ?? .unknown
        }
        func allArguments() -> (positional: [PyValue], keywords: [(String, PyValue)]) {
            (args.indices.map { value(at: $0) }, keywords.indices.map { (keywords[$0].0, value(at: args.count + $0)) })
        }
        func first() -> PyValue { receiver ?? arg(0) }
        let shift = receiver == nil ? 1 : 0

        if Self.gaussianNoise.contains(name) { return newNoise(at: at) }
        if Self.uniformNoise.contains(name), isModuleFunction || receiver != nil {
            let draw = newNoise(at: at)
            uniformDraws.insert(noiseCount)
            return draw
        }
        if let receiver, Self.identityMethods.contains(name) { return receiver }
        // `torch.linspace(T - 1, 0, n).long()`: a list of whole steps, cut toward zero.
        if let receiver, ["long", "int"].contains(name), args.isEmpty { return elementwise(receiver, { $0.rounded(.towardZero) }) }
        // `(t == 0).all()` for a batch at one step is the comparison itself.
        if let receiver, receiver.number != nil, ["all", "any", "min", "max", "item", "mean"].contains(name), args.isEmpty { return receiver }
        // `torch.all(t == 0)`, `np.any(t == 0)`: the same, written as a function of the library.
        if isModuleFunction, ["all", "any"].contains(name), args.count == 1, keywords.isEmpty, case .number(let v) = arg(0) { return .number(v) }
        // `tf.equal(t, 0)`, `torch.ne(t, 0)`, `t.eq(0)`: a comparison written as a function of the
        // library (TensorFlow has no other spelling for an elementwise test).
        if let op = Self.comparisonFunctions[name], isModuleFunction || receiver?.number != nil, args.count == 2 - (receiver == nil ? 0 : 1) {
            guard let a = first().uniformNumber, let b = arg(shift).uniformNumber, let holds = Self.compares(op, a, b) else { return .unknown }
            return .number(holds ? 1 : 0)
        }
        if name == "Normal" || (name == "normal" && receiver == nil && args.count >= 2) {
            checkGaussianScale(dotted, argument(args, keywords, 1, ["scale", "std"]), at: at)
        }
        // The note's own definitions come before the library names they may reuse (`extract`, `gather`).
        // A gather helper whose body the interpreter cannot follow (improved-diffusion's
        // `_extract_into_tensor` broadcasts in a while loop) is read by what its name says.
        if inlineDepth < Self.maximumInlineDepth, let d = definition(for: callee) {
            let (values, kws) = allArguments()
            let result = inline(d, values, kws, call: at)
            if case .unknown = result, Self.gatherHelpers.contains(name) {} else { return result }
        }
        // `tf.reshape(x, shape)`, `np.squeeze(x)`: the module functions that keep their first argument's values.
        if isModuleFunction, receiver == nil, Self.valueKeepingFunctions.contains(name), !args.isEmpty { return arg(0) }
        // einops' `rearrange(beta_t, 'b -> b 1 1 1')`: the pattern moves and adds axes, the values stay.
        if name == "rearrange", receiver == nil || dotted == "einops.rearrange", args.count >= 2, case .string = args[1] { return arg(0) }
        // `expand_to_dims(abar[t] ** 0.5, x_0)`, `append_dims(v, x.ndim)`: a broadcast helper the code
        // imports from its project reshapes its first argument to another tensor's rank.
        if receiver == nil, !isModuleFunction, !args.isEmpty, Self.isBroadcastHelperName(name) { return arg(0) }
        if Self.lossFunctions.contains(name), receiver == nil, args.count >= 2,
           case .tensor(let a) = value(at: 0), case .tensor(let b) = value(at: 1) {
            checkLossTarget(a.adding(b, sign: -1), at: at)
            return .unknown
        }
        if name == "pow", let receiver, case .tensor(let d) = receiver, !args.isEmpty, case .number(2) = value(at: 0) {
            checkLossTarget(d, at: at)
            return .unknown
        }
        switch name {
        case "sqrt": return elementwise(first()) { $0.squareRoot() }
        // `torch.rsqrt(alphas[t])`, `a.rsqrt()`: 1/√a, as samplers write 1/√α_t.
        case "rsqrt": return elementwise(first()) { 1 / $0.squareRoot() }
        case "exp": return elementwise(first()) { exp($0) }
        case "log": return elementwise(first()) { log($0) }
        case "log1p": return elementwise(first()) { log1p($0) }
        case "cos": return elementwise(first(), { cos($0) }, cosineAt: at)
        case "sin": return elementwise(first()) { sin($0) }
        case "tanh": return elementwise(first()) { tanh($0) }
        case "sigmoid": return elementwise(first()) { 1 / (1 + exp(-$0)) }
        case "abs", "fabs": return elementwise(first()) { abs($0) }
        case "pow":
            let e = arg(shift, ["exponent"])
            guard let p = e.number else { return .unknown }
            // Any power but 1 is the code's own choice of schedule (`pow(cos(u), 1.5)`), not a square left out.
            if case .array(let a, let tag) = first() { return .array(a.map { pow($0, p) }, unsquaredCosine: p == 1 ? tag : nil) }
            if let x = first().number { return .number(pow(x, p)) }
            return .unknown
        case "linspace":
            let s = argument(args, keywords, 0, ["start"]), e = argument(args, keywords, 1, ["end", "stop"])
            let n = arg(2, ["steps", "num"]).number ?? Double(Self.defaultSteps)
            guard let s, let e, let a = arg(0, ["start"]).number, let b = arg(1, ["end", "stop"]).number, n >= 1, n <= 100_000 else { return .unknown }
            // A range of β lies in [0, 1]; another linspace (a sigmoid's inputs, 1/linspace(T, 1, T))
            // is not the range of the array it helps build.
            let isRange = at == directLinspace && [a, b].allSatisfy { $0 >= 0 && $0 <= 1 }
            let probed = [s.dottedName, e.dottedName].contains { $0.map(probeBound.contains) ?? false }
            if !probed { linspaceCalls.append((a, b, at, isRange ? s.dottedName : nil, isRange ? e.dottedName : nil, isRange ? currentTarget : nil)) }
            guard let count = safeInt(n) else { return .unknown }
            if count == 1 { return .array([a], unsquaredCosine: nil) }
            let step = (b - a) / Double(count - 1)
            return .array((0..<count).map { $0 == count - 1 ? b : Double($0) * step + a }, unsquaredCosine: nil)
        // TensorFlow's `tf.range(start, limit)` stops before its limit, like `arange`
        // (`torch.range` includes its end, so only TensorFlow's is read this way).
        case "arange", "range":
            if name == "range", !(dotted.hasPrefix("tf.") || dotted.hasPrefix("tensorflow.")) { break }
            let values = (0..<3).map { i -> Double? in i < args.count ? value(at: i).number : nil }
            var lo = 0.0, hi: Double, step = 1.0
            guard let v0 = values[0] else { return .unknown }
            if let v1 = values[1] { lo = v0; hi = v1; step = values[2] ?? 1 } else { hi = v0 }
            guard step != 0, (hi - lo) / step <= 100_000 else { return .unknown }
            var out: [Double] = []
            var x = lo
            while step > 0 ? x < hi : x > hi { out.append(x); x += step }
            return .array(out, unsquaredCosine: nil)
        case "cumprod", "cumsum":
            if name == "cumsum" {
                let target = (currentTarget ?? "").lowercased()
                let operandName = (argument(args, keywords, 0, []).flatMap(\.dottedName) ?? callee.dottedName ?? "").lowercased()
                // A cumulative sum of log α is the log of the product (`cumsum(log(α)).exp()`).
                var ofLogarithm = operandName.contains("log")
                argument(args, keywords, 0, [])?.walk { if let f = $0.dottedName, f.hasSuffix("log") { ofLogarithm = true } }
                // The method form, `alphas.log().cumsum(0)`: the log is in the receiver.
                if case .attribute(let base, _, _) = callee { base.walk { if let f = $0.dottedName, f.hasSuffix("log") { ofLogarithm = true } } }
                // `bar_betas_square = … cumsum(betas_square / bar_alphas_square)`: a cumulative
                // variance is a sum; only a name for ᾱ asks for the product.
                let namesVariance = ["beta", "sigma", "var", "std"].contains(where: target.contains)
                if !ofLogarithm, !namesVariance, target.contains("alpha") || target.contains("bar") || target.contains("cumprod") || operandName.contains("alpha") || (receiver != nil && dotted.lowercased().contains("alpha")) {
                    report(.cumsumForCumprod, at, "ᾱ is the cumulative product of α: cumsum adds the α instead", fix: "cumprod")
                }
            }
            guard case .array(let a, let tag) = first() else { return .unknown }
            var acc = name == "cumprod" ? 1.0 : 0.0
            // `tf.math.cumprod(alphas, exclusive=True)`: each entry is the product of the ones before
            // it, [1, α_0, α_0·α_1, …], the table ᾱ_{t−1}.
            let exclusive: Bool = {
                guard let flag = keywords.first(where: { $0.0 == "exclusive" })?.1, case .name("True", _) = flag else { return false }
                return true
            }()
            return .array(a.map { value in
                let before = acc
                acc = name == "cumprod" ? acc * value : acc + value
                return exclusive ? before : acc
            }, unsquaredCosine: tag)
        case "clip", "clamp", "clamp_", "clip_":
            // `model(x, t).clamp(-1, 1)`: a network's prediction clipped to the data's range keeps
            // its place in the step's coefficients.
            if case .tensor(let f) = first(), f.constant == 0, f.coefficients == [.predictedData: 1] || f.coefficients == [.predictedNoise: 1] { return first() }
            let lo = arg(shift, ["a_min", "min"]).number, hi = arg(shift + 1, ["a_max", "max"]).number
            return elementwise(first()) { x in min(hi ?? .infinity, max(lo ?? -.infinity, x)) }
        case "tensor", "array", "asarray", "as_tensor", "from_numpy", "FloatTensor", "Tensor", "float64", "float32", "LongTensor",
             "constant" where isModuleFunction, "convert_to_tensor", "Variable", "Parameter":
            // TensorFlow's `tf.constant(table, dtype=…)` and `tf.convert_to_tensor` hold the table too,
            // as does `nn.Parameter(table, requires_grad=False)`, a frozen table on the module.
            // `torch.tensor([t])`: one step, as a number.
            if case .array(let a, _) = first(), a.count == 1 { return .number(a[0]) }
            return first()
        case "full":
            // `torch.full((batch,), t)`: every sample at step t.
            if receiver == nil, let fill = arg(1, ["fill_value"]).number { return .number(fill) }
            return .unknown
        case "cat", "concat", "concatenate", "hstack", "append":
            var parts: [PyValue] = []
            if name == "append" { parts = [arg(0), arg(1)] } else if let e = argument(args, keywords, 0, []), case .list(let items, _) = e {
                parts = items.map { evaluate($0) }
            } else if let e = argument(args, keywords, 0, []), case .tuple(let items, _) = e {
                parts = items.map { evaluate($0) }
            }
            var out: [Double] = []
            for p in parts {
                if let n = p.number { out.append(n) } else if let a = p.array { out += a } else { return .unknown }
            }
            if parts.count > 1, parts[0].number == 0 || parts[0].array == [0] { zeroPaddedTables.insert(out) }
            // `cat([tensor([1.0]), alphas])`: a one in front of α is the same padding seen from α;
            // the β of that table, 1 − α, has its zero in front.
            if parts.count > 1, parts[0].number == 1 || parts[0].array == [1] { zeroPaddedTables.insert(out.map { 1 - $0 }) }
            return parts.isEmpty ? .unknown : .array(out, unsquaredCosine: nil)
        case "pad":
            guard case .array(let a, let tag) = arg(0), let widths = arg(1).array, widths.count == 2 else { return .unknown }
            // `value=float('nan')`: a pad the interpreter cannot read is no zero.
            var v = 0.0
            if argument(args, keywords, 2, ["value"]) != nil {
                guard let given = arg(2, ["value"]).number, given.isFinite else { return .unknown }
                v = given
            }
            guard let l = safeInt(widths[0]), let r = safeInt(widths[1]), l >= 0, r >= 0, l + r <= 100_000 else { return .unknown }
            let padded = Array(repeating: v, count: l) + a + Array(repeating: v, count: r)
            if l > 0, v == 0 { zeroPaddedTables.insert(padded) }
            if l > 0, v == 1 { zeroPaddedTables.insert(padded.map { 1 - $0 }) }
            return .array(padded, unsquaredCosine: tag)
        case "float", "int", "item":
            if let n = first().number { return .number(name == "int" ? n.rounded(.towardZero) : n) }
            return first()
        case "min", "max", "minimum", "maximum":
            if receiver == nil, let a = arg(0).number, let b = arg(1).number { return .number(name.hasPrefix("min") ? min(a, b) : max(a, b)) }
            return .unknown
        case "len":
            if let a = first().array { return .number(Double(a.count)) }
            return .unknown
        case "ones", "zeros":
            // `torch.ones(n) * i` with a batch size not known here: a batch all at step i, which
            // broadcasts like the number.
            if receiver == nil, name == "ones", args.count == 1, keywords.allSatisfy({ $0.0 != "out" }), arg(0).isUnknown { return .number(1) }
            guard receiver == nil, let n = arg(0).number ?? arg(0).array.flatMap({ $0.count == 1 ? $0[0] : nil }), n >= 1, n <= 100_000 else { return .unknown }
            guard let count = safeInt(n) else { return .unknown }
            return .array(Array(repeating: name == "ones" ? 1 : 0, count: count), unsquaredCosine: nil)
        case "zeros_like":
            if case .tensor = first() { return .tensor(TensorForm()) }
            // Zeros of a shape the interpreter does not know (a scheduler's table entry) are
            // still zero: `sigma_t = torch.zeros_like(alpha_t)` switches the noise off.
            return .number(0)
        case "register_buffer":
            // `self.register_buffer("betas", betas)`: the buffer is the attribute `self.betas`.
            if let key = argument(args, keywords, 0, ["name"]), case .string(let quoted, _) = key {
                let bare = String(quoted.filter { $0 != "\"" && $0 != "'" })
                let value = arg(1, ["tensor"])
                env["self." + bare] = value
                if let valueExpr = argument(args, keywords, 1, ["tensor"]) {
                    assignedAt["self." + bare] = valueExpr.offset
                    valueExpressions["self." + bare] = valueExpr
                }
                if case .array(let a, _) = value, let valueExpr = argument(args, keywords, 1, ["tensor"]) {
                    if ScheduleRole.of(bare) == .betas { codeAssignedBetas.append(("self." + bare, a)) }
                    checkScheduleArray("self." + bare, a, valueExpr)
                }
            }
            return .unknown
        case "randint":
            // A random training step: judged at the probe step, like a function's `t`.
            if let target = currentTarget, Self.isTimestepName(target) { return .number(Double(t ?? probeStep)) }
            return .unknown
        case "where":
            if let c = arg(0).number { return c != 0 ? arg(1) : arg(2) }
            return .unknown
        case _ where Self.gatherHelpers.contains(name):
            // `self._extract(a, t, shape)`: a helper method of the note's class takes the table first.
            let onSelf: Bool = { if case .attribute(.name("self", _), _, _) = callee { return true } else { return false } }()
            let arrayValue = onSelf ? arg(0) : receiver ?? arg(0)
            // `torch.gather(v, 0, t)` and `torch.gather(v, index=t, dim=0)` take the dimension before
            // the index; `v.gather(0, t)` and the helpers `extract(v, t, shape)` take the index second.
            // TensorFlow's `tf.gather(params, indices)` takes the index second, like the helpers.
            let tensorflow = dotted.hasPrefix("tf.") || dotted.hasPrefix("tensorflow.")
            let index = name == "gather" && receiver == nil && !tensorflow ? arg(2, ["index"]) : arg(1, ["index", "indices"])
            if case .array(let a, _) = arrayValue, let i = index.uniformNumber.flatMap(safeInt), i >= 0, i < a.count { return .number(a[i]) }
            return .unknown
        default:
            break
        }
        // A model: a call of something unknown on a sample predicts the noise.
        let (positional, keywordValues) = allArguments()
        if inlineDepth < Self.maximumInlineDepth, let d = definition(for: callee) {
            return inline(d, positional, keywordValues, call: at)
        }
        let argValues = positional + keywordValues.map(\.1)
        let parts = dotted.split(separator: ".").map(String.init)
        let throughImportedLibrary = parts.count > 1 && importedLibraryNames.contains(parts[0])
        if !isModuleFunction, !throughImportedLibrary, !userFunctions.contains(name) || ["model", "net", "eps_model", "unet", "denoise_fn", "network"].contains(name),
           !Self.namesGuidanceGradient(name),
           argValues.contains(where: { if case .tensor = $0 { return true } else { return false } }) {
            // The loss that follows compares this call's prediction: whether the network it calls
            // has been handed data mixed with noise is that network's, not another's (a layer fitted
            // to a random target after a diffusion model was trained).
            var callMixes = false
            for case .tensor(let input) in argValues {
                for case .noise(let o) in input.noiseKeys { modelInputNoise.insert(o) }
                // A bare draw (`x_t = torch.randn(…)`): one noise with weight 1 and nothing else.
                let bareDraw = input.deterministicKeys.isEmpty && input.noiseKeys.count == 1 && input.noiseKeys.allSatisfy { input.coefficient($0) == 1 }
                if !input.noiseKeys.isEmpty, !bareDraw { modelsFedNoisedData.insert(dotted); callMixes = true }
            }
            modelInputMixesDataAndNoise = modelsFedNoisedData.contains(dotted)
            callInputMixesDataAndNoise = callMixes
            return .tensor(.input(.predictedNoise))
        }
        return .unknown
    }

    /// `cond_fn(x, t)`, `classifier_grad(x, t)`: guided-diffusion's classifier gradient
    /// ∇_x log p(y | x_t), added to the mean scaled by the variance. It is no prediction of the
    /// noise, so a mean that adds it is not judged as the unguided DDPM mean.
    static func namesGuidanceGradient(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["cond_fn", "classifier", "grad", "guidance", "guide"].contains { lower.contains($0) }
    }
}
