import CheckerCore
import Testing
@testable import NotesLint

/// DL222: a training draw or a sampling loop that covers T − 1 of the T steps is found, and the
/// ranges that cover all of them (in either index convention) stay quiet.
struct CodeStepRangeTests {
    /// A small class-based DDPM with a 0-based training draw and a 0-based sampler.
    static let zeroBased = """
    import torch

    class Toy(torch.nn.Module):
        def __init__(self, net, n_steps=400):
            super().__init__()
            self.net = net
            self.n_steps = n_steps
            self.betas = torch.linspace(1e-4, 0.02, n_steps)

        def training_loss(self, batch):
            step = torch.randint(0, self.n_steps, (batch.shape[0],))
            return step

        @torch.no_grad()
        def generate(self, shape):
            sample = torch.randn(shape)
            for k in range(self.n_steps - 1, -1, -1):
                sample = self.net(sample, k)
            return sample
    """

    /// The same with steps numbered 1…T, as minDiffusion-style code does.
    static let oneBased = """
    import numpy as np

    def draw_steps(count, T):
        return np.random.randint(1, T + 1, size=count)

    def run_chain(model, x_T, T):
        x = x_T
        for s in range(T, 0, -1):
            x = model(x, s)
        return x
    """

    /// 1-based training and sampling in one class.
    static let oneBasedClass = """
    import torch

    class Chain(torch.nn.Module):
        def __init__(self, model, n_T):
            super().__init__()
            self.model = model
            self.n_T = n_T

        def forward(self, x):
            ts = torch.randint(1, self.n_T + 1, (x.shape[0],))
            return ts

        def sample(self, x):
            for i in range(self.n_T, 0, -1):
                x = self.model(x, i)
            return x
    """

    static let variants: [CodeVariant] = [
        CodeVariant(name: "1-based draw that never reaches the sampler's first step", right: oneBasedClass,
                    original: "torch.randint(1, self.n_T + 1, (", replacement: "torch.randint(1, self.n_T, (", code: "DL222"),
        CodeVariant(name: "training draw that never reaches the last step", right: zeroBased,
                    original: "torch.randint(0, self.n_steps, (", replacement: "torch.randint(0, self.n_steps - 1, (", code: "DL222"),
        CodeVariant(name: "training draw from 1 while the sampler ends at step 0", right: zeroBased,
                    original: "torch.randint(0, self.n_steps, (", replacement: "torch.randint(1, self.n_steps, (", code: "DL222"),
        CodeVariant(name: "0-based loop that stops at step 1", right: zeroBased,
                    original: "range(self.n_steps - 1, -1, -1)", replacement: "range(self.n_steps - 1, 0, -1)", code: "DL222"),
        CodeVariant(name: "1-based loop that stops at step 2", right: oneBased,
                    original: "range(T, 0, -1)", replacement: "range(T, 1, -1)", code: "DL222"),
        CodeVariant(name: "reversed 0-based loop that starts its range at 1", right: zeroBasedReversed,
                    original: "reversed(range(self.n_steps))", replacement: "reversed(range(1, self.n_steps))", code: "DL222"),
        CodeVariant(name: "reversed loop from 1 below a 1-based training draw's last step", right: oneBasedReversed,
                    original: "reversed(range(1, self.n_T + 1))", replacement: "reversed(range(1, self.n_T))", code: "DL222"),
        CodeVariant(name: "0-based loop that stops at step 2", right: zeroBased,
                    original: "range(self.n_steps - 1, -1, -1)", replacement: "range(self.n_steps - 1, 1, -1)", code: "DL222"),
    ]

    /// The 1-based class with its loop written as `reversed(range(1, n_T + 1))`.
    static let oneBasedReversed = oneBasedClass.replacingOccurrences(of: "range(self.n_T, 0, -1)", with: "reversed(range(1, self.n_T + 1))")

    /// The 0-based sampler written with `reversed`.
    static let zeroBasedReversed = zeroBased.replacingOccurrences(of: "range(self.n_steps - 1, -1, -1)", with: "reversed(range(self.n_steps))")

    /// A 0-based sampler whose noise stops at the last step only.
    static let gatedNoise = """
    import torch

    def sample_chain(model, shape, coef_x, coef_eps, sigmas, T):
        x = torch.randn(shape)
        for t in reversed(range(T)):
            z = torch.randn(shape) if t > 0 else torch.zeros(shape)
            x = coef_x[t] * (x - coef_eps[t] * model(x, t)) + sigmas[t] * z
        return x
    """

