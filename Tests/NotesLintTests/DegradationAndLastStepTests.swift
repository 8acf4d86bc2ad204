import CheckerCore
import Testing
@testable import NotesLint

/// Causes of false alarms met at first contact with small research code: a spread whose value at
/// t = 1 multiplies noise the step has switched off, the root of the logarithm of a number, a
/// deblurring model whose "noise" is the difference of two images, and a function written the way
/// a formula is. Each quiet case has a twin that keeps the bug and is still reported.
struct DegradationAndLastStepTests {
    static func findings(_ code: String, _ rule: String) -> [Diagnostic] {
        CodeProbe.run(code).diagnostics.filter { $0.code == rule }
    }

    // MARK: A spread at the step where the noise is off (DL204)

    /// Steps counted from 1; ᾱ_0 is set to a placeholder and the draw is zeroed where t == 1.
    static func oneBasedStep(gate: String) -> String {
        """
        import torch
        class Sampler:
            def __init__(self, steps=1000):
                self.betas = torch.linspace(1e-4, 0.02, steps)
                self.alphas = 1 - self.betas
                self.alpha_bars = torch.cumprod(self.alphas, dim=0)

            def step(self, net, x, t):
                idx = t - 1
                alpha = self.alphas[idx]
                alpha_bar = self.alpha_bars[idx]
                alpha_bar_prev = torch.zeros_like(alpha_bar)
                later = t > 1
                if later.any():
                    alpha_bar_prev[later] = self.alpha_bars[idx[later] - 1]
                eps = net(x, t)
                z = torch.randn_like(x)
                \(gate)
                mean = (x - (1 - alpha) / torch.sqrt(1 - alpha_bar) * eps) / torch.sqrt(alpha)
                std = torch.sqrt((1 - alpha) * (1 - alpha_bar_prev) / (1 - alpha_bar))
                return mean + z * std
        """
    }

    @Test func aPlaceholderAlphaBarAtTheStepWhoseNoiseIsOffIsNotJudged() {
        let d = Self.findings(Self.oneBasedStep(gate: "z[t == 1] = 0"), "DL204")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// Without the gate the last step adds noise of spread 1, since the placeholder ᾱ_0 = 0 makes
    /// β̃_1 = β_1/β_1; the mask on the table (`t > 1`) is no gate of the noise.
    @Test func withTheNoiseLeftOnThePlaceholderIsStillReported() {
        let d = Self.findings(Self.oneBasedStep(gate: "pass"), "DL204")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: The root of a logarithm (DL207)

    @Test func theRootOfTheLogarithmOfANumberIsAConstant() {
        let d = Self.findings("""
            import numpy as np
            def pulse_width(bandwidth_time):
                width = np.sqrt(np.log(2)) / (2 * np.pi * bandwidth_time)
                return width
            """, "DL207")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theRootOfTheLogarithmOfAVarianceIsStillReported() {
        let d = Self.findings("""
            import torch
            def reverse_std(posterior_var):
                std = torch.sqrt(torch.log(posterior_var))
                return std
            """, "DL207")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A degradation whose noise is a difference of images (DL228)

    static func restorer(forward: String) -> String {
        """
        import torch
        class Restorer:
            def __init__(self, net, steps=50):
                self.net = net
                self.steps = steps
                self.betas = torch.linspace(1e-4, 0.02, steps)
                self.alphas_cumprod = torch.cumprod(1 - self.betas, dim=0)

            def degrade(self, sharp, blurred, t):
        \(forward)

            def predict(self, x_t, t):
                return self.net(x_t, t)

        def restore(model, blurred):
            x_T = blurred
            t = torch.tensor([model.steps - 1])
            noise_pred = model.predict(x_T, t)
            x0 = x_T - noise_pred
            return x0.clamp(0, 1)
        """
    }

    @Test func theResidualOfADeblurringInterpolationIsSubtractedWhole() {
        let d = Self.findings(Self.restorer(forward: """
                    noise = blurred - sharp
                    noise_t = noise * (t / (self.steps - 1)).view(-1, 1, 1, 1)
                    return sharp + noise_t, noise_t
            """), "DL228")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func withGaussianNoiseTheSameInversionIsStillReported() {
        let d = Self.findings(Self.restorer(forward: """
                    noise = torch.randn_like(sharp)
                    ab = self.alphas_cumprod[t].view(-1, 1, 1, 1)
                    return ab.sqrt() * sharp + (1 - ab).sqrt() * noise, noise
            """), "DL228")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
