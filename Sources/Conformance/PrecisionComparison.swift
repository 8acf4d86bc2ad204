import CheckerCore

/// The comparison of an implementation's outputs: the golden runner's rules, with each element's
/// tolerance raised by the schedule part of ``PrecisionBound`` for the declared precision.
public struct PrecisionComparison {
    var conformCase: ConformCase
    var implementationName: String
    var precision: ImplementationProfile.Precision

    /// The largest |got − want| / tolerance over the compared elements, with and without the
    /// schedule part: how much of the bound is used, and whether the schedule part was needed.
    public struct Margin: Sendable {
        /// The largest |got − want| / (derived tolerance), and where it is.
        public var used: Double
        public var key: String
        public var index: Int
        /// The largest |got − want| / (evaluation part alone): above 1 where the schedule part was needed.
        public var evaluationOnly: Double
    }

    func check(_ outputs: [String: [Double]]) -> (mismatches: [GoldenMismatch], margin: Margin?) {
        let c = conformCase.golden
        let evaluation = precision == .float32
            ? c.tolerance.atLeast(OptimizedGoldenImplementation(precision: .float).toleranceFloor(for: c.operation)) : c.tolerance
        // float64: the schedule part is a few units of 10⁻¹² and costs seven Reference evaluations,
        // so it is computed only for a case with an element beyond the evaluation part (the margin
        // of the other cases is then their ratio to the evaluation part, an upper bound).
        let needed = precision == .float32 || c.expect.contains { key, want in
            guard let got = outputs[key], got.count == want.count else { return false }
            return want.indices.contains { !GoldenRunner.matches(got[$0], want[$0], evaluation) }
        }
        let allowance = needed ? PrecisionBound(precision).scheduleAllowance(c.operation) : [:]
        var found: [GoldenMismatch] = []
        var margin: Margin?
        func mismatch(_ key: String, index: Int? = nil, got: Double? = nil, want: Double? = nil, tolerance: GoldenTolerance = evaluation, _ message: String? = nil) -> GoldenMismatch {
            GoldenMismatch(file: conformCase.filePath, caseID: c.id, implementation: implementationName, key: key, index: index,
                           got: got, want: want, tolerance: tolerance, message: message)
        }
        for (key, want) in c.expect {
            guard let got = outputs[key] else {
                found.append(mismatch(key, "the implementation does not produce this key"))
                continue
            }
            guard got.count == want.count else {
                found.append(mismatch(key, "got \(got.count) values, want \(want.count)"))
                continue
            }
            let extra = allowance[key].flatMap { $0.count == want.count ? $0 : nil } ?? [Double](repeating: 0, count: want.count)
            for i in want.indices {
                let tolerance = GoldenTolerance(abs: evaluation.abs + extra[i], rel: evaluation.rel)
                if !GoldenRunner.matches(got[i], want[i], tolerance) {
                    found.append(mismatch(key, index: i, got: got[i], want: want[i], tolerance: tolerance))
                    continue
                }
                guard got[i].isFinite, want[i].isFinite else { continue }
                let diff = Swift.abs(got[i] - want[i])
                let used = diff / tolerance.bound(for: want[i]), evaluationOnly = diff / evaluation.bound(for: want[i])
                var m = margin ?? Margin(used: -1, key: key, index: i, evaluationOnly: 0)
                if used > m.used { (m.used, m.key, m.index) = (used, key, i) }
                m.evaluationOnly = max(m.evaluationOnly, evaluationOnly)
                margin = m
            }
        }
        return (found, margin)
    }
}
