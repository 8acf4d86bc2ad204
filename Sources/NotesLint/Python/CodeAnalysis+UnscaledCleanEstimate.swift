/// A clean estimate computed as x_t − ε̂: the noised sample minus the network's noise prediction,
/// neither rescaled. With x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε the estimate is
/// x̂_0 = (x_t − √(1 − ᾱ_t)·ε̂)/√ᾱ_t; with x_t = x_0 + σ_t·ε it is x_t − σ_t·ε̂. The plain
/// difference is neither unless σ_t = 1.
///
/// The difference must be the whole value given to a clean sample: assigned to a name that says
/// so (`restored`, `denoised`, `x0`, …) or handed to a function that renders or decodes an image.
/// Each operand is judged by its own scope's assignments, so a prediction rescaled earlier
/// (`eps = sigma * model(x)`) is not taken for the raw one.
extension CodeAnalysis {
    static let cleanEstimateWords = ["restored", "denoised", "reconstructed", "recon", "x0", "x_0", "clean", "original", "x_start", "pred_x", "predicted_image", "predicted_x"]
    static let imageSinkWords = ["to_pil", "imshow", "show", "decode", "save_image", "display", "plot"]
    /// Methods that keep a tensor's values (device, dtype, shape, graph).
    static let valueKeepingMethods: Set<String> = ["cpu", "cuda", "to", "squeeze", "unsqueeze", "detach", "float", "half", "double", "clone", "contiguous", "view", "reshape", "numpy"]

    /// The expression under a chain of calls that keep its values: `f(t)` for
    /// `f(t).view(-1, 1, 1, 1).to(device)`.
    static func withoutValueKeepingCalls(_ e: PyExpr) -> PyExpr {
        var e = e
        while case .call(.attribute(let base, let method, _), _, _, _) = e, valueKeepingMethods.contains(method) { e = base }
        return e
    }

    /// `program` is the whole document's code: where it never draws Gaussian noise and names as
    /// noise a difference of two images (`noise = blurred - x0`), its forward process is a
    /// degradation (cold diffusion, a deblurring interpolation x_t = x_0 + (t/T)·(x̃ − x_0)) whose
    /// network predicts that residual, and x_T − ε̂ is its exact inverse.
    static func unscaledCleanEstimateFindings(_ statements: [PyStatement], program: [PyStatement]) -> [CodeFinding] {
        if !drawsNoise(program), namesResidualAsNoise(program) { return [] }
        var findings: [CodeFinding] = []
        scanScope(statements, into: &findings)
        return findings
    }

    /// One scope (a module span or a function body): its own assignments, then the nested scopes.
    private static func scanScope(_ scope: [PyStatement], into findings: inout [CodeFinding]) {
        var assignments: [String: [PyExpr]] = [:]
        var nested: [[PyStatement]] = []
        var uses: [(value: PyExpr, role: String)] = []
        func visit(_ list: [PyStatement]) {
            for s in list {
                switch s {
                case .function(_, _, let body, _): nested.append(body)
                case .classDef(_, let body, _): nested.append(body)
                case .assign(let targets, let value, _):
                    for t in targets {
                        switch t {
                        case .name(let n, _):
                            assignments[n, default: []].append(value)
                            if isCleanEstimateName(n) { uses.append((value, "the clean estimate '\(n)'")) }
                        case .tuple(let items, _), .list(let items, _):
                            // Unpacked from a call: each name holds one of its results.
                            for case .name(let n, _) in items { assignments[n, default: []].append(value) }
                        default: break
                        }
                    }
                    collectSinks(value, into: &uses)
                case .expression(let e, _), .returnValue(let e?, _): collectSinks(e, into: &uses)
                default: s.nestedBodies.forEach(visit)
                }
            }
        }
        visit(scope)
        for (value, role) in uses {
            guard case .binary("-", let sample, let prediction, let at) = value,
                  let sampleName = rootName(sample), isNoisedSample(sampleName, assignments: assignments, depth: 0),
                  let predictionName = rootName(prediction), isNoisePrediction(.name(predictionName, at: at)),
                  isRawPrediction(predictionName, assignments: assignments)
            else { continue }
            if findings.contains(where: { $0.offset == at }) { continue }
            findings.append(CodeFinding(
                rule: .unscaledCleanEstimate, offset: at,
                message: "\(role) is \(sampleName) − \(predictionName): the whole predicted noise is subtracted with no schedule coefficients; from x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε the estimate is (x_t − √(1 − ᾱ_t)·ε̂)/√ᾱ_t (x_t − σ_t·ε̂ with x_t = x_0 + σ_t·ε), which x_t − ε̂ equals only if σ_t = 1",
                fix: "(\(sampleName) - sqrt(1 - alphas_cumprod[t]) * \(predictionName)) / sqrt(alphas_cumprod[t])"))
        }
        for body in nested { scanScope(body, into: &findings) }
    }

