import RandomSources
import Reference

/// A sampling loop to replay: sampler, schedule, inputs, random source and precision.
///
/// Defaults are diffusers' scheduler tests: linear β 1e−4 … 0.02, T = 1000, clip_sample, ε
/// prediction, the deterministic sample on a (4, 3, 8, 8) tensor and the dummy model
/// ε̂(x, t) = x·t/(t + 1), in float32.
public struct ReplayConfiguration: Sendable, Equatable {
    public enum Sampler: String, Sendable, CaseIterable { case ddpm, ddim }
    public enum Precision: String, Sendable, CaseIterable { case float32, float64 }
    /// Which implementation computes the steps.
    public enum Implementation: String, Sendable, CaseIterable { case reference, optimized }
    /// Where x starts.
    public enum Start: Sendable, Equatable {
        /// diffusers' `dummy_sample_deter`: k/n for k = 0 … n − 1 laid out as (C, H, W, B), then
        /// permuted to (B, C, H, W).
        case fixture
        /// One draw of the random source, as a pipeline draws its initial latents.
        case noise
        /// Given values, row-major in the shape.
        case values([Double])
    }
    /// What predicts the model output.
    public enum Model: Sendable, Equatable {
        /// diffusers' `dummy_model`: x·t/(t + 1).
        case dummy
        /// Recorded outputs, one array per step in step order.
        case recorded([[Double]])
    }
    /// How the timestep after t is chosen.
    public enum PreviousRule: String, Sendable, CaseIterable {
        /// t − T div N, diffusers' fixed stride (the list's next element for leading spacing).
        case stride
        /// The next element of the list (−1 after the last).
        case list
    }

    public var sampler: Sampler = .ddpm
    public var schedule = ScheduleSpecification(kind: .linear, timesteps: 1000)
    /// N. nil: every training timestep (DDPM), 50 (DDIM).
    public var inferenceSteps: Int?
    public var spacing: TimestepSpacing = .leading
    public var stepsOffset = 0
    public var previousRule: PreviousRule = .stride
    public var predictionType: PredictionType = .epsilon
    /// clip_sample with range 1.
    public var clipSample = true
    public var varianceType: VarianceType = .fixedSmall
    /// DDIM η.
    public var eta = 0.0
    public var setAlphaToOne = true
    /// The tensor shape; the noise is drawn in its row-major order.
    public var shape = [4, 3, 8, 8]
    public var start: Start = .fixture
    /// diffusers' `t_start`: x = add_noise(x, fixture noise, timesteps[k]), then the steps
    /// timesteps[k...]. The fixture noise is `dummy_noise_deter` ((n − 1 − k)/n, same layout).
    public var startIndex: Int?
    public var model: Model = .dummy
    public var rng: RandomSourceKind = .torch
    public var seed: UInt64 = 0
    /// The float32 normal kernel of the PyTorch build whose `torch.randn` is replayed (`--rng
    /// torch` only): `avx2` for Linux x86-64 wheels on CPUs with AVX2 but not AVX-512, `scalar`
    /// for AVX-512 CPUs, the DEFAULT capability and ARM builds. float64 draws are the same in both.
    public var torchKernel: TorchNormalKernel = .avx2
    public var precision: Precision = .float32
    public var implementation: Implementation = .reference
    /// The dtype of the drawn noise; nil: that of `precision`. float32 noise in a float64 loop
    /// replays a float32 PyTorch run's draws exactly.
    public var noisePrecision: Precision?

    public init() {}

    /// The DDPM step's options, the same for either implementation: diffusers' conventions with
    /// its one-step β, as the runs being replayed compute it.
    public var ddpmOptions: DDPMOptions {
        .diffusers(predictionType: predictionType, varianceType: varianceType, clipping: clipSample ? .clip(range: 1) : .none)
    }

    /// The DDIM step's options, the same for either implementation.
    public var ddimOptions: DDIMOptions {
        DDIMOptions(eta: eta, predictionType: predictionType, clipping: clipSample ? .clip(range: 1) : .none, setAlphaToOne: setAlphaToOne)
    }

    /// The number of elements of the shape.
    public var count: Int { shape.reduce(1, *) }

    /// The inference timesteps of the loop before `startIndex`.
    public func timesteps() throws(ReplayError) -> [Int] {
        let t = schedule.timesteps
        let n = inferenceSteps ?? (sampler == .ddpm ? t : min(50, t))
        do {
            return try Timesteps.make(count: n, trainingSteps: t, spacing: spacing, stepsOffset: stepsOffset)
        } catch {
            throw .reference(error)
        }
    }
}

extension ReplayConfiguration {
    /// Parses a shape such as "4,3,8,8".
    public static func parseShape(_ text: String) throws(ReplayError) -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) >= 1 }) else { throw .invalidShape(text) }
        let dims = parts.compactMap { $0 }
        guard dims.reduce(1, { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }) < 1 << 28 else {
            throw .invalidShape(text)
        }
        return dims
    }

    /// The Reference option types, by their raw values, for ``parseOption(_:name:as:)``.
    public typealias Spacing = TimestepSpacing
    public typealias Prediction = PredictionType
    public typealias Variance = VarianceType

    /// A schedule named on the command line as `verify-schedule --schedule` takes it: linear,
    /// scaled_linear, cosine (squaredcos_cap_v2) or sigmoid, or the Swift spellings.
    public static func parseSchedule(_ name: String, timesteps: Int, betaStart: Double, betaEnd: Double) throws(ReplayError) -> ScheduleSpecification {
        guard let kind = OptionSpelling.scheduleKind(name) else {
            throw .invalidOption(name: "--schedule", value: name, expected: "one of " + OptionSpelling.scheduleNames.joined(separator: ", "))
        }
        guard timesteps >= 1 else {
            throw .invalidOption(name: "--train-steps", value: "\(timesteps)", expected: "T ≥ 1")
        }
        var spec = ScheduleSpecification(kind: kind, timesteps: timesteps)
        spec.betaStart = betaStart
        spec.betaEnd = betaEnd
        return spec
    }

    /// Parses an option whose values are the raw values of `T`.
    public static func parseOption<T: RawRepresentable & CaseIterable>(_ value: String, name: String, as _: T.Type) throws(ReplayError) -> T where T.RawValue == String {
        guard let parsed = T(rawValue: value) else {
            throw .invalidOption(name: name, value: value, expected: "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return parsed
    }

    /// Parses an option that a scheduler config also names, in diffusers' spelling or the Swift
    /// one (``OptionSpelling``): `v_prediction` or `vPrediction`.
    public static func parseOption<T: DiffusersSpelled>(_ value: String, name: String, as _: T.Type) throws(ReplayError) -> T {
        guard let parsed = OptionSpelling.value(value, as: T.self) else {
            throw .invalidOption(name: name, value: value, expected: "one of " + T.diffusersNames.joined(separator: ", "))
        }
        return parsed
    }

    /// Parses `--rng`.
    public static func parseRandomSource(_ value: String) throws(ReplayError) -> RandomSourceKind {
        do {
            return try RandomSourceKind(parsing: value)
        } catch {
            throw .randomSource(error)
        }
    }
}

import Foundation
