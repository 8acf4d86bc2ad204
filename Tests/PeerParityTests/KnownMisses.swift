import Testing

/// The rows an implementation does not reproduce within the peer's tolerance, with the measured
/// miss and its cause. A listed row runs inside `withKnownIssue`: it must still miss, so the
/// entry has to go (and the row then passes normally) as soon as the cause is fixed. Nothing here
/// widens a tolerance.
enum KnownMisses {
    enum Precision: String, Sendable { case float = "Float", double = "Double" }

    /// Why `implementation` in `precision` misses `test`, or nil when it must pass.
    static func reason(implementation: String, precision: Precision, test: String) -> String? {
        switch (implementation, precision, test) {
        case ("Reference", .float, "DDPMSchedulerTest.test_full_loop_no_noise"),
             ("Reference", .float, "DDPMSchedulerTest.test_full_loop_with_v_prediction"),
             ("Reference", .float, "DDPMSchedulerTest.test_full_loop_with_noise"):
            // Measured Σ|x|: 258.90704 (−0.0536), 201.98758 (−0.0420), 387.87410 (−0.0725); the
            // means are within 1e−4. Cause: for a one-step jump Reference's posterior uses βₜ and
            // αₜ themselves with a float32 ᾱ, while the contract (and the peer) use
            // β_eff = 1 − ᾱₜ/ᾱₜ₋₁, which shares the rounding of 1 − ᾱₜ. At t = 0 the coefficient
            // of x̂₀ must be (1 − ᾱ₀)/(1 − ᾱ₀) = 1; Reference's Float gives β₀/(1 − fl(1 − β₀))
            // = 0.99983406, which alone scales the final Σ|x| ≈ 259 by −0.043.
            return "Reference<Float> one-step posterior uses βₜ with a float32 ᾱ (meanCoefX0 at t = 0 is 0.99983406, not 1)"
        case ("Reference", .double, "DDPMSchedulerTest.test_full_loop_with_noise"):
            // Measured Σ|x| = 387.96725 (+0.0207, the tolerance is 1e−2); mean|x| 0.5051657
            // (+6.6e−5, within 1e−3). The peer's figure carries its float32 cancellation in
            // 1 − ᾱ₀ and 1 − ᾱ₁ (relative ~3e−4 in the t = 1 and t = 0 coefficients) over 768
            // values ≈ 0.5; a float64 evaluation of the same two steps gives 387.96725 whether ᾱ
            // is float64 or the peer's float32 product (387.96761): only float32 arithmetic gives
            // 387.9466.
            return "Double misses the peer's float32 figure of the two-step loop by 0.0207 (float32 cancellation in 1 − ᾱ at t = 0, 1)"
        case ("Optimized", .float, "DDPMSchedulerTest.test_full_loop_with_noise"),
             ("Optimized", .double, "DDPMSchedulerTest.test_full_loop_with_noise"):
            // Measured Σ|x|: Float 387.96724 (+0.0206), Double 387.96725 (+0.0207); means within
            // 7e−5. Optimized's Float tables are the exact coefficients rounded once (ᾱ by a
            // double-double product), so its Float loop gives the float64 answer, as Double
            // does; the peer's 387.9466 is its float32 cancellation in 1 − ᾱ₀ and 1 − ᾱ₁ (see
            // the Reference Double entry). The full loops, which end with the same two steps,
            // pass: their samples are smaller where the cancellation acts.
            return "Optimized gives the float64 answer of the two-step loop in both precisions, 0.0206 from the peer's float32 figure"
        default:
            return nil
        }
    }

    /// What a listed miss is instead: the Σ|x| an independent NumPy evaluation of the same
    /// formulas gives, and the tolerance of that comparison. The misses are explained, not
    /// approximate.
    ///
    /// Expected values: NumPy 2.x, the torch CPU randn reimplemented over
    /// `numpy.random.MT19937._legacy_seeding(0)` (24-bit uniforms, float32 Box–Muller per 16).
    /// Float: float32 arrays, β = `np.linspace(1e-4, 0.02, 1000).astype(float32)`, ᾱ =
    /// `np.cumprod(1 - β, dtype=float32)`, the posterior with βₜ and αₜ themselves (as
    /// Reference). Double: float64 throughout (sample k/768 in float64, the same float32
    /// noise). Tolerances on Σ|x|: Float 1e−4 (float32 log/sin/cos and linspace ulps differ
    /// between the two evaluations; measured ≤ 5e−6), Double 1e−6 (one float32 ulp of a noise
    /// value moves Σ|x| by up to ~1e−7 per step, NumPy's float32 log/sin/cos against the AVX2
    /// kernel; measured 2e−8).
    static func explanation(implementation: String, precision: Precision, test: String) -> (sumAbs: Double, tolerance: Double)? {
        switch (implementation, precision, test) {
        case ("Reference", .float, "DDPMSchedulerTest.test_full_loop_no_noise"): (258.90704283921514, 1e-4)
        case ("Reference", .float, "DDPMSchedulerTest.test_full_loop_with_v_prediction"): (201.9875836060237, 1e-4)
        case ("Reference", .float, "DDPMSchedulerTest.test_full_loop_with_noise"): (387.8740966008045, 1e-4)
        case ("Reference", .double, "DDPMSchedulerTest.test_full_loop_with_noise"),
             ("Optimized", .double, "DDPMSchedulerTest.test_full_loop_with_noise"): (387.9672510233506, 1e-6)
        // Optimized's Float tables are correctly rounded: its loop is the float64 one up to float32
        // rounding of 768 values ≈ 0.5 over two steps (≤ 1e−4; measured 9e−6).
        case ("Optimized", .float, "DDPMSchedulerTest.test_full_loop_with_noise"): (387.9672510233506, 1e-4)
        default: nil
        }
    }

    /// Checks a row's summary: `#expect` within the peer's tolerances, or, for a listed row, a
    /// known issue that must still occur.
    static func check(_ row: PeerExpectation, _ summary: SampleSummary, implementation: String, precision: Precision) {
        let miss = row.misses(summary)
        let message: Comment = "\(implementation)<\(precision.rawValue)> \(row.test): \(summary); expected \(row.sumAbs), \(row.meanAbs); off by \(miss.sum), \(miss.mean)"
        if let reason = reason(implementation: implementation, precision: precision, test: row.test) {
            withKnownIssue(Comment(rawValue: reason)) {
                #expect(miss.passes, message)
            }
            if let explained = explanation(implementation: implementation, precision: precision, test: row.test) {
                #expect(abs(summary.sumAbs - explained.sumAbs) < explained.tolerance, "\(message); the NumPy evaluation of the same formulas gives \(explained.sumAbs)")
            }
        } else {
            #expect(miss.passes, message)
        }
    }
}
