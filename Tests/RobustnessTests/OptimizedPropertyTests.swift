import Testing
import Optimized
import Reference

/// The property tests of ReferencePropertyTests for Optimized, in Double and in Float: over random
/// schedules (T from 1 to 10⁵, β near 0 and near 1, zero terminal SNR) and random inputs (±0,
/// subnormals, tiny and large magnitudes up to 10⁶), every entry point returns finite numbers or
/// refuses with a stable code; out-of-range timesteps are refused.
@Suite("Optimized numeric robustness")
struct OptimizedPropertyTests {
    static let modest = 1e6

    static func outcome<S: BinaryFloatingPoint>(_ body: () throws(OptimizedError) -> [S]) -> NumericOutcome {
        NumericOutcome(body, code: \.code.rawValue)
    }

    /// Every entry point of one precision at one random (t, s, input).
    static func outcomes<S: BinaryFloatingPoint & Sendable>(
        _ s: OptimizedSchedule, count: Int, _ r: inout PropertyRandom, _ convert: (Double) -> S,
        step: (OptimizedSchedule, [S], [S], [S], Int, Int, DDPMOptions, DDIMOptions) throws(OptimizedError) -> ([S], [S])
    ) -> [(String, NumericOutcome)] {
        let n = Int.random(in: 1...9, using: &r)
        let t = Int.random(in: 0..<count, using: &r)
        let previous = t == 0 ? -1 : r.pick([t - 1, Int.random(in: -1..<t, using: &r)])
        let x = Draw.values(&r, count: n, limit: modest).map(convert)
        let y = Draw.values(&r, count: n, limit: modest).map(convert)
        let z = Draw.values(&r, count: n, limit: modest).map(convert)
        let prediction = r.pick(PredictionType.allCases)
        let variance = r.pick(VarianceType.allCases)
        let clip = r.chance(0.5)
        let ddpm = r.chance(0.5)
            ? DDPMOptions(predictionType: prediction, varianceType: variance, clipping: clip ? .clip(range: 1) : .none)
            : .improvedDiffusion(predictionType: prediction, varianceType: variance, clipping: clip ? .clip(range: 1) : .none)
        let ddim = DDIMOptions(eta: r.pick([0, 0.5, 1, Double.leastNonzeroMagnitude]), predictionType: prediction, clipping: clip ? .clip(range: 1) : .none, setAlphaToOne: r.chance(0.5), useClippedModelOutput: r.chance(0.5))
        return [
            ("steps \(prediction) \(variance) t=\(t) s=\(previous)", outcome { () throws(OptimizedError) in
                let (a, b) = try step(s, x, y, z, t, previous, ddpm, ddim)
                return a + b
            }),
        ]
    }

    static func doubleOutcomes(_ s: OptimizedSchedule, count: Int, _ r: inout PropertyRandom) -> [(String, NumericOutcome)] {
        let n = Int.random(in: 1...9, using: &r)
        let t = Int.random(in: 0..<count, using: &r)
        let x = Draw.values(&r, count: n, limit: modest)
        let y = Draw.values(&r, count: n, limit: modest)
        var results = [
            ("qSample t=\(t)", outcome { () throws(OptimizedError) in try s.qSample(x0: x, noise: y, at: t) }),
            ("velocity t=\(t)", outcome { () throws(OptimizedError) in try s.velocity(x0: x, noise: y, at: t) }),
            ("x0 from ε t=\(t)", outcome { () throws(OptimizedError) in try s.predictedX0(fromEpsilon: x, xt: y, at: t) }),
            ("x0 from v t=\(t)", outcome { () throws(OptimizedError) in try s.predictedX0(fromVelocity: x, xt: y, at: t) }),
            ("ε from x0 t=\(t)", outcome { () throws(OptimizedError) in try s.predictedEpsilon(fromX0: x, xt: y, at: t) }),
            ("ε from v t=\(t)", outcome { () throws(OptimizedError) in try s.predictedEpsilon(fromVelocity: x, xt: y, at: t) }),
        ]
        results += outcomes(s, count: count, &r, { $0 }) { s, x, y, z, t, previous, ddpm, ddim throws(OptimizedError) in
            let a = try s.ddpmStep(xt: x, modelOutput: y, predictedVariance: z.map { abs($0) / 1e6 }, noise: .values(z), at: t, previous: previous, options: ddpm)
            let b = try s.ddimStep(xt: x, modelOutput: y, noise: .values(z), at: t, prevT: previous, options: ddim)
            return (a.prev + a.predX0, b.prev + b.predX0)
        }
        return results
    }

