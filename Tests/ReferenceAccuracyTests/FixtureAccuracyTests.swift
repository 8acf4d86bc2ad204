#if arch(x86_64) && !os(Windows) && !os(Android)
import CheckerCore
import Foundation
import Reference
import Testing

/// Every golden case's expectations, evaluated in extended precision from the case's own
/// definition (exact betas of the named schedule, the case's inputs), so that a fixture that is
/// itself inaccurate is caught rather than trusted.
///
/// Measure: the share of its own tolerance a fixture value spends on its own error,
/// |want − exact|/(abs + rel·|exact|). A fixture must spend at most a tenth of it, so that an
/// implementation's rounding, up to the other nine tenths, still passes.
@Suite("fixtures measured in extended precision")
struct FixtureAccuracyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let allowedShare = 0.1

    struct Worst: CustomStringConvertible {
        var share = 0.0
        var where_ = "—"
        var measured = 0
        var skipped: [String: Int] = [:]
        var description: String {
            "worst \(String(format: "%.3g", share)) of its tolerance at \(where_); \(measured) values measured; not measured: \(skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))"
        }
    }

    static func exactBetas(_ spec: ScheduleSpecification) -> [Extended]? {
        let T = spec.timesteps
        var betas: [Extended]
        switch spec.kind {
        case .linear:
            let scale = spec.linearScaledForTimesteps ? 1000 / Double(T) : 1
            betas = ExactBetas.linear(T, spec.betaStart * scale, spec.betaEnd * scale)
        case .scaledLinear: betas = ExactBetas.scaledLinear(T, spec.betaStart, spec.betaEnd)
        case .cosine: betas = ExactBetas.cosine(T, spec.cosineS, spec.maxBeta)
        case .sigmoid: betas = ExactBetas.sigmoid(T, spec.betaStart, spec.betaEnd)
        case .explicit:
            guard let given = spec.betas else { return nil }
            betas = given.map { Extended($0) }
        }
        if spec.rescaleZeroTerminalSNR { betas = ExactBetas.rescaledToZeroTerminalSNR(ExtendedSchedule(betas: betas)) }
        return betas
    }

    /// The exact expectations of a case, by key, or nil for an operation without an oracle here.
    static func exact(_ operation: GoldenOperation) -> [String: [Extended]]? {
        switch operation {
        case .schedule(let spec):
            guard let betas = exactBetas(spec) else { return nil }
            let x = ExtendedSchedule(betas: betas)
            return ["betas": betas, "alphas": betas.map { 1 - $0 }, "alphaBars": x.alphaBars]
        case let .qSample(spec, t, x0, noise):
            guard let betas = exactBetas(spec), t < betas.count else { return nil }
            let x = ExtendedSchedule(betas: betas)
            return ["xt": x0.indices.map { x.qSample(x0: x0[$0], noise: noise[$0], at: t).value }]
        case let .velocity(spec, t, x0, noise):
            guard let betas = exactBetas(spec), t < betas.count else { return nil }
            let x = ExtendedSchedule(betas: betas)
            return ["v": x0.indices.map { x.velocity(x0: x0[$0], noise: noise[$0], at: t).value }]
        case let .posterior(spec, t):
            guard let betas = exactBetas(spec), t < betas.count else { return nil }
            let x = ExtendedSchedule(betas: betas)
            let p = x.posterior(at: t, previous: t - 1)
            let clipped: Extended = t > 0 ? Extended.log(p.variance)
                : (x.count > 1 ? Extended.log(x.posterior(at: 1, previous: 0).variance) : Extended.log(Extended(1e-20 as Double)))
            return ["meanCoefX0": [p.meanCoefX0], "meanCoefXt": [p.meanCoefXt], "variance": [p.variance], "logVarianceClipped": [clipped]]
        case let .ddpmStep(spec, i, o):
            guard let betas = exactBetas(spec), i.t < betas.count else { return nil }
            let x = ExtendedSchedule(betas: betas)
            let steps = i.xt.indices.map {
                x.ddpmStep(xt: i.xt[$0], output: i.modelOutput[$0], variance: i.predictedVariance?[$0], noise: i.noise[$0], at: i.t,
                           previous: i.t - 1, prediction: o.predictionType, varianceType: o.varianceType, clip: o.clipSample ? o.clipSampleRange : nil)
            }
            return ["prev": steps.map(\.prev.value), "predX0": steps.map(\.x0.value)]
        case let .ddimStep(spec, i, o):
            guard let betas = exactBetas(spec), i.t < betas.count else { return nil }
            let x = ExtendedSchedule(betas: betas)
            let steps = i.xt.indices.map {
                x.ddimStep(xt: i.xt[$0], output: i.modelOutput[$0], noise: i.noise[$0], at: i.t, previous: i.prevT, eta: o.eta,
                           prediction: o.predictionType, clip: o.clipSample ? o.clipSampleRange : nil,
                           setAlphaToOne: o.setAlphaToOne, useClippedModelOutput: o.useClippedModelOutput)
            }
            return ["prev": steps.map(\.prev.value), "predX0": steps.map(\.x0.value)]
        case let .normalKL(mean1, logVar1, mean2, logVar2):
            return ["kl": mean1.indices.map { extendedNormalKL(mean1[$0], logVar1[$0], mean2[$0], logVar2[$0]).value }]
        case let .discretizedGaussianLogLikelihood(x, mean, logScale):
            return ["logProb": x.indices.map { extendedDecoderLogLikelihood(x: x[$0], mean: mean[$0], logScale: logScale[$0]) }]
        case .timesteps:
            // Integers defined by NumPy's floating-point linspace/arange and half-even rounding:
            // there is no extended-precision value to compare with (they are compared exactly).
            return nil
        }
    }

    static func measure(_ paths: [String], only include: (GoldenCase) -> Bool = { _ in true }) throws -> Worst {
        var worst = Worst()
        for path in paths {
            let file = try GoldenFile.load(path: path)
            for c in file.cases where include(c) {
                guard c.expectError == nil else { worst.skipped["refusals", default: 0] += 1; continue }
                guard let exact = exact(c.operation) else { worst.skipped[c.operation.name, default: 0] += 1; continue }
                for (key, values) in c.expect {
                    guard let truth = exact[key], truth.count == values.count else { continue }
                    for (index, want) in values.enumerated() where !want.isNaN {
                        let error = Double(abs(Extended(want) - truth[index]))
                        let share = error / c.tolerance.bound(for: Double(truth[index]))
                        worst.measured += 1
                        if share > worst.share || share.isNaN {
                            worst.share = share
                            worst.where_ = "\((path as NSString).lastPathComponent): \(c.id) \(key)[\(index)] = \(want), exact \(Double(truth[index]))"
                        }
                    }
                }
            }
        }
        return worst
    }

    @Test("every committed fixture spends at most a tenth of its tolerance on its own error")
    func committedFixtures() throws {
        let directory = Self.root.appendingPathComponent("fixtures").path
        let paths = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted().map { directory + "/" + $0 }
        let worst = try Self.measure(paths)
        print("fixtures: \(worst)")
        #expect(worst.measured > 10_000)
        #expect(worst.share <= Self.allowedShare, "\(worst)")
    }

    /// The external sample (read-only) holds float32 pipeline values on purpose, with float32
    /// tolerances (rel 1e−4): those spend up to half of them on float32 rounding. Each value must
    /// still be within its own tolerance of the exact value, and the cases with Double tolerances
    /// are held to the fixtures' tenth.
    @Test("the external oracle sample: every value within its tolerance of the exact value")
    func externalOracle() throws {
        let path = Self.root.deletingLastPathComponent().appendingPathComponent("shared/oracle/external-sample.json").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let worst = try Self.measure([path])
        print("external sample: \(worst)")
        #expect(worst.measured > 100)
        #expect(worst.share <= 1, "\(worst)")
        let double = try Self.measure([path]) { $0.tolerance.rel < 1e-6 }
        print("external sample, cases with Double tolerances: \(double)")
        #expect(double.share <= Self.allowedShare, "\(double)")
    }

    /// The check can fail: a value off by its whole tolerance is reported.
    @Test("a fixture value off by its tolerance is caught")
    func plantedInaccuracy() throws {
        let text = """
        {"format": "ddpm-golden/1", "source": "planted", "cases": [
          {"id": "q", "op": "qSample", "schedule": {"kind": "cosine", "timesteps": 1000},
           "inputs": {"t": 1, "x0": [0.5], "noise": [0.25]}, "expect": {"xt": [0.5001]},
           "tolerance": {"abs": 1e-12, "rel": 1e-10}}]}
        """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UInt64.random(in: 0...UInt64.max)).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Self.measure([path]).share > 1)
    }
}
#endif
