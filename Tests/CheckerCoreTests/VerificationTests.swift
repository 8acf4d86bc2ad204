import Testing
@testable import CheckerCore

@Suite("checker verify parts")
struct VerificationTests {
    @Test("every standard-schedule anchor holds")
    func anchors() {
        let part = StandardSchedules.verify()
        #expect(part.passed, "\(part.details)")
        #expect(StandardSchedules.anchors.count >= 25)
    }

    @Test("a wrong anchor would fail: the tolerance is tight enough to see a one-index shift")
    func anchorPower() throws {
        // ᾱ[498] instead of ᾱ[499] differs by β₄₉₉ ≈ 1% relative: far outside 5e-10.
        let anchor = try #require(StandardSchedules.anchors.first { $0.name == "linear ᾱ[499]" })
        let shifted = try Reference.NoiseSchedule<Double>.linear(timesteps: 1000).alphaBars[498]
        #expect(abs(shifted - anchor.expected) > anchor.relativeTolerance * anchor.expected)
    }

    @Test("the fixtures part passes on the committed fixtures and fails on a missing directory")
    func fixturesPart() {
        #expect(MainVerification.fixtures(in: TestPaths.fixtures).passed)
        #expect(!MainVerification.fixtures(in: "/nonexistent").passed)
    }
}

import Reference
