import CheckerCore

/// A protocol request's `op`, `schedule`, `inputs` and `options`, read by the golden parser itself
/// (the request is wrapped as a one-case `ddpm-golden/1` document), so that the protocol accepts
/// exactly what the case format accepts.
enum GoldenRequest {
    static func operation(_ request: JSONValue) throws(GoldenFileError) -> GoldenOperation {
        var members: [(String, JSONValue)] = [("id", .string("request"))]
        for key in ["op", "schedule", "inputs", "options"] {
            if let value = request[key] { members.append((key, value)) }
        }
        members.append(("expect", .object([])))
        members.append(("tolerance", ConformProtocol.object([("abs", .number(0)), ("rel", .number(0))])))
        let document = ConformProtocol.object([
            ("format", .string(GoldenFile.format)), ("cases", .array([ConformProtocol.object(members)])),
        ])
        let file = try GoldenFile.parse(document.serialized(indent: 0), path: "request")
        return file.cases[0].operation
    }

    /// The same step with other noise.
    static func withNoise(_ operation: GoldenOperation, _ noise: [Double]) -> GoldenOperation {
        switch operation {
        case let .ddpmStep(spec, inputs, options):
            var changed = inputs
            changed.noise = noise
            return .ddpmStep(spec, changed, options)
        case let .ddimStep(spec, inputs, options):
            var changed = inputs
            changed.noise = noise
            return .ddimStep(spec, changed, options)
        default:
            return operation
        }
    }

    /// The step with its sample, model output and predicted variance repeated `times` times.
    static func tiled(_ operation: GoldenOperation, times: Int) -> GoldenOperation {
        func tile(_ a: [Double]) -> [Double] { Array([[Double]](repeating: a, count: times).joined()) }
        switch operation {
        case let .ddpmStep(spec, inputs, options):
            var changed = inputs
            changed.xt = tile(inputs.xt)
            changed.modelOutput = tile(inputs.modelOutput)
            changed.predictedVariance = inputs.predictedVariance.map(tile)
            return .ddpmStep(spec, changed, options)
        case let .ddimStep(spec, inputs, options):
            var changed = inputs
            changed.xt = tile(inputs.xt)
            changed.modelOutput = tile(inputs.modelOutput)
            return .ddimStep(spec, changed, options)
        default:
            return operation
        }
    }

    /// The length of the step's sample.
    static func sampleCount(_ operation: GoldenOperation) -> Int {
        switch operation {
        case let .ddpmStep(_, inputs, _): return inputs.xt.count
        case let .ddimStep(_, inputs, _): return inputs.xt.count
        default: return 0
        }
    }
}
