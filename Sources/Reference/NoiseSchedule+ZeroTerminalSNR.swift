import RealModule

extension NoiseSchedule {
    /// Rescales the schedule so that the last step has zero signal-to-noise ratio.
    ///
    ///     aₜ = √ᾱₜ;   aₜ ← (aₜ − a_{T−1}) · a₀/(a₀ − a_{T−1});   ᾱ'ₜ = aₜ²
    ///     α'₀ = ᾱ'₀,   α'ₜ = ᾱ'ₜ/ᾱ'ₜ₋₁,   β'ₜ = 1 − α'ₜ          [Lin et al. 2023, Algorithm 1]
    ///
    /// √ᾱ₀ is unchanged, ᾱ'_{T−1} = 0 and β'_{T−1} = 1 exactly. As in diffusers
    /// (`rescale_zero_terminal_snr`), α and ᾱ are then recomputed from the new betas.
    ///
    /// Evaluation. Written literally, aₜ − a_{T−1} cancels near the end (relative error
    /// ε·aₜ/(aₜ − a_{T−1})) and 1 − α'ₜ cancels near the start (ε/β'ₜ). With accurate arithmetic
    /// the scale a₀/(a₀ − a_{T−1}) drops out and
    ///
    ///     β'₀ = 1 − ᾱ₀ = β₀,   β'_{T−1} = 1,
    ///     β'ₜ = (aₜ₋₁ − aₜ)·((aₜ₋₁ − a_{T−1}) + (aₜ − a_{T−1})) / (aₜ₋₁ − a_{T−1})²,
    ///     a_s − aₜ = (ᾱ_s − ᾱₜ)/(a_s + aₜ)
    ///
    /// with ᾱ_s − ᾱₜ from ``alphaBarDrop(from:to:)``: no subtraction of close values remains.
    ///
    /// - Throws: ``ReferenceError/invalidParameter(name:value:expected:)`` when the schedule has
    ///   fewer than two steps or is already at zero SNR (a₀ = a_{T−1} makes the scale infinite).
    public func rescaledToZeroTerminalSNR() throws(ReferenceError) -> NoiseSchedule {
        let a = alphaBars.map { Scalar.sqrt($0) }
        guard count >= 2, let first = a.first, let last = a.last, first > last else {
            throw .invalidParameter(name: "rescaleZeroTerminalSNR", value: Double(count), expected: "a schedule of T ≥ 2 whose ᾱ decreases")
        }
        guard arithmetic == .accurate else {
            let scaled = a.map { ($0 - last) * first / (first - last) }
            let newAlphaBars = scaled.map { $0 * $0 }
            var newAlphas = [newAlphaBars[0]]
            for t in 1..<count {
                newAlphas.append(newAlphaBars[t] / newAlphaBars[t - 1])
            }
            return try NoiseSchedule(betas: newAlphas.map { 1 - $0 }, arithmetic: arithmetic)
        }
        let end = count - 1
        // a_s − a_{T−1} without cancellation.
        let aboveLast = (0..<count).map { s in s == end ? 0 : alphaBarDrop(from: s, to: end) / (a[s] + last) }
        var betas = [alphaBarDrop(from: -1, to: 0)]
        for t in 1..<end {
            let drop = alphaBarDrop(from: t - 1, to: t) / (a[t - 1] + a[t])
            betas.append(drop * (aboveLast[t - 1] + aboveLast[t]) / (aboveLast[t - 1] * aboveLast[t - 1]))
        }
        betas.append(1)
        return try NoiseSchedule(betas: betas, arithmetic: arithmetic)
    }
}
