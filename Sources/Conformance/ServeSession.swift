import CheckerCore
import Foundation
import Optimized
import RandomSources

/// `checker serve`: Reference or Optimized speaking `ddpm-conform/1` on stdin/stdout, so that the
/// protocol and `checker conform` are checked end to end without any other language.
public struct ServeSession {
    public enum Implementation: String, Sendable, CaseIterable {
        case reference, optimized
        case optimizedFloat = "optimized-float"
    }

    public var implementation: Implementation

    public init(implementation: Implementation) {
        self.implementation = implementation
    }

    var golden: any GoldenImplementation {
        switch implementation {
        case .reference: return ReferenceGoldenImplementation()
        case .optimized: return OptimizedGoldenImplementation(precision: .double)
        case .optimizedFloat: return OptimizedGoldenImplementation(precision: .float)
        }
    }

    /// The handshake answer: every option of the operations it computes.
    public var profile: JSONValue {
        let all: JSONValue = .bool(true)
        var ops: [(String, JSONValue)] = ["schedule", "qSample", "velocity", "posterior"].map { ($0, .object([])) }
        ops.append(("ddpmStep", ConformProtocol.object(["predictionType", "varianceType", "clipSample", "clipSampleRange"].map { ($0, all) })))
        ops.append(("ddimStep", ConformProtocol.object(["eta", "predictionType", "clipSample", "clipSampleRange", "setAlphaToOne", "useClippedModelOutput"].map { ($0, all) })))
        if implementation == .reference {
            ops.append(("timesteps", ConformProtocol.object([("spacing", all), ("stepsOffset", all)])))
            ops.append(("normalKL", .object([])))
            ops.append(("discretizedGaussianLogLikelihood", .object([])))
        }
        return ConformProtocol.object([
            ("type", .string("hello")), ("id", .string("handshake")), ("protocol", .string(ConformProtocol.name)),
            ("name", .string("DiffusionCheck " + golden.name)), ("version", .string(DiffusionCheckVersion.current)),
            ("precision", .string(implementation == .optimizedFloat ? "float32" : "float64")),
            ("ops", ConformProtocol.object(ops)),
            ("sample", .array(["ddpmStep", "ddimStep", "noise"].map { .string($0) })),
        ])
    }

    /// Answers requests until `bye` or the end of input.
    public func serve(readLine: () -> String?, write: (String) -> Void) {
        while let line = readLine() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let answer = answer(line) else { return }
            write(answer.serialized(indent: 0))
        }
    }

    /// The answer to one request line; nil for `bye`.
    public func answer(_ line: String) -> JSONValue? {
        let request: JSONValue
        do { request = try JSONValue.parse(line) } catch {
            return self.error(id: "", code: "bad-request", "not JSON: \(error.description)")
        }
        var id = ""
        if case .string(let s)? = request["id"] { id = s }
        guard case .string(let type)? = request["type"] else { return error(id: id, code: "bad-request", "no \"type\"") }
        switch type {
        case "bye": return nil
        case "hello": return profile
        case "case":
            let operation: GoldenOperation
            do { operation = try GoldenRequest.operation(request) } catch {
                return self.error(id: id, code: "bad-request", error.description)
            }
            switch golden.evaluate(operation) {
            case .success(let outputs):
                return outputsAnswer(id: id, outputs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            case .failure(let failure):
                if failure == .notApplicable { return error(id: id, code: ConformProtocol.unsupportedCode, failure.message) }
                return error(id: id, code: failure.code, failure.message)
            }
        case "sample":
            return sample(request, id: id)
        default:
            return error(id: id, code: "bad-request", "unknown type \"\(type)\"")
        }
    }

    func sample(_ request: JSONValue, id: String) -> JSONValue {
        var seed: UInt64 = 0
        if case .number(let s)? = request["seed"], s >= 0, s < 1.8e19 { seed = UInt64(s) }
        guard case .string(let op)? = request["op"] else { return error(id: id, code: "bad-request", "no \"op\"") }
        if op == "noise" {
            guard case .number(let c)? = request["inputs"]?["count"], c >= 1, c <= 10_000_000 else {
                return error(id: id, code: "bad-request", "inputs.count must be a number of draws in 1 … 10⁷")
            }
            return outputsAnswer(id: id, [("noise", gaussians(Int(c), seed: seed, first: 0))])
        }
        guard case .number(let r)? = request["repetitions"], r >= 1, r <= 1_000_000 else {
            return error(id: id, code: "bad-request", "\"repetitions\" must be a number in 1 … 10⁶")
        }
        let operation: GoldenOperation
        do { operation = try GoldenRequest.operation(request.withZeroNoise) } catch {
            return self.error(id: id, code: "bad-request", error.description)
        }
        // Every operation is elementwise: the R repetitions are one evaluation of the inputs tiled R
        // times with R·n fresh normals.
        let n = GoldenRequest.sampleCount(operation)
        let tiled = GoldenRequest.tiled(operation, times: Int(r))
        let noise = gaussians(n * Int(r), seed: seed, first: 0)
        let draws: [Double]
        switch golden.evaluate(GoldenRequest.withNoise(tiled, noise)) {
        case .success(let outputs): draws = outputs["prev"] ?? []
        case .failure(let failure): return error(id: id, code: failure == .notApplicable ? ConformProtocol.unsupportedCode : failure.code, failure.message)
        }
        return outputsAnswer(id: id, [("prev", draws)])
    }

    /// Reference's draws: NumPy's legacy generator; Optimized's: its own Philox stream.
    func gaussians(_ count: Int, seed: UInt64, first: UInt64) -> [Double] {
        switch implementation {
        case .reference:
            var state = NumPyLegacyRandomState(seed: UInt32(truncatingIfNeeded: seed &+ first &* 0x9E37_79B9))
            return (0..<count).map { _ in state.standardNormal() }
        case .optimized:
            return GaussianStream.doubles(seed: seed, first: first, count: count)
        case .optimizedFloat:
            return GaussianStream.floats(seed: seed, first: first, count: count).map(Double.init)
        }
    }

    func outputsAnswer(id: String, _ outputs: [(String, [Double])]) -> JSONValue {
        ConformProtocol.object([("id", .string(id)), ("outputs", ConformProtocol.object(outputs.map { ($0.0, ConformProtocol.numbers($0.1)) }))])
    }

    func error(id: String, code: String, _ message: String) -> JSONValue {
        ConformProtocol.object([("id", .string(id)), ("error", ConformProtocol.object([("code", .string(code)), ("message", .string(message))]))])
    }
}
