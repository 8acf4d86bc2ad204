import Optimized
import Reference
import Testing

/// The arithmetic choice itself and the new entry points, independently of Float80.
@Suite("schedule arithmetic")
struct ArithmeticTests {
    @Test("Double is accurate by default, Float literal (float32 pipelines); either can be chosen")
    func defaults() throws {
        #expect(try NoiseSchedule<Double>.linear(timesteps: 10).arithmetic == .accurate)
        #expect(try NoiseSchedule<Float>.linear(timesteps: 10).arithmetic == .literal)
        var spec = ScheduleSpecification(kind: .cosine, timesteps: 10)
        spec.arithmetic = .literal
        #expect(try spec.make(Double.self).arithmetic == .literal)
        // The float32 t = 0 posterior: literal β₀/(1 − fl(1 − β₀)) = 0.99983, accurate exactly 1.
        let literal = try NoiseSchedule<Float>.linear(timesteps: 1000)
        let accurate = try NoiseSchedule<Float>.linear(timesteps: 1000, arithmetic: .accurate)
        #expect(abs(try literal.posterior(at: 0).meanCoefX0 - 0.99983406) < 1e-7)
        #expect(try accurate.posterior(at: 0).meanCoefX0 == 1)
    }

    @Test("ᾱ_s − ᾱₜ: β₀ itself at t = 0, 0 for s = t, the literal difference when asked")
    func alphaBarDrop() throws {
        let s = try NoiseSchedule<Double>.cosine(timesteps: 1000)
        #expect(s.alphaBarDrop(from: -1, to: 0) == s.betas[0])
        #expect(s.alphaBarDrop(from: 5, to: 5) == 0)
        #expect(s.alphaBarDrop(from: -1, to: -1) == 0)
        // β₀ = 1e−4: 1 − fl(1 − 1e−4) = 9.999999999998899e−05.
        let literal = try NoiseSchedule<Double>.linear(timesteps: 1000, arithmetic: .literal)
        #expect(literal.alphaBarDrop(from: -1, to: 0) == 1 - literal.alphaBars[0])
        #expect(literal.alphaBarDrop(from: -1, to: 0) == 9.999999999998899e-05, "the literal difference keeps the rounding of 1 − β₀")
        #expect(try NoiseSchedule<Double>.linear(timesteps: 1000).alphaBarDrop(from: -1, to: 0) == 1e-4)
    }

    @Test("Optimized's own cosine betas agree with Reference's to a few ulps, by another identity")
    func optimizedCosine() throws {
        let reference = try NoiseSchedule<Double>.cosine(timesteps: 1000).betas
        let optimized = try OptimizedSchedule.cosineBetas(timesteps: 1000)
        let literal = try NoiseSchedule<Double>.cosine(timesteps: 1000, arithmetic: .literal).betas
        for t in reference.indices {
            #expect(abs(optimized[t] - reference[t]) <= 4 * reference[t].ulp, "t = \(t)")
        }
        #expect(abs(optimized[0] - literal[0]) > 1000 * literal[0].ulp, "the literal β₀ is far from both")
    }

    @Test("Optimized's zero-SNR rescale agrees with Reference's and refuses what Reference refuses")
    func optimizedRescale() throws {
        let reference = try NoiseSchedule<Double>.scaledLinear(timesteps: 1000).rescaledToZeroTerminalSNR().betas
        let optimized = try OptimizedSchedule(betas: try NoiseSchedule<Double>.scaledLinear(timesteps: 1000).betas).rescaledToZeroTerminalSNR()
        #expect(optimized.betas.last == 1 && optimized.alphaBars.last == 0)
        for t in reference.indices {
            #expect(abs(optimized.betas[t] - reference[t]) <= 8 * reference[t].ulp, "t = \(t)")
        }
        #expect(throws: OptimizedError.self) { try OptimizedSchedule(betas: [0.5]).rescaledToZeroTerminalSNR() }
        #expect(throws: OptimizedError.self) { try OptimizedSchedule.cosineBetas(timesteps: 0) }
        #expect(throws: OptimizedError.self) { try OptimizedSchedule.cosineBetas(timesteps: 10, offset: -1) }
        #expect(throws: OptimizedError.self) { try OptimizedSchedule.cosineBetas(timesteps: 10, maxBeta: 1.5) }
    }
}
