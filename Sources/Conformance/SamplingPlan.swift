import CheckerCore
import Foundation
import Statistics

/// The sampling checks: the implementation draws its own noise for many repetitions of a noisy
/// step (and for its noise source alone), and the outputs are tested against the exact law.
///
/// A step with noise is x_prev = μ + σ·z, z ~ N(0, I), with μ and σ elementwise functions of the
/// inputs; Reference gives μ (the step with z = 0) and σ (the step with z = 1, minus μ). The draws
/// standardised by them, (x − μ)/σ, pooled over elements and repetitions, must be N(0, 1):
/// Kolmogorov–Smirnov against Φ, the mean (z test), the variance (χ², known mean) and the
/// kurtosis. Every test of every point forms one family judged at `alpha` with Bonferroni's
/// correction, so a correct implementation fails the run with probability at most `alpha`.
///
/// Power (measured by the planted bugs in ConformanceTests): at 2,000 repetitions of 4 elements
/// (8,000 draws a point), unit-variance uniform noise gives a KS distance ≈ 0.05, p ≈ 10⁻¹⁸;
/// the kurtosis test rejects it by far; σ = β̃ instead of √β̃ is a variance off by orders of
/// magnitude; a variance off by 10 % is rejected by the χ² test (its standard error is 1.6 %).
/// A step whose σ is 0 (the DDPM step at t = 0) must return μ in every repetition.
public struct SamplingPlan: Sendable {
    public var repetitions = 2_000
    public var noiseCount = 20_000
    public var alpha = 1e-6
    public var seed: UInt64 = 20_261_204
    public var points: [SamplingPoint] = SamplingPoint.standard

    public init() {}

    func run(transport: any ConformTransport, profile: ImplementationProfile) throws(ConformError) -> SamplingReport {
        var outcomes: [SamplingOutcome] = []
        for (index, point) in points.enumerated() {
            let seed = point.seed ?? self.seed &+ UInt64(index)
            if !profile.sampling.contains(point.op) {
                outcomes.append(SamplingOutcome(point: point, status: .notChecked("no sampling of \(point.op) declared")))
                continue
            }
            if point.op != "noise", let reason = profile.unsupportedReason(op: point.op, options: point.options) {
                outcomes.append(SamplingOutcome(point: point, status: .notChecked(reason)))
                continue
            }
            var outcome = try point.draw(transport: transport, repetitions: repetitions, noiseCount: noiseCount, seed: seed, precision: profile.precision)
            outcome.seed = seed
            outcomes.append(outcome)
        }
        let all = outcomes.flatMap(\.tests)
        var family: TestFamily?
        if !all.isEmpty { family = try? TestFamily(all, familyWiseRate: alpha, procedure: .bonferroni) }
        var offset = 0
        for i in outcomes.indices {
            let count = outcomes[i].tests.count
            guard count > 0, let family else { continue }
            let members = Array(family.members[offset..<offset + count])
            offset += count
            outcomes[i].members = members
            if case .tested = outcomes[i].status {
                let rejected = members.filter(\.rejected).map { "\($0.result.name): p = \($0.result.pValue)" }
                outcomes[i].status = rejected.isEmpty ? .passed : .failed("rejected at family-wise α = \(alpha): " + rejected.joined(separator: "; "))
            }
        }
        return SamplingReport(alpha: alpha, testCount: all.count, repetitions: repetitions, noiseCount: noiseCount, outcomes: outcomes)
    }
}

/// One (operation, t, options) at which the implementation draws its own noise.
public struct SamplingPoint: Sendable {
    public var id: String
    public var op: String
    public var schedule: JSONValue?
    /// The inputs without `noise`.
    public var inputs: JSONValue
    public var options: JSONValue?
    /// The seed to suggest; nil: the plan's seed plus the point's position (a replayed reproducer
    /// keeps the seed of the run that failed).
    public var seed: UInt64?

    /// The row of the report it belongs to: "op key=value" for its non-default options.
    public var row: String {
        var row = op
        if case .object(let members)? = options {
            for (key, value) in members where ConformProtocol.optionDefaults[key] != value {
                row += " \(key)=\(ConformReport.describe(value))"
            }
        }
        return row
    }

    static let linear = ConformProtocol.object([("kind", .string("linear")), ("timesteps", .number(1000)), ("betaStart", .number(0.0001)), ("betaEnd", .number(0.02))])
    static let xt = ConformProtocol.numbers([-1.5, -0.3, 0.4, 1.2])
    static let modelOutput = ConformProtocol.numbers([0.3, -0.8, 1.1, -0.2])
    static let predictedVariance = ConformProtocol.numbers([-0.6, 0.0, 0.5, 0.9])

