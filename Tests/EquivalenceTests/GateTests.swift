import Foundation
import Testing
@testable import Equivalence

@Suite struct GateTests {
    @Test func correctSamplerPassesTheQuickGate() throws {
        let start = Date()
        let report = try Gate.run(try SamplerUnderTest.correct(betas: Gate.betas), configuration: .quick) { line in
            print(String(format: "%6.2f ", Date().timeIntervalSince(start)) + line)
        }
        print(report.table)
        #expect(report.passed)
    }
}
