import Optimized
import Reference

/// Optimized's kernels on golden cases, in Double or in Float.
///
/// Optimized takes a schedule as its betas, which come from the case's schedule object through
/// Reference's constructors where the β formula is one line (linear, scaled linear, sigmoid,
/// explicit), and from Optimized's own cosine betas and zero-SNR rescale; everything derived from them
/// (ᾱ by a double-double product, √ᾱ, posterior coefficients, the steps) is Optimized's own.
/// Operations Optimized does not implement (timesteps, the bound's KL and decoder likelihood) are
/// not applicable and are skipped for it.
///
/// Optimized's kernels do not scan their inputs for NaN or ±∞ (an extra pass over memory would
/// cost a large part of their bandwidth); this adapter refuses non-finite inputs with Reference's
/// `R003`, as every caller of the kernels on untrusted data must.
///
/// Float is held to the larger of the case's tolerance and ``floatFloor``: a Float kernel
/// rounds every input, coefficient and intermediate to 24 bits, so its result differs from the
/// Double one by a few ulps of Float relative to the magnitudes involved.
public struct OptimizedGoldenImplementation: GoldenImplementation {
    public enum Precision: String, Sendable {
        case double = "Double"
        case float = "Float"
    }

    public var precision: Precision

    public init(precision: Precision) {
        self.precision = precision
    }

    public var name: String { "Optimized<\(precision.rawValue)>" }

    /// The documented Float bound: 2e−5 absolute and relative, i.e. ~170 Float ulps, which covers
    /// the rounding of inputs and coefficients (½ ulp each) amplified by the 1/√ᾱₜ of x̂₀ from ε
    /// (≤ 150 at the last step of the linear schedule). Cases where 1/√ᾱₜ is larger still (the cosine
    /// schedule's last step: 20291) are further bounded by ``amplification(_:)``.
    public static let floatFloor = GoldenTolerance(abs: 2e-5, rel: 2e-5)

    public var toleranceFloor: GoldenTolerance {
        precision == .float ? Self.floatFloor : GoldenTolerance(abs: 0, rel: 0)
    }

    /// How much a case amplifies Float rounding beyond ``floatFloor``'s allowance: steps and
    /// conversions divide by √ᾱₜ; the factor is max(1, (1/√ᾱₜ)/150).
    public func toleranceFloor(for operation: GoldenOperation) -> GoldenTolerance {
        guard precision == .float else { return GoldenTolerance(abs: 0, rel: 0) }
        let factor = Self.amplification(operation)
        return GoldenTolerance(abs: Self.floatFloor.abs * factor, rel: Self.floatFloor.rel * factor)
    }

    static func amplification(_ operation: GoldenOperation) -> Double {
        let spec: ScheduleSpecification
        let t: Int
        switch operation {
        case let .ddpmStep(s, inputs, _): spec = s; t = inputs.t
        case let .ddimStep(s, inputs, _): spec = s; t = inputs.t
        default: return 1
        }
        guard let schedule = try? spec.make(Double.self), t >= 0, t < schedule.count, schedule.alphaBars[t] > 0 else { return 1 }
        return max(1, (1 / schedule.alphaBars[t].squareRoot()) / 150)
    }

    public func evaluate(_ operation: GoldenOperation) -> Result<[String: [Double]], ImplementationError> {
        do {
            guard let result = try compute(operation) else {
                return .failure(ImplementationError.notApplicable)
            }
            return .success(result)
        } catch let error as OptimizedError {
            return .failure(ImplementationError(code: error.code.rawValue, slug: error.code.rawValue, message: error.message, equivalentCodes: Self.referenceCodes(error.code)))
        } catch let error as ReferenceError {
            return .failure(ImplementationError(code: error.code, slug: error.slug, message: error.message))
        } catch {
            return .failure(ImplementationError(code: "unknown", slug: "unknown", message: "\(error)"))
        }
    }

    /// Reference's codes that an Optimized refusal stands for: the same refusal, named by the
    /// other implementation (an expectError case names Reference's code).
    static func referenceCodes(_ code: OptimizedError.Code) -> Set<String> {
        switch code {
        case .timestepOutOfRange: return ["R004"]
        case .lengthMismatch: return ["R005"]
        case .epsilonPredictionAtZeroAlphaBar: return ["R007"]
        case .invalidSchedule: return ["R001", "R002", "R003", "R011"]
        case .missingPredictedVariance: return ["R010"]
        case .invalidOption: return ["R006", "R009"]
        case .invalidInput: return ["R003", "R006"]
        case .resultOutOfRange: return ["R012"]
        }
    }