    /// The same sampler with an if statement that keeps the mean at the last step.
    static let gatedBranch = """
    import torch

    def sample_chain(model, shape, coef_x, coef_eps, sigmas, T):
        x = torch.randn(shape)
        for t in reversed(range(T)):
            mean = coef_x[t] * (x - coef_eps[t] * model(x, t))
            if t == 0:
                x = mean
            else:
                x = mean + sigmas[t] * torch.randn(shape)
        return x
    """

    static let gateVariants: [CodeVariant] = [
        CodeVariant(name: "conditional noise gated on t > 1", right: gatedNoise, original: "if t > 0 else", replacement: "if t > 1 else", code: "DL223"),
        CodeVariant(name: "branch on t == 1 with 0-based steps", right: gatedBranch, original: "if t == 0:", replacement: "if t == 1:", code: "DL223"),
    ]

    @Test(arguments: gateVariants)
    func aGateAtTheLastStepIsQuiet(_ v: CodeVariant) {
        #expect(!CodeProbe.run(v.right).diagnostics.contains { $0.code == "DL223" })
    }

    @Test(arguments: gateVariants)
    func aGateOneStepEarlyIsFound(_ v: CodeVariant) {
        let d = CodeProbe.run(v.wrong).diagnostics
        #expect(d.contains { $0.code == v.code && $0.location?.line == v.line }, "expected \(v.code) on line \(v.line):\n\(Corpus.describe(d))")
    }

    /// A loop down to 0 whose step runs only under `if t > 0:` ends its steps at t = 1, where the
    /// noise is rightly off. Without that guard the same gate is one step early.
    @Test func aStepSkippedAtZeroEndsAtOne() {
        let guarded = """
            import torch

            def sample_chain(model, shape, coef_x, coef_eps, sigmas, T):
                x = torch.randn(shape)
                for t in range(T - 1, -1, -1):
                    if t > 0:
                        z = torch.randn(shape) if t > 1 else 0
                        x = coef_x[t] * (x - coef_eps[t] * model(x, t)) + sigmas[t] * z
                return x
            """
        #expect(!CodeProbe.run(guarded).diagnostics.contains { $0.code == "DL223" })
        let unguarded = guarded.replacingOccurrences(of: "if t > 0:", with: "if True:")
        #expect(CodeProbe.run(unguarded).diagnostics.contains { $0.code == "DL223" }, "\(Corpus.describe(CodeProbe.run(unguarded).diagnostics))")
    }

    /// With steps 1…T (`range(T, 0, -1)`), t == 1 is the last step and its gate is right.
    @Test func aOneBasedGateIsNotJudged() {
        let code = Self.gatedNoise.replacingOccurrences(of: "reversed(range(T))", with: "range(T, 0, -1)").replacingOccurrences(of: "if t > 0 else", with: "if t > 1 else")
        #expect(!CodeProbe.run(code).diagnostics.contains { $0.code == "DL223" })
    }

    @Test(arguments: variants)
    func theFullRangeIsQuiet(_ v: CodeVariant) {
        v.expectRightCodeIsQuiet()
    }

    @Test(arguments: variants)
    func theShortRangeIsFoundOnItsLine(_ v: CodeVariant) {
        v.expectPlantedErrorOnItsLine()
    }

    /// A draw from 1 is right where the sampler never asks the model at step 0: its loop stops at
    /// 1 (step 0 is the data), or its body hands the model the step after the loop's index.
    @Test(arguments: ["range(self.n_steps - 1, 0, -1)", "range(self.n_steps - 1, -1, -1) with a shifted step"])
    func aDrawFromOneIsQuietWhereTheModelIsNeverAskedAtStepZero(_ loop: String) {
        var code = Self.zeroBased.replacingOccurrences(of: "torch.randint(0, self.n_steps, (", with: "torch.randint(1, self.n_steps, (")
        if loop.hasSuffix("shifted step") {
            code = code.replacingOccurrences(of: "self.net(sample, k)", with: "self.net(sample, k + 1)")
        } else {
            code = code.replacingOccurrences(of: "range(self.n_steps - 1, -1, -1)", with: loop)
        }
        let d = CodeProbe.run(code).diagnostics
        #expect(!d.contains { $0.code == "DL222" && $0.message.contains("excludes 0") }, "\(Corpus.describe(d))")
    }

    /// The most copied sampler's loop, `reversed(range(1, T))`, covers every step its own training
    /// draw `randint(1, T)` trains; without a training draw in sight the steps it means are unknown.
    @Test(arguments: ["torch.randint(1, self.n_steps, (", "torch.ones(1, "])
    func aLoopFromOneIsQuietWithoutADrawFromZero(_ draw: String) {
        let code = Self.zeroBasedReversed.replacingOccurrences(of: "reversed(range(self.n_steps))", with: "reversed(range(1, self.n_steps))")
            .replacingOccurrences(of: "torch.randint(0, self.n_steps, (", with: draw)
        let d = CodeProbe.run(code).diagnostics
        #expect(!d.contains { $0.code == "DL222" }, "\(Corpus.describe(d))")
    }

