import Foundation
import CheckerCore

extension ConformReport {
    public var text: String {
        var lines: [String] = []
        let p = profile
        lines.append("checker conform: \(p.name)\(p.version.isEmpty ? "" : " " + p.version) (\(p.precision.rawValue)), protocol \(ConformProtocol.name)")
        lines.append("")
        let width = max(28, (rows.map(\.name.count).max() ?? 0) + 2)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
        lines.append(pad("operation / option", width) + pad("result", 17) + pad("pass", 6) + pad("fail", 6) + pad("invalid", 9) + "not checked")
        for row in rows {
            let name = row.name.contains(" ") ? "  " + row.name : row.name
            var line = pad(name, width) + pad(row.status, 17) + pad(String(row.passed), 6) + pad(String(row.failed), 6)
                + pad(String(row.acceptedInvalid), 9) + String(row.notChecked)
            if row.passed == 0 && row.failed == 0 && row.acceptedInvalid == 0, let reason = row.notCheckedReason { line += "  (" + reason + ")" }
            lines.append(line)
        }
        if casesAcceptedInvalid > 0 { lines.append("(invalid: cases whose input must be refused that the implementation computed instead)") }
        if let (worst, margin, evaluationOnly) = boundMargin {
            lines.append("")
            lines.append("\(p.precision.rawValue) bound (evaluation + schedule rounding, docs/conform-protocol.md): the closest passing element used "
                + String(format: "%.3g", margin.used) + " of its tolerance (case \"\(worst.conformCase.golden.id)\" \(margin.key)[\(margin.index)]); "
                + "largest ratio to the evaluation part alone " + String(format: "%.3g", evaluationOnly))
        }
        let accepted = cases.filter { if case .acceptedInvalidInput = $0.status { return true } else { return false } }
        if !accepted.isEmpty {
            lines.append("")
            lines.append("invalid inputs computed instead of refused (\(accepted.count)):")
            if let path = reproducers.first(where: { $0.row == Reproducer.acceptedInvalidKey })?.path { lines.append("  reproducer: \(path)") }
            for result in accepted {
                guard case .acceptedInvalidInput(let expected) = result.status else { continue }
                lines.append("  \(result.conformCase.op): case \"\(result.conformCase.golden.id)\" (\(result.conformCase.filePath)) expects a refusal (\(expected))")
            }
        }
        let failing = rows.filter { $0.firstFailure != nil }
        if !failing.isEmpty {
            lines.append("")
            lines.append("first mismatch per failing row:")
            for row in failing {
                let (result, mismatch) = row.firstFailure!
                lines.append("  \(row.name): case \"\(result.conformCase.golden.id)\" (\(result.conformCase.filePath)): \(Self.describe(mismatch))")
                if let path = reproducers.first(where: { $0.row == row.name })?.path { lines.append("    reproducer: \(path)") }
            }
        }
        if let sampling {
            lines.append("")
            lines.append("sampling (the implementation's own noise; \(sampling.repetitions) repetitions a step, \(sampling.noiseCount) noise draws; \(sampling.testCount) tests, family-wise α = \(sampling.alpha), Bonferroni):")
            for outcome in sampling.outcomes {
                var line = "  " + pad(outcome.point.id, 36)
                switch outcome.status {
                case .passed:
                    line += "pass"
                    if let smallest = outcome.members.map(\.result.pValue).min() { line += " (smallest p = \(String(format: "%.3g", smallest)))" }
                    if let note = outcome.note { line += " (\(note))" }
                case .tested: line += "pass"
                case .failed(let why): line += "FAIL: " + why
                case .notChecked(let why): line += "not checked (\(why))"
                }
                lines.append(line)
                if outcome.failed, let path = reproducers.first(where: { $0.row == outcome.point.id })?.path { lines.append("    reproducer: \(path)") }
            }
        }
        lines.append("")
        var summary = "\(casesPassed) cases passed, \(casesFailed) failed, \(casesAcceptedInvalid) invalid inputs accepted, \(casesNotChecked) not checked"
        if let sampling {
            let failed = sampling.outcomes.filter(\.failed).count
            summary += "; sampling: \(failed) of \(sampling.outcomes.count) points failed"
        }
        if !checkedAnything { summary += "; nothing was checked (the implementation supports none of the cases)" }
        lines.append((passed ? "PASS: " : "FAIL: ") + summary)
        return lines.joined(separator: "\n")
    }

