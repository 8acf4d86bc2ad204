import Testing
@testable import Optimized
import Reference

/// The forward kernels and the ε/x₀/v conversions against Reference, element by element.
///
/// Bound: the kernel evaluates the literal formula once, so it is within a few rounding errors of
/// the magnitude of its terms: 8 ulps (of the kernel's precision) × Σ|terms|. For Float the
/// coefficients are rounded to Float (½ ulp each), which the same bound covers.
@Suite struct ForwardKernelTests {
    static let timesteps = [0, 1, 250, 500, 998, 999]

    @Test(arguments: timesteps)
    func qSampleAndVelocity(t: Int) throws {
        let (reference, schedule) = TestSchedules.linear()
        var rng = SplitMix64(state: UInt64(t))
        let x0 = rng.floats(777), eps = rng.floats(777)
        let x0d = x0.map(Double.init), epsd = eps.map(Double.init)
        let sa = reference.alphaBars[t].squareRoot(), s1 = (1 - reference.alphaBars[t]).squareRoot()
        let scale = zip(x0d, epsd).map { sa * abs($0) + s1 * abs($1) }

        let wantQ = try reference.qSample(x0: x0d, noise: epsd, at: t)
        #expect(violations(try schedule.qSample(x0: x0d, noise: epsd, at: t, execution: twoThreads), wantQ, scale: scale, ulps: 8).isEmpty)
        #expect(violations(try schedule.qSample(x0: x0, noise: eps, at: t), wantQ, scale: scale, ulps: 8).isEmpty)

        let wantV = try reference.velocity(x0: x0d, noise: epsd, at: t)
        let scaleV = zip(x0d, epsd).map { sa * abs($1) + s1 * abs($0) }
        #expect(violations(try schedule.velocity(x0: x0d, noise: epsd, at: t), wantV, scale: scaleV, ulps: 8).isEmpty)
        #expect(violations(try schedule.velocity(x0: x0, noise: eps, at: t, execution: twoThreads), wantV, scale: scaleV, ulps: 8).isEmpty)
    }

    @Test(arguments: timesteps)
    func conversions(t: Int) throws {
        let (reference, schedule) = TestSchedules.linear()
        var rng = SplitMix64(state: 100 + UInt64(t))
        let a = rng.floats(515), xt = rng.floats(515)
        let ad = a.map(Double.init), xd = xt.map(Double.init)
        let sa = reference.alphaBars[t].squareRoot(), s1 = (1 - reference.alphaBars[t]).squareRoot()

        let x0FromEps = try ad.indices.map { i throws(ReferenceError) in try reference.predictedX0(fromNoise: ad[i], sample: xd[i], at: t) }
        let scaleDivA = ad.indices.map { (abs(xd[$0]) + s1 * abs(ad[$0])) / sa }
        #expect(violations(try schedule.predictedX0(fromEpsilon: ad, xt: xd, at: t), x0FromEps, scale: scaleDivA, ulps: 8).isEmpty)
        #expect(violations(try schedule.predictedX0(fromEpsilon: a, xt: xt, at: t), x0FromEps, scale: scaleDivA, ulps: 8).isEmpty)

        let epsFromX0 = ad.indices.map { reference.predictedNoise(fromX0: ad[$0], sample: xd[$0], at: t) }
        let scaleDivS = ad.indices.map { (abs(xd[$0]) + sa * abs(ad[$0])) / s1 }
        #expect(violations(try schedule.predictedEpsilon(fromX0: ad, xt: xd, at: t), epsFromX0, scale: scaleDivS, ulps: 8).isEmpty)
        #expect(violations(try schedule.predictedEpsilon(fromX0: a, xt: xt, at: t), epsFromX0, scale: scaleDivS, ulps: 8).isEmpty)

        let scale = ad.indices.map { sa * abs(xd[$0]) + s1 * abs(ad[$0]) + sa * abs(ad[$0]) + s1 * abs(xd[$0]) }
        let x0FromV = ad.indices.map { reference.predictedX0(fromVelocity: ad[$0], sample: xd[$0], at: t) }
        #expect(violations(try schedule.predictedX0(fromVelocity: ad, xt: xd, at: t), x0FromV, scale: scale, ulps: 8).isEmpty)
        #expect(violations(try schedule.predictedX0(fromVelocity: a, xt: xt, at: t), x0FromV, scale: scale, ulps: 8).isEmpty)
        let epsFromV = ad.indices.map { reference.predictedNoise(fromVelocity: ad[$0], sample: xd[$0], at: t) }
        #expect(violations(try schedule.predictedEpsilon(fromVelocity: ad, xt: xd, at: t), epsFromV, scale: scale, ulps: 8).isEmpty)
        #expect(violations(try schedule.predictedEpsilon(fromVelocity: a, xt: xt, at: t), epsFromV, scale: scale, ulps: 8).isEmpty)
    }

