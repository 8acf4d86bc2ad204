/// Text and JSON renderings of a replay, for comparison with a PyTorch run's
/// `x.abs().sum().item()` and `x.abs().mean().item()`.
extension ReplayResult {
    /// A header, one line per step when `perStep`, and the final figures.
    public func text(perStep: Bool) -> String {
        let c = configuration
        var lines: [String] = []
        let noiseDtype = (c.noisePrecision ?? c.precision).rawValue
        lines.append("\(c.sampler.rawValue), \(c.schedule.kind.rawValue) schedule, T = \(c.schedule.timesteps), \(steps.count) steps, \(c.predictionType.rawValue) prediction, clip \(c.clipSample), \(c.implementation.rawValue) in \(c.precision.rawValue), --rng \(c.rng.rawValue) --seed \(c.seed) (\(noiseDtype) noise), shape \(c.shape.map(String.init).joined(separator: "x"))")
        if perStep {
            lines.append(pad("step", 6) + pad("t", 6) + pad("prev", 6) + pad("noise", 7) + pad("sum|x|", 20) + pad("mean|x|", 20))
            for s in steps {
                lines.append(pad("\(s.number)", 6) + pad("\(s.timestep)", 6) + pad("\(s.previous)", 6) + pad(s.drewNoise ? "yes" : "no", 7) + pad(format(s.sumAbs), 20) + pad(format(s.meanAbs), 20))
            }
        }
        lines.append("final sum|x| = \(format(sumAbs))  mean|x| = \(format(meanAbs))")
        return lines.joined(separator: "\n")
    }

    /// `{"steps": [{"step", "t", "prev", "noise", "sumAbs", "meanAbs"}…], "sumAbs", "meanAbs"}`.
    public var json: String {
        let stepValues: [JSONValue] = steps.map { s in
            .object([
                (key: "step", value: .number(Double(s.number))), (key: "t", value: .number(Double(s.timestep))),
                (key: "prev", value: .number(Double(s.previous))), (key: "noise", value: .bool(s.drewNoise)),
                (key: "sumAbs", value: .number(s.sumAbs)), (key: "meanAbs", value: .number(s.meanAbs)),
            ])
        }
        return JSONValue.object([
            (key: "sampler", value: .string(configuration.sampler.rawValue)),
            (key: "rng", value: .string(configuration.rng.rawValue)),
            (key: "seed", value: .number(Double(configuration.seed))),
            (key: "precision", value: .string(configuration.precision.rawValue)),
            (key: "implementation", value: .string(configuration.implementation.rawValue)),
            (key: "steps", value: .array(stepValues)),
            (key: "sumAbs", value: .number(sumAbs)),
            (key: "meanAbs", value: .number(meanAbs)),
        ]).serialized()
    }

    private func format(_ x: Double) -> String { JSONValue.formatNumber(x) }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
