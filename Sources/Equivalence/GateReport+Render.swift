import Foundation

extension GateReport {
    /// A p-value or margin in a short fixed form.
    static func format(_ x: Double) -> String {
        if x == 0 { return "0" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x.isNaN { return "nan" }
        if abs(x) >= 1e-3 && abs(x) < 1e5 { return String(format: "%.4g", x) }
        return String(format: "%.3e", x)
    }

    /// The report as a text table: one row per statistical test (check, test, n, statistic,
    /// p, adjusted p̃, margin p̃/α, verdict), then the exact comparisons and the verdict.
    public var table: String {
        var rows: [[String]] = [["check", "test", "n", "statistic", "p", "p̃ (Holm)", "p̃/α", "verdict"]]
        for (test, member) in zip(tests, members) {
            rows.append([
                test.check, test.result.name, "\(test.result.sampleSize)", Self.format(test.result.statistic),
                Self.format(test.result.pValue), Self.format(member.adjustedPValue), Self.format(member.margin),
                member.rejected ? "FAIL" : "pass",
            ])
        }
        var lines = Self.align(rows)
        if !exact.isEmpty {
            lines.append("")
            var exactRows: [[String]] = [["check", "exact comparison", "value", "tolerance", "verdict"]]
            for comparison in exact {
                exactRows.append([
                    comparison.check, comparison.name, Self.format(comparison.value), Self.format(comparison.tolerance),
                    comparison.passed ? "pass" : "FAIL",
                ])
            }
            lines += Self.align(exactRows)
        }
        lines.append("")
        lines.append(verdictLine)
        return lines.joined(separator: "\n")
    }

    /// One line: verdict, sampler, counts, α, the tightest test and its margin, time.
    public var verdictLine: String {
        let failedTests = rejectedTests.count
        let failedExact = failedExact.count
        let verdict = passed ? "PASS" : "FAIL"
        var line = "equivalence: \(verdict) (sampler \(samplerName)): \(tests.count) tests at family-wise α = "
            + "\(Self.format(configuration.alpha)) (Holm), \(exact.count) exact comparisons"
        if !passed { line += "; \(failedTests) tests and \(failedExact) exact comparisons failed" }
        if let (test, member) = tightest {
            line += "; smallest margin p̃/α = \(Self.format(member.margin)) (\(test.check): \(test.result.name))"
        }
        if stoppedEarly { line += "; stopped at the first failing check" }
        line += "; " + costLine
        return line
    }

    /// Wall and CPU time, threads, parallel efficiency and peak memory, in one phrase.
    public var costLine: String {
        String(format: "%.1f s wall, %.1f s CPU on ", elapsed, cpuSeconds) + (threads == 1 ? "1 thread" : "\(threads) threads")
            + String(format: " (efficiency %.0f %%), peak memory ", 100 * parallelEfficiency) + Self.formatBytes(peakMemoryBytes)
    }

    /// Bytes in MB or GB (decimal units).
    static func formatBytes(_ bytes: Int) -> String {
        let b = Double(bytes)
        return b >= 1e9 ? String(format: "%.2f GB", b / 1e9) : String(format: "%.0f MB", b / 1e6)
    }

    static func align(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
    }

    /// The report as JSON (one object; numbers as JSON numbers, non-finite ones as strings).
    public var json: String {
        func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "\"\(Self.format(x))\"" }
        func string(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
                }
            }
            return out + "\""
        }
        var testObjects: [String] = []
        for (test, member) in zip(tests, members) {
            testObjects.append(
                "{\"check\": \(string(test.check)), \"test\": \(string(test.result.name)), \"n\": \(test.result.sampleSize), "
                + "\"statistic\": \(number(test.result.statistic)), \"p\": \(number(test.result.pValue)), "
                + "\"adjustedP\": \(number(member.adjustedPValue)), \"margin\": \(number(member.margin)), "
                + "\"rejected\": \(member.rejected)}")
        }
        let exactObjects = exact.map {
            "{\"check\": \(string($0.check)), \"name\": \(string($0.name)), \"value\": \(number($0.value)), "
                + "\"tolerance\": \(number($0.tolerance)), \"passed\": \($0.passed)}"
        }
        let tightestJSON = tightest.map { "{\"check\": \(string($0.test.check)), \"test\": \(string($0.test.result.name))}" } ?? "null"
        return """
            {"format": "equivalence-gate/1", "passed": \(passed), "sampler": \(string(samplerName)), \
            "samples": \(configuration.samples), "seed": \(configuration.seed), "alpha": \(number(configuration.alpha)), \
            "procedure": "holm", "stepBudget": \(configuration.stepBudget), "elapsedSeconds": \(number(elapsed)), \
            "threads": \(threads), "cpuSeconds": \(number(cpuSeconds)), "peakMemoryBytes": \(peakMemoryBytes), \
            "stoppedEarly": \(stoppedEarly), "smallestMargin": \(number(smallestMargin)), "tightest": \(tightestJSON), \
            "tests": [\(testObjects.joined(separator: ",\n  "))], \
            "exact": [\(exactObjects.joined(separator: ",\n  "))]}
            """
    }
}
