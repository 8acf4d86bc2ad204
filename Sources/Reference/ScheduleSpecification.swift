import RealModule

/// A schedule named by its kind and parameters, as case files and scheduler configs describe it.
public struct ScheduleSpecification: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case linear, scaledLinear, cosine, sigmoid, explicit
    }

    public var kind: Kind
    /// T. For `explicit`, the length of `betas`.
    public var timesteps: Int
    public var betaStart: Double = 0.0001
    public var betaEnd: Double = 0.02
    /// s of the cosine schedule.
    public var cosineS: Double = 0.008
    /// The cap of the cosine schedule.
    public var maxBeta: Double = 0.999
    /// Apply ``NoiseSchedule/rescaledToZeroTerminalSNR()`` after building.
    public var rescaleZeroTerminalSNR = false
    /// improved-diffusion's 1000/T scaling of the linear schedule's ends.
    public var linearScaledForTimesteps = false
    /// The betas of an `explicit` schedule.
    public var betas: [Double]?
    /// How the schedule evaluates cancelling quantities; nil: ``ScheduleArithmetic/defaultFor(_:)``
    /// of the precision it is built in.
    public var arithmetic: ScheduleArithmetic?

    public init(kind: Kind, timesteps: Int) {
        self.kind = kind
        self.timesteps = timesteps
    }

    /// Builds the schedule in `Scalar` precision.
    public func make<Scalar: Real & BinaryFloatingPoint & Sendable>(_: Scalar.Type = Double.self) throws(ReferenceError) -> NoiseSchedule<Scalar> {
        for (name, value) in [("betaStart", betaStart), ("betaEnd", betaEnd), ("cosineS", cosineS), ("maxBeta", maxBeta)] where !value.isFinite {
            throw .nonFiniteInput(name: name, index: -1)
        }
        let arithmetic = self.arithmetic ?? .defaultFor(Scalar.self)
        let schedule: NoiseSchedule<Scalar>
        switch kind {
        case .linear:
            schedule = try .linear(timesteps: timesteps, betaStart: Scalar(betaStart), betaEnd: Scalar(betaEnd), scaledForTimesteps: linearScaledForTimesteps, arithmetic: arithmetic)
        case .scaledLinear:
            schedule = try .scaledLinear(timesteps: timesteps, betaStart: Scalar(betaStart), betaEnd: Scalar(betaEnd), arithmetic: arithmetic)
        case .cosine:
            schedule = try .cosine(timesteps: timesteps, offset: cosineS, maxBeta: maxBeta, arithmetic: arithmetic)
        case .sigmoid:
            schedule = try .sigmoid(timesteps: timesteps, betaStart: Scalar(betaStart), betaEnd: Scalar(betaEnd), arithmetic: arithmetic)
        case .explicit:
            guard let betas else { throw .missingInput("betas of an explicit schedule") }
            guard betas.count == timesteps else {
                throw .lengthMismatch(name: "betas", expected: timesteps, actual: betas.count)
            }
            try checkFinite(betas, "betas")
            schedule = try NoiseSchedule(betas: betas.map { Scalar($0) }, arithmetic: arithmetic)
        }
        return rescaleZeroTerminalSNR ? try schedule.rescaledToZeroTerminalSNR() : schedule
    }
}
