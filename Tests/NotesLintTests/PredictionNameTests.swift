import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ code: String) -> [Diagnostic] {
    NotesLinter.lintPython(text: code, path: "sampler.py")
}

/// A network's output is read as its noise prediction ε_θ unless the name it is stored under says
/// it predicts something else (the velocity v, the clean data x̂_0, the score): a right step in
/// another parametrization is not judged as a wrong ε-step, and an ε-step is still judged.
struct PredictionNameTests {
    static let velocityStep = """
        def step(model, x, t, t_prev, alphas_cumprod):
            a_t = alphas_cumprod[t]
            a_prev = alphas_cumprod[t_prev]
            v = model(x, t)
            x0 = a_t ** 0.5 * x - (1 - a_t) ** 0.5 * v
            eps = (1 - a_t) ** 0.5 * x + a_t ** 0.5 * v
            return a_prev ** 0.5 * x0 + (1 - a_prev) ** 0.5 * eps
        """

    static let cleanDataStep = """
        import torch

        def p_step(net, x_t, t, betas, alphas, alphas_cumprod, alphas_cumprod_prev):
            x0_pred = net(x_t, t)
            coef_x0 = torch.sqrt(alphas_cumprod_prev[t]) * betas[t] / (1 - alphas_cumprod[t])
            coef_xt = torch.sqrt(alphas[t]) * (1 - alphas_cumprod_prev[t]) / (1 - alphas_cumprod[t])
            return coef_x0 * x0_pred + coef_xt * x_t
        """

    static let scoreStep = """
        import torch

        def reverse_step(score_model, x, t, betas, alphas):
            score = score_model(x, t)
            return (x + betas[t] * score) / torch.sqrt(alphas[t])
        """

    static let noiseStep = """
        import torch

        def p_step(model, x_t, t, betas, alphas, alphas_cumprod):
            eps = model(x_t, t)
            return (x_t - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
        """

    @Test(arguments: [velocityStep, cleanDataStep, scoreStep, noiseStep])
    func aRightStepInItsOwnParametrizationIsQuiet(_ code: String) {
        let d = lint(code)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongNoiseStepIsStillReported() {
        let planted = Self.noiseStep.replacingOccurrences(of: "torch.sqrt(1 - alphas_cumprod[t]) * eps", with: "(1 - alphas_cumprod[t]) * eps")
        let d = lint(planted)
        #expect(d.map(\.code) == ["DL205"], "\(Corpus.describe(d))")
    }

    @Test func namesThatSayAnotherPredictionAreRecognized() {
        for name in ["v", "v_pred", "velocity", "x0_pred", "pred_xstart", "pred_original_sample", "denoised", "score", "self.score"] {
            #expect(CodeAnalysis.namesOtherPrediction(name), "\(name)")
        }
        for name in ["eps", "noise_pred", "model_output", "e_t", "x_t", "out"] {
            #expect(!CodeAnalysis.namesOtherPrediction(name), "\(name)")
        }
    }
}
