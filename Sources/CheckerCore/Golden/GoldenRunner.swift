/// One value that did not match.
public struct GoldenMismatch: Sendable, CustomStringConvertible {
    public var file: String
    public var caseID: String
    public var implementation: String
    public var key: String
    /// The element index, or nil when the whole key is at fault (missing, wrong length, refused).
    public var index: Int?
    public var got: Double?
    public var want: Double?
    public var tolerance: GoldenTolerance
    public var message: String?

    public init(file: String, caseID: String, implementation: String, key: String, index: Int? = nil, got: Double? = nil, want: Double? = nil,
                tolerance: GoldenTolerance, message: String? = nil) {
        self.file = file
        self.caseID = caseID
        self.implementation = implementation
        self.key = key
        self.index = index
        self.got = got
        self.want = want
        self.tolerance = tolerance
        self.message = message
    }

    public var description: String {
        var s = "\(file): case \"\(caseID)\" [\(implementation)] \(key)"
        if let index { s += "[\(index)]" }
        if let got, let want {
            let diff = abs(got - want)
            s += ": got \(got), want \(want), |diff| \(diff) > tolerance \(tolerance.bound(for: want)) (abs \(tolerance.abs) + rel \(tolerance.rel)·|want|)"
        }
        if let message { s += ": \(message)" }
        return s
    }
}

/// The outcome of verifying case files.
public struct GoldenReport: Sendable {
    public var filesChecked = 0
    public var casesChecked = 0
    /// (case, implementation) pairs run.
    public var evaluations = 0
    public var mismatches: [GoldenMismatch] = []
    /// Cases per implementation that passed.
    public var passedByImplementation: [String: Int] = [:]
    /// Cases per implementation that it computes (the others are not applicable to it).
    public var evaluatedByImplementation: [String: Int] = [:]
    public var passed: Bool { mismatches.isEmpty }
}

/// Runs every case of every file through every implementation and compares.
public struct GoldenRunner: Sendable {
    public var implementations: [any GoldenImplementation]
    /// Report at most this many mismatching elements per (case, implementation, key), so one broken
    /// case does not bury the others.
    public var mismatchesPerKey = 5

    public init(implementations: [any GoldenImplementation]) {
        self.implementations = implementations
    }

    public func verify(_ files: [GoldenFile]) -> GoldenReport {
        var report = GoldenReport()
        for file in files {
            report.filesChecked += 1
            for c in file.cases {
                report.casesChecked += 1
                for implementation in implementations {
                    guard let found = check(c, file: file.path, implementation: implementation) else { continue }
                    report.evaluations += 1
                    report.evaluatedByImplementation[implementation.name, default: 0] += 1
                    if found.isEmpty { report.passedByImplementation[implementation.name, default: 0] += 1 }
                    report.mismatches += found
                }
            }
        }
        return report
    }

    /// The mismatches of one case in one implementation; nil when the implementation does not
    /// compute the operation.
    public func check(_ c: GoldenCase, file: String, implementation: any GoldenImplementation) -> [GoldenMismatch]? {
        let tolerance = c.tolerance.atLeast(implementation.toleranceFloor(for: c.operation))
        func mismatch(_ key: String, index: Int? = nil, got: Double? = nil, want: Double? = nil, _ message: String? = nil) -> GoldenMismatch {
            GoldenMismatch(file: file, caseID: c.id, implementation: implementation.name, key: key, index: index, got: got, want: want, tolerance: tolerance, message: message)
        }
        let result = implementation.evaluate(c.operation)
        if case .failure(let error) = result, error == .notApplicable { return nil }
        if let expected = c.expectError {
            switch result {
            case .success:
                return [mismatch("expectError", "expected the operation to be refused with \(expected), but it succeeded")]
            case .failure(let error):
                return error.matches(expected) ? [] : [mismatch("expectError", "expected error \(expected), got \(error.code) \(error.slug): \(error.message)")]
            }
        }
        let outputs: [String: [Double]]
        switch result {
        case .failure(let error):
            return [mismatch("(operation)", "refused with \(error.code) \(error.slug): \(error.message)")]
        case .success(let o):
            outputs = o
        }
        var found: [GoldenMismatch] = []
        for (key, want) in c.expect {
            guard let got = outputs[key] else {
                found.append(mismatch(key, "the implementation does not produce this key"))
                continue
            }
            guard got.count == want.count else {
                found.append(mismatch(key, "got \(got.count) values, want \(want.count)"))
                continue
            }
            var reported = 0
            for i in want.indices where !Self.matches(got[i], want[i], tolerance) {
                if reported < mismatchesPerKey {
                    found.append(mismatch(key, index: i, got: got[i], want: want[i]))
                }
                reported += 1
            }
            if reported > mismatchesPerKey {
                found.append(mismatch(key, "… and \(reported - mismatchesPerKey) more mismatching elements"))
            }
        }
        return found
    }

    /// |got − want| ≤ abs + rel·|want|; NaN matches only NaN; an infinity only itself.
    public static func matches(_ got: Double, _ want: Double, _ tolerance: GoldenTolerance) -> Bool {
        if want.isNaN { return got.isNaN }
        if got.isNaN { return false }
        if want.isInfinite || got.isInfinite { return got == want }
        return abs(got - want) <= tolerance.bound(for: want)
    }
}
