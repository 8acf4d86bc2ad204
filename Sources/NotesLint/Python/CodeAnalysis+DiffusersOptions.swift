import ScheduleCheck

/// A diffusers scheduler takes its `beta_schedule`, `prediction_type` and `timestep_spacing` from
/// fixed sets, which differ by class (the catalogue `verify-schedule` checks configs against). A
/// literal outside its class's set makes diffusers raise: `beta_schedule` in the constructor,
/// `timestep_spacing` in `set_timesteps`, `prediction_type` in `step`. Judged only in code that
/// imports diffusers and defines no class of the same name.
extension CodeAnalysis {
    static func importsDiffusers(_ text: String) -> Bool {
        text.contains("from diffusers") || text.contains("import diffusers")
    }

    /// The text of a plain literal, `"cosine"` or `'cosine'`; nil for f-strings, byte strings and
    /// triple quotes.
    static func plainString(_ quoted: String) -> String? {
        guard let q = quoted.first, q == "\"" || q == "'", quoted.count >= 2, quoted.last == q, !quoted.hasPrefix(String(repeating: q, count: 3)) else { return nil }
        return String(quoted.dropFirst().dropLast())
    }

    /// The classes the code defines itself: a local `DDPMScheduler` is not diffusers'.
    static func definedClasses(_ statements: [PyStatement]) -> Set<String> {
        var names: Set<String> = []
        for s in statements {
            if case .classDef(let name, _, _) = s { names.insert(name) }
            for b in s.nestedBodies { names.formUnion(definedClasses(b)) }
        }
        return names
    }

    static func diffusersOptionFindings(_ statements: [PyStatement], localClasses: Set<String>) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        func check(_ e: PyExpr) {
            e.walk { node in
                guard case .call(let callee, _, let keywords, _) = node, let dotted = callee.dottedName else { return }
                var parts = dotted.split(separator: ".").map(String.init)
                // `DDPMScheduler.from_pretrained(path, subfolder=…, prediction_type=…)`.
                if let last = parts.last, ["from_pretrained", "from_config"].contains(last) { parts.removeLast() }
                guard let className = parts.last, !localClasses.contains(className), let model = SchedulerModel.named(className) else { return }
                for (key, value) in keywords {
                    guard case .string(let quoted, let at) = value, let given = plainString(quoted) else { continue }
                    let accepted: Set<String>
                    switch key {
                    case "beta_schedule": accepted = model.betaSchedules
                    case "prediction_type": accepted = model.predictionTypes
                    case "timestep_spacing": accepted = model.spacings
                    default: continue
                    }
                    guard !accepted.isEmpty, !accepted.contains(given) else { continue }
                    let suggestion = key == "beta_schedule" && given.lowercased().contains("cos") && accepted.contains("squaredcos_cap_v2")
                        ? "squaredcos_cap_v2" : nil
                    let list = accepted.sorted().joined(separator: ", ")
                    findings.append(CodeFinding(
                        rule: .unknownDiffusersOption, offset: at,
                        message: "\(model.name) has no \(key) '\(given)'; it accepts \(list), and diffusers raises an error for any other value"
                            + (suggestion.map { " (its cosine schedule is '\($0)')" } ?? ""),
                        fix: suggestion.map { "\(key)=\"\($0)\"" } ?? "\(key): one of \(list)"))
                }
            }
        }
        statements.forEach { visitExpressions($0, check) }
        return findings
    }
}
