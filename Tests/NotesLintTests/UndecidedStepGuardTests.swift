import Testing
@testable import NotesLint

/// A test of the step the interpreter cannot decide (`t[0] == 0` on a tensor of steps) that keeps
/// the noise out of one branch gates it: no finding about noise at the last step.
struct UndecidedStepGuardTests {
    static let sampler = """
    def p_sample(model, x, t):
        mean = (x - betas[t] / sqrt_one_minus_ab[t] * model(x, t)) / torch.sqrt(alphas[t])
        if t[0] == 0:
            return mean
        else:
            noise = torch.randn_like(x)
            return mean + torch.sqrt(betas[t]) * noise

    def sample(model, shape):
        img = torch.randn(shape)
        for i in reversed(range(T)):
            t = torch.full((shape[0],), i, dtype=torch.long)
            img = p_sample(model, img, t)
        return img
    """

    static let guarded = "if t[0] == 0:\n        return mean\n    else:\n        noise = torch.randn_like(x)\n        return mean + torch.sqrt(betas[t]) * noise"

    @Test func guardsOnATensorOfStepsGateTheNoise() {
        let variants = [
            Self.sampler,
            Self.sampler.replacingOccurrences("if t[0] == 0:", "if int(t[0].item()) == 0:"),
            Self.sampler.replacingOccurrences(Self.guarded, "z = torch.randn_like(x)\n    if (t > 0).all():\n        return mean + torch.sqrt(betas[t]) * z\n    return mean"),
        ]
        for code in variants {
            let d = CodeProbe.run(code).diagnostics
            #expect(d.isEmpty, "\(Corpus.describe(d))")
        }
    }

    @Test func noiseWithNoGuardIsStillCaught() {
        let wrong = Self.sampler.replacingOccurrences(Self.guarded, "noise = torch.randn_like(x)\n    return mean + torch.sqrt(betas[t]) * noise")
        #expect(CodeProbe.run(wrong).diagnostics.map(\.code) == ["DL210"])
    }

    /// A standalone step (no loop calls it) that gates its noise with a conditional expression on
    /// one element of the batch of steps.
    static let standalone = """
    def p_sample(model, x_t, t, betas, alphas_cumprod):
        eps = model(x_t, t)
        beta_t = betas[t].view(-1, 1, 1, 1)
        mean = (x_t - beta_t / torch.sqrt(1 - alphas_cumprod[t].view(-1, 1, 1, 1)) * eps) / torch.sqrt(1 - beta_t)
        noise = torch.randn_like(x_t) if t[0] > 0 else 0
        return mean + torch.sqrt(beta_t) * noise
    """

    @Test func aConditionalExpressionOnOneElementGatesTheNoise() {
        for code in [Self.standalone, Self.standalone.replacingOccurrences("if t[0] > 0", "if t.min().item() > 0")] {
            let d = CodeProbe.run(code).diagnostics
            #expect(d.isEmpty, "\(Corpus.describe(d))")
        }
        let ungated = Self.standalone.replacingOccurrences(" if t[0] > 0 else 0", "")
        #expect(CodeProbe.run(ungated).diagnostics.map(\.code) == ["DL210"])
    }

    @Test func aTestOfSomethingElseGatesNothing() {
        // A branch on the batch size is no guard of the step.
        let wrong = Self.sampler.replacingOccurrences("if t[0] == 0:", "if x.shape[0] == 0:")
        #expect(CodeProbe.run(wrong).diagnostics.map(\.code) == ["DL210"])
    }
}
