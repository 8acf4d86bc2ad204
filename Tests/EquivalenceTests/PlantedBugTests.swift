import Testing
@testable import Equivalence

/// Proven power: every planted bug fails the gate at the quick sample size.
///
/// Each run is restricted to the checks that catch the bug and stops at the first failing check,
/// but keeps the whole gate's family size m: a test with p·m ≤ α there is rejected by the full
/// Holm family too, so "fails here" means "fails the gate".
@Suite struct PlantedBugTests {
    /// Where each bug is caught.
    static func catchingChecks(_ bug: PlantedBug) -> [String] {
        switch bug {
        case .uniformNoise, .sharedLaneSeed, .truncatedTails: return ["noise.double"]
        case .betaForSqrtBeta: return ["chain t=0"]
        case .missingSqrtOnAlphaBar: return ["forward.qSample t=100"]
        case .alphaBarOffByOne: return ["forward.qSample t=1"]
        case .wrongPosteriorVariance: return ["ddpm.step fixedSmall t=1→0"]
        case .noiseAtLastStep: return ["ddpm.step last"]
        case .etaInsteadOfEtaSquared: return ["ddim.step η=0.5 t=999→99"]
        }
    }

    @Test(arguments: PlantedBug.allCases)
    func plantedBugFailsTheGate(_ bug: PlantedBug) throws {
        let sampler = try bug.plant(into: try SamplerUnderTest.correct(betas: Gate.betas), betas: Gate.betas)
        let report = try Gate.run(sampler, configuration: .quick, stopAtFirstFailure: true, only: Self.catchingChecks(bug))
        print("\(bug.rawValue): \(report.verdictLine)")
        #expect(!report.passed)
        // A wide margin, not a near miss: the most significant test is at least 10⁶ times past
        // the gate's level, or an exact comparison fails by at least 10× its tolerance.
        let statistical = report.smallestMargin < 1e-6
        let exact = report.failedExact.contains { abs($0.value) >= 10 * $0.tolerance }
        #expect(statistical || exact)
    }

    @Test func theCorrectSamplerPassesWhereEachBugIsCaught() throws {
        let sampler = try SamplerUnderTest.correct(betas: Gate.betas)
        let checks = Array(Set(PlantedBug.allCases.flatMap(Self.catchingChecks))).sorted()
        let report = try Gate.run(sampler, configuration: .quick, only: checks)
        #expect(report.passed)
    }

    @Test func bugsChangeOnlyWhatTheySay() throws {
        let correct = try SamplerUnderTest.correct(betas: Gate.betas)
        let x = [0.3, -1.2, 0.8]
        let z = [0.5, 0.1, -2.0]
        for bug in PlantedBug.allCases {
            let broken = try bug.plant(into: correct, betas: Gate.betas)
            #expect(broken.name == bug.rawValue)
            let noiseChanged = try broken.doubleNoise(1, 0, 64) != correct.doubleNoise(1, 0, 64)
            #expect(noiseChanged == [.uniformNoise, .sharedLaneSeed, .truncatedTails].contains(bug) || bug == .truncatedTails)
            let qChanged = try broken.qSample(x, z, 300) != correct.qSample(x, z, 300)
            #expect(qChanged == [.missingSqrtOnAlphaBar, .alphaBarOffByOne].contains(bug))
        }
    }
}
