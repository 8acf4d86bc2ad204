import CheckerCore
import Testing
@testable import NotesLint

/// The loss's target must be the noise that built the model's input (DL219) only when that
/// input was built from data and noise. A demo that feeds the model a pure draw and regresses
/// on another (a regression exercise, a simulated training loop) ties the target to nothing.
struct LossTargetTiedToInputTests {
    static let simulated = """
        import torch

        for step in range(100):
            x_t = torch.randn(16, 128)
            noise = torch.randn_like(x_t)
            eps_pred = model(x_t, step)
            loss = (eps_pred - noise).pow(2).mean()

        """

    @Test func aPureDrawFedToTheModelTiesNothing() {
        let d = CodeProbe.run(Self.simulated).diagnostics.filter { $0.code == "DL219" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// x_t built from data with one draw, the loss against a second draw: still found.
    @Test func aForwardSampleWithAnotherNoiseIsStillFound() {
        let built = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.cumprod(1 - betas, dim=0)

            def loss_fn(model, x0, t):
                noise = torch.randn_like(x0)
                a = alphas_cumprod[t]
                x_t = a.sqrt() * x0 + (1 - a).sqrt() * noise
                eps_pred = model(x_t, t)
                target = torch.randn_like(x0)
                return ((eps_pred - target) ** 2).mean()

            """
        let d = CodeProbe.run(built).diagnostics.filter { $0.code == "DL219" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
        let right = built.replacingOccurrences("target = torch.randn_like(x0)", "target = noise")
        #expect(CodeProbe.run(right).diagnostics.filter { $0.code == "DL219" }.isEmpty)
    }

    /// A sample noised from data with one draw, as a training step builds it.
    static let noisedSample = """
        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas_cumprod = torch.cumprod(1 - betas, dim=0)
        x0 = torch.randn(8, 2)
        noised = alphas_cumprod[500].sqrt() * x0 + (1 - alphas_cumprod[500]).sqrt() * torch.randn(8, 2)

        """

    /// A regression exercise: the target is a curve of the model's input plus measurement noise.
    /// The curve depends on the input's own draw, so the target is not a separate noise alone.
    @Test func aCurvePlusMeasurementNoiseIsNoNoiseTarget() {
        let regression = """
            import torch
            import torch.nn.functional as F

            """ + Self.noisedSample + """
            guess = model(noised)

            inputs = torch.rand(64, 1)
            targets = torch.cos(3 * inputs) + torch.rand(64, 1)
            for step in range(200):
                loss = F.mse_loss(targets, model(inputs))

            """
        #expect(CodeProbe.run(regression).diagnostics.filter { $0.code == "DL219" }.isEmpty)
        let separate = regression.replacingOccurrences("torch.cos(3 * inputs) + torch.rand(64, 1)", "torch.rand(64, 1)")
            .replacingOccurrences("inputs = torch.rand(64, 1)", "inputs = alphas_cumprod[500].sqrt() * x0 + (1 - alphas_cumprod[500]).sqrt() * torch.randn(8, 2)")
        #expect(CodeProbe.run(separate).diagnostics.filter { $0.code == "DL219" }.count == 1)
    }

    /// A plotting call on a noised sample (`plt.imshow(x_t)`) is no model: the draw fed to the
    /// model afterwards is still a pure draw, and its loss ties the target to nothing.
    @Test func aPlotOfANoisedSampleIsNoModelInput() {
        let plotted = """
            import torch
            import matplotlib.pyplot as plt

            """ + Self.noisedSample + """
            plt.scatter(noised[:, 0], noised[:, 1])

            for step in range(100):
                x_t = torch.randn(16, 2)
                noise = torch.randn_like(x_t)
                loss = (model(x_t, step) - noise).pow(2).mean()

            """
        #expect(CodeProbe.run(plotted).diagnostics.filter { $0.code == "DL219" }.isEmpty)
        let modelled = plotted.replacingOccurrences("plt.scatter(noised[:, 0], noised[:, 1])", "guess = model(noised)")
        #expect(CodeProbe.run(modelled).diagnostics.filter { $0.code == "DL219" }.count == 1)
    }
}
