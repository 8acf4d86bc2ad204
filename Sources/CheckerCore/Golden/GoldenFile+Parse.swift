import Foundation
import Reference

/// A case file that cannot be read: the file, the JSON path and position, and what was expected.
public struct GoldenFileError: Error, Sendable, CustomStringConvertible {
    /// `G001` unreadable file, `G002` malformed JSON, `G003` a valid JSON document that is not a
    /// valid case file (wrong format tag, unknown key, wrong type, unknown operation or option).
    public var code: String
    public var file: String
    public var jsonPath: String?
    public var position: TextPosition?
    public var message: String

    public init(code: String, file: String, jsonPath: String? = nil, position: TextPosition? = nil, message: String) {
        self.code = code
        self.file = file
        self.jsonPath = jsonPath
        self.position = position
        self.message = message
    }

    /// The error in the checker's one shape (``ErrorLine``); the JSON path leads the message.
    public var errorLine: ErrorLine {
        ErrorLine(file: file, line: position?.line, column: position?.column,
                  message: (jsonPath.map { "\($0): " } ?? "") + message, code: code)
    }

    public var description: String { errorLine.description }
}

extension GoldenFile {
    /// The largest T a case may ask for. Every operation builds the whole schedule (three arrays of
    /// T numbers), so T is a claim that drives allocation and time; real schedules have T ≤ 4000.
    public static let maximumTimesteps = 100_000

