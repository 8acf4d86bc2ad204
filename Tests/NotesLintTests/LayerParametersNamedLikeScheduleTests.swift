import CheckerCore
import Testing
@testable import NotesLint

/// A flow's `self.alpha` (the margin of a logit transform) and a FiLM layer's `self.beta` are
/// parameters of a layer, not the schedule; in code that holds a schedule table a singular
/// attribute used without `[t]` is still the missing index.
struct LayerParametersNamedLikeScheduleTests {
    static func missingIndex(_ code: String) -> [Diagnostic] {
        CodeProbe.run(code).diagnostics.filter { $0.code == "DL203" }
    }

    @Test func aFlowsMarginIsOneNumber() {
        let code = """
            import torch
            import torch.nn as nn

            class LogitTransform(nn.Module):
                def __init__(self, alpha):
                    nn.Module.__init__(self)
                    self.alpha = alpha

                def forward(self, x):
                    s = self.alpha + (1 - 2 * self.alpha) * x
                    return torch.log(s) - torch.log(1 - s)

            """
        #expect(Self.missingIndex(code).isEmpty)
    }

    @Test func aFiLMShiftIsALayersParameter() {
        let code = """
            import torch
            import torch.nn as nn

            class FiLM(nn.Module):
                def __init__(self, n_features):
                    super().__init__()
                    self.gamma = nn.Parameter(torch.ones(n_features))
                    self.beta = nn.Parameter(torch.zeros(n_features))

                def forward(self, h):
                    return self.gamma.view(-1, 1) * h + self.beta.view(-1, 1)

            """
        #expect(Self.missingIndex(code).isEmpty)
    }

    /// With the schedule built in the class, `self.alpha_bar` used whole beside a sample is the
    /// missing `[t]`.
    @Test func aScheduleAttributeWithoutItsIndexIsStillFound() {
        let code = """
            import torch

            class Diffusion:
                def __init__(self, betas):
                    self.alphas_cumprod = torch.cumprod(1 - betas, 0)

                def q_sample(self, x0, t, noise):
                    return self.alpha_bar.sqrt() * x0 + (1 - self.alpha_bar).sqrt() * noise

            """
        #expect(Self.missingIndex(code).count >= 1)
    }
}
