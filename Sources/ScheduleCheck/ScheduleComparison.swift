import CheckerCore
import Foundation
import Reference

/// `--compare A B`: where two schedules differ.
///
/// A and B are each a scheduler config (`.json` holding an object), an array file (β by default;
/// prefix `alpha-bars:` for ᾱ), `-` for either on standard input, or a named schedule
/// `NAME[:START:END][:T][+zero-snr]` (`scaled_linear:0.00085:0.012`, `cosine:1000`, `linear+zero-snr`).
public struct ScheduleComparison: Sendable {
    public var a: ScheduleCurves
    public var b: ScheduleCurves
    public var betas: ArrayAgreement
    public var alphaBars: ArrayAgreement
    /// Sampler settings that differ (prediction type, spacing, …), as "name: A vs B".
    public var settingDifferences: [String]
    /// The relative tolerance the schedules were compared with.
    public var tolerance: Double

    /// True when the schedules agree within `tolerance` and no setting differs.
    public var identical: Bool { betas.agrees && alphaBars.agrees && settingDifferences.isEmpty }

    /// Reads one side of the comparison.
    public static func source(_ text: String) throws(ScheduleCheckError) -> ScheduleSubject {
        var spec = text
        var kind = ArrayKind.betas
        if spec.hasPrefix("alpha-bars:") { spec.removeFirst("alpha-bars:".count); kind = .alphaBars }
        if spec.hasPrefix("betas:") { spec.removeFirst("betas:".count) }
        // `-` is standard input: a config or an array, told apart by its first bytes as a file's
        // contents are (it has no extension to go by).
        let fromStandardInput = StandardInput.isStandardInput(spec)
        if fromStandardInput || FileManager.default.fileExists(atPath: spec) {
            if fromStandardInput || spec.lowercased().hasSuffix(".json"), kind == .betas,
               let data = StandardInput.contents(of: spec), let first = data.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }),
               first == UInt8(ascii: "{") {
                let object = try? JSONValue.parse(String(decoding: data, as: UTF8.self))
                if ArrayFile.arrayKeys.allSatisfy({ object?[$0] == nil }) || object?["trained_betas"] != nil || object?["beta_schedule"] != nil {
                    return try SchedulerConfig.load(path: spec)
                }
            }
            let array = try ArrayFile.load(path: spec, kind: kind)
            return ScheduleSubject(array: array, precision: array.precision)
        }
        if spec.contains("/") || spec.contains(".npy") || spec.contains(".csv") {
            throw .fileNotFound(path: spec)
        }
        var request = ScheduleRequest()
        if spec.hasSuffix("+zero-snr") { spec.removeLast("+zero-snr".count); request.rescaleZeroSNR = true }
        let parts = spec.split(separator: ":").map(String.init)
        guard let name = parts.first else { throw .unknownSchedule(name: text, place: "--compare", known: ["linear", "scaled_linear", "cosine", "sigmoid"]) }
        var numbers: [Double] = []
        for part in parts.dropFirst() {
            guard let v = Double(part) else { throw .invalidOption(name: "--compare", value: text, expected: "NAME[:START:END][:T][+zero-snr]; \"\(part)\" is not a number") }
            numbers.append(v)
        }
        switch numbers.count {
        case 0: break
        case 1: request.trainSteps = Int(exactly: numbers[0])
        case 2, 3:
            request.betaStart = numbers[0]
            request.betaEnd = numbers[1]
            if numbers.count == 3 { request.trainSteps = Int(exactly: numbers[2]) }
        default: throw .invalidOption(name: "--compare", value: text, expected: "NAME[:START:END][:T][+zero-snr]")
        }
        return ScheduleSubject(specification: try request.specification(named: name, place: "--compare \(text)"))
    }

    /// Compares the schedules under test of A and B (the arrays when given).
    public static func compare(_ a: ScheduleSubject, _ b: ScheduleSubject) throws(ScheduleCheckError) -> ScheduleComparison {
        let ca = try ScheduleChecker.check(a).curves
        let cb = try ScheduleChecker.check(b).curves
        for (side, curves) in [("A", ca), ("B", cb)] where curves.betas.isEmpty {
            throw .invalidOption(name: "--compare", value: "\(side): \(curves.label)", expected: "schedules with a β ladder (this class has none)")
        }
        // The tolerance of the coarser precision of the two (see ArrayAgreement.tolerance).
        let coarser = min(a.array?.precision ?? .float64, b.array?.precision ?? .float64)
        let betaTolerance = ArrayAgreement.tolerance(for: coarser, kind: .betas)
        let alphaTolerance = ArrayAgreement.tolerance(for: coarser, kind: .alphaBars)
        var differences: [String] = []
        let sa = a.settings, sb = b.settings
        func note(_ name: String, _ x: String, _ y: String) { if x != y { differences.append("\(name): \(x) vs \(y)") } }
        note("prediction type", sa.predictionType.diffusersName, sb.predictionType.diffusersName)
        note("variance type", sa.varianceType?.configName ?? "—", sb.varianceType?.configName ?? "—")
        note("clip_sample", "\(sa.clipSample)", "\(sb.clipSample)")
        note("thresholding", "\(sa.thresholding)", "\(sb.thresholding)")
        note("set_alpha_to_one", sa.setAlphaToOne.map { "\($0)" } ?? "—", sb.setAlphaToOne.map { "\($0)" } ?? "—")
        note("timestep spacing", sa.timestepSpacing.rawValue, sb.timestepSpacing.rawValue)
        note("steps_offset", "\(sa.stepsOffset)", "\(sb.stepsOffset)")
        return ScheduleComparison(
            a: ca, b: cb,
            betas: ArrayAgreement.compare(ca.betas, with: cb.betas, relative: betaTolerance.relative, absolute: betaTolerance.absolute),
            alphaBars: ArrayAgreement.compare(ca.alphaBars, with: cb.alphaBars, relative: alphaTolerance.relative, absolute: alphaTolerance.absolute),
            settingDifferences: differences, tolerance: betaTolerance.relative
        )
    }

    /// The indices shown in the table: the ends, the quarters, and the first disagreement.
    var shownIndices: [Int] {
        let t = min(a.betas.count, b.betas.count)
        guard t > 0 else { return [] }
        var indices = [0, 1, t / 4, t / 2, 3 * t / 4, t - 2, t - 1].filter { $0 >= 0 && $0 < t }
        if let first = betas.firstDisagreement ?? alphaBars.firstDisagreement, first < t { indices.append(first) }
        return Array(Set(indices)).sorted()
    }

    public func text() -> String {
        var lines = ["compare: \(identical ? "SAME" : "DIFFERENT")", "A: \(a.label) (T = \(a.betas.count))", "B: \(b.label) (T = \(b.betas.count))", ""]
        func describe(_ name: String, _ agreement: ArrayAgreement) -> String {
            var s = "\(name): max abs. diff. \(format(agreement.maxAbsoluteError, digits: 3)), max rel. diff. \(format(agreement.maxRelativeError, digits: 3))"
            if !agreement.lengthMatches { s += ", lengths differ" }
            if let first = agreement.firstDisagreement { s += ", first differs at t = \(first)" } else { s += ", agree within \(format(tolerance)) rel." }
            return s
        }
        lines.append(describe("β", betas))
        lines.append(describe("ᾱ", alphaBars))
        let ta = a.alphaBars.last ?? .nan, tb = b.alphaBars.last ?? .nan
        lines.append("terminal √ᾱ: \(format(ta.squareRoot())) vs \(format(tb.squareRoot()))")
        for d in settingDifferences { lines.append("setting \(d)") }
        lines.append("")
        lines.append(pad("t", 6) + pad("β A", 15) + pad("β B", 15) + pad("ᾱ A", 15) + pad("ᾱ B", 15) + pad("logSNR A", 12) + "logSNR B")
        let la = a.logSNR, lb = b.logSNR
        for t in shownIndices {
            lines.append(pad("\(t)", 6) + pad(format(a.betas[t]), 15) + pad(format(b.betas[t]), 15) + pad(format(a.alphaBars[t]), 15)
                         + pad(format(b.alphaBars[t]), 15) + pad(format(la[t], digits: 5), 12) + format(lb[t], digits: 5))
        }
        return lines.joined(separator: "\n")
    }

    public func json() -> JSONValue {
        func agreement(_ x: ArrayAgreement) -> JSONValue {
            .object([
                ("maxAbsoluteDifference", .number(x.maxAbsoluteError)), ("maxRelativeDifference", .number(x.maxRelativeError)),
                ("firstDifference", x.firstDisagreement.map { .number(Double($0)) } ?? .null), ("lengthsMatch", .bool(x.lengthMatches)),
            ])
        }
        return .object([
            ("identical", .bool(identical)), ("a", .string(a.label)), ("b", .string(b.label)),
            ("betas", agreement(betas)), ("alphaBars", agreement(alphaBars)),
            ("relativeTolerance", .number(tolerance)),
            ("settingDifferences", .array(settingDifferences.map { .string($0) })),
        ])
    }
}