    /// Whether a noise-named value is assigned the difference of two plain values (`noise =
    /// x_tilde - x0`), with no draw in it.
    static func namesResidualAsNoise(_ program: [PyStatement]) -> Bool {
        var found = false
        func visit(_ list: [PyStatement]) {
            for s in list {
                if case .assign(let targets, .binary("-", let a, let b, _), _) = s,
                   targets.contains(where: { if case .name(let n, _) = $0 { return ["noise", "eps", "epsilon"].contains(n.lowercased()) }; return false }),
                   rootName(a) != nil, rootName(b) != nil {
                    found = true
                }
                s.nestedBodies.forEach(visit)
            }
        }
        visit(program)
        return found
    }

    /// Arguments of calls that render or decode an image: what they are given is shown as the
    /// clean result.
    private static func collectSinks(_ e: PyExpr, into uses: inout [(value: PyExpr, role: String)]) {
        e.walk { node in
            guard case .call(let f, let args, _, _) = node, let name = f.dottedName else { return }
            let last = lastComponent(name).lowercased()
            guard imageSinkWords.contains(where: { last.contains($0) }) else { return }
            for a in args { uses.append((a, "the image given to \(lastComponent(name))()")) }
        }
    }

    static func isCleanEstimateName(_ name: String) -> Bool {
        let n = lastComponent(name).lowercased()
        return cleanEstimateWords.contains { n.contains($0) }
    }

    /// The name under subscripts and value-keeping method calls: `img_noisy[0].cpu()` is `img_noisy`.
    static func rootName(_ e: PyExpr) -> String? {
        switch e {
        case .name(let n, _): return n
        case .subscripted(let base, _, _): return rootName(base)
        case .call(.attribute(let base, let method, _), let args, _, _) where valueKeepingMethods.contains(method) && (method != "to" || args.count <= 1):
            return rootName(base)
        default: return nil
        }
    }

    /// A name that says it holds a noised sample, or that is assigned from one (through subscripts
    /// and value-keeping methods) in its scope.
    static func isNoisedSample(_ name: String, assignments: [String: [PyExpr]], depth: Int) -> Bool {
        let n = name.lowercased()
        if n.contains("noisy") || n.contains("noised") || ["x_t", "xt", "z_t", "zt", "x_noisy", "noisy_x"].contains(n) { return true }
        guard depth < 4, let values = assignments[name], !values.isEmpty else { return false }
        return values.allSatisfy { v in
            guard let root = rootName(v), root != name else { return false }
            return isNoisedSample(root, assignments: assignments, depth: depth + 1)
        }
    }

    /// Every assignment of the prediction in the scope is a call's result (`model(x, t)`,
    /// `unet(…)["sample"]`) or the same prediction moved or reshaped: nothing has rescaled it.
    static func isRawPrediction(_ name: String, assignments: [String: [PyExpr]]) -> Bool {
        for v in assignments[name] ?? [] {
            if let root = rootName(v), root == name { continue }
            var callee: PyExpr = v
            while case .subscripted(let base, _, _) = callee { callee = base }
            while case .attribute(let base, _, _) = callee { callee = base }
            guard case .call(let f, _, _, _) = callee, let fn = f.dottedName, !["chunk", "split"].contains(lastComponent(fn)) else { return false }
        }
        return true
    }
}
