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
}