    /// Reads and validates a case file (`-`: standard input).
    public static func load(path: String) throws(GoldenFileError) -> GoldenFile {
        guard let data = StandardInput.isStandardInput(path) ? StandardInput.data() : FileManager.default.contents(atPath: path) else {
            throw GoldenFileError(code: "G001", file: path, message: "cannot read the file (missing or unreadable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GoldenFileError(code: "G002", file: path, message: "the file is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses and validates the text of a case file; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws(GoldenFileError) -> GoldenFile {
        let root: JSONValue
        let positions: JSONPositions
        do {
            (root, positions) = try JSONValue.parseWithPositions(text)
        } catch {
            throw GoldenFileError(code: "G002", file: path, position: error.position, message: "malformed JSON: \(error.message)")
        }
        let decoder = GoldenDecoder(file: path, positions: positions)
        return try decoder.file(root)
    }
}

/// Walks a case file's JSON, checking every key and type, and naming the JSON path of problems.
struct GoldenDecoder {
    let file: String
    let positions: JSONPositions

    func fail(_ path: String, _ message: String) -> GoldenFileError {
        GoldenFileError(code: "G003", file: file, jsonPath: path, position: positions[path], message: message)
    }

    func object(_ value: JSONValue, _ path: String, allowed: [String], required: [String] = []) throws(GoldenFileError) -> [String: (JSONValue, String)] {
        guard case .object(let members) = value else { throw fail(path, "expected an object, found \(value.kindName)") }
        var result: [String: (JSONValue, String)] = [:]
        for (key, member) in members {
            let memberPath = path + "." + key
            guard allowed.contains(key) else {
                throw fail(memberPath, "unknown key \"\(key)\"; expected one of: \(allowed.joined(separator: ", "))")
            }
            guard result[key] == nil else { throw fail(memberPath, "duplicate key \"\(key)\"") }
            result[key] = (member, memberPath)
        }
        for key in required where result[key] == nil {
            throw fail(path, "missing required key \"\(key)\"")
        }
        return result
    }

    func string(_ value: JSONValue, _ path: String) throws(GoldenFileError) -> String {
        guard case .string(let s) = value else { throw fail(path, "expected a string, found \(value.kindName)") }
        return s
    }

    func bool(_ value: JSONValue, _ path: String) throws(GoldenFileError) -> Bool {
        guard case .bool(let b) = value else { throw fail(path, "expected true or false, found \(value.kindName)") }
        return b
    }

    /// A number; the strings "NaN", "Infinity", "-Infinity" stand for the non-finite values.
    func number(_ value: JSONValue, _ path: String, finite: Bool = true) throws(GoldenFileError) -> Double {
        switch value {
        case .number(let x): return x
        case .string(let s) where !finite:
            switch s {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default: break
            }
            throw fail(path, "expected a number or \"NaN\", \"Infinity\", \"-Infinity\", found the string \"\(s)\"")
        default:
            throw fail(path, "expected a number, found \(value.kindName)")
        }
    }

    func integer(_ value: JSONValue, _ path: String) throws(GoldenFileError) -> Int {
        let x = try number(value, path)
        guard x == x.rounded(), abs(x) < 1e15 else { throw fail(path, "expected an integer, found \(x)") }
        return Int(x)
    }

    func numbers(_ value: JSONValue, _ path: String, finite: Bool = true) throws(GoldenFileError) -> [Double] {
        guard case .array(let elements) = value else { throw fail(path, "expected an array of numbers, found \(value.kindName)") }
        var result: [Double] = []
        result.reserveCapacity(elements.count)
        for (i, e) in elements.enumerated() {
            result.append(try number(e, path + "[\(i)]", finite: finite))
        }
        return result
    }

    func file(_ root: JSONValue) throws(GoldenFileError) -> GoldenFile {
        let top = try object(root, "$", allowed: ["format", "source", "cases"], required: ["format", "cases"])
        let format = try string(top["format"]!.0, "$.format")
        guard format == GoldenFile.format else {
            throw fail("$.format", "unsupported format \"\(format)\"; expected \"\(GoldenFile.format)\"")
        }
        let source = try top["source"].map { v throws(GoldenFileError) in try string(v.0, v.1) } ?? ""
        guard case .array(let caseValues) = top["cases"]!.0 else { throw fail("$.cases", "expected an array of cases") }
        var cases: [GoldenCase] = []
        var seen: Set<String> = []
        for (i, value) in caseValues.enumerated() {
            let c = try goldenCase(value, "$.cases[\(i)]")
            guard seen.insert(c.id).inserted else { throw fail("$.cases[\(i)].id", "duplicate case id \"\(c.id)\"") }
            cases.append(c)
        }
        return GoldenFile(path: file, source: source, cases: cases)
    }

    func goldenCase(_ value: JSONValue, _ path: String) throws(GoldenFileError) -> GoldenCase {
        let fields = try object(value, path, allowed: ["id", "op", "schedule", "inputs", "options", "expect", "tolerance", "note", "expectError"], required: ["id", "op"])
        let id = try string(fields["id"]!.0, path + ".id")
        let op = try string(fields["op"]!.0, path + ".op")
        let allowedExpect = GoldenOperation.expectKeys(op)
        guard !allowedExpect.isEmpty else {
            throw fail(path + ".op", "unknown operation \"\(op)\"; expected one of: schedule, qSample, velocity, posterior, ddpmStep, ddimStep, timesteps, normalKL, discretizedGaussianLogLikelihood")
        }
        let expectError = try fields["expectError"].map { v throws(GoldenFileError) in try string(v.0, v.1) }
        var expect: [(key: String, values: [Double])] = []
        if let (expectValue, expectPath) = fields["expect"] {
            let members = try object(expectValue, expectPath, allowed: allowedExpect)
            for key in allowedExpect {
                if let (v, p) = members[key] { expect.append((key, try numbers(v, p, finite: false))) }
            }
        } else if expectError == nil {
            throw fail(path, "missing required key \"expect\" (or \"expectError\")")
        }
        var tolerance = GoldenTolerance(abs: 0, rel: 0)
        if let (tv, tp) = fields["tolerance"] {
            let t = try object(tv, tp, allowed: ["abs", "rel"], required: ["abs", "rel"])
            tolerance = GoldenTolerance(abs: try number(t["abs"]!.0, tp + ".abs"), rel: try number(t["rel"]!.0, tp + ".rel"))
            guard tolerance.abs >= 0, tolerance.rel >= 0 else { throw fail(tp, "tolerances must be ≥ 0") }
        } else if expectError == nil {
            throw fail(path, "missing required key \"tolerance\"")
        }
        let note = try fields["note"].map { v throws(GoldenFileError) in try string(v.0, v.1) }
        let operation = try self.operation(op, fields: fields, path: path)
        return GoldenCase(id: id, operation: operation, tolerance: tolerance, expect: expect, expectError: expectError, note: note, path: path)
    }

    func schedule(_ fields: [String: (JSONValue, String)], _ path: String, onlyTimesteps: Bool = false) throws(GoldenFileError) -> ScheduleSpecification {
        guard let (value, schedulePath) = fields["schedule"] else { throw fail(path, "missing required key \"schedule\"") }
        let s = try object(value, schedulePath, allowed: ["kind", "timesteps", "betaStart", "betaEnd", "cosineS", "maxBeta", "rescaleZeroTerminalSNR", "betas"], required: onlyTimesteps ? ["timesteps"] : ["kind", "timesteps"])
        var kind = ScheduleSpecification.Kind.linear
        if let (k, kp) = s["kind"] {
            let name = try string(k, kp)
            guard let parsed = ScheduleSpecification.Kind(rawValue: name) else {
                throw fail(kp, "unknown schedule kind \"\(name)\"; expected one of: \(ScheduleSpecification.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kind = parsed
        }
        var spec = ScheduleSpecification(kind: kind, timesteps: try integer(s["timesteps"]!.0, s["timesteps"]!.1))
        guard spec.timesteps <= GoldenFile.maximumTimesteps else {
            throw fail(s["timesteps"]!.1, "T = \(spec.timesteps) training timesteps is more than the limit of \(GoldenFile.maximumTimesteps)")
        }
        if let (v, p) = s["betaStart"] { spec.betaStart = try number(v, p) }
        if let (v, p) = s["betaEnd"] { spec.betaEnd = try number(v, p) }
        if let (v, p) = s["cosineS"] { spec.cosineS = try number(v, p) }
        if let (v, p) = s["maxBeta"] { spec.maxBeta = try number(v, p) }
        if let (v, p) = s["rescaleZeroTerminalSNR"] { spec.rescaleZeroTerminalSNR = try bool(v, p) }
        if let (v, p) = s["betas"] { spec.betas = try numbers(v, p, finite: false) }
        if kind == .explicit && spec.betas == nil { throw fail(schedulePath, "an explicit schedule needs \"betas\"") }
        return spec
    }

    func inputs(_ fields: [String: (JSONValue, String)], _ path: String, required: [String], optional: [String] = []) throws(GoldenFileError) -> [String: (JSONValue, String)] {
        guard let (value, inputsPath) = fields["inputs"] else {
            if required.isEmpty { return [:] }
            throw fail(path, "missing required key \"inputs\"")
        }
        return try object(value, inputsPath, allowed: required + optional, required: required)
    }

    func options(_ fields: [String: (JSONValue, String)], allowed: [String]) throws(GoldenFileError) -> [String: (JSONValue, String)] {
        guard let (value, optionsPath) = fields["options"] else { return [:] }
        if case .null = value { return [:] }
        return try object(value, optionsPath, allowed: allowed)
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ entry: (JSONValue, String)?, _ type: E.Type) throws(GoldenFileError) -> E? where E.RawValue == String {
        guard let (value, path) = entry else { return nil }
        let name = try string(value, path)
        guard let parsed = E(rawValue: name) else {
            throw fail(path, "unknown value \"\(name)\"; expected one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }

    func operation(_ op: String, fields: [String: (JSONValue, String)], path: String) throws(GoldenFileError) -> GoldenOperation {
        func array(_ inputs: [String: (JSONValue, String)], _ key: String) throws(GoldenFileError) -> [Double] {
            try numbers(inputs[key]!.0, inputs[key]!.1, finite: false)
        }
        func int(_ inputs: [String: (JSONValue, String)], _ key: String) throws(GoldenFileError) -> Int {
            try integer(inputs[key]!.0, inputs[key]!.1)
        }
        switch op {
        case "schedule":
            _ = try inputs(fields, path, required: [])
            _ = try options(fields, allowed: [])
            return .schedule(try schedule(fields, path))
        case "qSample", "velocity":
            let i = try inputs(fields, path, required: ["t", "x0", "noise"])
            _ = try options(fields, allowed: [])
            let spec = try schedule(fields, path)
            return op == "qSample"
                ? .qSample(spec, t: try int(i, "t"), x0: try array(i, "x0"), noise: try array(i, "noise"))
                : .velocity(spec, t: try int(i, "t"), x0: try array(i, "x0"), noise: try array(i, "noise"))
        case "posterior":
            let i = try inputs(fields, path, required: ["t"])
            _ = try options(fields, allowed: [])
            return .posterior(try schedule(fields, path), t: try int(i, "t"))
        case "ddpmStep":
            let i = try inputs(fields, path, required: ["t", "xt", "modelOutput", "noise"], optional: ["predictedVariance"])
            let o = try options(fields, allowed: ["predictionType", "varianceType", "clipSample", "clipSampleRange"])
            var options = GoldenDDPMOptions()
            if let v = try enumValue(o["predictionType"], PredictionType.self) { options.predictionType = v }
            if let v = try enumValue(o["varianceType"], VarianceType.self) { options.varianceType = v }
            if let (v, p) = o["clipSample"] { options.clipSample = try bool(v, p) }
            if let (v, p) = o["clipSampleRange"] { options.clipSampleRange = try number(v, p) }
            let variance = try i["predictedVariance"].map { v throws(GoldenFileError) in try numbers(v.0, v.1, finite: false) }
            let inputs = DDPMStepInputs(t: try int(i, "t"), xt: try array(i, "xt"), modelOutput: try array(i, "modelOutput"), noise: try array(i, "noise"), predictedVariance: variance)
            return .ddpmStep(try schedule(fields, path), inputs, options)
        case "ddimStep":
            let i = try inputs(fields, path, required: ["t", "prevT", "xt", "modelOutput", "noise"])
            let o = try options(fields, allowed: ["eta", "predictionType", "clipSample", "clipSampleRange", "setAlphaToOne", "useClippedModelOutput"])
            var options = GoldenDDIMOptions()
            if let (v, p) = o["eta"] { options.eta = try number(v, p) }
            if let v = try enumValue(o["predictionType"], PredictionType.self) { options.predictionType = v }
            if let (v, p) = o["clipSample"] { options.clipSample = try bool(v, p) }
            if let (v, p) = o["clipSampleRange"] { options.clipSampleRange = try number(v, p) }
            if let (v, p) = o["setAlphaToOne"] { options.setAlphaToOne = try bool(v, p) }
            if let (v, p) = o["useClippedModelOutput"] { options.useClippedModelOutput = try bool(v, p) }
            let inputs = DDIMStepInputs(t: try int(i, "t"), prevT: try int(i, "prevT"), xt: try array(i, "xt"), modelOutput: try array(i, "modelOutput"), noise: try array(i, "noise"))
            return .ddimStep(try schedule(fields, path), inputs, options)
        case "timesteps":
            let i = try inputs(fields, path, required: ["numInferenceSteps"])
            let o = try options(fields, allowed: ["spacing", "stepsOffset"])
            let spec = try schedule(fields, path, onlyTimesteps: true)
            let spacing = try enumValue(o["spacing"], TimestepSpacing.self) ?? .leading
            let offset = try o["stepsOffset"].map { v throws(GoldenFileError) in try integer(v.0, v.1) } ?? 0
            return .timesteps(trainingSteps: spec.timesteps, numInferenceSteps: try int(i, "numInferenceSteps"), spacing: spacing, stepsOffset: offset)
        case "normalKL":
            let i = try inputs(fields, path, required: ["mean1", "logVar1", "mean2", "logVar2"])
            _ = try options(fields, allowed: [])
            return .normalKL(mean1: try array(i, "mean1"), logVar1: try array(i, "logVar1"), mean2: try array(i, "mean2"), logVar2: try array(i, "logVar2"))
        case "discretizedGaussianLogLikelihood":
            let i = try inputs(fields, path, required: ["x", "mean", "logScale"])
            _ = try options(fields, allowed: [])
            return .discretizedGaussianLogLikelihood(x: try array(i, "x"), mean: try array(i, "mean"), logScale: try array(i, "logScale"))
        default:
            throw fail(path + ".op", "unknown operation \"\(op)\"")
        }
    }
}