    /// A mismatch with both numbers and the tolerance, without the file prefix.
    static func describe(_ m: GoldenMismatch) -> String {
        var s = m.key
        if let index = m.index { s += "[\(index)]" }
        if let got = m.got, let want = m.want {
            s += ": got \(got), want \(want), |diff| \(Swift.abs(got - want)) > tolerance \(m.tolerance.bound(for: want))"
        }
        if let message = m.message { s += ": " + message }
        return s
    }

    public var json: JSONValue {
        func o(_ members: [(String, JSONValue)]) -> JSONValue { ConformProtocol.object(members) }
        let rowValues: [JSONValue] = rows.map { row in
            var members: [(String, JSONValue)] = [
                ("row", .string(row.name)), ("result", .string(row.status)),
                ("passed", .number(Double(row.passed))), ("failed", .number(Double(row.failed))),
                ("acceptedInvalid", .number(Double(row.acceptedInvalid))), ("notChecked", .number(Double(row.notChecked))),
            ]
            if let accepted = row.firstAcceptedInvalid {
                members.append(("firstAcceptedInvalid", o([("file", .string(accepted.conformCase.filePath)), ("case", .string(accepted.conformCase.golden.id))])))
            }
            if let (result, m) = row.firstFailure {
                var mismatch: [(String, JSONValue)] = [("file", .string(result.conformCase.filePath)), ("case", .string(result.conformCase.golden.id)), ("key", .string(m.key))]
                if let index = m.index { mismatch.append(("index", .number(Double(index)))) }
                if let got = m.got { mismatch.append(("got", .number(got))) }
                if let want = m.want { mismatch.append(("want", .number(want))); mismatch.append(("tolerance", .number(m.tolerance.bound(for: want)))) }
                if let message = m.message { mismatch.append(("message", .string(message))) }
                members.append(("firstMismatch", o(mismatch)))
                if let path = reproducers.first(where: { $0.row == row.name })?.path { members.append(("reproducer", .string(path))) }
            }
            if row.passed == 0 && row.failed == 0 && row.acceptedInvalid == 0, let reason = row.notCheckedReason { members.append(("notCheckedReason", .string(reason))) }
            return o(members)
        }
        var members: [(String, JSONValue)] = [
            ("protocol", .string(ConformProtocol.name)),
            ("implementation", o([("name", .string(profile.name)), ("version", .string(profile.version)), ("precision", .string(profile.precision.rawValue))])),
            ("passed", .bool(passed)),
            ("cases", o([("passed", .number(Double(casesPassed))), ("failed", .number(Double(casesFailed))),
                         ("acceptedInvalid", .number(Double(casesAcceptedInvalid))), ("notChecked", .number(Double(casesNotChecked)))])),
            ("rows", .array(rowValues)),
        ]
        if let path = reproducers.first(where: { $0.row == Reproducer.acceptedInvalidKey })?.path {
            members.append(("acceptedInvalidReproducer", .string(path)))
        }
        if let (worst, margin, evaluationOnly) = boundMargin {
            members.append(("bound", o([
                ("largestUsed", .number(margin.used)), ("case", .string(worst.conformCase.golden.id)), ("file", .string(worst.conformCase.filePath)),
                ("key", .string(margin.key)), ("index", .number(Double(margin.index))), ("largestRatioToEvaluationPart", .number(evaluationOnly)),
            ])))
        }
        if let sampling {
            let points: [JSONValue] = sampling.outcomes.map { outcome in
                var m: [(String, JSONValue)] = [("id", .string(outcome.point.id)), ("row", .string(outcome.point.row))]
                switch outcome.status {
                case .passed, .tested: m.append(("result", .string("pass")))
                case .failed(let why): m.append(("result", .string("fail"))); m.append(("reason", .string(why)))
                case .notChecked(let why): m.append(("result", .string("not checked"))); m.append(("reason", .string(why)))
                }
                if outcome.failed, let path = reproducers.first(where: { $0.row == outcome.point.id })?.path { m.append(("reproducer", .string(path))) }
                m.append(("tests", .array(outcome.members.map { member in
                    o([("name", .string(member.result.name)), ("statistic", .number(member.result.statistic)), ("pValue", .number(member.result.pValue)),
                       ("adjustedPValue", .number(member.adjustedPValue)), ("rejected", .bool(member.rejected))])
                })))
                return o(m)
            }
            members.append(("sampling", o([
                ("alpha", .number(sampling.alpha)), ("procedure", .string("bonferroni")), ("tests", .number(Double(sampling.testCount))),
                ("repetitions", .number(Double(sampling.repetitions))), ("noiseCount", .number(Double(sampling.noiseCount))),
                ("points", .array(points)),
            ])))
        }
        return o(members)
    }
}
