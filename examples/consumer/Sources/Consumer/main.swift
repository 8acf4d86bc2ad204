// Uses each of Reference, Optimized and RandomSources once and checks them against each other,
// so that a successful run means the products link and compute, not only that they compile.
import Optimized
import RandomSources
import Reference

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
    print("consumer: FAIL: \(message)")
    exit(1)
}

let count = 4096
let t = 500

// Reference: DDPM's linear schedule, in Double.
let reference = try NoiseSchedule<Double>.linear(timesteps: 1000)

// Optimized: the same schedule from the same betas, and its Gaussian source.
let optimized = try OptimizedSchedule(betas: reference.betas)
let noise = GaussianStream.floats(seed: 42, count: count)

// RandomSources: the reference values of the same stream; the Optimized source must match them
// within the stream's conformance tolerance.
for i in stride(from: 0, to: count, by: 97) {
    let want = try PhiloxGaussian.float(seed: 42, index: i)
    if abs(noise[i] - want) > PhiloxGaussian.floatTolerance {
        fail("Optimized Gaussian \(i) = \(noise[i]), RandomSources says \(want)")
    }
}

// q(xₜ | x₀) both ways: Float against Double, within a few Float ulps of values of size ~3.
let x0 = (0..<count).map { Float(($0 % 200) - 100) / 50 }
let fast = try optimized.qSample(x0: x0, noise: noise, at: t)
let slow = try reference.qSample(x0: x0.map(Double.init), noise: noise.map(Double.init), at: t)
var worst = 0.0
for i in 0..<count { worst = max(worst, abs(Double(fast[i]) - slow[i])) }
guard worst <= 1e-5 else { fail("Optimized qSample differs from Reference by \(worst) (tolerance 1e-5)") }

print("consumer: PASS: Reference, Optimized and RandomSources agree (kernels \(KernelSet.selectionDescription), qSample max |diff| \(worst))")
