/// How a family of p-values is corrected for multiple testing.
public enum MultipleTestingProcedure: String, Sendable, CaseIterable {
    /// Bonferroni: p̃ᵢ = min(1, m·pᵢ).
    case bonferroni
    /// Holm's step-down (1979): with p₍₁₎ ≤ … ≤ p₍ₘ₎,
    /// p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎). Uniformly more powerful than Bonferroni,
    /// with the same family-wise error control under any dependence.
    case holm
}

/// A family of hypothesis tests judged together at a family-wise error rate α.
///
/// Each member carries its multiplicity-adjusted p-value p̃; the member is rejected when p̃ ≤ α.
/// The probability that any true null is rejected is at most α, whatever the dependence between
/// the tests. The **margin** of a member is p̃/α: below or at 1 it is rejected; the smallest
/// margin says how close the family came to a rejection (e.g. 3.2 = its most extreme test
/// would need a p-value 3.2 times smaller to fail).
public struct TestFamily: Sendable, Equatable {
    /// One test of the family with its adjusted verdict.
    public struct Member: Sendable, Equatable {
        public var result: HypothesisTestResult
        /// The multiplicity-adjusted p-value p̃ in [0, 1].
        public var adjustedPValue: Double
        /// Whether the family rejects this member's null hypothesis (p̃ ≤ α).
        public var rejected: Bool
        /// p̃/α.
        public var margin: Double
    }

    /// Members in the order the results were given.
    public let members: [Member]
    /// The family-wise error rate α.
    public let familyWiseRate: Double
    public let procedure: MultipleTestingProcedure

    /// Adjusts `results` by `procedure` at family-wise rate `alpha`.
    ///
    /// - Throws: ``StatisticsError/emptySample(name:)`` for an empty family,
    ///   ``StatisticsError/invalidParameter(name:value:expected:)`` unless 0 < α < 1 or if a
    ///   p-value is outside [0, 1].
    public init(
        _ results: [HypothesisTestResult], familyWiseRate alpha: Double,
        procedure: MultipleTestingProcedure = .holm
    ) throws(StatisticsError) {
        guard !results.isEmpty else { throw .emptySample(name: "family") }
        try Sample.require(alpha > 0 && alpha < 1, "familyWiseRate", alpha, expected: "0 < α < 1")
        for result in results {
            try Sample.require(
                result.pValue >= 0 && result.pValue <= 1, "pValue of \(result.name)", result.pValue,
                expected: "a p-value in [0, 1]")
        }
        let m = Double(results.count)
        var adjusted = [Double](repeating: 1, count: results.count)
        switch procedure {
        case .bonferroni:
            for (i, result) in results.enumerated() { adjusted[i] = min(1, m * result.pValue) }
        case .holm:
            let order = results.indices.sorted { results[$0].pValue < results[$1].pValue }
            var running = 0.0
            for (rank, index) in order.enumerated() {
                running = max(running, min(1, (m - Double(rank)) * results[index].pValue))
                adjusted[index] = running
            }
        }
        members = zip(results, adjusted).map { result, p in
            Member(result: result, adjustedPValue: p, rejected: p <= alpha, margin: p / alpha)
        }
        familyWiseRate = alpha
        self.procedure = procedure
    }

    /// Whether any member is rejected (the family fails).
    public var rejectsAny: Bool { members.contains { $0.rejected } }

    /// The member with the smallest margin (the closest to, or deepest into, rejection).
    public var tightestMember: Member {
        // `members` is never empty (checked in init).
        members.min { $0.margin < $1.margin } ?? members[0]
    }

    /// The smallest margin p̃/α over the family.
    public var smallestMargin: Double { tightestMember.margin }
}