    /// Fused noise: qSample drawing ε inside the loop equals qSample over the drawn array, bit for
    /// bit, for any thread count and offset.
    @Test func fusedQSampleEqualsTwoPasses() throws {
        let (_, schedule) = TestSchedules.linear()
        var rng = SplitMix64(state: 5)
        let x0 = rng.floats(10_007)
        let eps = GaussianStream.floats(seed: 11, first: 640, count: x0.count)
        let twoPass = try schedule.qSample(x0: x0, noise: eps, at: 321)
        var fused = [Float]()
        try schedule.qSample(x0: x0, noiseSeed: 11, noiseOffset: 640, at: 321, into: &fused, execution: twoThreads)
        #expect(fused == twoPass)
        var serial = [Float]()
        try schedule.qSample(x0: x0, noiseSeed: 11, noiseOffset: 640, at: 321, into: &serial, execution: .serial)
        #expect(serial == fused)
        let x0d = x0.map(Double.init)
        let epsd = GaussianStream.doubles(seed: 11, first: 3, count: x0.count)
        var fusedD = [Double]()
        try schedule.qSample(x0: x0d, noiseSeed: 11, noiseOffset: 3, at: 321, into: &fusedD, execution: twoThreads)
        #expect(fusedD == (try schedule.qSample(x0: x0d, noise: epsd, at: 321)))
    }

    /// A planted error: a coefficient off by 1e−6 relative in the qSample body must fail the bound.
    @Test func plantedCoefficientErrorIsCaught() throws {
        let (reference, schedule) = TestSchedules.linear()
        var rng = SplitMix64(state: 9)
        let x0 = rng.floats(256).map(Double.init), eps = rng.floats(256).map(Double.init)
        let t = 400
        let sa = schedule.sqrtAlphaBars[t] * (1 + 1e-6), s1 = schedule.sqrtOneMinusAlphaBars[t]
        var planted = [Double]()
        runBinary(.combine, p: sa, q: s1, a: x0, b: eps, noise: nil, into: &planted, execution: .serial)
        let want = try reference.qSample(x0: x0, noise: eps, at: t)
        let scale = zip(x0, eps).map { schedule.sqrtAlphaBars[t] * abs($0) + s1 * abs($1) }
        #expect(!violations(planted, want, scale: scale, ulps: 8).isEmpty)
    }

    @Test func refusals() throws {
        let (_, schedule) = TestSchedules.zeroTerminalSNR()
        let x: [Double] = [1, 2, 3]
        #expect(throws: OptimizedError(.timestepOutOfRange, "expected t in 0..<1000, got 1000")) {
            try schedule.qSample(x0: x, noise: x, at: 1000)
        }
        #expect(throws: OptimizedError.self) { try schedule.qSample(x0: x, noise: [1, 2], at: 3) }
        do {
            _ = try schedule.predictedX0(fromEpsilon: x, xt: x, at: 999)
            Issue.record("expected a refusal at zero terminal SNR")
        } catch {
            #expect(error.code == .epsilonPredictionAtZeroAlphaBar)
        }
        // v-prediction is defined there: x̂₀ = −v at ᾱ = 0.
        #expect(try schedule.predictedX0(fromVelocity: x, xt: x, at: 999) == x.map { -$0 })
    }
}


extension ForwardKernelTests {
    /// The buffer-reusing conversions give the same bits as the allocating ones.
    @Test func conversionsIntoBuffers() throws {
        let (_, schedule) = TestSchedules.cosine()
        var rng = SplitMix64(state: 12)
        let a = rng.floats(1000), xt = rng.floats(1000)
        var out = [Float](repeating: 0, count: 3)
        try schedule.predictedX0(fromEpsilon: a, xt: xt, at: 700, into: &out)
        #expect(out == (try schedule.predictedX0(fromEpsilon: a, xt: xt, at: 700)))
        try schedule.predictedX0(fromVelocity: a, xt: xt, at: 700, into: &out)
        #expect(out == (try schedule.predictedX0(fromVelocity: a, xt: xt, at: 700)))
        try schedule.predictedEpsilon(fromX0: a, xt: xt, at: 700, into: &out)
        #expect(out == (try schedule.predictedEpsilon(fromX0: a, xt: xt, at: 700)))
        try schedule.predictedEpsilon(fromVelocity: a, xt: xt, at: 700, into: &out)
        #expect(out == (try schedule.predictedEpsilon(fromVelocity: a, xt: xt, at: 700)))
        let ad = a.map(Double.init), xd = xt.map(Double.init)
        var outD = [Double]()
        try schedule.predictedEpsilon(fromX0: ad, xt: xd, at: 1, into: &outD)
        #expect(outD == (try schedule.predictedEpsilon(fromX0: ad, xt: xd, at: 1)))
    }
}
