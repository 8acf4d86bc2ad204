import CheckerCore
import Testing
@testable import NotesLint

/// Code whose conventions the step checks must read before they judge: a noise-level grid whose
/// step 0 is the data (DL222), a loop counter handed to a step beside its timestep (DL223), a
/// forward function that hands back its posterior mean before the sample (DL213), ᾱ as the
/// exponential of a cumulative sum of logs in method form (DL206), and Python 2's builtins
/// (DL211). Each wrong neighbour is still found.
struct GridCounterAndTupleTests {
    static let levelGrid = """
        import numpy as np
        import torch

        class LevelSampler:
            def __init__(self, model, T=100):
                self.model = model
                self.T = T
                self.sigmas = torch.linspace(0.0, 1.0, T)

            def training_pair(self, x):
                k = np.random.randint(1, self.T)
                noise = torch.randn_like(x)
                return x + self.sigmas[k] * noise, noise

            def sample(self, z):
                dt = -1.0 / self.T
                for k in range(self.T - 1, 0, -1):
                    level = torch.full((z.shape[0], 1), k / self.T)
                    inp = torch.cat((z, level), dim=1)
                    eps = self.model(inp)
                    z += eps * dt
                return z

        """

    @Test func aGridWhoseStepZeroIsTheDataHasTMinusOneSteps() {
        let d = CodeProbe.run(Self.levelGrid).diagnostics.filter { $0.code == "DL222" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aLoopThatStopsAtOneOverDDPMTablesIsStillShort() {
        // The same loop over α and ᾱ tables, whose index 0 is a real step: still one short.
        let ddpm = Self.levelGrid
            .replacingOccurrences("self.sigmas = torch.linspace(0.0, 1.0, T)", "self.betas = torch.linspace(1e-4, 0.02, T)\n        self.alphas = 1 - self.betas\n        self.alpha_bar = torch.cumprod(self.alphas, dim=0)")
            .replacingOccurrences("return x + self.sigmas[k] * noise, noise", "return self.alpha_bar[k].sqrt() * x + (1 - self.alpha_bar[k]).sqrt() * noise, noise")
            .replacingOccurrences("z += eps * dt", "z = (z - self.betas[k] / (1 - self.alpha_bar[k]).sqrt() * eps) / self.alphas[k].sqrt()")
        let d = CodeProbe.run(ddpm).diagnostics.filter { $0.code == "DL222" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
        // Without a training draw from 1 the grid's loop is judged as before.
        let untrained = Self.levelGrid.replacingOccurrences("np.random.randint(1, self.T)", "np.random.randint(0, self.T)")
        #expect(CodeProbe.run(untrained).diagnostics.filter { $0.code == "DL222" }.count == 1)
    }

    static let counterStep = """
        import torch

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        alphas = 1 - betas
        alphas_hat = torch.cumprod(alphas, dim=0)

        def guided_step(i, model, x_t, t):
            a = alphas[t]
            a_hat = alphas_hat[t]
            mean = (x_t - betas[t] / torch.sqrt(1 - a_hat) * model(x_t, t)) / torch.sqrt(a)
            z = torch.randn_like(x_t)
            if i == 1:
                z = z * 0
            return mean + torch.sqrt(betas[t]) * z

        def sample(model, x, steps):
            for i in reversed(range(1, steps)):
                t = torch.full((x.shape[0],), i * (T // steps), dtype=torch.long)
                x = guided_step(i, model, x, t)
            return x

        """

    @Test func aGateOnACounterBesideTheStepSaysNothingOfTheTables() {
        let d = CodeProbe.run(Self.counterStep).diagnostics.filter { ["DL223", "DL210"].contains($0.code) }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aGateAtOneOnTheStepThatIndexesTheTablesIsStillFound() {
        let onStep = Self.counterStep.replacingOccurrences("if i == 1:", "if t == 1:")
        #expect(onStep != Self.counterStep)
        let d = CodeProbe.run(onStep).diagnostics.filter { $0.code == "DL223" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    static let forwardWithPosterior = """
        import torch

        class Chain:
            def __init__(self, T):
                self.betas = torch.linspace(1e-4, 0.02, T)
                self.alphas = 1 - self.betas
                self.alphas_bar = torch.cumprod(self.alphas, 0)

            def forward_process(self, x0, t):
                ab = self.alphas_bar[t]
                ab_prev = self.alphas_bar[t - 1]
                xt = torch.sqrt(ab) * x0 + torch.sqrt(1 - ab) * torch.randn_like(x0)
                c0 = torch.sqrt(ab_prev) * self.betas[t] / (1 - ab)
                ct = torch.sqrt(self.alphas[t]) * (1 - ab_prev) / (1 - ab)
                std = torch.sqrt((1 - ab_prev) / (1 - ab) * self.betas[t])
                return c0 * x0 + ct * xt, std, xt

        """

    @Test func aPosteriorMeanHandedBackBeforeTheSampleIsNoForwardSample() {
        let d = CodeProbe.run(Self.forwardWithPosterior).diagnostics.filter { $0.code == "DL213" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongSampleHandedBackFirstIsStillFound() {
        // Only the wrong sample, handed back first: √ᾱ_t dropped from x_0.
        let wrong = Self.forwardWithPosterior
            .replacingOccurrences("xt = torch.sqrt(ab) * x0 +", "xt = x0 +")
            .replacingOccurrences("return c0 * x0 + ct * xt, std, xt", "return xt, std")
        let d = CodeProbe.run(wrong).diagnostics.filter { $0.code == "DL213" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func theExponentialOfACumulativeSumOfLogsIsTheProduct() {
        let code = """
            import torch

            class Schedule:
                def __init__(self, T):
                    self.betas = torch.linspace(1e-4, 0.02, T)
                    self.alphas = 1 - self.betas
                    self.alphas_bar = self.alphas.log().cumsum(0).exp()

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL206" }.isEmpty)
        let summed = code.replacingOccurrences("self.alphas.log().cumsum(0).exp()", "self.alphas.cumsum(0)")
        #expect(CodeProbe.run(summed).diagnostics.filter { $0.code == "DL206" }.count == 1)
    }

    @Test func pythonTwosBuiltinsAreNoSlips() {
        let code = """
            import numpy as np

            def basis(n):
                out = []
                for k in xrange(n):
                    out.append(np.cos(k))
                return out

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }.isEmpty)
        let slip = code.replacingOccurrences("xrange(n)", "rnage(n)")
        #expect(CodeProbe.run(slip).diagnostics.filter { $0.code == "DL211" }.map(\.fix) == ["range"])
    }
}
