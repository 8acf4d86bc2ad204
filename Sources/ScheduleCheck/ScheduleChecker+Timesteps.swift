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

extension CheckContext {
    /// VS501–VS507: the sampling timesteps for --inference-steps N (or an explicit list).
    func timestepChecks() -> [CheckOutcome] {
        let rules = [ScheduleRules.timestepOutOfRange, ScheduleRules.timestepsNotDescending, ScheduleRules.timestepCount,
                     ScheduleRules.lateFirstTimestep, ScheduleRules.fixedStridePrevious, ScheduleRules.leadingOffsetOverflow,
                     ScheduleRules.roundingHalfAway]
        let T = count
        guard let n = settings.inferenceSteps ?? settings.timesteps?.count, n >= 1, n <= T else {
            return rules.map { .notApplicable($0, "no sampling timesteps (give --inference-steps N)") }
        }
        let spacing = settings.timestepSpacing
        let offset = settings.stepsOffset
        let generated = (try? Timesteps.make(count: n, trainingSteps: T, spacing: spacing, stepsOffset: offset)) ?? []
        let list = settings.timesteps ?? generated
        let source = settings.timesteps == nil ? "\(spacing.rawValue) spacing, N = \(n), offset \(offset)" : "the given list (N = \(n))"
        let listLocation = location(ofKey: "timestep_spacing")
        var outcomes: [CheckOutcome] = []
        let shown = list.count <= 12 ? list.map(String.init).joined(separator: ", ")
            : (list.prefix(4).map(String.init) + ["…"] + list.suffix(3).map(String.init)).joined(separator: ", ")

        // VS506 first: it explains an out-of-range first timestep.
        let overflow = settings.timesteps == nil && spacing == .leading && (n - 1) * (T / n) + offset >= T
        var overflowOutcome: CheckOutcome
        if overflow {
            let first = (n - 1) * (T / n) + offset
            overflowOutcome = .fired(
                ScheduleRules.leadingOffsetOverflow,
                message: "leading spacing with N = \(n) and steps_offset = \(offset) starts at (N − 1)·(T div N) + offset = \(first) ≥ T = \(T)",
                summary: "first timestep \(first) ≥ T = \(T)",
                details: [.init("firstTimestep", "\(first)"), .init("T", "\(T)"), .init("stepsOffset", "\(offset)")],
                location: location(ofKey: "steps_offset"),
                fix: "steps_offset = 0, or trailing spacing"
            )
        } else {
            overflowOutcome = spacing == .leading || settings.timesteps != nil
                ? .passed(ScheduleRules.leadingOffsetOverflow, "first timestep \(list.first ?? 0) < T = \(T)")
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
            outcomes.append(.fired(
                ScheduleRules.timestepsNotDescending,
                message: "sampling timesteps are not strictly descending: timesteps[\(i - 1)] = \(list[i - 1]), timesteps[\(i)] = \(list[i])",
                summary: "\(descending.count) violations, first at index \(i)",
                details: [.init("index", "\(i)"), .init("previous", "\(list[i - 1])"), .init("value", "\(list[i])")],
                location: listLocation
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.timestepsNotDescending, "strictly descending"))
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
            outcomes.append(.passed(ScheduleRules.timestepCount, "\(list.count) timesteps = N"))
        }

        // VS504
        let stride = T / n
        if let first = list.first, first < T - 1, first >= 0 {
            let gap = T - 1 - first
            let severity: Severity = gap >= stride ? .warning : .note
            let leak = alphaBars[first] >= 0 ? alphaBars[first].squareRoot() : .nan
            outcomes.append(.fired(
                ScheduleRules.lateFirstTimestep, severity: severity,
                message: "sampling starts at t = \(first), not T − 1 = \(T - 1) (\(gap) steps early, stride T div N = \(stride)): the starting noise is treated as x[\(first)], where √ᾱ = \(format(leak))",
                summary: "first timestep \(first), gap \(gap), stride \(stride)",
                details: [.init("firstTimestep", "\(first)"), .init("gap", "\(gap)"), .init("stride", "\(stride)"), .init("sqrtAlphaBarFirst", format(leak))],
                location: listLocation,
                fix: "timestep_spacing = trailing (starts at T − 1)"
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.lateFirstTimestep, "first timestep \(list.first ?? -1)"))
        }

        // VS505: t → t − T div N against the list.
        if settings.stepsByFixedStride {
            var mismatches: [(Int, Int, Int)] = []  // (t, stride target, list target)
            for k in list.indices {
                let next = k + 1 < list.count ? list[k + 1] : -1
                let byStride = list[k] - stride
                if k + 1 < list.count ? byStride != next : byStride >= 0 { mismatches.append((list[k], byStride, next)) }
            }
            if let (t, byStride, next) = mismatches.first {
                outcomes.append(.fired(
                    ScheduleRules.fixedStridePrevious,
                    message: "a sampler stepping by T div N = \(stride) goes \(t) → \(byStride), but the list continues \(t) → \(next < 0 ? "the end" : String(next)) (\(mismatches.count) of \(list.count) steps disagree)",
                    summary: "\(mismatches.count) of \(list.count) steps disagree with the stride \(stride)",
                    details: [.init("stride", "\(stride)"), .init("mismatches", "\(mismatches.count)"), .init("timestep", "\(t)"), .init("byStride", "\(byStride)"), .init("listNext", "\(next)")],
                    location: listLocation,
                    fix: "prev(tₖ) = tₖ₊₁ of the list (or spacing and N for which T div N is the exact stride)"
                ))
            } else {
                outcomes.append(.passed(ScheduleRules.fixedStridePrevious, "every step of the list is t − \(stride)"))
            }
        } else {
            outcomes.append(.notApplicable(ScheduleRules.fixedStridePrevious, "\(settings.schedulerClass ?? "the sampler") follows the list"))
        }

        // VS507: rounding half to even (NumPy) versus half away from zero.
        if spacing == .leading {
            outcomes.append(.notApplicable(ScheduleRules.roundingHalfAway, "leading spacing does not round"))
        } else {
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
}