    static func ddpm(_ t: Int, _ variance: String) -> SamplingPoint {
        var inputs: [(String, JSONValue)] = [("t", .number(Double(t))), ("xt", xt), ("modelOutput", modelOutput)]
        if variance == "learnedRange" { inputs.append(("predictedVariance", predictedVariance)) }
        return SamplingPoint(
            id: "sample/ddpmStep/\(variance)/t=\(t)", op: "ddpmStep", schedule: linear,
            inputs: ConformProtocol.object(inputs), options: ConformProtocol.object([("varianceType", .string(variance))]))
    }

    static func ddim(_ t: Int, _ prevT: Int, eta: Double) -> SamplingPoint {
        SamplingPoint(
            id: "sample/ddimStep/eta=\(eta)/t=\(t)", op: "ddimStep", schedule: linear,
            inputs: ConformProtocol.object([("t", .number(Double(t))), ("prevT", .number(Double(prevT))), ("xt", xt), ("modelOutput", modelOutput)]),
            options: ConformProtocol.object([("eta", .number(eta))]))
    }

    /// The points every run asks for: the DDPM step's variance types at the first, a middle and
    /// the last step (t = 0 is deterministic), DDIM with η = 1 and η = ½, and the noise source.
    public static let standard: [SamplingPoint] = [
        ddpm(999, "fixedSmall"), ddpm(500, "fixedSmall"), ddpm(1, "fixedSmall"), ddpm(0, "fixedSmall"),
        ddpm(500, "fixedLarge"), ddpm(1, "fixedLarge"), ddpm(500, "fixedSmallLog"), ddpm(500, "fixedLargeLog"),
        ddpm(500, "learnedRange"), ddpm(10, "learnedRange"),
        ddim(500, 480, eta: 1), ddim(20, 0, eta: 1), ddim(700, 600, eta: 0.5),
        SamplingPoint(id: "sample/noise", op: "noise", schedule: nil, inputs: .object([]), options: nil),
    ]

