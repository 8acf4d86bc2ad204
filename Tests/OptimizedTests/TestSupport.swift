import Foundation
@testable import Optimized
import Reference

/// Deterministic test inputs (SplitMix64, Steele, Lea & Flood 2014): no dependence on a global RNG.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [lo, hi).
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * Double(next() >> 11) * 0x1p-53
    }

    /// Values that are exactly representable as Float (so Float and Double kernels see the same input).
    mutating func floats(_ n: Int, _ lo: Double = -3, _ hi: Double = 3) -> [Float] {
        (0..<n).map { _ in Float(uniform(lo, hi)) }
    }
}

/// Where `got` differs from `want` by more than `ulps`·ε·scale (ε: the machine epsilon of the
/// kernel's precision, scale: the magnitude of the terms that formed the element).
func violations<T: BinaryFloatingPoint>(_ got: [T], _ want: [Double], scale: [Double], ulps: Double) -> [Int] {
    let eps = Double(T.ulpOfOne)
    var bad: [Int] = []
    for i in want.indices {
        let g = Double(got[i])
        if want[i].isNaN && g.isNaN { continue }
        if !(abs(g - want[i]) <= ulps * eps * scale[i]) { bad.append(i) }
    }
    return bad
}

/// The schedules the comparisons run on, with Optimized built from Reference's betas: both form ᾱ
/// from the exact factors 1 − β and round it once (Optimized by a double-double product, Reference
/// by a compensated one), so the kernels are compared arithmetic for arithmetic.
enum TestSchedules {
    static func linear() -> (Reference.NoiseSchedule<Double>, OptimizedSchedule) {
        let r = try! Reference.NoiseSchedule<Double>.linear(timesteps: 1000)
        return (r, try! OptimizedSchedule(betas: r.betas))
    }

    static func zeroTerminalSNR() -> (Reference.NoiseSchedule<Double>, OptimizedSchedule) {
        let r = try! Reference.NoiseSchedule<Double>.scaledLinear(timesteps: 1000).rescaledToZeroTerminalSNR()
        return (r, try! OptimizedSchedule(betas: r.betas))
    }

    static func cosine() -> (Reference.NoiseSchedule<Double>, OptimizedSchedule) {
        let r = try! Reference.NoiseSchedule<Double>.cosine(timesteps: 1000)
        return (r, try! OptimizedSchedule(betas: r.betas))
    }
}

/// Execution that splits even small arrays over two threads, to exercise the chunking.
let twoThreads = Execution(threads: 2, parallelThreshold: 0)
