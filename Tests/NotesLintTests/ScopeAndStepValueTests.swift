import CheckerCore
import Testing
@testable import NotesLint

/// Causes of false alarms met at first contact with notebooks and research code no one had run
/// the linter on: what a later function calls `x` is its own `x`, a uniform draw turned into
/// another distribution is no uniform noise, a smoke test's loss ties nothing to a training
/// input, a table given a new axis on purpose runs along it, a value gathered at the step is no
/// table, and a chosen power of a cosine, or D3PM's unsquared one for discrete states, is a
/// schedule of its own. Each quiet case has a twin that keeps the bug and is still reported.
struct ScopeAndStepValueTests {
    static let schedule = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas_cumprod = torch.cumprod(1 - betas, dim=0)

        """

    static func findings(_ code: String, _ rule: String) -> [Diagnostic] {
        CodeProbe.run(schedule + code).diagnostics.filter { $0.code == rule }
    }

    // MARK: What a later function calls `x` is its own (DL201)

    static let blockWithItsOwnLoop = """
        class Blocks(nn.Module):
            def __init__(self, blocks):
                super().__init__()
                self.blocks = nn.ModuleList(blocks)

            def forward(self, x):
                for block in self.blocks:
                    x = block(x)
                return x

        """

    @Test func aSmokeTestBeforeAClassWhoseForwardLoopsOverItsOwnXIsQuiet() {
        let d = Self.findings("""
            x = torch.rand(3, 2, 8, 8)
            y = nn.GroupNorm(1, 2)(x)
            b, c, h, w = x.shape

            """ + Self.blockWithItsOwnLoop, "DL201")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameDrawCarriedByAModuleLevelReverseLoopIsReported() {
        let d = Self.findings("""
            x = torch.rand(3, 2, 8, 8)
            for t in reversed(range(1000)):
                x = p_sample(model, x, t)

            """ + Self.blockWithItsOwnLoop, "DL201")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aDrawOverwrittenBeforeTheReverseLoopStartsNothing() {
        let d = Self.findings("""
            x = torch.rand(4, 3, 32, 32)
            print(unet(x).shape)
            x = torch.randn(4, 3, 32, 32)
            for t in reversed(range(1000)):
                x = p_sample(model, x, t)

            """, "DL201")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aLoopThatBindsTheNameAfreshCarriesNoChain() {
        let d = Self.findings("""
            x = torch.rand(4, 3, 32, 32)
            print(unet(x).shape)
            for images, labels in loader:
                x = images.to("cpu")
                loss = train_step(model, x)

            """, "DL201")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    // MARK: A uniform draw turned into another distribution (DL201)

    @Test func gumbelNoiseFromAUniformDrawIsQuiet() {
        let d = Self.findings("""
            def gumbel_softmax(logits, tau):
                noise = torch.rand(logits.shape)
                noise = -torch.log(-torch.log(noise + 1e-8) + 1e-8)
                return F.softmax((logits + noise) / tau, dim=-1)

            """, "DL201")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameDrawMixedIntoTheForwardSampleIsReported() {
        let d = Self.findings("""
            def q_sample(x0, t):
                noise = torch.rand_like(x0)
                return alphas_cumprod[t].sqrt() * x0 + (1 - alphas_cumprod[t]).sqrt() * noise

            """, "DL201")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A smoke test's loss after training (DL219)

    static let trainingStep = """
        def train_step(model, x0):
            t = torch.randint(0, 1000, (x0.shape[0],))
            noise = torch.randn_like(x0)
            x_t = alphas_cumprod[t].sqrt() * x0 + (1 - alphas_cumprod[t]).sqrt() * noise
            return F.mse_loss(model(x_t, t), noise)

        """

    @Test func aSmokeTestOfRandomInputsAndTargetsAfterTrainingIsQuiet() {
        let d = Self.findings(Self.trainingStep + """
            x = torch.rand(4, 1, 16, 16)
            y = torch.rand(4, 1, 16, 16)
            loss = F.mse_loss(model(x), y)

            """, "DL219")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aTargetDrawnApartFromTheNoiseOfTheInputIsStillReported() {
        let d = Self.findings("""
            def train_step(model, x0):
                t = torch.randint(0, 1000, (x0.shape[0],))
                noise = torch.randn_like(x0)
                x_t = alphas_cumprod[t].sqrt() * x0 + (1 - alphas_cumprod[t]).sqrt() * noise
                return F.mse_loss(model(x_t, t), torch.randn_like(x0))

            """, "DL219")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A table given a last axis on purpose (DL203)

    /// DL203's findings on two draws blended by weights `lambdas` over 16 frames as `blend` says.
    static func blendFindings(_ blend: String) -> [Diagnostic] {
        findings("""
            z1 = torch.randn(1, 4, 8, 8)
            z2 = torch.randn(1, 4, 8, 8)
            lambdas = torch.linspace(0, 1, 16)
            frames = \(blend)