    /// A DDIM-style body that steps to the previous table entry (`alphas_cumprod[i - 1]`) ends at
    /// entry 0 when its loop ends at 1.
    @Test func aLoopFromOneWhoseBodyReadsThePreviousEntryIsQuiet() {
        let code = """
        import torch

        def train_step(model, x0, abar, T):
            t = torch.randint(0, T, (x0.shape[0],))
            return model(x0, t)

        def sample(model, x, abar, T):
            for i in reversed(range(1, T)):
                eps = model(x, i)
                x0 = (x - (1 - abar[i]).sqrt() * eps) / abar[i].sqrt()
                x = abar[i - 1].sqrt() * x0 + (1 - abar[i - 1]).sqrt() * eps
            return x
        """
        let d = CodeProbe.run(code).diagnostics
        #expect(!d.contains { $0.code == "DL222" }, "\(Corpus.describe(d))")
        let unshifted = CodeProbe.run(code.replacingOccurrences(of: "abar[i - 1]", with: "abar[i]")).diagnostics
        #expect(unshifted.contains { $0.code == "DL222" }, "\(Corpus.describe(unshifted))")
    }

    /// Python's own `random.randint` includes its upper bound: `randint(0, T - 1)` is every step.
    @Test func anInclusiveRandintIsNotJudged() {
        let code = """
        import random
        T = 50
        def pick():
            return random.randint(0, T - 1)
        """
        #expect(!CodeProbe.run(code).diagnostics.contains { $0.code == "DL222" })
    }

    /// A loop that stops at step 1 and then takes the last step on its own is complete.
    @Test func aLoopFollowedByItsFinalStepIsNotJudged() {
        let code = """
        def run_chain(model, x, T):
            for t in range(T - 1, 0, -1):
                x = model(x, t)
            x = model(x, 0)
            return x
        """
        #expect(!CodeProbe.run(code).diagnostics.contains { $0.code == "DL222" })
    }

    // MARK: A body that counts from 1 inside a loop that counts from 0

    /// Algorithm 2 transcribed with 1-based steps: the tables are read at t − 1 and the noise
    /// stops at t = 1. Right when the loop runs T … 1.
    static let oneBasedBody = """
    import torch

    def draw(model, shape, alphas, alpha_bars, betas, T):
        x = torch.randn(shape)
        for t in range(T, 0, -1):
            z = torch.randn(shape) if t > 1 else torch.zeros(shape)
            eps = model(x, t - 1)
            x = (x - (1 - alphas[t - 1]) / (1 - alpha_bars[t - 1]) ** 0.5 * eps) / alphas[t - 1] ** 0.5 + betas[t - 1] ** 0.5 * z
        return x
    """

    @Test func aOneBasedBodyInAOneBasedLoopIsQuiet() {
        let d = CodeProbe.run(Self.oneBasedBody).diagnostics.filter { ["DL222", "DL223"].contains($0.code) }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The same body in `reversed(range(T))`: the last step reads index −1. The finding is the
    /// range, on the loop's line, not the gate (which is right for the body's numbering).
    @Test func aOneBasedBodyInAZeroBasedLoopIsFoundAtTheRange() {
        let code = Self.oneBasedBody.replacingOccurrences(of: "range(T, 0, -1)", with: "reversed(range(T))")
        let d = CodeProbe.run(code).diagnostics.filter { ["DL222", "DL223"].contains($0.code) }
        #expect(d.map(\.code) == ["DL222"] && d.first?.location?.line == 5, "\(Corpus.describe(d))")
    }

    /// A 0-based body that reads ᾱ_{t−1} at t − 1 next to ᾱ_t at t, or that guards step 0,
    /// is not this slip.
    @Test func aPreviousEntryBesideTheCurrentOneOrAGuardedStepZeroIsNotJudged() {
        let previous = """
        import torch

        def draw(model, shape, alpha_bars, T):
            x = torch.randn(shape)
            for t in reversed(range(T)):
                ab, ab_prev = alpha_bars[t], alpha_bars[t - 1]
                x = model(x, t, ab, ab_prev)
            return x
        """
        let guarded = Self.oneBasedBody.replacingOccurrences(of: "range(T, 0, -1)", with: "reversed(range(T))")
            .replacingOccurrences(of: "    return x", with: "        if t == 0:\n            break\n    return x")
        for code in [previous, guarded] {
            let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL222" }
            #expect(d.isEmpty, "\(Corpus.describe(d))")
        }
    }
}
