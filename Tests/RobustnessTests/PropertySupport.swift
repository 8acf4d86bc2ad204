import Foundation
import Reference

/// A seeded generator (SplitMix64, Steele, Lea, Flood 2014), so that every run of the property
/// tests draws the same schedules and inputs and a failure can be replayed.
struct PropertyRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    /// Log-uniform in [low, high], both > 0.
    mutating func logUniform(_ low: Double, _ high: Double) -> Double {
        pow(10, Double.random(in: log10(low)...log10(high), using: &self))
    }
}

/// What a numeric entry point did with one input.
enum NumericOutcome: Equatable, CustomStringConvertible {
    case finite
    case refused(code: String)
    /// A NaN or an infinity in the output: the value and where.
    case nonFinite(index: Int, value: Double)

    init<S: BinaryFloatingPoint>(_ body: () throws(ReferenceError) -> [S]) {
        self.init(body, code: \.code)
    }

    init<S: BinaryFloatingPoint, E: Error>(_ body: () throws(E) -> [S], code: (E) -> String) {
        do {
            let values = try body()
            if let i = values.firstIndex(where: { !$0.isFinite }) {
                self = .nonFinite(index: i, value: Double(values[i]))
            } else {
                self = .finite
            }
        } catch {
            self = .refused(code: code(error))
        }
    }

    var isNonFinite: Bool {
        if case .nonFinite = self { return true }
        return false
    }

    var description: String {
        switch self {
        case .finite: return "finite"
        case .refused(let code): return "refused \(code)"
        case let .nonFinite(index, value): return "\(value) at [\(index)]"
        }
    }
}

/// Draws of schedules and inputs at the edges the robustness properties are about.
enum Draw {
    /// T from 1 to 10⁵: mostly small, the edges 1, 2, 3 often, and a few large ones.
    static func timesteps(_ r: inout PropertyRandom) -> Int {
        switch Int.random(in: 0..<10, using: &r) {
        case 0: return r.pick([1, 2, 3])
        case 1: return Int.random(in: 10_000...100_000, using: &r)
        case 2, 3: return r.pick([1000, 999, 1001, 4000])
        default: return Int.random(in: 4...2000, using: &r)
        }
    }

    /// A β in (0, 1]: near 0 (down to 1e−12), ordinary, or near 1 (1 − 1e−k).
    static func beta(_ r: inout PropertyRandom) -> Double {
        switch Int.random(in: 0..<4, using: &r) {
        case 0: return r.logUniform(1e-12, 1e-4)
        case 1: return 1 - r.logUniform(1e-12, 1e-2)
        default: return r.logUniform(1e-4, 0.5)
        }
    }

    /// A schedule specification of any kind, with edge parameters; zero terminal SNR sometimes.
    static func schedule(_ r: inout PropertyRandom) -> ScheduleSpecification {
        let kind = r.pick(ScheduleSpecification.Kind.allCases)
        let t = timesteps(&r)
        var spec = ScheduleSpecification(kind: kind, timesteps: t)
        spec.betaStart = beta(&r)
        spec.betaEnd = beta(&r)
        spec.cosineS = r.pick([0, 0.008, 1e-12, 0.5, 10])
        spec.maxBeta = r.pick([0.999, 1, 0.5, 1e-3])
        spec.rescaleZeroTerminalSNR = r.chance(0.2)
        spec.linearScaledForTimesteps = r.chance(0.1)
        if kind == .explicit {
            let count = min(t, 3000)
            spec.timesteps = count
            let constant = r.chance(0.3) ? beta(&r) : nil
            spec.betas = (0..<count).map { _ in constant ?? beta(&r) }
        }
        return spec
    }

    /// A magnitude at most `limit`: ±0, subnormals, tiny, ordinary and large values.
    static func value(_ r: inout PropertyRandom, limit: Double) -> Double {
        let magnitude: Double
        switch Int.random(in: 0..<8, using: &r) {
        case 0: magnitude = 0
        case 1: magnitude = Double(sign: .plus, exponentBitPattern: 0, significandBitPattern: r.next() & ((1 << 52) - 1))
        case 2: magnitude = r.logUniform(1e-300, 1e-10)
        case 3: magnitude = r.logUniform(1, limit)
        default: magnitude = Double.random(in: 0...3, using: &r)
        }
        return min(magnitude, limit) * (r.chance(0.5) ? -1 : 1)
    }

    static func values(_ r: inout PropertyRandom, count: Int, limit: Double) -> [Double] {
        (0..<count).map { _ in value(&r, limit: limit) }
    }
}

extension NoiseSchedule {
    /// The invariant `NoiseSchedule` documents: 0 < ᾱₜ < 1 for t < T − 1, and ᾱ_{T−1} < 1.
    var keepsDocumentedInvariant: Bool {
        alphaBars.enumerated().allSatisfy { t, alphaBar in alphaBar < 1 && (alphaBar > 0 || t == count - 1) }
    }
}
