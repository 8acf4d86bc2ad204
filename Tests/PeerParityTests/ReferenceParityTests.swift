import Testing
import Reference

/// Every loop of the peer's DDIM and DDPM tests through Reference, in Float and in Double, held
/// to the peer's own tolerances (1e−2 on Σ|x|, 1e−3 on mean|x|). Rows that miss are listed, with
/// the measured miss and its cause, in ``KnownMisses``.
@Suite("diffusers' scheduler tests through Reference")
struct ReferenceParityTests {
    @Test("Float (the peer's float32)", arguments: PeerExpectations.all)
    func float(_ row: PeerExpectation) throws {
        let summary = try PeerLoop.summary(PeerRun(row.scenario), ReferenceKernels<Float>(row.scenario.scheduler))
        KnownMisses.check(row, summary, implementation: "Reference", precision: .float)
    }

    @Test("Double", arguments: PeerExpectations.all)
    func double(_ row: PeerExpectation) throws {
        let summary = try PeerLoop.summary(PeerRun(row.scenario), ReferenceKernels<Double>(row.scenario.scheduler))
        KnownMisses.check(row, summary, implementation: "Reference", precision: .double)
    }

    /// The cause of the Float DDPM misses, in one number: the posterior of the last step
    /// (t = 0, ᾱ_prev = 1) returns x̂₀ itself, so its x̂₀ coefficient √1·β_eff/(1 − ᾱ₀) with
    /// β_eff = 1 − ᾱ₀/1 is exactly 1 (equations: "effective β = 1 − ᾱ_t/ᾱ_s").
    @Test("the t = 0 posterior keeps x̂₀ unscaled in Float")
    func lastStepCoefficient() throws {
        let schedule = try NoiseSchedule<Float>.linear(timesteps: 1000)
        let p = try schedule.posterior(at: 0)
        withKnownIssue("Reference<Float> uses β₀/(1 − fl(1 − β₀)) = 0.99983406") {
            #expect(p.meanCoefX0 == 1)
        }
        #expect(abs(try NoiseSchedule<Double>.linear(timesteps: 1000).posterior(at: 0).meanCoefX0 - 1) < 1e-11)
    }

    /// Elements of the final sample of the DDIM add-noise row (the peer checks only sums, which
    /// cannot see the layout of the added noise; see ``PlantedFailureTests``).
    ///
    /// Expected values: NumPy float64, β = `np.linspace(1e-4, 0.02, 1000)`, ᾱ = `np.cumprod(1 - β)`,
    /// x = √ᾱ₁₀₀·sample + √(1 − ᾱ₁₀₀)·noise, then the DDIM steps 100 → 0 → before the start with
    /// the dummy model, clip_sample, η = 0. Tolerances: Double 1e−12 (evaluation order only),
    /// Float 1e−5 (float32 rounding of values ≈ 0.5 through two steps; a NumPy float32
    /// evaluation of the same steps is 6.2e−7 from these values).
    static let ddimWithNoisePins: [(index: Int, value: Double)] = [
        (0, 0.23542634932387907), (1, 0.23778584064498295), (2, 0.24014533196608687),
        (3, 0.2425048232871908), (192, 0.23601622215415508), (767, 0.6878588101455531),
    ]

    @Test("the DDIM add-noise row, element by element", arguments: [KnownMisses.Precision.float, .double])
    func ddimWithNoiseElements(_ precision: KnownMisses.Precision) throws {
        let row = PeerExpectations.ddim[4]
        let x: [Double] = switch precision {
        case .float: try PeerLoop.finalSample(PeerRun(row.scenario), ReferenceKernels<Float>(row.scenario.scheduler)).map(Double.init)
        case .double: try PeerLoop.finalSample(PeerRun(row.scenario), ReferenceKernels<Double>(row.scenario.scheduler))
        }
        let tolerance = precision == .float ? 1e-5 : 1e-12
        for pin in Self.ddimWithNoisePins {
            #expect(abs(x[pin.index] - pin.value) < tolerance, "x[\(pin.index)] = \(x[pin.index]), expected \(pin.value)")
        }
    }
}
