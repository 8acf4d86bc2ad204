/// The quick gate for `checker verify`: the correct sampler at ``GateConfiguration/quick``.
///
/// - Returns: the verdict, a one-line summary (tests, α, smallest margin) and, on failure, one
///   line per failed test or exact comparison.
public func quickGate(configuration: GateConfiguration = .quick) -> (passed: Bool, summary: String, details: [String]) {
    do {
        let report = try Gate.run(try SamplerUnderTest.correct(betas: Gate.betas), configuration: configuration)
        let tightest = report.tightest.map { " (\($0.test.check))" } ?? ""
        let summary = "\(report.tests.count) tests at family-wise α = \(GateReport.format(report.configuration.alpha)), "
            + "\(report.exact.count) exact comparisons, n = \(report.configuration.samples); smallest margin "
            + GateReport.format(report.smallestMargin) + tightest
        var details: [String] = []
        for (failed, failedMember) in report.rejectedTests {
            details.append("\(failed.check): \(failed.result.name): p = \(GateReport.format(failed.result.pValue)), p̃/α = \(GateReport.format(failedMember.margin))")
        }
        for comparison in report.failedExact {
            details.append("\(comparison.check): \(comparison.name) = \(GateReport.format(comparison.value)) > \(GateReport.format(comparison.tolerance))")
        }
        return (report.passed, summary, details)
    } catch {
        return (false, "the gate could not run", ["\(error)"])
    }
}