    static func floatOutcomes(_ s: OptimizedSchedule, count: Int, _ r: inout PropertyRandom) -> [(String, NumericOutcome)] {
        let n = Int.random(in: 1...9, using: &r)
        let t = Int.random(in: 0..<count, using: &r)
        let x = Draw.values(&r, count: n, limit: modest).map(Float.init)
        let y = Draw.values(&r, count: n, limit: modest).map(Float.init)
        var results = [
            ("Float qSample t=\(t)", outcome { () throws(OptimizedError) in try s.qSample(x0: x, noise: y, at: t) }),
            ("Float velocity t=\(t)", outcome { () throws(OptimizedError) in try s.velocity(x0: x, noise: y, at: t) }),
            ("Float x0 from v t=\(t)", outcome { () throws(OptimizedError) in try s.predictedX0(fromVelocity: x, xt: y, at: t) }),
            ("Float ε from v t=\(t)", outcome { () throws(OptimizedError) in try s.predictedEpsilon(fromVelocity: x, xt: y, at: t) }),
        ]
        results += outcomes(s, count: count, &r, { Float($0) }) { s, x, y, z, t, previous, ddpm, ddim throws(OptimizedError) in
            let a = try s.ddpmStep(xt: x, modelOutput: y, predictedVariance: z.map { abs($0) / 1e6 }, noise: .values(z), at: t, previous: previous, options: ddpm)
            let b = try s.ddimStep(xt: x, modelOutput: y, noise: .values(z), at: t, prevT: previous, options: ddim)
            return (a.prev + a.predX0, b.prev + b.predX0)
        }
        return results
    }

    /// Refusals expected for valid input: x̂₀ from ε where ᾱₜ = 0 (zero terminal SNR).
    static func isExpected(_ outcome: NumericOutcome) -> Bool {
        outcome == .finite || outcome == .refused(code: OptimizedError.Code.epsilonPredictionAtZeroAlphaBar.rawValue)
    }

    @Test("finite, modest inputs on a valid schedule give finite outputs in Double", arguments: [41, 42, 43] as [UInt64])
    func modestDouble(seed: UInt64) throws {
        var r = PropertyRandom(seed: seed)
        var violations: [String] = []
        var evaluated = 0
        for _ in 0..<60 {
            let spec = Draw.schedule(&r)
            guard let reference = try? spec.make(Double.self), reference.keepsDocumentedInvariant,
                  let s = try? OptimizedSchedule(betas: reference.betas) else { continue }
            for _ in 0..<4 {
                for (label, outcome) in Self.doubleOutcomes(s, count: reference.count, &r) {
                    evaluated += 1
                    if !Self.isExpected(outcome) { violations.append("\(spec.kind) T=\(reference.count) zsnr=\(spec.rescaleZeroTerminalSNR): \(label): \(outcome)") }
                }
            }
        }
        #expect(evaluated > 500)
        #expect(violations.isEmpty, "seed \(seed), \(violations.count) of \(evaluated): \(violations.prefix(6).joined(separator: "\n"))")
    }

