import CheckerCore
import Reference

/// The sampling timesteps of N inference steps, as diffusers computes them but rounding halves
/// away from zero (Swift's `rounded()`, C's `round`): what a port that ignores NumPy's rounding
/// produces. Leading spacing involves no rounding and is returned unchanged.
public func timestepsRoundedHalfAway(count n: Int, trainingSteps t: Int, spacing: TimestepSpacing, stepsOffset: Int) -> [Int] {
    switch spacing {
    case .linspace:
        return numpyLinspace(0.0, Double(t - 1), count: n).map { Int($0.rounded(.toNearestOrAwayFromZero)) }.reversed()
    case .trailing:
        return numpyArange(start: Double(t), stop: 0, step: -Double(t) / Double(n)).map { Int($0.rounded(.toNearestOrAwayFromZero)) - 1 }
    case .leading:
        return (try? Timesteps.make(count: n, trainingSteps: t, spacing: .leading, stepsOffset: stepsOffset)) ?? []
    }
}

/// Thresholds of the first-timestep check.
public enum FirstStepThresholds {
    /// √ᾱ at the first sampling step from which a late start is a warning: 10 % of the signal
    /// amplitude left in what the sampler treats as pure noise (the cosine schedule's leading
    /// 10-step start at t = 900 leaves 0.154)…
    public static let signal = 0.1
    /// …and at least twice what the schedule leaves at T − 1, so that a schedule that never reaches
    /// noise (Stable Diffusion's 0.068; VS201) is not reported twice for the same leak.
    public static let overTerminal = 2.0
}

/// The sampling timesteps the checks see: the class's list, or DDIM's without a class.
struct TimestepView {
    /// The list to validate (for PNDM the base list without the PLMS repeat; for DDIMInverse descending).
    var list: [Int]
    /// How it was made, for the summaries.
    var source: String
    /// The plan of the class, when one was made.
    var plan: SamplingPlan?
    /// Why the class refuses N, when it does.
    var refusal: PlanRefusal?
}

extension CheckContext {
    /// The class's timesteps for N (or the given list).
    func timestepView(n: Int) -> TimestepView {
        let T = count
        let spacing = settings.timestepSpacing
        let offset = settings.stepsOffset
        if let given = settings.timesteps { return TimestepView(list: given, source: "the given list (N = \(n))") }
        guard let model = settings.model else {
            let list = (try? Timesteps.make(count: n, trainingSteps: T, spacing: spacing, stepsOffset: offset)) ?? []
            return TimestepView(list: list, source: "\(spacing.rawValue) spacing, N = \(n), offset \(offset)")
        }
        do {
            let plan = try model.plan(steps: n, alphaBars: alphaBars, settings: settings)
            // A non-finite timestep becomes −1, which the range check reports.
            var list = plan.timesteps.map { $0.isFinite && abs($0) < 1e15 ? Int($0.rounded(.towardZero)) : -1 }
            if model.timestepRule == .pndm {
                list = model.spacedTimesteps(n: n, t: T, spacing: spacing, offset: offset)
            } else if model.timestepRule == .inverse {
                list.reverse()
            }
            let what = model.spacings.isEmpty ? "" : "\(spacing.rawValue) spacing, "
            return TimestepView(list: list, source: "\(model.name): \(what)N = \(n), offset \(offset)", plan: plan)
        } catch {
            return TimestepView(list: [], source: "\(model.name), N = \(n)", refusal: error)
        }
    }