            """, "DL203")
    }

    @Test func weightsBroadcastAlongANewLastAxisAreQuiet() {
        let d = Self.blendFindings("(1 - lambdas) * z1.unsqueeze(-1) + lambdas * z2[..., None]")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameWeightsAgainstTheSampleAsItIsAreReported() {
        let d = Self.blendFindings("(1 - lambdas) * z1 + lambdas * z2")
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    // MARK: A value gathered at the step (DL203)

    @Test func anEntryOfADictionaryGatheredAtTheStepIsQuiet() {
        let d = Self.findings("""
            def p_sample(schedule, model, x, t):
                at_t = schedule.extract(t, x.shape)
                mean = model(x, t)
                posterior_variance_t = at_t["posterior_variance"]
                return mean + torch.sqrt(posterior_variance_t) * torch.randn_like(x)

            """, "DL203")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anEntryOfADictionaryOfTablesIsStillReported() {
        let d = Self.findings("""
            def p_sample(schedule, model, x, t):
                tables = schedule.as_dict()
                mean = model(x, t)
                posterior_variance = tables["posterior_variance"]
                return mean + torch.sqrt(posterior_variance) * torch.randn_like(x)

            """, "DL203")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    /// A method whose `alphas` the caller may pass, else `defaultValue` of the class's table.
    static func scaleWithDefault(_ defaultValue: String) -> String {
        """
        class Diffuser:
            def __init__(self, steps):
                self._betas = torch.linspace(1e-4, 0.02, steps)
                self._alphas = 1 - self._betas

            def scale(self, x_t, t, alphas=None):
                alphas = \(defaultValue) if alphas is None else alphas
                return x_t * torch.sqrt(alphas)

        """
    }

    @Test func aDefaultGatheredAtTheStepWhenTheCallerPassesNoneIsQuiet() {
        let d = Self.findings(Self.scaleWithDefault("pick_at_step(self._alphas, t)"), "DL203")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aDefaultThatIsTheWholeTableIsStillReported() {
        let d = Self.findings(Self.scaleWithDefault("self._alphas"), "DL203")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aParameterNamedForThePreviousStepIsOneValue() {
        let d = Self.findings("""
            def ddim_step(model, x_t, t, alpha_bar_t, alpha_bar_t_previous):
                eps = model(x_t, t)
                x0_hat = (x_t - torch.sqrt(1 - alpha_bar_t) * eps) / torch.sqrt(alpha_bar_t)
                return x0_hat * torch.sqrt(alpha_bar_t_previous) + torch.sqrt(1 - alpha_bar_t_previous) * eps

            """, "DL203")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aPluralTableParameterIsStillATable() {
        let d = Self.findings("""
            def ddim_step(model, x_t, t, alpha_bars):
                eps = model(x_t, t)
                return x_t * torch.sqrt(alpha_bars) + torch.sqrt(1 - alpha_bars) * eps

            """, "DL203")
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    // MARK: A chosen power of the cosine (DL209)

    /// DL209's findings on a schedule over t = 0, 1/T, …, 1 that `lines` go on to build.
    static func cosineFindings(_ lines: String) -> [Diagnostic] {
        findings("steps = 1000\nt = torch.arange(steps + 1) / steps\n" + lines + "\n", "DL209")
    }

    @Test func aCosineRaisedToAChosenPowerIsQuiet() {
        let d = Self.cosineFindings("f = torch.pow(torch.cos(0.5 * torch.pi * t), 1.5)\nalphas_cumprod = f[1:] / f[0]")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theUnsquaredCosineOfADiscreteStateDiffusionIsQuiet() {
        let d = Self.cosineFindings("""
            alpha_bar = torch.cos((t + 0.008) / 1.008 * torch.pi / 2)
            betas = torch.clamp(1 - alpha_bar[1:] / alpha_bar[:-1], max=0.999)
            num_pixel_vals = 256
            q_onestep_mats = [uniform_transition(beta, num_pixel_vals) for beta in betas]
            """)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theCosineLeftUnsquaredIsStillReported() {
        let d = Self.cosineFindings("f = torch.cos((t + 0.008) / 1.008 * torch.pi / 2)\nalphas_cumprod = f[1:] / f[0]")
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }
}

/// A numbered series of names no code binds (`tool1`, `tool2`, `tool3`) is an example's
/// placeholders, not a slip for a name one edit away (DL211).
struct NumberedPlaceholderTests {
    static let bound = """
        ```python
        tools = [search_tool, calculator_tool]
        executor = make_executor(tools)
        ```

        """

    @Test func aSeriesOfNumberedNamesIsQuiet() throws {
        let d = try NotesLinter.lint(text: Self.bound + """
            ```python
            results = run_in_parallel([tool1, tool2, tool3])
            ```

            """, path: "agents.md").filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aSeriesMisspeltAsAWholeIsStillReported() throws {
        let d = try NotesLinter.lint(text: """
            ```python
            coeff1 = 0.5
            coeff2 = 2.0
            y = coef1 * x + coef2
            ```

            """, path: "series.md").filter { $0.code == "DL211" }
        #expect(d.compactMap(\.fix) == ["coeff1", "coeff2"], "\(Corpus.describe(d))")
    }

    @Test func oneNumberedNameAloneIsStillASlip() throws {
        let d = try NotesLinter.lint(text: Self.bound + """
            ```python
            results = run_in_parallel(tool1)
            ```

            """, path: "agents.md").filter { $0.code == "DL211" }
        #expect(d.map(\.fix) == ["tools"], "\(Corpus.describe(d))")
    }
}
