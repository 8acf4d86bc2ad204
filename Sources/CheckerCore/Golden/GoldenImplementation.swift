import Reference

/// An operation refused by an implementation: its stable code and slug, and why.
public struct ImplementationError: Error, Sendable, Equatable {
    public var code: String
    public var slug: String
    public var message: String
    /// Other implementations' codes for the same refusal (an `expectError` case names Reference's).
    public var equivalentCodes: Set<String>

    public init(code: String, slug: String, message: String, equivalentCodes: Set<String> = []) {
        self.code = code
        self.slug = slug
        self.message = message
        self.equivalentCodes = equivalentCodes
    }

    /// The implementation does not compute this operation: the case is skipped for it.
    public static let notApplicable = ImplementationError(code: "not-applicable", slug: "not-applicable", message: "operation not implemented")

    /// Whether this refusal is the one a case expects (by code, slug or an equivalent code).
    public func matches(_ expected: String) -> Bool {
        expected == code || expected == slug || equivalentCodes.contains(expected)
    }
}

/// Something that computes the outputs of golden operations: Reference, Optimized in Double,
/// Optimized in Float.
public protocol GoldenImplementation: Sendable {
    /// Its name in reports ("Reference", "Optimized<Double>").
    var name: String { get }
    /// The least tolerance it is held to: a Float implementation cannot meet a Double case's
    /// 1e−12, so it is held to the larger of the case's tolerance and this bound.
    var toleranceFloor: GoldenTolerance { get }
    /// The least tolerance for one operation (defaults to ``toleranceFloor``): an implementation
    /// may document a bound that grows with the conditioning of the case.
    func toleranceFloor(for operation: GoldenOperation) -> GoldenTolerance
    /// Computes every output key of the operation.
    func evaluate(_ operation: GoldenOperation) -> Result<[String: [Double]], ImplementationError>
}

extension GoldenImplementation {
    public func toleranceFloor(for operation: GoldenOperation) -> GoldenTolerance { toleranceFloor }
}

extension ReferenceError {
    var implementationError: ImplementationError {
        ImplementationError(code: code, slug: slug, message: message)
    }
}

/// The Reference implementation in Double, with diffusers' conventions where the format is
/// silent (a learned variance is a variance; log β̃ at t = 0 is floored at 1e−20 for the
/// learned-range lower end; noise is added whenever t > 0).
public struct ReferenceGoldenImplementation: GoldenImplementation {
    public init() {}
    public var name: String { "Reference" }
    public var toleranceFloor: GoldenTolerance { GoldenTolerance(abs: 0, rel: 0) }

    public func evaluate(_ operation: GoldenOperation) -> Result<[String: [Double]], ImplementationError> {
        do throws(ReferenceError) {
            return .success(try compute(operation))
        } catch {
            return .failure(error.implementationError)
        }
    }

    func compute(_ operation: GoldenOperation) throws(ReferenceError) -> [String: [Double]] {
        switch operation {
        case .schedule(let spec):
            let s = try spec.make(Double.self)
            return ["betas": s.betas, "alphas": s.alphas, "alphaBars": s.alphaBars]
        case let .qSample(spec, t, x0, noise):
            return ["xt": try spec.make(Double.self).qSample(x0: x0, noise: noise, at: t)]
        case let .velocity(spec, t, x0, noise):
            return ["v": try spec.make(Double.self).velocity(x0: x0, noise: noise, at: t)]
        case let .posterior(spec, t):
            let s = try spec.make(Double.self)
            let p = try s.posterior(at: t)
            return [
                "meanCoefX0": [p.meanCoefX0], "meanCoefXt": [p.meanCoefXt], "variance": [p.variance],
                "logVarianceClipped": [try s.posteriorLogVariance(at: t, convention: .nextStep)],
            ]
        case let .ddpmStep(spec, inputs, options):
            let s = try spec.make(Double.self)
            let result = try s.ddpmStep(
                sample: inputs.xt, modelOutput: inputs.modelOutput, predictedVariance: inputs.predictedVariance,
                noise: inputs.noise, at: inputs.t,
                options: options.stepOptions
            )
            return ["prev": result.previous, "predX0": result.predictedX0]
        case let .ddimStep(spec, inputs, options):
            let s = try spec.make(Double.self)
            let result = try s.ddimStep(
                sample: inputs.xt, modelOutput: inputs.modelOutput, noise: inputs.noise, at: inputs.t, previous: inputs.prevT,
                options: options.stepOptions
            )
            return ["prev": result.previous, "predX0": result.predictedX0]
        case let .timesteps(trainingSteps, n, spacing, offset):
            return ["timesteps": try Timesteps.make(count: n, trainingSteps: trainingSteps, spacing: spacing, stepsOffset: offset).map(Double.init)]
        case let .normalKL(mean1, logVar1, mean2, logVar2):
            return ["kl": try VariationalBound.normalKL(mean1: mean1, logVariance1: logVar1, mean2: mean2, logVariance2: logVar2)]
        case let .discretizedGaussianLogLikelihood(x, mean, logScale):
            return ["logProb": try VariationalBound.discretizedGaussianLogLikelihood(x: x, mean: mean, logScale: logScale)]
        }
    }
}
