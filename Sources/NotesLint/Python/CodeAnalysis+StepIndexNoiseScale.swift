/// A forward sample x_0 + t·ε whose noise scale is the integer step index itself. Where the code
/// draws integer steps (`randint`) and keeps a discrete schedule (a ᾱ table), t is an index into
/// that table, and the forward sample at step t is √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε (Ho et al. 2020,
/// Eq. 4): total variance 1, not 1 + t². A continuous time used as the noise level (σ = t in
/// Karras et al. 2022) is a different process and has no table of ᾱ to contradict.
///
/// Judged by value: at every probed step (t = 250, 1, 700 of a long schedule) the function returns exactly
/// x_0 + t·ε (coefficients within 1e-9 relative: they are integers computed exactly).
extension CodeAnalysis {
    /// Whether the code draws its steps as integers (`torch.randint`, `np.random.randint`).
    static func drawsIntegerTimesteps(_ statements: [PyStatement]) -> Bool {
        var found = false
        for s in statements {
            visitExpressions(s) { e in
                e.walk { node in
                    if case .call(let f, _, _, _) = node, let n = f.dottedName, lastComponent(n) == "randint" { found = true }
                }
            }
        }
        return found
    }

    /// The returned tensor is x_0 + t·ε at this step, and the code has a discrete ᾱ table.
    static func noiseScaleIsTheStep(_ returned: TensorForm, t: Int, tables: [[Double]]) -> Bool {
        guard !tables.isEmpty, t >= 1, returned.deterministicKeys == [.data], returned.constant == 0,
              nearlyEqual(returned.coefficient(.data), 1) else { return false }
        let noise = returned.noiseKeys
        guard noise.count == 1 else { return false }
        return nearlyEqual(returned.coefficient(noise[0]).magnitude, Double(t))
    }

    static func stepIndexScaleFinding(at offset: Int, t: Int) -> CodeFinding {
        CodeFinding(rule: .wrongForwardSampleCode, offset: offset,
                    message: "the forward sample is x_0 + t·ε with the integer step t as the noise scale (x_0 + \(t)·ε at t = \(t)): the code's steps index a ᾱ table, and the sample at step t is √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε, of total variance 1",
                    fix: "sqrt(alphas_cumprod[t]) * x_0 + sqrt(1 - alphas_cumprod[t]) * noise")
    }
}
