import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ code: String) -> [Diagnostic] {
    NotesLinter.lintPython(text: code, path: "sampler.py")
}

/// Noise on the last reverse step (DL210) is judged on what the sampler hands back: the loop's
/// state when the function returns it (or a list the loop fills), not a noisy state the function
/// drops for the noise-free mean it kept apart; and DDIM's σ_t(η) is that sampler's own choice.
struct FinalStepResultTests {
    static let keepsTheMean = """
        import torch

        def sample(model, x, betas, alphas, alphas_cumprod, T=1000):
            for t in reversed(range(T)):
                eps = model(x, t)
                x_mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
                x = x_mean + torch.sqrt(betas[t]) * torch.randn_like(x)
            return x_mean
        """

    static let fillsAList = """
        import torch

        def sample(model, x, betas, alphas, alphas_cumprod, T=1000):
            frames = [x]
            for t in reversed(range(T)):
                eps = model(x, t)
                mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
                x = mean + torch.sqrt(betas[t]) * torch.randn_like(x)
                frames.append(x)
            return frames
        """

    static let ddimWithEta = """
        import torch

        def ddim(model, img, alphas_cumprod, seq, prev_seq, eta=0.0):
            for i in reversed(range(len(seq))):
                a_t = alphas_cumprod[seq[i]]
                a_prev = alphas_cumprod[prev_seq[i]]
                eps = model(img, seq[i])
                x0 = (img - torch.sqrt(1 - a_t) * eps) / torch.sqrt(a_t)
                sigma = eta * torch.sqrt((1 - a_prev) / (1 - a_t) * (1 - a_t / a_prev))
                img = torch.sqrt(a_prev) * x0 + torch.sqrt(1 - a_prev - sigma ** 2) * eps + sigma * torch.randn_like(img)
            return img
        """

    @Test func aSamplerThatReturnsTheMeanIsQuiet() {
        let d = lint(Self.keepsTheMean)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func returningTheNoisyStateIsReported() {
        let d = lint(Self.keepsTheMean.replacingOccurrences(of: "return x_mean", with: "return x"))
        #expect(d.map(\.code) == ["DL210"], "\(Corpus.describe(d))")
    }

    @Test func aListOfStatesStillCarriesTheLastNoise() {
        let d = lint(Self.fillsAList)
        #expect(d.map(\.code) == ["DL210"], "\(Corpus.describe(d))")
    }

    @Test func ddimNoiseScaledByEtaIsNotJudgedHere() {
        let d = lint(Self.ddimWithEta)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let method = Self.ddimWithEta
            .replacingOccurrences(of: "def ddim(model,", with: "class Sampler:\n    def ddim(self, model,")
            .replacingOccurrences(of: ", eta=0.0):", with: "):")
            .replacingOccurrences(of: "sigma = eta *", with: "sigma = self.eta *")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { $0.offset > 3 ? "    " + $0.element : String($0.element) }.joined(separator: "\n")
        let m = lint(method)
        #expect(m.isEmpty, "\(Corpus.describe(m))")
    }

    @Test func noiseBesidesTheEtaTermIsStillReported() {
        let planted = Self.ddimWithEta.replacingOccurrences(of: "+ sigma * torch.randn_like(img)", with: "+ sigma * torch.randn_like(img) + 0.01 * torch.randn_like(img)")
        let d = lint(planted)
        #expect(d.map(\.code) == ["DL210"], "\(Corpus.describe(d))")
    }

    /// A sample clipped to [−1, 1] after every step still carries the step's draw: clipping does
    /// not remove the noise added at t = 0.
    @Test func aClippedSampleStillCarriesTheLastDraw() {
        let clipped = """
            import torch

            T = 1000
            betas = torch.linspace(1e-4, 0.02, T)
            alphas = 1 - betas
            alphas_cumprod = torch.cumprod(alphas, dim=0)

            def sample(model, shape):
                x = torch.randn(shape)
                for t in reversed(range(T)):
                    eps = model(x, t)
                    x = (x - betas[t] / (1 - alphas_cumprod[t]).sqrt() * eps) / alphas[t].sqrt() + betas[t].sqrt() * torch.randn_like(x)
                    x = torch.clamp(x, -1.0, 1.0)
                return x
            """
        #expect(lint(clipped).map(\.code) == ["DL210"], "\(Corpus.describe(lint(clipped)))")
        let gated = clipped.replacingOccurrences("betas[t].sqrt() * torch.randn_like(x)", "(betas[t].sqrt() * torch.randn_like(x) if t > 0 else 0)")
        #expect(lint(gated).isEmpty, "\(Corpus.describe(lint(gated)))")
    }

    /// A step along the score, x + β_t/2·s + √β_t·z (a Langevin or reverse-SDE predictor step),
    /// adds its noise at every level by construction; DDPM's ε-form step with the same noise at
    /// t = 0 is still reported.
    @Test func aStepAlongTheScoreKeepsItsLastNoise() {
        let scoreStep = """
            import torch

            T = 1000
            betas = torch.linspace(1e-4, 0.02, T)
            alphas_cumprod = torch.cumprod(1 - betas, dim=0)

            def step(model, x, t):
                eps = model(x, t)
                score = -eps / (1 - alphas_cumprod[t]).sqrt()
                return x + betas[t] / 2 * score + betas[t].sqrt() * torch.randn_like(x)

            def sample(model, shape):
                x = torch.randn(shape)
                for t in reversed(range(T)):
                    x = step(model, x, t)
                return x
            """
        #expect(lint(scoreStep).filter { $0.code == "DL210" }.isEmpty, "\(Corpus.describe(lint(scoreStep)))")
        let epsilonStep = scoreStep
            .replacingOccurrences("score = -eps / (1 - alphas_cumprod[t]).sqrt()", "mean = (x - betas[t] / (1 - alphas_cumprod[t]).sqrt() * eps) / (1 - betas[t]).sqrt()")
            .replacingOccurrences("return x + betas[t] / 2 * score + betas[t].sqrt() * torch.randn_like(x)", "return mean + betas[t].sqrt() * torch.randn_like(x)")
        #expect(lint(epsilonStep).filter { $0.code == "DL210" }.count == 1, "\(Corpus.describe(lint(epsilonStep)))")
    }
}

