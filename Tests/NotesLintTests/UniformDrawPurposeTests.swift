import CheckerCore
import Testing
@testable import NotesLint

/// A uniform draw bound to a sample's name is the noise a sampler starts from only when a reverse
/// chain runs from it; one that is only fed to a network, a forward process or a loss is an input
/// of the right shape. A draw whose name, keyword or wrapper gives it another role (a mask, a
/// colour, a learned parameter's first value, a draw asked for as uniform) is not the noise either.
/// Each quiet case has a twin that keeps the bug and is still reported (DL201).
struct UniformDrawPurposeTests {
    static let schedule = """
        import torch
        import torch.nn as nn

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas_cumprod = torch.cumprod(1 - betas, dim=0)

        """

    static func uniformFindings(_ code: String) -> [Diagnostic] {
        CodeProbe.run(schedule + code).diagnostics.filter { $0.code == "DL201" }
    }

    // MARK: A sample's name

    @Test func aSmokeTestInputFedToTheForwardProcessIsQuiet() {
        let d = Self.uniformFindings("""
            if __name__ == "__main__":
                x = torch.rand(2, 3, 32, 32)
                x = x.to("cpu")
                z = forward_process(x, torch.tensor(1.0))
                loss = model(x, labels)

            """)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameDrawStartingTheReverseLoopIsReported() {
        let d = Self.uniformFindings("""
            def generate(model, shape):
                x = torch.rand(shape)
                for t in reversed(range(1000)):
                    x = p_sample(model, x, t)
                return x

            """)
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func theSameDrawHandedToASamplingRoutineIsReported() {
        let d = Self.uniformFindings("""
            img = torch.rand(16, 3, 32, 32)
            out = sampler.p_sample_loop(model, img)

            """)
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aModelCalledOnTheDrawIsNoSamplingRoutine() {
        let d = Self.uniformFindings("""
            ddpm = DDPM(net, betas=(1e-4, 0.02), n_T=400)
            x = torch.rand((4, 1, 28, 28))
            ddpm(x, c)

            """)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aTestFixtureThatReturnsItsDrawIsQuiet() {
        let d = Self.uniformFindings("""
            class SchedulerTest:
                @property
                def dummy_sample(self):
                    sample = torch.rand((4, 3, 8, 8))
                    return sample

            """)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    // MARK: A name, keyword or wrapper that gives the draw another role

    @Test func aDrawThatPicksAMaskIsQuiet() {
        let d = Self.uniformFindings("""
            def get_randmask(observed_mask):
                rand_for_mask = torch.rand_like(observed_mask) * observed_mask
                return rand_for_mask

            """)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aFunctionNamedForUniformDrawsIsQuiet() {
        let d = Self.uniformFindings("""
            def random_uniform_like(tensor, low, high):
                return (high - low) * torch.rand_like(tensor) + low

            """)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theNoiseOfTheForwardProcessNextToAMaskIsStillReported() {
        let d = Self.uniformFindings("""
            def q_sample(x0, t, mask):
                noise = torch.rand_like(x0)
                xt = alphas_cumprod[t].sqrt() * x0 + (1 - alphas_cumprod[t]).sqrt() * noise
                return xt * mask

            """)
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aKeywordNamesTheRoleOfItsValue() {
        let quiet = Self.uniformFindings("""
            noise_dot = Dot(point=[0.0, 0.0, 0.0], radius=0.015, color=interpolate(WHITE, RED, np.random.random()))

            """)
        #expect(quiet.isEmpty, "\(Corpus.describe(quiet))")
        let reported = Self.uniformFindings("""
            xt = q_sample(x0, t, noise=torch.rand_like(x0))

            """)
        #expect(reported.count == 1, "\(Corpus.describe(reported))")
    }

    @Test func aLearnedParametersFirstValueIsQuiet() {
        let d = Self.uniformFindings("""
            class Energy(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.epsilon_raw = nn.Parameter(torch.log(torch.rand(1)))
                    self.k_raw = nn.Parameter(torch.rand(1))

            """)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aCentredDrawShapedLikeAFreshTensorIsQuiet() {
        let quiet = Self.uniformFindings("""
            x0 = 2.0 * torch.rand_like(torch.empty(64, 1, 28, 28)) - 1.0

            """)
        #expect(quiet.isEmpty, "\(Corpus.describe(quiet))")
        // Shaped like the sample it noises, the centred draw is still the noise.
        let reported = Self.uniformFindings("""
            noise = 2.0 * torch.rand_like(x0) - 1.0
            xt = alphas_cumprod[t].sqrt() * x0 + (1 - alphas_cumprod[t]).sqrt() * noise

            """)
        #expect(reported.count == 1, "\(Corpus.describe(reported))")
    }
}