    /// VS501–VS507, VS509: the sampling timesteps for --inference-steps N (or an explicit list).
    func timestepChecks() -> [CheckOutcome] {
        let rules = [ScheduleRules.timestepOutOfRange, ScheduleRules.timestepsNotDescending, ScheduleRules.timestepCount,
                     ScheduleRules.lateFirstTimestep, ScheduleRules.fixedStridePrevious, ScheduleRules.leadingOffsetOverflow,
                     ScheduleRules.roundingHalfAway, ScheduleRules.classRefusesSteps]
        let T = count
        guard let n = settings.inferenceSteps ?? settings.timesteps?.count, n >= 1, n <= T else {
            return rules.map { .notApplicable($0, "no sampling timesteps (give --inference-steps N)") }
        }
        let view = timestepView(n: n)
        if let refusal = view.refusal, subject.config?.refusals.contains(where: { $0.key == refusal.key }) == true {
            return rules.map { .notApplicable($0, "\(settings.model?.name ?? "the class") refuses \(refusal.key) (VS704)") }
        }
        if let refusal = view.refusal {
            return rules.dropLast().map { .notApplicable($0, "\(settings.model?.name ?? "the class") refuses N = \(n) (VS509)") } + [.fired(
                ScheduleRules.classRefusesSteps,
                message: refusal.message,
                summary: "N = \(n) refused",
                details: [.init("N", "\(n)"), .init("key", refusal.key)],
                location: location(ofKey: refusal.key)
            )]
        }
        var outcomes: [CheckOutcome] = [.passed(ScheduleRules.classRefusesSteps, "\(settings.model?.name ?? "the sampler") accepts N = \(n)")]
        let model = settings.model
        if let unmodelled = view.plan?.unmodelled, settings.timesteps == nil {
            return outcomes + rules.dropLast().map { .notApplicable($0, "not modelled: \(unmodelled)") }
        }
        // σ-interpolated classes (the Euler family) neither index the schedule nor round: the σ checks (VS8xx) apply.
        if let model, model.timestepRule == .sigmaInterpolated, settings.timesteps == nil {
            let shown = view.plan.map { describeList($0.timesteps.map { format($0, digits: 6) }) } ?? ""
            for rule in rules.dropLast() {
                outcomes.append(.notApplicable(rule, "\(model.name) interpolates σ at fractional timesteps (see VS8xx): \(shown)"))
            }
            return outcomes
        }
        let list = view.list
        let source = view.source
        let spacing = settings.timestepSpacing
        let offset = settings.stepsOffset
        let listLocation = location(ofKey: "timestep_spacing")
        let shown = describeList(list.map(String.init))
        let inverse = model?.timestepRule == .inverse

        // VS506 first: it explains an out-of-range first timestep. Leading spacing plus steps_offset
        // reaches T at N = T; the classes that index ᾱ read one past the end there.
        let first = list.first ?? 0
        let overflow = settings.timesteps == nil && spacing == .leading && first >= T
        var overflowOutcome: CheckOutcome
        if overflow {
            overflowOutcome = .fired(
                ScheduleRules.leadingOffsetOverflow,
                message: "leading spacing with N = \(n) and steps_offset = \(offset) starts at t = \(first) ≥ T = \(T): \(model?.name ?? "a sampler that indexes ᾱ") reads ᾱ[\(first)], one past the end of the schedule",
                summary: "first timestep \(first) ≥ T = \(T)",
                details: [.init("firstTimestep", "\(first)"), .init("T", "\(T)"), .init("stepsOffset", "\(offset)")],
                location: location(ofKey: "steps_offset"),
                fix: "trailing spacing, or steps_offset = 0, or N < T"
            )
        } else {
            overflowOutcome = spacing == .leading || settings.timesteps != nil
                ? .passed(ScheduleRules.leadingOffsetOverflow, "first timestep \(first) < T = \(T)")
                : .notApplicable(ScheduleRules.leadingOffsetOverflow, "\(spacing.rawValue) spacing")
        }

        // VS501, VS502 (Reference's validation).
        let problems = Timesteps.validate(list, trainingSteps: T)
        let outOfRange = problems.compactMap { p -> (Int, Int)? in if case let .outOfRange(i, v) = p { return (i, v) } else { return nil } }
        let unexplained = overflow ? outOfRange.filter { $0.1 < T } : outOfRange
        if let (i, v) = unexplained.first {
            outcomes.append(.fired(
                ScheduleRules.timestepOutOfRange,
                message: "\(unexplained.count) sampling timesteps outside [0, \(T - 1)]: timesteps[\(i)] = \(v)",
                summary: "\(source): \(shown)",
                details: [.init("count", "\(unexplained.count)"), .init("index", "\(i)"), .init("value", "\(v)")],
                location: listLocation
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.timestepOutOfRange, "\(source): \(shown)" + (overflow ? " (overflow: VS506)" : "")))
        }
        let descending = problems.compactMap { p -> Int? in if case let .notStrictlyDescending(i) = p { return i } else { return nil } }
        if let i = descending.first {
            // A σ-based class with a repeated timestep still moves between two different σ: a warning.
            let severity: Severity = model?.usesSigmas == true ? .warning : .error
            outcomes.append(.fired(
                ScheduleRules.timestepsNotDescending, severity: severity,
                message: "sampling timesteps are not strictly \(inverse ? "ascending" : "descending"): timesteps[\(i - 1)] = \(list[i - 1]), timesteps[\(i)] = \(list[i])",
                summary: "\(descending.count) violations, first at index \(i)",
                details: [.init("index", "\(i)"), .init("previous", "\(list[i - 1])"), .init("value", "\(list[i])")],
                location: listLocation
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.timestepsNotDescending, inverse ? "strictly ascending (inversion)" : "strictly descending"))
        }

        // VS503
        if list.count != n {
            outcomes.append(.fired(
                ScheduleRules.timestepCount,
                message: "\(list.count) sampling timesteps for N = \(n) inference steps",
                summary: "\(list.count) timesteps, N = \(n)",
                details: [.init("count", "\(list.count)"), .init("N", "\(n)")],
                location: listLocation
            ))
        } else {
            let extra = view.plan.map { $0.timesteps.count != n ? " (\($0.timesteps.count) model calls: \($0.remarks.first ?? ""))" : "" } ?? ""
            outcomes.append(.passed(ScheduleRules.timestepCount, "\(list.count) timesteps = N" + extra))
        }

        outcomes.append(firstTimestepOutcome(first: first, n: n, inverse: inverse, location: listLocation))
        outcomes.append(strideOutcome(list: list, n: n, inverse: inverse, location: listLocation))

        // VS507: rounding half to even (NumPy) versus half away from zero, for the DDPM/DDIM spacing.
        if spacing == .leading {
            outcomes.append(.notApplicable(ScheduleRules.roundingHalfAway, "leading spacing does not round"))
        } else if let model, model.timestepRule != .spacing, model.timestepRule != .pndm {
            outcomes.append(.notApplicable(ScheduleRules.roundingHalfAway, "\(model.name) builds its own list"))
        } else {
            let generated = (try? Timesteps.make(count: n, trainingSteps: T, spacing: spacing, stepsOffset: offset)) ?? []
            let halfAway = timestepsRoundedHalfAway(count: n, trainingSteps: T, spacing: spacing, stepsOffset: offset)
            let differ = zip(generated, halfAway).enumerated().filter { $0.element.0 != $0.element.1 }
            if let given = settings.timesteps, given == halfAway, given != generated, let first = differ.first {
                outcomes.append(.fired(
                    ScheduleRules.roundingHalfAway,
                    message: "the timesteps were rounded half away from zero: timesteps[\(first.offset)] = \(first.element.1), NumPy's round gives \(first.element.0) (\(differ.count) values differ)",
                    summary: "\(differ.count) values rounded half away from zero",
                    details: [.init("index", "\(first.offset)"), .init("given", "\(first.element.1)"), .init("numpy", "\(first.element.0)")],
                    location: listLocation,
                    fix: "round half to even (x.rounded(.toNearestOrEven)), as numpy.round"
                ))
            } else {
                let note = differ.isEmpty ? "no halves: both roundings agree" : "\(differ.count) values depend on the rounding (index \(differ[0].offset): \(differ[0].element.0) half-even, \(differ[0].element.1) half-away)"
                outcomes.append(.passed(ScheduleRules.roundingHalfAway, note))
            }
        }
        outcomes.append(overflowOutcome)
        return outcomes
    }