    @Test("finite, modest inputs on a valid schedule give finite outputs in Float", arguments: [51, 52, 53] as [UInt64])
    func modestFloat(seed: UInt64) throws {
        var r = PropertyRandom(seed: seed)
        var violations: [String] = []
        var evaluated = 0
        for _ in 0..<60 {
            let spec = Draw.schedule(&r)
            // Float holds ᾱ down to about 1e−45 and x̂₀ from ε divides by √ᾱ, so samples of 10⁶
            // stay finite only while √ᾱ ≥ 1e6/3.4e38: the valid Float domain is ᾱ ≥ 1e−60 (or 0).
            guard let reference = try? spec.make(Double.self), reference.keepsDocumentedInvariant,
                  reference.alphaBars.allSatisfy({ $0 == 0 || $0 >= 1e-30 }),
                  let s = try? OptimizedSchedule(betas: reference.betas) else { continue }
            for _ in 0..<4 {
                for (label, outcome) in Self.floatOutcomes(s, count: reference.count, &r) {
                    evaluated += 1
                    if !Self.isExpected(outcome) { violations.append("\(spec.kind) T=\(reference.count) zsnr=\(spec.rescaleZeroTerminalSNR): \(label): \(outcome)") }
                }
            }
        }
        #expect(evaluated > 500)
        #expect(violations.isEmpty, "seed \(seed), \(violations.count) of \(evaluated): \(violations.prefix(6).joined(separator: "\n"))")
    }

    @Test("ᾱ underflowing to 0 before T − 1 is refused; at T − 1 it is zero terminal SNR")
    func alphaBarUnderflow() throws {
        // As in Reference (R011): 200 steps of β = 0.999 put ᾱ below 5e−324 from t = 107 on.
        #expect(throws: OptimizedError.self) { try OptimizedSchedule(betas: Array(repeating: 0.999, count: 200)) }
        var alphaBars = (0..<5).map { 0.5 / Double($0 + 1) }
        alphaBars[2] = 0
        #expect(throws: OptimizedError.self) { try OptimizedSchedule(betas: [Double](repeating: 0.5, count: 5), alphaBars: alphaBars) }
        let lastOnly = try OptimizedSchedule(betas: Array(repeating: 0.999, count: 108))
        #expect(lastOnly.alphaBars.last == 0)
    }

    @Test("non-finite inputs, out-of-range timesteps and schedules are refused", arguments: [61, 62] as [UInt64])
    func refusals(seed: UInt64) throws {
        var r = PropertyRandom(seed: seed)
        let s = try OptimizedSchedule(betas: numpyLinspace(1e-4, 0.02, count: 1000))
        for _ in 0..<100 {
            let n = Int.random(in: 1...6, using: &r)
            var x = Draw.values(&r, count: n, limit: Self.modest)
            let y = Draw.values(&r, count: n, limit: Self.modest)
            x[Int.random(in: 0..<n, using: &r)] = r.pick([.nan, .infinity, -.infinity])
            let t = Int.random(in: 1..<1000, using: &r)
            // The array forms check their result; a NaN or ±∞ there is traced to the input.
            #expect(Self.outcome { () throws(OptimizedError) in try s.qSample(x0: x, noise: y, at: t) } == .refused(code: "invalid-input"))
            #expect(Self.outcome { () throws(OptimizedError) in try s.ddimStep(xt: x, modelOutput: y, at: t, prevT: t - 1).prev } == .refused(code: "invalid-input"))
            #expect(Self.outcome { () throws(OptimizedError) in try s.ddpmStep(xt: y, modelOutput: x, noise: .values(y), at: t).prev } == .refused(code: "invalid-input"))
            let floats = x.map(Float.init), floatNoise = y.map(Float.init)
            #expect(Self.outcome { () throws(OptimizedError) in try s.velocity(x0: floats, noise: floatNoise, at: t) } == .refused(code: "invalid-input"))
            let outside = r.pick([-1, 1000, Int.max, Int.min])
            #expect(Self.outcome { () throws(OptimizedError) in try s.qSample(x0: y, noise: y, at: outside) } == .refused(code: "timestep-out-of-range"))
        }
        // Finite inputs whose result overflows Float: refused, not returned as ±∞.
        let huge: [Float] = [3e38, -3e38]
        #expect(Self.outcome { () throws(OptimizedError) in try s.qSample(x0: huge, noise: huge, at: 500) } == .refused(code: "result-out-of-range"))
        #expect(Self.outcome { () throws(OptimizedError) in try s.predictedX0(fromEpsilon: huge.map { -$0 }, xt: huge, at: 999) } == .refused(code: "result-out-of-range"))
        for bad in [0, -0.0, 1.0000000000000002, .nan, .infinity] {
            #expect(throws: OptimizedError.self) { try OptimizedSchedule(betas: [0.1, bad]) }
        }
    }
}
