import Foundation
import Reference
import Statistics

/// Writes the regression fixtures under `fixtures/`: every operation and option of the format,
/// with expectations computed by Reference and inputs drawn from fixed seeds.
///
/// Tolerances, and why:
/// - schedules: abs 1e−15, rel 1e−11. ᾱ is a product of up to T = 1000 factors, each rounding
///   once: an implementation that multiplies in another order (or compensates) differs by up to
///   ~T/2 ulps ≈ 1e−13 relative; 1e−11 leaves a margin without hiding a wrong formula
///   (a wrong β moves ᾱ by ≥ 1e−6 relative).
/// - samples, posteriors, steps, KL: abs 1e−12, rel 1e−10: a handful of √, products and one
///   division on O(1) values, ≤ 10 ulps in any correct evaluation order.
/// - decoder log-likelihood: abs 1e−9, rel 1e−9: far-tail log Φ loses digits to cancellation in
///   z²/2 (|z| up to 10³ here).
/// - timesteps: exact (integers).
public enum FixtureGenerator {
    public static let scheduleTolerance = GoldenTolerance(abs: 1e-15, rel: 1e-11)
    public static let valueTolerance = GoldenTolerance(abs: 1e-12, rel: 1e-10)
    public static let likelihoodTolerance = GoldenTolerance(abs: 1e-9, rel: 1e-9)

    /// Writes every fixture file into `directory`; returns each path with its case count.
    public static func write(to directory: String) throws -> [(String, Int)] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [(String, Int)] = []
        for (name, cases) in allFiles() {
            let path = (directory as NSString).appendingPathComponent(name)
            let document = JSONValue.object([
                ("format", .string(GoldenFile.format)),
                ("source", .string("DiffusionCheck Reference (Double), `checker golden generate`; inputs from GSL MT19937 with fixed seeds")),
                ("cases", .array(cases)),
            ])
            try (document.serialized() + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            written.append((path, cases.count))
        }
        return written
    }

    /// The fixture files as (file name, cases).
    public static func allFiles() -> [(String, [JSONValue])] {
        [
            ("schedules.json", scheduleCases()),
            ("forward.json", forwardCases()),
            ("posterior.json", posteriorCases()),
            ("ddpm-step.json", ddpmCases()),
            ("ddim-step.json", ddimCases()),
            ("timesteps.json", timestepCases()),
            ("bound.json", boundCases()),
            ("errors.json", errorCases()),
        ]
    }

    // MARK: - Building cases

    static func schedule(_ kind: String, _ t: Int, _ extra: [(String, JSONValue)] = []) -> JSONValue {
        .object([("kind", .string(kind)), ("timesteps", .number(Double(t)))] + extra.map { (key: $0.0, value: $0.1) })
    }

    static func numbers(_ xs: [Double]) -> JSONValue { .array(xs.map { .number($0) }) }