    /// VS504, graded by the signal left where sampling starts: √ᾱ at the first timestep.
    func firstTimestepOutcome(first: Int, n: Int, inverse: Bool, location: SourceLocation?) -> CheckOutcome {
        let T = count
        let rule = ScheduleRules.lateFirstTimestep
        if inverse { return .notApplicable(rule, "inversion starts from the data, at t = \(first)") }
        guard first >= 0, first < T - 1 else { return .passed(rule, "first timestep \(first)") }
        let gap = T - 1 - first
        let signal = alphaBars[first] >= 0 ? alphaBars[first].squareRoot() : .nan
        let terminal = alphaBars[T - 1] >= 0 ? alphaBars[T - 1].squareRoot() : .nan
        let severe = signal >= FirstStepThresholds.signal && signal >= FirstStepThresholds.overTerminal * terminal
        return .fired(
            rule, severity: severe ? .warning : .note,
            message: "sampling starts at t = \(first), not T − 1 = \(T - 1) (\(gap) steps early): the starting noise is treated as x[\(first)], where √ᾱ = \(format(signal, digits: 4)) of the signal should remain (√ᾱ[\(T - 1)] = \(format(terminal, digits: 4)))",
            summary: "first timestep \(first), gap \(gap), √ᾱ = \(format(signal, digits: 4))",
            details: [.init("firstTimestep", "\(first)"), .init("gap", "\(gap)"), .init("sqrtAlphaBarFirst", format(signal)), .init("sqrtAlphaBarLast", format(terminal))],
            location: location,
            fix: "timestep_spacing = trailing (starts at T − 1)"
        )
    }

