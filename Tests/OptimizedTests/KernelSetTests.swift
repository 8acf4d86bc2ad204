import Testing
@testable import Optimized
import OptimizedKernels

/// The C kernel sets behind the Gaussian source: which one runs is a matter of speed only.
@Suite struct KernelSetTests {
    /// 64-bit FNV-1a of the values' bit patterns, low byte first.
    static func fingerprint<T: FixedWidthInteger>(_ words: [T]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for w in words {
            for byte in 0..<(T.bitWidth / 8) {
                h = (h ^ (UInt64(truncatingIfNeeded: w >> (8 * byte)) & 0xFF)) &* 0x0000_0100_0000_01B3
            }
        }
        return h
    }

    /// Windows of the streams whose bits are pinned: a plain start, and a window where the block
    /// counter carries into its high word, under the all-ones key.
    static let pinned: [(seed: UInt64, first: UInt64, float: UInt64, double: UInt64)] = [
        (2026, 0, 0x3ac8_b46c_e767_baee, 0x4d5d_e4f3_9fa6_ad8d),
        (0xFFFF_FFFF_FFFF_FFFF, (1 << 34) - 37, 0xe751_299a_7d53_b0a5, 0x4345_eaa5_b367_0c88),
    ]

    /// Float stream version 2 and Double version 1, bit for bit, on every set this CPU runs. The
    /// fingerprints were taken from the Swift SIMD kernels these C kernels replaced (2¹⁶ values
    /// per window), so they also pin the port; a new stream version changes them on purpose.
    @Test(arguments: KernelSet.available)
    func streamBitsArePinned(kernels: KernelSet) {
        for w in Self.pinned {
            let f = GaussianStream.floats(seed: w.seed, first: w.first, count: 1 << 16, kernels: kernels)
            let d = GaussianStream.doubles(seed: w.seed, first: w.first, count: 1 << 16, kernels: kernels)
            #expect(Self.fingerprint(f.map(\.bitPattern)) == w.float, "Float, seed \(w.seed), first \(w.first)")
            #expect(Self.fingerprint(d.map(\.bitPattern)) == w.double, "Double, seed \(w.seed), first \(w.first)")
        }
    }

    /// A wrong fingerprint is detected: one flipped low bit of one value changes it.
    @Test func fingerprintSeesOneBit() {
        var f = GaussianStream.floats(seed: 2026, count: 1 << 16, kernels: .baseline).map(\.bitPattern)
        #expect(Self.fingerprint(f) == Self.pinned[0].float)
        f[40_000] ^= 1
        #expect(Self.fingerprint(f) != Self.pinned[0].float)
    }

    /// The AVX2 set and the baseline agree element by element with tolerance zero (bit
    /// patterns), over starts that are not multiples of either set's group and ends inside a
    /// group. Skipped where the CPU has no AVX2 (then only the baseline can run).
    @Test(.enabled(if: KernelSet.avx2FMA.isAvailable, "this CPU has no AVX2 and FMA"))
    func avx2AndBaselineAreBitIdentical() {
        for (seed, first, count) in [(UInt64(7), UInt64(0), 100_003), (0xDEAD_BEEF, 13, 4_099),
                                     (1 << 40, UInt64.max - 2_000, 2_000), (3, 1 << 33, 65)] {
            let a = GaussianStream.floats(seed: seed, first: first, count: count, execution: .serial, kernels: .avx2FMA)
            let b = GaussianStream.floats(seed: seed, first: first, count: count, execution: .serial, kernels: .baseline)
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "Float, seed \(seed), first \(first)")
            let c = GaussianStream.doubles(seed: seed, first: first, count: count, execution: .serial, kernels: .avx2FMA)
            let d = GaussianStream.doubles(seed: seed, first: first, count: count, execution: .serial, kernels: .baseline)
            #expect(c.map(\.bitPattern) == d.map(\.bitPattern), "Double, seed \(seed), first \(first)")
        }
    }

    /// The stream contract on each set: the same bits whatever the thread count and chunking.
    @Test(arguments: KernelSet.available)
    func threadCountInvariantOnEachSet(kernels: KernelSet) {
        let n = 50_017
        let serial = GaussianStream.floats(seed: 5, count: n, execution: .serial, kernels: kernels)
        let many = GaussianStream.floats(seed: 5, count: n, execution: Execution(threads: 7, parallelThreshold: 0), kernels: kernels)
        #expect(serial.map(\.bitPattern) == many.map(\.bitPattern))
        let dSerial = GaussianStream.doubles(seed: 5, first: 11, count: n, execution: .serial, kernels: kernels)
        let dMany = GaussianStream.doubles(seed: 5, first: 11, count: n, execution: Execution(threads: 3, parallelThreshold: 0), kernels: kernels)
        #expect(dSerial.map(\.bitPattern) == dMany.map(\.bitPattern))
    }

    /// The selection is one of the sets this CPU can run, with a name and a reason to report.
    @Test func selectionIsAvailableAndNamed() {
        #expect(KernelSet.selected.isAvailable)
        #expect(KernelSet.available.contains(.baseline))
        #expect(KernelSet.selected.displayName.hasPrefix(KernelSet.selected == .baseline ? "baseline" : "avx2"))
        #expect(!KernelSet.selectionReason.isEmpty)
    }
}