    func request(repetitions: Int, noiseCount: Int, seed: UInt64) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", .string("sample")), ("id", .string(id)), ("op", .string(op))]
        if let schedule { members.append(("schedule", schedule)) }
        if op == "noise" {
            members.append(("inputs", ConformProtocol.object([("count", .number(Double(noiseCount)))])))
        } else {
            members.append(("inputs", inputs))
            if let options { members.append(("options", options)) }
            members.append(("repetitions", .number(Double(repetitions))))
        }
        members.append(("seed", .number(Double(seed))))
        return ConformProtocol.object(members)
    }

    func draw(transport: any ConformTransport, repetitions: Int, noiseCount: Int, seed: UInt64, precision: ImplementationProfile.Precision) throws(ConformError) -> SamplingOutcome {
        let answer = try transport.exchange(request(repetitions: repetitions, noiseCount: noiseCount, seed: seed), id: id)
        if let error = answer["error"] {
            if case .string(let code)? = error["code"], code == ConformProtocol.unsupportedCode {
                return SamplingOutcome(point: self, status: .notChecked("answered unsupported"))
            }
            var message = ""
            if case .string(let m)? = error["message"] { message = m }
            return SamplingOutcome(point: self, status: .failed("refused: \(message)"))
        }
        let key = op == "noise" ? "noise" : "prev"
        guard let raw = answer["outputs"]?[key], let values = ConformProtocol.decodeNumbers(raw) else {
            throw ConformError(code: "C004", request: id, message: "a sample answer needs \"outputs\": {\"\(key)\": [numbers]}")
        }
        if op == "noise" {
            guard values.count == noiseCount else {
                throw ConformError(code: "C004", request: id, message: "outputs.noise has \(values.count) values, expected \(noiseCount)")
            }
            return Self.test(standardised: values, point: self)
        }
        let operation: GoldenOperation
        do { operation = try GoldenRequest.operation(request(repetitions: repetitions, noiseCount: noiseCount, seed: seed).withZeroNoise) } catch {
            return SamplingOutcome(point: self, status: .failed("internal: \(error.description)"))
        }
        let n = GoldenRequest.sampleCount(operation)
        guard values.count == n * repetitions else {
            throw ConformError(code: "C004", request: id, message: "outputs.prev has \(values.count) values, expected repetitions × elements = \(repetitions) × \(n)")
        }
        guard let (mean, sigma) = Self.exactLaw(operation) else {
            return SamplingOutcome(point: self, status: .notChecked("Reference refuses this step"))
        }
        if sigma.allSatisfy({ $0 == 0 }) {
            // No noise at this step: every repetition must be μ within the precision's bound
            // (float32: the derived bound of the same step with z = 0).
            let evaluation = precision == .float32
                ? OptimizedGoldenImplementation(precision: .float).toleranceFloor(for: operation) : GoldenTolerance(abs: 1e-12, rel: 1e-12)
            let extra = PrecisionBound(precision).scheduleAllowance(operation)["prev"] ?? []
            for r in 0..<repetitions {
                for i in 0..<n {
                    let tolerance = GoldenTolerance(abs: evaluation.abs + (i < extra.count ? extra[i] : 0), rel: evaluation.rel)
                    guard !GoldenRunner.matches(values[r * n + i], mean[i], tolerance) else { continue }
                    return SamplingOutcome(point: self, status: .failed("the step has no noise (σ = 0) but repetition \(r) element \(i) is \(values[r * n + i]), want \(mean[i]) (tolerance abs \(tolerance.abs) + rel \(tolerance.rel)·|want|)"))
                }
            }
            return SamplingOutcome(point: self, status: .passed, note: "deterministic step: all \(repetitions) repetitions equal μ")
        }
        var z: [Double] = []
        z.reserveCapacity(values.count)
        for r in 0..<repetitions {
            for i in 0..<n where sigma[i] > 0 { z.append((values[r * n + i] - mean[i]) / sigma[i]) }
        }
        return Self.test(standardised: z, point: self)
    }

    /// The exact law of a step's output from Reference, elementwise: μ (the step with z = 0) and
    /// σ (the step with z = 1, minus μ). nil when Reference refuses the step.
    static func exactLaw(_ operation: GoldenOperation) -> (mean: [Double], sigma: [Double])? {
        let reference = ReferenceGoldenImplementation()
        let n = GoldenRequest.sampleCount(operation)
        guard case .success(let zero) = reference.evaluate(GoldenRequest.withNoise(operation, Array(repeating: 0, count: n))),
              case .success(let one) = reference.evaluate(GoldenRequest.withNoise(operation, Array(repeating: 1, count: n))),
              let mean = zero["prev"], let shifted = one["prev"]
        else { return nil }
        return (mean, zip(shifted, mean).map { $0 - $1 })
    }

    /// The four tests of N(0, 1) on standardised draws.
    static func test(standardised z: [Double], point: SamplingPoint) -> SamplingOutcome {
        guard z.allSatisfy(\.isFinite) else {
            return SamplingOutcome(point: point, status: .failed("the draws contain NaN or ±∞"))
        }
        do throws(StatisticsError) {
            let tests = [
                try KolmogorovSmirnov.oneSample(z, against: .standard),
                try MomentTests.mean(z, hypothesis: .standard),
                try MomentTests.variance(z, hypothesis: .standard),
                try MomentTests.kurtosis(z),
            ]
            return SamplingOutcome(point: point, status: .tested, tests: tests)
        } catch {
            return SamplingOutcome(point: point, status: .failed("the draws cannot be tested: \(error.description)"))
        }
    }
}

extension JSONValue {
    /// A sample request as a golden operation's JSON: the same step with a zero noise array of
    /// the sample's length (the golden parser requires `noise`).
    var withZeroNoise: JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.map { member in
            guard member.key == "inputs", case .object(let inputs) = member.value else { return member }
            let n = (inputs.first { $0.key == "xt" }.flatMap { if case .array(let a) = $0.value { return a.count } else { return nil } }) ?? 0
            return (key: "inputs", value: .object(inputs + [(key: "noise", value: .array(Array(repeating: .number(0), count: n)))]))
        })
    }
}

/// The result of one sampling point.
public struct SamplingOutcome: Sendable {
    public enum Status: Sendable {
        case passed, tested
        case failed(String)
        case notChecked(String)
    }
    public var point: SamplingPoint
    public var status: Status
    public var note: String?
    public var tests: [HypothesisTestResult] = []
    public var members: [TestFamily.Member] = []
    /// The seed the request suggested.
    public var seed: UInt64 = 0

    init(point: SamplingPoint, status: Status, note: String? = nil, tests: [HypothesisTestResult] = []) {
        self.point = point
        self.status = status
        self.note = note
        self.tests = tests
    }

    public var failed: Bool { if case .failed = status { return true } else { return false } }
}

public struct SamplingReport: Sendable {
    public var alpha: Double
    public var testCount: Int
    public var repetitions: Int
    public var noiseCount: Int
    public var outcomes: [SamplingOutcome]
    public var passed: Bool { !outcomes.contains(where: \.failed) }
}
