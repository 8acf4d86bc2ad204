import Testing
@testable import NotesLint

/// A code step from x_t to the noisier x_{t+1} (DDIM inversion) is the DDIM map with the two
/// levels exchanged: right when it is that map, reported when it is not.
struct DDIMInversionCodeTests {
    static let throughPrediction = """
    def invert_step(model_output, x, t, prev_t, alphas_cumprod):
        a_next = alphas_cumprod[t]
        a_here = alphas_cumprod[prev_t]
        x0_pred = (x - (1 - a_here) ** 0.5 * model_output) / a_here ** 0.5
        return a_next ** 0.5 * x0_pred + (1 - a_next) ** 0.5 * model_output
    """

    static let odeForm = """
    def encode_step(noise_pred, x, t, prev_t, alphas_cumprod):
        \"\"\"Maps x_t to x_{t+1} along the deterministic ODE.\"\"\"
        ab_next = alphas_cumprod[t]
        ab_now = alphas_cumprod[prev_t]
        gap = ((1 - ab_next) / ab_next) ** 0.5 - ((1 - ab_now) / ab_now) ** 0.5
        x_t_next = ab_next ** 0.5 * (x / ab_now ** 0.5 + gap * noise_pred)
        return x_t_next
    """

    @Test func theInversionMapIsRight() {
        for code in [Self.throughPrediction, Self.odeForm] {
            let d = CodeProbe.run(code).diagnostics
            #expect(d.isEmpty, "\(Corpus.describe(d))")
        }
    }

    @Test func aWrongInversionIsReportedAsOne() {
        let variance = Self.throughPrediction.replacingOccurrences("(1 - a_next) ** 0.5 * model_output", "(1 - a_next) * model_output")
        let unrooted = Self.odeForm.replacingOccurrences("gap = ((1 - ab_next) / ab_next) ** 0.5", "gap = ((1 - ab_next) / ab_next)")
        for code in [variance, unrooted] {
            let d = CodeProbe.run(code).diagnostics
            #expect(d.map(\.code) == ["DL205"] && d.first?.message.contains("noisier level") == true, "\(Corpus.describe(d))")
        }
    }
}