/// The C step loop on both sets: every prediction rule with every second-term rule, with and
/// without noise and clipping, bit for bit (tolerance zero).
@Suite struct StepKernelSetTests {
    static let predictions = [DCK_PREDICT_EPSILON, DCK_PREDICT_SAMPLE, DCK_PREDICT_VELOCITY]
    static let yRules = [DCK_Y_SAMPLE, DCK_Y_MODEL_OUTPUT, DCK_Y_EPSILON_FROM_RAW_X0, DCK_Y_EPSILON_FROM_VELOCITY, DCK_Y_EPSILON_FROM_X0]

    @Test(.enabled(if: KernelSet.avx2FMA.isAvailable, "this CPU has no AVX2 and FMA"))
    func floatAndDoubleLoopsAreBitIdentical() {
        var rng = SplitMix64(state: 11)
        let n = 1_003
        let x = rng.floats(n), m = rng.floats(n), z = rng.floats(n)
        let xd = x.map(Double.init), md = m.map(Double.init), zd = z.map(Double.init)
        for prediction in Self.predictions {
            for y in Self.yRules {
                for clip: Float in [.infinity, 1] {
                    for noisy in [false, true] {
                        var p = dck_step_params_f32(prediction: prediction, y: y, sqrt_alpha_bar: 0.7, sqrt_one_minus_alpha_bar: 0.71414284,
                                                    a: 0.3, b: 0.9, sigma: 0.2, clip_low: -clip, clip_high: clip, divisor: 1)
                        var outs: [[UInt32]] = []
                        for set in [DCK_KERNELS_AVX2_FMA, DCK_KERNELS_BASELINE] {
                            var prev = [Float](repeating: 0, count: n), x0 = [Float](repeating: 0, count: n)
                            dck_step_f32(set, &p, n, x, m, noisy ? z : nil, &prev, &x0)
                            outs.append((prev + x0).map(\.bitPattern))
                        }
                        #expect(outs[0] == outs[1], "Float, rules \(prediction.rawValue)/\(y.rawValue), clip \(clip), noise \(noisy)")
                        var q = dck_step_params_f64(prediction: prediction, y: y, sqrt_alpha_bar: 0.7, sqrt_one_minus_alpha_bar: 0.714142842854285,
                                                    a: 0.3, b: 0.9, sigma: 0.2, clip_low: -Double(clip), clip_high: Double(clip), divisor: 1.25)
                        var douts: [[UInt64]] = []
                        for set in [DCK_KERNELS_AVX2_FMA, DCK_KERNELS_BASELINE] {
                            var prev = [Double](repeating: 0, count: n), x0 = [Double](repeating: 0, count: n)
                            dck_step_f64(set, &q, n, xd, md, noisy ? zd : nil, &prev, &x0)
                            douts.append((prev + x0).map(\.bitPattern))
                        }
                        #expect(douts[0] == douts[1], "Double, rules \(prediction.rawValue)/\(y.rawValue), clip \(clip), noise \(noisy)")
                    }
                }
            }
        }
    }

    /// The forward operations' loop on both sets, every operation, Float and Double, bit for bit.
    @Test(.enabled(if: KernelSet.avx2FMA.isAvailable, "this CPU has no AVX2 and FMA"))
    func forwardLoopsAreBitIdentical() {
        var rng = SplitMix64(state: 12)
        let n = 517
        let a = rng.floats(n), b = rng.floats(n), ad = a.map(Double.init), bd = b.map(Double.init)
        for op in [DCK_BINARY_COMBINE, DCK_BINARY_DIFFERENCE, DCK_BINARY_REMOVE_SCALED, DCK_BINARY_EPSILON_FROM_X0] {
            var f = [[Float]](repeating: [Float](repeating: 0, count: n), count: 2)
            var d = [[Double]](repeating: [Double](repeating: 0, count: n), count: 2)
            for (i, set) in [DCK_KERNELS_AVX2_FMA, DCK_KERNELS_BASELINE].enumerated() {
                dck_binary_f32(set, op, 0.3, 0.95393920, n, a, b, &f[i])
                dck_binary_f64(set, op, 0.3, 0.9539392014169456, n, ad, bd, &d[i])
            }
            #expect(f[0].map(\.bitPattern) == f[1].map(\.bitPattern), "Float, operation \(op.rawValue)")
            #expect(d[0].map(\.bitPattern) == d[1].map(\.bitPattern), "Double, operation \(op.rawValue)")
        }
    }
}
