import CheckerCore
import Optimized
import Reference

/// Properties of the case-file reader (`GoldenFile.parse`) and of running what it accepts.
///
/// - A refusal has a stable code (`G002` malformed JSON, `G003` not a case file), a message, and
///   a line and column inside the text; a `G003` also names the JSON path.
/// - Every accepted case runs through every implementation (Reference, Optimized in Double and
///   in Float) without trapping; a refusal carries a stable code.
/// - Where the inputs are finite and modest (samples at most 10⁶ in magnitude, log-variances at
///   most 50, log-scales at most 20) and the schedule keeps its documented invariant (0 < ᾱₜ < 1 for
///   t < T − 1, ᾱ_{T−1} < 1), an accepted operation returns only finite numbers.
enum GoldenFileCheck {
    static let sampleLimit = 1e6
    static let logLimit = 50.0

    static func run(_ bytes: [UInt8], implementations: [any GoldenImplementation] = GoldenImplementations.all) -> FuzzFindings {
        var findings = FuzzFindings()
        guard let text = String(validating: bytes, as: UTF8.self) else { return findings }
        let file: GoldenFile
        do {
            file = try GoldenFile.parse(text, path: "fuzz.json")
        } catch {
            findings.require(["G002", "G003"].contains(error.code), "unexpected code \(error.code): \(error)")
            findings.require(!error.message.isEmpty, "refusal without a message: \(error)")
            if let position = error.position {
                findings.require(TextBounds(text).contains(position), "refusal at \(position), outside the text: \(error)")
            } else {
                findings.record("refusal without a line and column: \(error)")
            }
            if error.code == "G003" {
                findings.require(error.jsonPath != nil, "G003 refusal without a JSON path: \(error)")
            }
            return findings
        }
        for c in file.cases {
            let expectFinite = inFiniteDomain(c.operation)
            for implementation in implementations {
                switch implementation.evaluate(c.operation) {
                case .failure(let error):
                    findings.require(isStableCode(error.code), "case \(c.id) [\(implementation.name)]: refusal with an unstable code \(error.code)")
                    findings.require(!error.message.isEmpty, "case \(c.id) [\(implementation.name)]: refusal without a message")
                case .success(let outputs):
                    guard expectFinite else { continue }
                    for (key, values) in outputs.sorted(by: { $0.key < $1.key }) {
                        if let i = values.firstIndex(where: { !$0.isFinite }) {
                            findings.record("case \(c.id) [\(implementation.name)] \(c.operation.name): \(key)[\(i)] = \(values[i]) from finite, modest inputs")
                        }
                    }
                }
            }
        }
        return findings
    }

    /// Reference's `Rnnn` codes, Optimized's slugs, and "not-applicable" for an operation an
    /// implementation does not have.
    static func isStableCode(_ code: String) -> Bool {
        let scalars = Array(code.unicodeScalars)
        if scalars.count == 4 && scalars[0] == "R" && scalars.dropFirst().allSatisfy({ ("0"..."9").contains($0) }) { return true }
        return code == ImplementationError.notApplicable.code || OptimizedError.Code.allCases.contains { $0.rawValue == code }
    }

    /// Whether the operation's inputs lie where the mathematics is finite and no intermediate
    /// value can leave the Double range.
    static func inFiniteDomain(_ operation: GoldenOperation) -> Bool {
        func modest(_ arrays: [Double]...) -> Bool { arrays.allSatisfy { $0.allSatisfy { $0.isModest(sampleLimit) } } }
        func modestLog(_ arrays: [Double]...) -> Bool { arrays.allSatisfy { $0.allSatisfy { $0.isModest(logLimit) } } }
        switch operation {
        case .schedule(let spec):
            return keepsInvariant(spec)
        case let .qSample(spec, _, x0, noise), let .velocity(spec, _, x0, noise):
            return keepsInvariant(spec) && modest(x0, noise)
        case let .posterior(spec, _):
            return keepsInvariant(spec)
        case let .ddpmStep(spec, inputs, options):
            let variance = inputs.predictedVariance ?? []
            let varianceModest: Bool
            switch options.varianceType {
            case .learnedRange: varianceModest = variance.allSatisfy { $0.isModest(1) }
            default: varianceModest = modest(variance)
            }
            return keepsInvariant(spec) && modest(inputs.xt, inputs.modelOutput, inputs.noise) && varianceModest
                && options.clipSampleRange.isModest(sampleLimit)
        case let .ddimStep(spec, inputs, options):
            return keepsInvariant(spec) && modest(inputs.xt, inputs.modelOutput, inputs.noise)
                && options.clipSampleRange.isModest(sampleLimit) && options.eta.isModest(1)
        case .timesteps:
            return true
        case let .normalKL(mean1, logVar1, mean2, logVar2):
            return modest(mean1, mean2) && modestLog(logVar1, logVar2)
        case let .discretizedGaussianLogLikelihood(x, mean, logScale):
            // log σ ≤ 20: wider decoders cancel to −∞ (ReferencePropertyTests.wideDecoder).
            return x.allSatisfy { $0.isModest(1) } && modest(mean) && logScale.allSatisfy { $0.isModest(20) }
        }
    }

    /// The schedule builds, and 0 < ᾱₜ < 1 for t < T − 1 and ᾱ_{T−1} < 1, as `NoiseSchedule`
    /// documents.
    static func keepsInvariant(_ spec: ScheduleSpecification) -> Bool {
        guard let schedule = try? spec.make(Double.self) else { return false }
        return schedule.alphaBars.enumerated().allSatisfy { t, alphaBar in
            alphaBar < 1 && (alphaBar > 0 || t == schedule.count - 1)
        }
    }
}
