import Foundation
import RandomSources
import RealModule
import Reference

/// Bugs people make in diffusion samplers (field notes §6), planted into the correct sampler to
/// prove that the gate catches each of them.
public enum PlantedBug: String, Sendable, CaseIterable {
    /// `rand_like` for `randn_like`: the noise is U(0, 1].
    case uniformNoise
    /// β where √β belongs: the forward step adds β·ε, and the DDPM step multiplies the noise by
    /// the variance instead of the standard deviation.
    case betaForSqrtBeta
    /// qSample scales x₀ by ᾱₜ instead of √ᾱₜ.
    case missingSqrtOnAlphaBar
    /// The posterior variance with the ratio inverted: (1 − ᾱₜ)/(1 − ᾱ_s)·β instead of
    /// (1 − ᾱ_s)/(1 − ᾱₜ)·β (every variance type built on β̃).
    case wrongPosteriorVariance
    /// qSample reads ᾱₜ₋₁ (1 at t = 0) where ᾱₜ belongs.
    case alphaBarOffByOne
    /// A vectorised generator whose 8 lanes share one seed: element 8j + l is draw j of one stream.
    case sharedLaneSeed
    /// Normals beyond ±3.5σ are rejected and drawn again (a truncated normal).
    case truncatedTails
    /// The DDPM step that lands before index 0 adds σ·z (σ of its variance type).
    case noiseAtLastStep
    /// The DDIM direction term uses √(1 − ᾱ_s − η·σ²) instead of √(1 − ᾱ_s − η²·σ²).
    case etaInsteadOfEtaSquared

    /// What the bug is, in one line.
    public var summary: String {
        switch self {
        case .uniformNoise: return "noise drawn from U(0, 1] instead of N(0, 1)"
        case .betaForSqrtBeta: return "β used where √β belongs (forward step noise, DDPM σ)"
        case .missingSqrtOnAlphaBar: return "qSample uses ᾱ·x₀ instead of √ᾱ·x₀"
        case .wrongPosteriorVariance: return "posterior variance (1 − ᾱₜ)/(1 − ᾱₜ₋₁)·βₜ (ratio inverted)"
        case .alphaBarOffByOne: return "qSample uses ᾱₜ₋₁ instead of ᾱₜ"
        case .sharedLaneSeed: return "all 8 SIMD lanes share one seed"
        case .truncatedTails: return "normal tails truncated at ±3.5σ"
        case .noiseAtLastStep: return "noise added on the last DDPM step"
        case .etaInsteadOfEtaSquared: return "DDIM direction term uses η·σ² instead of η²·σ²"
        }
    }

    /// Parses a bug name (the raw value).
    public init(name: String) throws(EquivalenceError) {
        guard let bug = PlantedBug(rawValue: name) else { throw .unknownPlantedBug(name) }
        self = bug
    }

    /// `sampler` with this bug planted, for the schedule `betas`.
    public func plant(into sampler: SamplerUnderTest, betas: [Double]) throws(EquivalenceError) -> SamplerUnderTest {
        let schedule = try SamplerUnderTest.makeSchedule(betas)
        var broken = sampler
        broken.name = rawValue
        let correctDouble = sampler.doubleNoise
        let correctFloat = sampler.floatNoise
        switch self {
        case .uniformNoise:
            broken.floatNoise = { seed, first, count in
                var buffer = [Float](repeating: 0, count: count)
                try PhiloxGaussian.fillUniform(&buffer, seed: seed, startIndex: first)
                return buffer
            }
            broken.doubleNoise = { seed, first, count in
                var buffer = [Double](repeating: 0, count: count)
                try PhiloxGaussian.fillUniform(&buffer, seed: seed, startIndex: first)
                return buffer
            }
        case .sharedLaneSeed:
            broken.floatNoise = { seed, first, count in try Self.sharedLanes(seed, first, count, correctFloat) }
            broken.doubleNoise = { seed, first, count in try Self.sharedLanes(seed, first, count, correctDouble) }
        case .truncatedTails:
            broken.floatNoise = { seed, first, count in
                try Self.truncated(try correctFloat(seed, first, count), seed: seed, first: first, source: correctFloat)
            }
            broken.doubleNoise = { seed, first, count in
                try Self.truncated(try correctDouble(seed, first, count), seed: seed, first: first, source: correctDouble)
            }
        case .betaForSqrtBeta:
            broken.forwardStep = { previous, noise, t in
                let scale = (1 - schedule.betas[t]).squareRoot()
                return SamplerUnderTest.elementwise(previous, noise) { scale * $0 + schedule.betas[t] * $1 }
            }
            broken.ddpmStep = { request in
                try LiteralSteps.ddpm(request, schedule: schedule) { p in
                    let sigma = request.variance.standardDeviation(posterior: p)
                    return sigma * sigma
                }
            }
        case .missingSqrtOnAlphaBar:
            broken.qSample = { x0, noise, t in
                let a = schedule.alphaBars[t]
                return SamplerUnderTest.elementwise(x0, noise) { a * $0 + (1 - a).squareRoot() * $1 }
            }
        case .alphaBarOffByOne:
            broken.qSample = { x0, noise, t in
                let a = schedule.alphaBar(atOrBeforeStart: t - 1)
                return SamplerUnderTest.elementwise(x0, noise) { a.squareRoot() * $0 + (1 - a).squareRoot() * $1 }
            }
        case .wrongPosteriorVariance:
            broken.ddpmStep = { request in
                try LiteralSteps.ddpm(request, schedule: schedule) { p in
                    var wrong = p
                    wrong.variance = p.alphaBarPrevious == 1 ? 0 : (1 - p.alphaBar) / (1 - p.alphaBarPrevious) * p.effectiveBeta
                    return request.variance.standardDeviation(posterior: wrong)
                }
            }
        case .noiseAtLastStep:
            broken.ddpmStep = { request in
                try LiteralSteps.ddpm(request, schedule: schedule, noiseOnLastStep: true) { p in
                    request.variance.standardDeviation(posterior: p)
                }
            }
        case .etaInsteadOfEtaSquared:
            broken.ddimStep = { request in
                try LiteralSteps.ddim(request, schedule: schedule, directionVarianceScale: request.eta)
            }
        }
        return broken
    }

    /// Element 8j + l is element j of the stream (every lane replays the same one).
    static func sharedLanes<Scalar>(
        _ seed: UInt64, _ first: Int, _ count: Int, _ source: (UInt64, Int, Int) throws -> [Scalar]
    ) throws -> [Scalar] {
        guard count > 0 else { return [] }
        let lanes = 8
        let low = first / lanes
        let high = (first + count - 1) / lanes
        let base = try source(seed, low, high - low + 1)
        return (0..<count).map { base[(first + $0) / lanes - low] }
    }

    /// Replaces every |z| > 3.5 by the first |z| ≤ 3.5 of a second stream at the same index.
    static func truncated<Scalar: BinaryFloatingPoint>(
        _ values: [Scalar], seed: UInt64, first: Int, source: (UInt64, Int, Int) throws -> [Scalar]
    ) throws -> [Scalar] {
        var result = values
        for i in result.indices where abs(result[i]) > 3.5 {
            var round: UInt64 = 1
            repeat {
                result[i] = try source(seed ^ (0x5EED_0000 &+ round), first + i, 1)[0]
                round += 1
            } while abs(result[i]) > 3.5
        }
        return result
    }
}