    /// A case with its expectations computed by Reference; cases Reference refuses become
    /// `expectError` cases with the refusal's code.
    static func makeCase(
        id: String, op: String, schedule: JSONValue? = nil, inputs: [(String, JSONValue)], options: [(String, JSONValue)] = [],
        tolerance: GoldenTolerance, note: String? = nil
    ) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("id", .string(id)), ("op", .string(op))]
        if let schedule { members.append(("schedule", schedule)) }
        members.append(("inputs", .object(inputs.map { (key: $0.0, value: $0.1) })))
        if !options.isEmpty { members.append(("options", .object(options.map { (key: $0.0, value: $0.1) }))) }
        if let note { members.append(("note", .string(note))) }
        let decoder = GoldenDecoder(file: "generator", positions: JSONPositions())
        let parsed: GoldenCase
        do {
            parsed = try decoder.goldenCase(.object(members + [("expectError", .string("pending"))]), "$")
        } catch {
            fatalError("fixture generator built an invalid case \(id): \(error)")
        }
        switch ReferenceGoldenImplementation().evaluate(parsed.operation) {
        case .success(let outputs):
            let keys = GoldenOperation.expectKeys(op).filter { outputs[$0] != nil }
            members.append(("expect", .object(keys.map { (key: $0, value: numbers(outputs[$0]!)) })))
            members.append(("tolerance", .object([("abs", .number(tolerance.abs)), ("rel", .number(tolerance.rel))])))
        case .failure(let error):
            members.append(("expectError", .string(error.code)))
            if note == nil { members.append(("note", .string("refused: \(error.slug)"))) }
        }
        return .object(members)
    }

    static let schedules: [(String, JSONValue)] = [
        ("linear", schedule("linear", 1000, [("betaStart", .number(0.0001)), ("betaEnd", .number(0.02))])),
        ("scaledLinear", schedule("scaledLinear", 1000, [("betaStart", .number(0.00085)), ("betaEnd", .number(0.012))])),
        ("cosine", schedule("cosine", 1000)),
        ("sigmoid", schedule("sigmoid", 1000)),
        ("linear-zsnr", schedule("linear", 1000, [("rescaleZeroTerminalSNR", .bool(true))])),
        ("scaledLinear-zsnr", schedule("scaledLinear", 1000, [("betaStart", .number(0.00085)), ("betaEnd", .number(0.012)), ("rescaleZeroTerminalSNR", .bool(true))])),
    ]

    static func scheduleCases() -> [JSONValue] {
        var cases = schedules.map { makeCase(id: "schedule-\($0.0)-T1000", op: "schedule", schedule: $0.1, inputs: [], tolerance: scheduleTolerance) }
        let small: [(String, JSONValue)] = [
            ("linear-T1", schedule("linear", 1)),
            ("linear-T2", schedule("linear", 2)),
            ("linear-T10-decreasing", schedule("linear", 10, [("betaStart", .number(0.02)), ("betaEnd", .number(0.0001))])),
            ("cosine-T50-s0-cap0.5", schedule("cosine", 50, [("cosineS", .number(0)), ("maxBeta", .number(0.5))])),
            ("cosine-T4000", schedule("cosine", 4000)),
            ("sigmoid-T7", schedule("sigmoid", 7, [("betaStart", .number(0.001)), ("betaEnd", .number(0.5))])),
            ("explicit-T5", schedule("explicit", 5, [("betas", numbers([0.1, 0.2, 0.3, 0.4, 0.5]))])),
            ("explicit-T4-zsnr", schedule("explicit", 4, [("betas", numbers([0.1, 0.2, 0.3, 0.4])), ("rescaleZeroTerminalSNR", .bool(true))])),
            ("explicit-T3-terminal-beta-one", schedule("explicit", 3, [("betas", numbers([0.5, 0.5, 1]))])),
        ]
        cases += small.map { makeCase(id: "schedule-\($0.0)", op: "schedule", schedule: $0.1, inputs: [], tolerance: scheduleTolerance) }
        return cases
    }

    static func forwardCases() -> [JSONValue] {
        let source = GSLNormalSource(seed: 101)
        var cases: [JSONValue] = []
        for (name, s) in schedules {
            for t in [0, 1, 499, 999] {
                let x0 = source.draws(16), noise = source.draws(16)
                let inputs: [(String, JSONValue)] = [("t", .number(Double(t))), ("x0", numbers(x0)), ("noise", numbers(noise))]
                cases.append(makeCase(id: "qsample-\(name)-t\(t)", op: "qSample", schedule: s, inputs: inputs, tolerance: valueTolerance))
                cases.append(makeCase(id: "velocity-\(name)-t\(t)", op: "velocity", schedule: s, inputs: inputs, tolerance: valueTolerance))
            }
        }
        return cases
    }

    static func posteriorCases() -> [JSONValue] {
        var cases: [JSONValue] = []
        for (name, s) in schedules {
            for t in [0, 1, 2, 486, 998, 999] {
                cases.append(makeCase(id: "posterior-\(name)-t\(t)", op: "posterior", schedule: s, inputs: [("t", .number(Double(t)))], tolerance: valueTolerance))
            }
        }
        return cases
    }

    static func ddpmCases() -> [JSONValue] {
        let source = GSLNormalSource(seed: 202)
        var cases: [JSONValue] = []
        let chosen = [schedules[0], schedules[2], schedules[5]]
        for (name, s) in chosen {
            for prediction in PredictionType.allCases {
                for variance in VarianceType.allCases {
                    for (t, clip) in [(0, true), (1, false), (500, true), (999, false)] {
                        var inputs: [(String, JSONValue)] = [
                            ("t", .number(Double(t))), ("xt", numbers(source.draws(16).map { $0 * 1.5 })),
                            ("modelOutput", numbers(source.draws(16))), ("noise", numbers(source.draws(16))),
                        ]
                        if variance == .learnedRange {
                            inputs.append(("predictedVariance", numbers((0..<16).map { _ in 2 * source.uniform() - 1 })))
                        } else if variance == .learned {
                            inputs.append(("predictedVariance", numbers((0..<16).map { _ in 0.001 + 0.02 * source.uniform() })))
                        }
                        let options: [(String, JSONValue)] = [
                            ("predictionType", .string(prediction.rawValue)), ("varianceType", .string(variance.rawValue)),
                            ("clipSample", .bool(clip)), ("clipSampleRange", .number(1.0)),
                        ]
                        cases.append(makeCase(id: "ddpm-\(name)-\(prediction.rawValue)-\(variance.rawValue)-clip\(clip ? 1 : 0)-t\(t)", op: "ddpmStep", schedule: s, inputs: inputs, options: options, tolerance: valueTolerance))
                    }
                }
            }
        }
        return cases
    }

    static func ddimCases() -> [JSONValue] {
        let source = GSLNormalSource(seed: 303)
        var cases: [JSONValue] = []
        let chosen = [schedules[0], schedules[1], schedules[2], schedules[4]]
        var k = 0
        for (name, s) in chosen {
            for prediction in PredictionType.allCases {
                for eta in [0.0, 0.5, 1.0] {
                    for (t, prev) in [(980, 960), (500, 499), (20, 0), (0, -20)] {
                        // Cycle the boolean options so that each appears with every prediction type.
                        let clip = k % 2 == 0, one = (k / 2) % 2 == 0, clipped = (k / 4) % 2 == 0
                        k += 1
                        let inputs: [(String, JSONValue)] = [
                            ("t", .number(Double(t))), ("prevT", .number(Double(prev))),
                            ("xt", numbers(source.draws(16).map { $0 * 1.5 })), ("modelOutput", numbers(source.draws(16))),
                            ("noise", numbers(source.draws(16))),
                        ]
                        let options: [(String, JSONValue)] = [
                            ("eta", .number(eta)), ("predictionType", .string(prediction.rawValue)),
                            ("clipSample", .bool(clip)), ("clipSampleRange", .number(clip ? 1.5 : 1.0)),
                            ("setAlphaToOne", .bool(one)), ("useClippedModelOutput", .bool(clipped)),
                        ]
                        cases.append(makeCase(id: "ddim-\(name)-\(prediction.rawValue)-eta\(eta)-t\(t)-to\(prev)-clip\(clip ? 1 : 0)-one\(one ? 1 : 0)-cmo\(clipped ? 1 : 0)", op: "ddimStep", schedule: s, inputs: inputs, options: options, tolerance: valueTolerance))
                    }
                }
            }
        }
        return cases
    }

    static func timestepCases() -> [JSONValue] {
        var cases: [JSONValue] = []
        for (trainingSteps, counts) in [(1000, [1, 6, 7, 10, 50, 250, 999, 1000]), (1024, [7, 10, 100]), (10, [3, 10])] {
            for n in counts {
                for spacing in TimestepSpacing.allCases {
                    for offset in spacing == .leading ? [0, 1] : [0] {
                        cases.append(makeCase(
                            id: "timesteps-T\(trainingSteps)-n\(n)-\(spacing.rawValue)-off\(offset)", op: "timesteps",
                            schedule: .object([("timesteps", .number(Double(trainingSteps)))]),
                            inputs: [("numInferenceSteps", .number(Double(n)))],
                            options: [("spacing", .string(spacing.rawValue)), ("stepsOffset", .number(Double(offset)))],
                            tolerance: GoldenTolerance(abs: 0, rel: 0)
                        ))
                    }
                }
            }
        }
        return cases
    }

    static func boundCases() -> [JSONValue] {
        let source = GSLNormalSource(seed: 404)
        var cases: [JSONValue] = []
        let n = 32
        cases.append(makeCase(id: "normalkl-random", op: "normalKL", inputs: [
            ("mean1", numbers(source.draws(n))), ("logVar1", numbers(source.draws(n).map { $0 * 3 })),
            ("mean2", numbers(source.draws(n))), ("logVar2", numbers(source.draws(n).map { $0 * 3 })),
        ], tolerance: valueTolerance))
        cases.append(makeCase(id: "normalkl-identical-is-zero", op: "normalKL", inputs: [
            ("mean1", numbers([0, 1, -2])), ("logVar1", numbers([0, -5, 3])), ("mean2", numbers([0, 1, -2])), ("logVar2", numbers([0, -5, 3])),
        ], tolerance: valueTolerance))
        let grid = (0..<n).map { _ in Double(Int(source.uniform() * 256)) / 127.5 - 1 }
        let edges = [-1.0, 1.0, -1.0, 1.0] + grid
        cases.append(makeCase(id: "decoder-loglik-moderate", op: "discretizedGaussianLogLikelihood", inputs: [
            ("x", numbers(edges)), ("mean", numbers(edges.map { $0 + 0.1 * source.next() })),
            ("logScale", numbers(edges.map { _ in -3 + source.uniform() * 3 })),
        ], tolerance: likelihoodTolerance))
        cases.append(makeCase(id: "decoder-loglik-far-tails", op: "discretizedGaussianLogLikelihood", inputs: [
            ("x", numbers([-1, 1, 0, 0.5, -0.5, 1, -1])), ("mean", numbers([1.5, -1.5, 2, -2, 0.9, 1.0, -1.0])),
            ("logScale", numbers([-6, -6, -4, -7, -8, -9, -9])),
        ], tolerance: likelihoodTolerance, note: "bins 10 to 10^3 standard deviations from the mean: exact tails, where a tanh-approximated CDF is off by orders of magnitude"))
        return cases
    }

    static func errorCases() -> [JSONValue] {
        let ok = schedule("linear", 1000)
        let x = numbers([0.1, -0.2]), z = numbers([0.3, 0.4])
        return [
            makeCase(id: "error-T0", op: "schedule", schedule: schedule("linear", 0), inputs: [], tolerance: valueTolerance),
            makeCase(id: "error-beta-above-one", op: "schedule", schedule: schedule("explicit", 2, [("betas", numbers([0.5, 1.5]))]), inputs: [], tolerance: valueTolerance),
            makeCase(id: "error-beta-zero", op: "schedule", schedule: schedule("explicit", 2, [("betas", numbers([0, 0.5]))]), inputs: [], tolerance: valueTolerance),
            makeCase(id: "error-beta-one-before-end", op: "schedule", schedule: schedule("explicit", 3, [("betas", numbers([0.5, 1, 0.5]))]), inputs: [], tolerance: valueTolerance),
            makeCase(id: "error-beta-nan", op: "schedule", schedule: schedule("explicit", 2, [("betas", .array([.number(0.5), .string("NaN")]))]), inputs: [], tolerance: valueTolerance),
            makeCase(id: "error-linear-negative-start", op: "schedule", schedule: schedule("linear", 10, [("betaStart", .number(-0.1))]), inputs: [], tolerance: valueTolerance),
            makeCase(id: "error-t-out-of-range", op: "qSample", schedule: ok, inputs: [("t", .number(1000)), ("x0", x), ("noise", z)], tolerance: valueTolerance),
            makeCase(id: "error-t-negative", op: "posterior", schedule: ok, inputs: [("t", .number(-1))], tolerance: valueTolerance),
            makeCase(id: "error-length-mismatch", op: "velocity", schedule: ok, inputs: [("t", .number(3)), ("x0", x), ("noise", numbers([1]))], tolerance: valueTolerance),
            makeCase(id: "error-nan-input", op: "qSample", schedule: ok, inputs: [("t", .number(3)), ("x0", .array([.number(1), .string("NaN")])), ("noise", z)], tolerance: valueTolerance),
            makeCase(id: "error-epsilon-at-zero-snr", op: "ddpmStep", schedule: schedule("linear", 1000, [("rescaleZeroTerminalSNR", .bool(true))]), inputs: [
                ("t", .number(999)), ("xt", x), ("modelOutput", z), ("noise", z),
            ], tolerance: valueTolerance),
            makeCase(id: "error-learned-without-variance", op: "ddpmStep", schedule: ok, inputs: [
                ("t", .number(5)), ("xt", x), ("modelOutput", z), ("noise", z),
            ], options: [("varianceType", .string("learned"))], tolerance: valueTolerance),
            makeCase(id: "error-ddim-eta-above-one", op: "ddimStep", schedule: ok, inputs: [
                ("t", .number(500)), ("prevT", .number(400)), ("xt", x), ("modelOutput", z), ("noise", z),
            ], options: [("eta", .number(1.5))], tolerance: valueTolerance),
            makeCase(id: "error-ddim-negative-eta", op: "ddimStep", schedule: ok, inputs: [
                ("t", .number(500)), ("prevT", .number(400)), ("xt", x), ("modelOutput", z), ("noise", z),
            ], options: [("eta", .number(-0.5))], tolerance: valueTolerance),
            makeCase(id: "error-ddim-forward-jump", op: "ddimStep", schedule: ok, inputs: [
                ("t", .number(400)), ("prevT", .number(500)), ("xt", x), ("modelOutput", z), ("noise", z),
            ], tolerance: valueTolerance),
            makeCase(id: "error-inference-steps-above-T", op: "timesteps", schedule: .object([("timesteps", .number(1000))]), inputs: [("numInferenceSteps", .number(1001))], tolerance: valueTolerance),
            makeCase(id: "error-inference-steps-zero", op: "timesteps", schedule: .object([("timesteps", .number(1000))]), inputs: [("numInferenceSteps", .number(0))], tolerance: valueTolerance),
            makeCase(id: "error-clip-range-zero", op: "ddpmStep", schedule: ok, inputs: [
                ("t", .number(5)), ("xt", x), ("modelOutput", z), ("noise", z),
            ], options: [("clipSample", .bool(true)), ("clipSampleRange", .number(0))], tolerance: valueTolerance),
        ]
    }
}
