/// The noised sample of a training step, read from its use rather than its name. A step that
/// draws a noise ε and compares the model's output with it (`mse(model(v, t), ε)`,
/// `(ε − model(v, t))²`, or a prediction named first) trains the model to find ε in v: v is the
/// forward sample x_t, whatever the code calls it, and the inputs v is made of beside ε are the
/// data.
extension CodeAnalysis {
    struct TrainingInput {
        /// The names the model is handed where its output is compared with the drawn noise.
        var noisedSamples: Set<String> = []
        /// The names of the function's own inputs that those samples are made of, besides the noise.
        var data: Set<String> = []
    }

    static func trainingInput(_ body: [PyStatement], parameters: Set<String>) -> TrainingInput {
        var noises = Set<String>()
        var predictionInputs: [String: String] = [:]
        var assignments: [String: PyExpr] = [:]
        PyStatement.forEach(in: body) { s, _ in
            guard case .assign(let targets, let value, _) = s, targets.count == 1, case .name(let n, _) = targets[0] else { return }
            assignments[n] = value
            if isNoiseDraw(withoutValueKeepingCalls(value)) { noises.insert(n) }
            if let v = modelInput(value) { predictionInputs[n] = v }
        }
        guard !noises.isEmpty else { return TrainingInput() }
        var out = TrainingInput()
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    var pair: (PyExpr, PyExpr)?
                    if case .binary("-", let a, let b, _) = node { pair = (a, b) }
                    if case .call(let f, let args, _, _) = node, args.count >= 2, let last = f.dottedName?.split(separator: ".").last?.lowercased(),
                       ["mse", "loss", "l1", "l2", "huber"].contains(where: last.contains) { pair = (args[0], args[1]) }
                    guard let (a, b) = pair else { return }
                    for (x, y) in [(a, b), (b, a)] {
                        guard case .name(let n, _) = withoutValueKeepingCalls(x), noises.contains(n) else { continue }
                        if let v = modelInput(y) { out.noisedSamples.insert(v) }
                        if case .name(let p, _) = withoutValueKeepingCalls(y), let v = predictionInputs[p] { out.noisedSamples.insert(v) }
                    }
                }
            }
        }
        for v in out.noisedSamples {
            guard let value = assignments[v] else { continue }
            var names = Set<String>()
            value.walk { if case .name(let n, _) = $0 { names.insert(n) } }
            guard !names.isDisjoint(with: noises) else { continue }
            out.data.formUnion(names.intersection(parameters).subtracting(noises).subtracting(out.noisedSamples)
                .filter { !timestepNames.contains($0) && ScheduleRole.of($0) == nil })
        }
        return out
    }

    /// The name handed to a model call as its first argument (`self.network(x_noisy, t)`).
    private static func modelInput(_ e: PyExpr) -> String? {
        guard case .call(let f, let args, _, _) = withoutValueKeepingCalls(e), let last = f.dottedName?.split(separator: ".").last?.lowercased(),
              (networkWords + ["score"]).contains(where: last.contains),
              let first = args.first, case .name(let v, _) = first else { return nil }
        return v
    }
}
