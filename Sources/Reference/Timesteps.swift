/// Sampling timesteps, as diffusers' `set_timesteps` computes them.
public enum Timesteps {
    /// The N inference timesteps for T training steps, descending, as diffusers computes them
    /// with NumPy (rounding half to even, not Swift's half away from zero).
    ///
    /// | spacing | T = 1000, N = 10 |
    /// |---|---|
    /// | linspace | 999, 888, …, 111, 0 |
    /// | leading | 900, 800, …, 0 (+ stepsOffset) |
    /// | trailing | 999, 899, …, 99 |
    ///
    /// The list is returned as the spacing defines it, even where it is unusable (leading spacing
    /// with stepsOffset 1 and N = T reaches T): ``validate(_:trainingSteps:)`` says what is wrong,
    /// and `checker verify-schedule` reports it.
    ///
    /// - Throws: ``ReferenceError/invalidInferenceSteps(steps:trainingSteps:)`` unless 1 ≤ N ≤ T;
    ///   ``ReferenceError/invalidParameter(name:value:expected:)`` for a negative offset.
    public static func make(count n: Int, trainingSteps t: Int, spacing: TimestepSpacing = .leading, stepsOffset: Int = 0) throws(ReferenceError) -> [Int] {
        guard t >= 1 else { throw .invalidTimestepCount(t) }
        guard n >= 1, n <= t else { throw .invalidInferenceSteps(steps: n, trainingSteps: t) }
        guard stepsOffset >= 0 else {
            throw .invalidParameter(name: "stepsOffset", value: Double(stepsOffset), expected: "an offset ≥ 0")
        }
        switch spacing {
        case .linspace:
            return numpyLinspace(0.0, Double(t - 1), count: n).map { Int(roundHalfToEven($0)) }.reversed()
        case .leading:
            let stride = t / n
            return (0..<n).reversed().map { $0 * stride + stepsOffset }
        case .trailing:
            return numpyArange(start: Double(t), stop: 0, step: -Double(t) / Double(n)).map { Int(roundHalfToEven($0)) - 1 }
        }
    }

    /// The timestep that follows `t` in a descending list: the next element, or −1 after the last.
    /// This, not t − T div N, is where a sampler must go next (diffusers' DDIM uses the fixed
    /// stride, which disagrees with the list for linspace and trailing spacing).
    ///
    /// - Throws: ``ReferenceError/timestepOutOfRange(name:value:count:)`` if t is not in the list.
    public static func previous(after t: Int, in timesteps: [Int]) throws(ReferenceError) -> Int {
        guard let i = timesteps.firstIndex(of: t) else {
            throw .timestepOutOfRange(name: "timestep (not in the list)", value: t, count: timesteps.count)
        }
        return i + 1 < timesteps.count ? timesteps[i + 1] : -1
    }

    /// What is wrong with a list of sampling timesteps, if anything.
    public enum Problem: Sendable, Equatable {
        case outOfRange(index: Int, value: Int)
        case notStrictlyDescending(index: Int)
        case empty
    }

    /// The problems of a timestep list: every value in 0 … T − 1, strictly descending, not empty.
    public static func validate(_ timesteps: [Int], trainingSteps t: Int) -> [Problem] {
        guard !timesteps.isEmpty else { return [.empty] }
        var problems: [Problem] = []
        for (i, value) in timesteps.enumerated() {
            if value < 0 || value >= t { problems.append(.outOfRange(index: i, value: value)) }
            if i > 0 && value >= timesteps[i - 1] { problems.append(.notStrictlyDescending(index: i)) }
        }
        return problems
    }
}

/// Rounds half to even, as NumPy's `round` and Python 3's `round` do (Swift's `rounded()` rounds
/// halves away from zero: linspace(0, 999, 7) has 166.5 and 832.5, which NumPy rounds to 166
/// and 832 and Swift to 167 and 833).
@inlinable
public func roundHalfToEven(_ x: Double) -> Double {
    x.rounded(.toNearestOrEven)
}

/// NumPy's `arange(start, stop, step)` for floats, computed as NumPy computes it: the length is
/// ⌈(stop − start)/step⌉, and element i is start + i·δ with δ = (start + step) − start.
public func numpyArange(start: Double, stop: Double, step: Double) -> [Double] {
    guard step != 0, step.isFinite else { return [] }
    let length = Int(((stop - start) / step).rounded(.up))
    guard length > 0 else { return [] }
    if length == 1 { return [start] }
    let delta = (start + step) - start
    return (0..<length).map { $0 == 0 ? start : start + Double($0) * delta }
}
