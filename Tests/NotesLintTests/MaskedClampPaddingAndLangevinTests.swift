import Testing
@testable import NotesLint

/// A sample clamped after its noise was masked off at t = 0, a zero β written out as a one-element
/// table in front of the schedule, and a step named for Langevin dynamics.
struct MaskedClampPaddingAndLangevinTests {
    static let maskedThenClamped = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 300)
    alphas = 1.0 - betas
    alphas_cumprod = torch.cumprod(alphas, 0)


    def step(x, t, model):
        eps = model(x, t)
        mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
        noise = torch.randn_like(x)
        mask = (t != 0).float()
        return mean + torch.sqrt(betas[t]) * noise * mask


    def sample(model, shape):
        img = torch.randn(shape)
        for i in range(299, -1, -1):
            t = torch.full((1,), i, dtype=torch.long)
            img = step(img, t, model)
            img = torch.clamp(img, -1.0, 1.0)
        return img

    """

    @Test func aClampAfterTheMaskKeepsTheLastStepNoiseFree() {
        let right = CodeProbe.run(Self.maskedThenClamped).diagnostics
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let unmasked = CodeProbe.run(Self.maskedThenClamped.replacingOccurrences(" * noise * mask", " * noise")).diagnostics
        #expect(unmasked.map(\.code).contains("DL210"), "\(Corpus.describe(unmasked))")
    }

    static let paddedSchedule = """
    import torch

    T = 1000
    betas = torch.linspace(1e-4, 0.02, T)
    betas = torch.cat([torch.tensor([0.0]), betas])
    alphas = 1 - betas
    alphas_bar = alphas.cumprod(dim=0)

    """

    @Test func aZeroWrittenAsAOneElementTableIsPadding() {
        let padded = CodeProbe.run(Self.paddedSchedule).diagnostics
        #expect(padded.isEmpty, "\(Corpus.describe(padded))")
        // A schedule whose own values start at zero still starts one step early. (A range typed to
        // start at 0, `linspace(0.0, 0.02, T)`, is a choice the note made: ChosenZeroStartTests.)
        let zeroStart = CodeProbe.run(Self.paddedSchedule.replacingOccurrences("betas = torch.cat([torch.tensor([0.0]), betas])\n", "betas = betas - betas[0]\n")).diagnostics
        #expect(zeroStart.map(\.code).contains("DL214"), "\(Corpus.describe(zeroStart))")
    }

    static let langevin = """
    import torch

    sigmas = torch.exp(torch.linspace(0.0, -4.6, 10))
    alphas = 2e-5 * (sigmas / sigmas[-1]) ** 2


    class Scheduler:
        def NAME(self, xt, noise_pred, i):
            z = torch.randn_like(xt)
            return xt + (alphas[i] / 2) * noise_pred + torch.sqrt(alphas[i]) * z

    """

    @Test func aStepNamedForLangevinDynamicsKeepsItsNoise() {
        let step = CodeProbe.run(Self.langevin.replacingOccurrences("NAME", "langevin_step")).diagnostics
        #expect(step.isEmpty, "\(Corpus.describe(step))")
        let reverse = CodeProbe.run(Self.langevin.replacingOccurrences("NAME", "reverse_step")).diagnostics
        #expect(!reverse.isEmpty, "\(Corpus.describe(reverse))")
    }
}
