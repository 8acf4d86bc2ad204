import Testing
@testable import NotesLint

/// A batch of samples all at one step (`torch.ones(n) * i`) indexes tables and meets comparisons
/// as that step; a note that says its noise is uniform, a draw named for an amount of noise, and a
/// draw that only probes a network's shape before the name is bound again are not DL201's `rand`.
struct BatchStepAndDeclaredUniformNoiseTests {
    /// The most copied DDPM sampler's form: the batch of steps is built from `torch.ones(n)` with
    /// a batch size the code does not fix.
    static let onesTimesStepSampler = """
    import torch

    class Diffusion:
        def __init__(self, noise_steps=1000, beta_start=1e-4, beta_end=0.02, size=32):
            self.noise_steps = noise_steps
            self.beta = torch.linspace(beta_start, beta_end, noise_steps)
            self.alpha = 1. - self.beta
            self.alpha_hat = torch.cumprod(self.alpha, dim=0)
            self.size = size

        def sample(self, model, n):
            x = torch.randn((n, 3, self.size, self.size))
            for i in reversed(range(1, self.noise_steps)):
                t = (torch.ones(n) * i).long()
                predicted_noise = model(x, t)
                alpha = self.alpha[t][:, None, None, None]
                alpha_hat = self.alpha_hat[t][:, None, None, None]
                beta = self.beta[t][:, None, None, None]
                if i > 1:
                    noise = torch.randn_like(x)
                else:
                    noise = torch.zeros_like(x)
                x = 1 / torch.sqrt(alpha) * (x - ((1 - alpha) / torch.sqrt(1 - alpha_hat)) * predicted_noise) + torch.sqrt(beta) * noise
            return x

    """

    @Test func aBatchOfOnesTimesTheStepReadsTheTablesAtThatStep() {
        let right = CodeProbe.run(Self.onesTimesStepSampler).diagnostics
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = CodeProbe.run(Self.onesTimesStepSampler.replacingOccurrences("+ torch.sqrt(beta) * noise", "+ beta * noise")).diagnostics
        #expect(wrong.map(\.code).contains("DL204"), "\(Corpus.describe(wrong))")
    }

