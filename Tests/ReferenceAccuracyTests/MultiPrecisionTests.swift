#if arch(x86_64) && !os(Windows) && !os(Android)
import Reference
import Testing

/// The oracle itself, against mpmath at 50 digits (``MultiPrecisionValues``, from the literal
/// definitions), and Reference end to end against the same figures.
@Suite("the extended-precision oracle against 50-digit values")
struct MultiPrecisionTests {
    static func exactBetas(_ name: String) -> [Extended] {
        switch name {
        case "cosine-1000": return ExactBetas.cosine(1000, 0.008, 0.999)
        case "cosine-50": return ExactBetas.cosine(50, 0.008, 0.999)
        case "linear-4000": return ExactBetas.linear(4000, 1e-4, 0.02)
        case "sigmoid-1000": return ExactBetas.sigmoid(1000, 1e-4, 0.02)
        case "scaledLinear-1000-zeroSNR":
            return ExactBetas.rescaledToZeroTerminalSNR(ExtendedSchedule(betas: ExactBetas.scaledLinear(1000, 0.00085, 0.012)))
        case "linear-4000-zeroSNR": return ExactBetas.rescaledToZeroTerminalSNR(ExtendedSchedule(betas: ExactBetas.linear(4000, 1e-4, 0.02)))
        default: fatalError("unknown schedule \(name)")
        }
    }

    static func reference(_ name: String) throws -> NoiseSchedule<Double> {
        switch name {
        case "cosine-1000": return try .cosine(timesteps: 1000)
        case "cosine-50": return try .cosine(timesteps: 50)
        case "linear-4000": return try .linear(timesteps: 4000)
        case "sigmoid-1000": return try .sigmoid(timesteps: 1000)
        case "scaledLinear-1000-zeroSNR": return try NoiseSchedule<Double>.scaledLinear(timesteps: 1000).rescaledToZeroTerminalSNR()
        case "linear-4000-zeroSNR": return try NoiseSchedule<Double>.linear(timesteps: 4000).rescaledToZeroTerminalSNR()
        default: fatalError("unknown schedule \(name)")
        }
    }

    static func oracle(_ row: MultiPrecisionValues.Row, _ x: ExtendedSchedule) -> Extended {
        switch row.quantity {
        case "beta": return x.betas[row.t]
        case "alphaBar": return x.alphaBars[row.t]
        case "oneMinusAlphaBar": return x.oneMinusAlphaBars[row.t]
        case "meanCoefX0": return x.posterior(at: row.t, previous: row.s!).meanCoefX0
        case "meanCoefXt": return x.posterior(at: row.t, previous: row.s!).meanCoefXt
        case "posteriorVariance": return x.posterior(at: row.t, previous: row.s!).variance
        case "ddimDirectionEta1": return x.ddimDirectionVariance(at: row.t, target: row.s!, eta: 1)
        default: fatalError("unknown quantity \(row.quantity)")
        }
    }

    static func reference(_ row: MultiPrecisionValues.Row, _ s: NoiseSchedule<Double>) throws -> Double {
        switch row.quantity {
        case "beta": return s.betas[row.t]
        case "alphaBar": return s.alphaBars[row.t]
        case "oneMinusAlphaBar": return s.marginalVariance(at: row.t)
        case "meanCoefX0": return try s.posterior(at: row.t, previous: row.s!).meanCoefX0
        case "meanCoefXt": return try s.posterior(at: row.t, previous: row.s!).meanCoefXt
        case "posteriorVariance": return try s.posterior(at: row.t, previous: row.s!).variance
        case "ddimDirectionEta1":
            let sigma = try s.ddimVariance(at: row.t, previous: row.s!).squareRoot()
            return s.ddimDirectionVariance(at: row.t, previous: row.s!, eta: 1, sigma: sigma, setAlphaToOne: true)
        default: fatalError("unknown quantity \(row.quantity)")
        }
    }

    /// The oracle certifies Reference to a fraction of an ulp only if it is itself that close:
    /// within 1/32 of a Double ulp of every 50-digit value (its products over up to 4000
    /// factors drift by about √T·2⁻⁶⁵ relative, 0.01 ulp).
    @Test("the oracle is within 1/32 ulp of mpmath")
    func oracleAgrees() throws {
        var worst = 0.0
        for name in Set(MultiPrecisionValues.rows.map(\.schedule)) {
            let x = ExtendedSchedule(betas: Self.exactBetas(name))
            for row in MultiPrecisionValues.rows where row.schedule == name {
                let want = Extended(row.value)!
                let ulps = want == 0 ? Double(abs(Self.oracle(row, x))) : Double(abs(Self.oracle(row, x) - want)) / Double(want).ulp
                worst = max(worst, ulps)
                #expect(ulps <= 1.0 / 32, "\(row.quantity) of \(name) at t = \(row.t), s = \(row.s ?? -9): oracle off by \(ulps) ulps")
            }
        }
        #expect(worst > 0, "the comparison sees the oracle's own rounding")
    }

    /// Reference from the schedule's parameters to the coefficient, against the 50-digit value.
    /// Bound: 8 ulps (the constructor's β bound) times the condition of the quantity with respect
    /// to the βs' rounding, at most 1 + |log ᾱₜ| (d log ᾱ = −Σ βₖ·δₖ/(1 − βₖ)).
    @Test("Reference end to end within 8·(1 + |log ᾱ|) ulps of mpmath")
    func referenceAgrees() throws {
        for name in Set(MultiPrecisionValues.rows.map(\.schedule)) {
            let s = try Self.reference(name)
            for row in MultiPrecisionValues.rows where row.schedule == name {
                let want = Extended(row.value)!
                let got = try Self.reference(row, s)
                let condition = 1 + abs(Double.log(max(s.alphaBars[row.t], 1e-300)))
                let ulps = want == 0 ? (got == 0 ? 0 : .infinity) : Double(abs(Extended(got) - want)) / Double(want).ulp
                #expect(ulps <= 8 * condition, "\(row.quantity) of \(name) at t = \(row.t), s = \(row.s ?? -9): \(ulps) ulps")
            }
        }
    }
}
#endif
