import Foundation
import Reference

/// The parts of `checker verify` that CheckerCore can run by itself: the golden fixtures and the
/// anchor values of the standard schedules.
public enum MainVerification {
    public static func run(fixturesDirectory: String) -> VerificationReport {
        VerificationReport(parts: [fixtures(in: fixturesDirectory), StandardSchedules.verify()])
    }

    /// Every `*.json` case file in the directory, through every implementation.
    public static func fixtures(in directory: String) -> VerificationPart {
        let name = "golden fixtures"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return VerificationPart(name: name, passed: false, summary: "cannot read the fixtures directory \(directory) (run from the repository root or pass --fixtures)")
        }
        let paths = entries.filter { $0.hasSuffix(".json") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
        guard !paths.isEmpty else {
            return VerificationPart(name: name, passed: false, summary: "no *.json case files in \(directory)")
        }
        var files: [GoldenFile] = []
        for path in paths {
            do {
                files.append(try GoldenFile.load(path: path))
            } catch {
                return VerificationPart(name: name, passed: false, summary: "malformed case file", details: [error.description])
            }
        }
        let implementations = GoldenImplementations.all
        let report = GoldenRunner(implementations: implementations).verify(files)
        let names = implementations.map(\.name).joined(separator: ", ")
        return VerificationPart(
            name: name, passed: report.passed,
            summary: "\(report.casesChecked) cases in \(files.count) files, \(report.evaluations) runs over \(implementations.count) implementations (\(names)): \(report.mismatches.count) mismatches",
            details: report.mismatches.map(\.description)
        )
    }
}
