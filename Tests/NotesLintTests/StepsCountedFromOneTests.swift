import CheckerCore
import Testing
@testable import NotesLint

/// A class that counts its steps from 1 reads every table at `[t - 1]`. Its posterior mean in x_0
/// and x_t is then the mean of the step before t in the checker's count: a convention, as it
/// already is for the mean in x_t and ε_θ. Tables read at two different indices in one mean are
/// still a wrong mean.
struct StepsCountedFromOneTests {
    static func posteriorClass(coefficientOne: String, coefficientTwo: String) -> String {
        """
        import numpy as np
        import torch

        class Chain:
            def __init__(self, steps=1000):
                self.betas = torch.linspace(1e-4, 0.02, steps)
                self.alphas = 1 - self.betas
                self.alphas_hat = torch.cumprod(self.alphas, 0)
                self.alphas_hat_prev = torch.Tensor(np.append(1.0, self.alphas_hat[:-1].numpy()))
                self.posterior_variance = self.betas * (1.0 - self.alphas_hat_prev) / (1.0 - self.alphas_hat)
                self.coef_x0 = self.betas * torch.sqrt(self.alphas_hat_prev) / (1.0 - self.alphas_hat)
                self.coef_xt = (1.0 - self.alphas_hat_prev) * torch.sqrt(self.alphas) / (1.0 - self.alphas_hat)

            def q_posterior(self, t, x0, x_t):
                mean_t = x0 * self.coef_x0[\(coefficientOne)] + x_t * self.coef_xt[\(coefficientTwo)]
                var_t = self.posterior_variance[t - 1]
                return mean_t, var_t
        """
    }

    static func meanFindings(_ code: String) -> [Diagnostic] {
        CodeProbe.run(code).diagnostics.filter { $0.code == "DL205" }
    }

    @Test func aPosteriorMeanReadAtTheStepBeforeIsQuiet() {
        let d = Self.meanFindings(Self.posteriorClass(coefficientOne: "t - 1", coefficientTwo: "t - 1"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aPosteriorMeanReadAtTwoStepsIsStillWrong() {
        let d = Self.meanFindings(Self.posteriorClass(coefficientOne: "t - 1", coefficientTwo: "t"))
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func swappedCoefficientsAreStillWrong() {
        let d = Self.meanFindings(Self.posteriorClass(coefficientOne: "t - 1", coefficientTwo: "t - 1")
            .replacingOccurrences(of: "x0 * self.coef_x0", with: "x0 * self.coef_xt").replacingOccurrences(of: "x_t * self.coef_xt", with: "x_t * self.coef_x0"))
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A score model turned into a noise prediction (DL205)

    static func scoreSampler(conversion: String) -> String {
        """
        import torch

        T = 100
        betas = torch.linspace(1e-4, 0.02, T)
        alphas = 1.0 - betas
        alphas_bar = torch.cumprod(alphas, dim=0)

        @torch.no_grad()
        def sample(model, n):
            x_t = torch.randn(n)
            for t in reversed(range(1, T + 1)):
                alpha_t = alphas[t - 1]
                alpha_bar_t = alphas_bar[t - 1]
                beta_t = betas[t - 1]
                s_pred = model(x_t, torch.full((n,), t))
                eps_theta = \(conversion)
                mean = (1 / torch.sqrt(alpha_t)) * (x_t - (beta_t / torch.sqrt(1 - alpha_bar_t)) * eps_theta)
                if t > 1:
                    x_t = mean + torch.sqrt(beta_t) * torch.randn_like(x_t)
                else:
                    x_t = mean
            return x_t
        """
    }

    @Test func aScoreTurnedIntoNoiseGivesTheDDPMMean() {
        let d = Self.meanFindings(Self.scoreSampler(conversion: "- torch.sqrt(1 - alpha_bar_t) * s_pred"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aScoreTurnedIntoNoiseWithTheWrongSignIsStillWrong() {
        let d = Self.meanFindings(Self.scoreSampler(conversion: "torch.sqrt(1 - alpha_bar_t) * s_pred"))
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
