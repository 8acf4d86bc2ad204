import Foundation
import CheckerCore
@testable import ScheduleCheck

/// Properties of the readers behind `checker verify-schedule`: diffusers scheduler configs
/// (`SchedulerConfig.parse`), `.npy` arrays (`NumpyArray.parse`) and CSV or whitespace-separated
/// text arrays (`ArrayFile.parseText`), and of running the checks on whatever they accept.
///
/// - A refusal has a stable `VSnnn` code and a message; one about a text names a line and
///   column inside the text.
/// - An accepted `.npy` holds no more numbers than its bytes can carry (the header's shape is a
///   claim, not a size to allocate); a text array no more than it has cells.
/// - `ScheduleChecker.check` runs on every accepted input without trapping.
enum ScheduleInputChecks {
    static func config(_ bytes: [UInt8]) -> FuzzFindings {
        var findings = FuzzFindings()
        guard let text = String(validating: bytes, as: UTF8.self) else { return findings }
        let subject: ScheduleSubject
        do {
            subject = try SchedulerConfig.parse(text, path: "scheduler_config.json")
        } catch {
            findings.merge(refusal(error, text: text))
            return findings
        }
        findings.merge(runChecks(subject))
        return findings
    }

    static func npy(_ bytes: [UInt8]) -> FuzzFindings {
        var findings = FuzzFindings()
        let array: NumpyArray
        do {
            array = try NumpyArray.parse(Data(bytes), path: "betas.npy")
        } catch {
            findings.require(["VS002", "VS003"].contains(error.code), "unexpected code for a .npy refusal: \(error)")
            findings.require(!error.message.isEmpty, "refusal without a message")
            return findings
        }
        findings.require(array.values.count <= max(bytes.count / 2, 1), ".npy accepted with \(array.values.count) values from \(bytes.count) bytes")
        // `ArrayFile.load` refuses an empty array (VS009) before any check runs.
        guard !array.values.isEmpty else { return findings }
        findings.merge(runArray(array.values, precision: array.precision, seed: bytes.count))
        return findings
    }

    static func textArray(_ bytes: [UInt8]) -> FuzzFindings {
        var findings = FuzzFindings()
        guard let text = String(validating: bytes, as: UTF8.self) else { return findings }
        // Both dialects on every input: CSV (.csv) and whitespace-separated (any other name).
        for separator in [",", nil] as [Character?] {
            let values: [Double]
            do {
                (values, _) = try ArrayFile.parseText(text, path: separator == nil ? "betas.txt" : "betas.csv", separator: separator)
            } catch {
                findings.merge(refusal(error, text: text))
                continue
            }
            findings.require(values.count <= bytes.count, "text array of \(bytes.count) bytes gave \(values.count) values")
            guard !values.isEmpty else { continue }
            findings.merge(runArray(values, precision: ProvidedArray.inferredPrecision(values), seed: separator == nil ? 1 : 0))
        }
        return findings
    }

    /// Runs every schedule check on an array read as β (even seeds) or as ᾱ (odd).
    static func runArray(_ values: [Double], precision: StoragePrecision, seed: Int) -> FuzzFindings {
        let kind: ArrayKind = seed % 2 == 0 ? .betas : .alphaBars
        let array = ProvidedArray(values: values, kind: kind, source: "fuzz", precision: precision, positions: [])
        return runChecks(ScheduleSubject(label: "fuzz", array: array))
    }

    static func runChecks(_ subject: ScheduleSubject) -> FuzzFindings {
        var findings = FuzzFindings()
        do {
            _ = try ScheduleChecker.check(subject)
        } catch {
            findings.require(isStableCode(error.code), "check refused with an unstable code: \(error)")
            findings.require(!error.message.isEmpty, "check refused without a message")
        }
        return findings
    }

    static func isStableCode(_ code: String) -> Bool {
        ScheduleCheckError.catalogue.contains { $0.code == code }
    }

    /// A refusal of a text input: a known code, a message, and a place inside the text.
    static func refusal(_ error: ScheduleCheckError, text: String) -> FuzzFindings {
        var findings = FuzzFindings()
        findings.require(isStableCode(error.code), "unexpected code: \(error)")
        findings.require(!error.message.isEmpty, "refusal without a message")
        let bounds = TextBounds(text)
        switch error {
        case let .malformedJSON(_, line, column, _), let .invalidConfigValue(_, _, line, column, _, _):
            findings.require(bounds.contains(line: line, column: column), "refusal at \(line):\(column), outside the text: \(error)")
        case let .notANumber(_, place, _), let .unknownSchedule(_, place, _):
            if let (line, column) = leadingPosition(place) {
                findings.require(bounds.contains(line: line, column: column), "refusal at \(line):\(column), outside the text: \(error)")
            } else {
                findings.record("refusal without a line and column: \(error)")
            }
        case .emptyArray, .unknownSchedulerClass, .notASchedulerConfig:
            // About the config as a whole (its class, or no scheduler in it), not a place in it.
            break
        default:
            findings.record("unexpected refusal for a text input: \(error)")
        }
        return findings
    }

    /// The first "LINE:COLUMN" in a place description such as "3:7 (cell 2)" or "f.json:3:7 key".
    static func leadingPosition(_ place: String) -> (Int, Int)? {
        let parts = place.split(separator: ":", omittingEmptySubsequences: false)
        for i in parts.indices.dropLast() {
            let line = Int(parts[i].split(separator: " ").last ?? "")
            let column = Int(parts[i + 1].prefix { $0.isNumber })
            if let line, let column { return (line, column) }
        }
        return nil
    }
}