    static func checkFinite(_ operation: GoldenOperation) throws {
        var arrays: [(String, [Double])] = []
        switch operation {
        case let .qSample(_, _, x0, noise), let .velocity(_, _, x0, noise):
            arrays = [("x0", x0), ("noise", noise)]
        case let .ddpmStep(_, i, _):
            arrays = [("xt", i.xt), ("modelOutput", i.modelOutput), ("noise", i.noise), ("predictedVariance", i.predictedVariance ?? [])]
        case let .ddimStep(_, i, _):
            arrays = [("xt", i.xt), ("modelOutput", i.modelOutput), ("noise", i.noise)]
        default:
            return
        }
        for (name, values) in arrays {
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                throw ReferenceError.nonFiniteInput(name: name, index: index)
            }
        }
    }

    /// The case's schedule in Optimized. Reference builds it first only to refuse an invalid
    /// specification with its own codes; the cosine betas and the zero-terminal-SNR rescale are then
    /// Optimized's own (their accurate forms are not one line), the other betas Reference's.
    func schedule(_ spec: ScheduleSpecification) throws -> OptimizedSchedule {
        let reference = try spec.make(Double.self)
        guard spec.kind == .cosine || spec.rescaleZeroTerminalSNR else { return try OptimizedSchedule(betas: reference.betas) }
        var base = spec
        base.rescaleZeroTerminalSNR = false
        let betas = spec.kind == .cosine
            ? try OptimizedSchedule.cosineBetas(timesteps: spec.timesteps, offset: spec.cosineS, maxBeta: spec.maxBeta)
            : try base.make(Double.self).betas
        let schedule = try OptimizedSchedule(betas: betas)
        return spec.rescaleZeroTerminalSNR ? try schedule.rescaledToZeroTerminalSNR() : schedule
    }

    func compute(_ operation: GoldenOperation) throws -> [String: [Double]]? {
        try Self.checkFinite(operation)
        switch operation {
        case .schedule(let spec):
            let s = try schedule(spec)
            let alphaBars = precision == .float ? s.float.alphaBars.map(Double.init) : s.alphaBars
            return ["betas": s.betas, "alphas": s.betas.map { 1 - $0 }, "alphaBars": alphaBars]
        case let .qSample(spec, t, x0, noise):
            let s = try schedule(spec)
            return ["xt": precision == .float
                ? try s.qSample(x0: x0.map(Float.init), noise: noise.map(Float.init), at: t).map(Double.init)
                : try s.qSample(x0: x0, noise: noise, at: t)]
        case let .velocity(spec, t, x0, noise):
            let s = try schedule(spec)
            return ["v": precision == .float
                ? try s.velocity(x0: x0.map(Float.init), noise: noise.map(Float.init), at: t).map(Double.init)
                : try s.velocity(x0: x0, noise: noise, at: t)]
        case let .posterior(spec, t):
            let s = try schedule(spec)
            guard t >= 0, t < s.count else { throw OptimizedError(.timestepOutOfRange, "t = \(t) is outside 0…\(s.count - 1)") }
            if precision == .float {
                let f = s.float
                return ["meanCoefX0": [Double(f.posteriorMeanCoefX0[t])], "meanCoefXt": [Double(f.posteriorMeanCoefXt[t])],
                        "variance": [Double(f.posteriorVariance[t])], "logVarianceClipped": [Double(f.posteriorLogVarianceClipped[t])]]
            }
            return ["meanCoefX0": [s.posteriorMeanCoefX0[t]], "meanCoefXt": [s.posteriorMeanCoefXt[t]],
                    "variance": [s.posteriorVariance[t]], "logVarianceClipped": [s.posteriorLogVarianceClipped[t]]]
        case let .ddpmStep(spec, inputs, o):
            let s = try schedule(spec)
            let options = o.stepOptions
            if precision == .float {
                let out = try s.ddpmStep(xt: inputs.xt.map(Float.init), modelOutput: inputs.modelOutput.map(Float.init),
                                         predictedVariance: inputs.predictedVariance?.map(Float.init),
                                         noise: .values(inputs.noise.map(Float.init)), at: inputs.t, options: options)
                return ["prev": out.prev.map(Double.init), "predX0": out.predX0.map(Double.init)]
            }
            let out = try s.ddpmStep(xt: inputs.xt, modelOutput: inputs.modelOutput, predictedVariance: inputs.predictedVariance,
                                     noise: .values(inputs.noise), at: inputs.t, options: options)
            return ["prev": out.prev, "predX0": out.predX0]
        case let .ddimStep(spec, inputs, o):
            let s = try schedule(spec)
            let options = o.stepOptions
            // DDIM's prevT must be below t (Optimized reads prevT > t as an inversion step).
            guard inputs.prevT < inputs.t else {
                throw OptimizedError(.timestepOutOfRange, "prevT = \(inputs.prevT) is not below t = \(inputs.t)")
            }
            if precision == .float {
                let out = try s.ddimStep(xt: inputs.xt.map(Float.init), modelOutput: inputs.modelOutput.map(Float.init),
                                         noise: .values(inputs.noise.map(Float.init)), at: inputs.t, prevT: inputs.prevT, options: options)
                return ["prev": out.prev.map(Double.init), "predX0": out.predX0.map(Double.init)]
            }
            let out = try s.ddimStep(xt: inputs.xt, modelOutput: inputs.modelOutput, noise: .values(inputs.noise),
                                     at: inputs.t, prevT: inputs.prevT, options: options)
            return ["prev": out.prev, "predX0": out.predX0]
        case .timesteps, .normalKL, .discretizedGaussianLogLikelihood:
            return nil
        }
    }
}