    /// VS505: t → t − T div N against the list, reported only where the ᾱ the step lands on differs.
    func strideOutcome(list: [Int], n: Int, inverse: Bool, location: SourceLocation?) -> CheckOutcome {
        let rule = ScheduleRules.fixedStridePrevious
        guard settings.stepsByFixedStride, !inverse else {
            return .notApplicable(rule, "\(settings.model?.name ?? "the sampler") \(inverse ? "runs upwards" : "follows the list")")
        }
        let T = count
        let stride = T / n
        let finalAlpha = settings.setAlphaToOne == false ? alphaBars[0] : 1.0
        func landing(_ t: Int) -> Double { t >= 0 && t < T ? alphaBars[t] : (t < 0 ? finalAlpha : .nan) }
        var mismatches: [(Int, Int, Int)] = []  // (t, stride target, list target)
        var sameResult = 0
        for k in list.indices {
            let next = k + 1 < list.count ? list[k + 1] : -1
            let byStride = list[k] - stride
            let differs = k + 1 < list.count ? byStride != next : byStride >= 0
            guard differs else { continue }
            if landing(byStride) == landing(next) { sameResult += 1 } else { mismatches.append((list[k], byStride, next)) }
        }
        guard let (t, byStride, next) = mismatches.first else {
            let extra = sameResult > 0 ? " (\(sameResult) step\(sameResult == 1 ? "" : "s") differ in timestep but land on the same ᾱ)" : ""
            return .passed(rule, "every step of the list is t − \(stride)" + extra)
        }
        return .fired(
            rule,
            message: "a sampler stepping by T div N = \(stride) goes \(t) → \(byStride), but the list continues \(t) → \(next < 0 ? "the end" : String(next)) (\(mismatches.count) of \(list.count) steps land on a different ᾱ)",
            summary: "\(mismatches.count) of \(list.count) steps disagree with the stride \(stride)",
            details: [.init("stride", "\(stride)"), .init("mismatches", "\(mismatches.count)"), .init("timestep", "\(t)"), .init("byStride", "\(byStride)"), .init("listNext", "\(next)")],
            location: location,
            fix: "prev(tₖ) = tₖ₊₁ of the list (or spacing and N for which T div N is the exact stride)"
        )
    }
}

/// A list shown in full up to 12 items, else its first four and last three.
func describeList(_ items: [String]) -> String {
    items.count <= 12 ? items.joined(separator: ", ") : (items.prefix(4) + ["…"] + items.suffix(3)).joined(separator: ", ")
}