    /// SDEdit's step switches its noise off with a mask built from the step, here a float batch.
    static let maskedStep = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 1000)
    alphas = 1.0 - betas
    alphas_cumprod = alphas.cumprod(dim=0)
    logvar = torch.log(betas)


    def take(a, t, shape):
        return torch.gather(a, 0, t.long()).reshape((t.shape[0],) + (1,) * (len(shape) - 1))


    def denoise(x, t, *, model):
        out = model(x, t)
        mean = take(1 / torch.sqrt(alphas), t, x.shape) * (x - take(betas / torch.sqrt(1 - alphas_cumprod), t, x.shape) * out)
        noise = torch.randn_like(x)
        mask = 1 - (t == 0).float()
        mask = mask.reshape((x.shape[0],) + (1,) * (len(x.shape) - 1))
        return mean + mask * torch.exp(0.5 * take(logvar, t, x.shape)) * noise


    def run(model, x):
        n = 4
        for i in reversed(range(1000)):
            t = (torch.ones(n) * i)
            x = denoise(x, t=t, model=model)
        return x

    """

    @Test func aMaskFromTheStepSwitchesTheLastNoiseOffForAFloatBatch() {
        let right = CodeProbe.run(Self.maskedStep).diagnostics
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = CodeProbe.run(Self.maskedStep.replacingOccurrences("return mean + mask * torch.exp", "return mean + torch.exp")).diagnostics
        #expect(wrong.map(\.code).contains("DL210"), "\(Corpus.describe(wrong))")
    }

    /// A noise scale started as `torch.ones(n)` (the number 1 while the batch size is unknown) and
    /// then filled in element by element: the interpreter no longer holds the 1, so the step's
    /// noise is not judged with a scale it never has.
    static let scaleFilledIn = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 1000)
    alphas = 1.0 - betas
    alphas_cumprod = torch.cumprod(alphas, 0)


    def step(model, x, t):
        eps = model(x, t)
        mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
        if t == 0:
            return mean
        scale = torch.ones(x.shape[0])
        scale[:] = torch.sqrt(betas[t])
        return mean + scale.view(-1, 1, 1, 1) * torch.randn_like(x)

    """

    @Test func aStepBatchWrittenElementByElementIsNoLongerKnown() {
        let d = CodeProbe.run(Self.scaleFilledIn).diagnostics
        #expect(!d.map(\.code).contains("DL204"), "\(Corpus.describe(d))")
    }

    /// A first model that corrupts its images with uniform noise, said so in a comment, and a
    /// sampler that starts from the same kind of draw.
    static let uniformCorruptionNote = """
    # Corruption

    The first model mixes each image with noise in proportion to an amount between 0 and 1.

    ```python
    import torch

    def corrupt(x, amount):
        noise = torch.rand_like(x)
        amount = amount.view(-1, 1, 1, 1)
        return x * (1 - amount) + noise * amount

    def train_step(net, x):
        level = torch.rand(x.shape[0])
        noisy_x = corrupt(x, level)
        return ((net(noisy_x) - x) ** 2).mean()

    x = torch.rand(8, 1, 28, 28)
    for i in range(5):
        x = x * 0.8 + net(x) * 0.2
    ```

    PHRASE
    """

    /// The corruption alone, without the sampler's uniform start: only the prose can say that
    /// the uniform noise is chosen.
    static let corruptionOnlyNote = uniformCorruptionNote.replacingOccurrences("x = torch.rand(8, 1, 28, 28)\nfor i in range(5):\n    x = x * 0.8 + net(x) * 0.2\n", "")

    /// With the sampler's uniform start the code itself shows a uniform process of its own
    /// (`UniformBlendProcessTests`), said so or not.
    @Test func theWholeUniformProcessNeedsNoDeclaration() throws {
        let plain = try NotesLinter.lint(text: Self.uniformCorruptionNote.replacingOccurrences("PHRASE", ""), path: "course.md")
        #expect(!plain.map(\.code).contains("DL201"), "\(Corpus.describe(plain))")
    }

    @Test func aNoteThatSaysItsNoiseIsUniformIsNotToldItIsUniform() throws {
        #expect(Self.corruptionOnlyNote != Self.uniformCorruptionNote)
        let plain = try NotesLinter.lint(text: Self.corruptionOnlyNote.replacingOccurrences("PHRASE", ""), path: "course.md")
        #expect(plain.map(\.code).contains("DL201"), "\(Corpus.describe(plain))")
        for phrase in ["We use uniform noise here; DDPM's noise is Gaussian.",
                       "这里用的是 0 到 1 之间的均匀噪声（torch.rand）。",
                       "Ici le bruit uniforme remplace le bruit gaussien."] {
            let declared = try NotesLinter.lint(text: Self.corruptionOnlyNote.replacingOccurrences("PHRASE", phrase), path: "course.md")
            #expect(!declared.map(\.code).contains("DL201"), "\(phrase): \(Corpus.describe(declared))")
        }
        // A uniform time is not a uniform noise.
        let time = try NotesLinter.lint(text: Self.corruptionOnlyNote.replacingOccurrences("PHRASE", "t is drawn uniformly and the noise is Gaussian."), path: "course.md")
        #expect(time.map(\.code).contains("DL201"), "\(Corpus.describe(time))")
    }

    @Test func theCoverageSaysWhereTheNoteDeclaresItsUniformNoise() {
        let collector = CoverageCollector(file: "course.md")
        _ = NotesLinter.lintDocument(markdown: [SourceText(path: "course.md", text: Self.corruptionOnlyNote.replacingOccurrences("PHRASE", "This is uniform noise."))],
                                     code: [], coverage: collector)
        let entry = collector.coverage.code.first { $0.construct == "uniform draws" }
        #expect(entry?.verdict == .skipped)
        #expect(entry?.location.line == 20)
    }

    static let amountDraw = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 1000)
    alphas_cumprod = torch.cumprod(1 - betas, 0)


    def train_step(net, x):
        noise_amount = torch.rand(x.shape[0])
        noise = torch.randn_like(x)
        a = noise_amount.view(-1, 1, 1, 1)
        noisy = (1 - a) * x + a * noise
        return ((net(noisy, noise_amount) - noise) ** 2).mean()

    """

    @Test func aDrawNamedForAnAmountOfNoiseIsALevelNotTheNoise() {
        let right = CodeProbe.run(Self.amountDraw).diagnostics
        #expect(!right.map(\.code).contains("DL201"), "\(Corpus.describe(right))")
        let wrong = CodeProbe.run(Self.amountDraw.replacingOccurrences("noise = torch.randn_like(x)", "noise = torch.rand_like(x)")).diagnostics
        #expect(wrong.map(\.code).contains("DL201"), "\(Corpus.describe(wrong))")
        #expect(CodeAnalysis.namesAnAmountOfNoise("noise_level") && CodeAnalysis.namesAnAmountOfNoise("eps_std"))
        #expect(!CodeAnalysis.namesAnAmountOfNoise("noise") && !CodeAnalysis.namesAnAmountOfNoise("noise_pred") && !CodeAnalysis.namesAnAmountOfNoise("amount"))
    }

    static let shapeProbeThenSampler = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 1000)
    alphas_cumprod = torch.cumprod(1 - betas, 0)

    x = torch.rand(8, 1, 28, 28)
    print(net(x).shape)

    x = torch.randn(8, 1, 28, 28)
    for i in range(10):
        x = x - 0.1 * net(x)

    """

    @Test func aShapeProbeIsJudgedByItsUsesBeforeTheNameIsBoundAgain() {
        let right = CodeProbe.run(Self.shapeProbeThenSampler).diagnostics
        #expect(!right.map(\.code).contains("DL201"), "\(Corpus.describe(right))")
        // Without the second binding, the sampler runs from the uniform draw.
        let wrong = CodeProbe.run(Self.shapeProbeThenSampler.replacingOccurrences("x = torch.randn(8, 1, 28, 28)\n", "")).diagnostics
        #expect(wrong.map(\.code).contains("DL201"), "\(Corpus.describe(wrong))")
    }
}
