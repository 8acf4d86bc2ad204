import CheckerCore
import Testing
@testable import NotesLint

/// A function handed one ᾱ per sample (`apply_noise(x, alpha_bar)`, gathered by its caller) asks
/// its shape and unsqueezes it to broadcast: that makes it no table, so it is not told to index
/// it with [t]. A table it indexes is still one.
struct BatchOfStepValuesTests {
    static func program(body: String) -> String {
        """
        import torch

        def apply_noise(x, alpha_bar):
            x = x.expand(alpha_bar.shape[0], -1, -1, -1)
            eps = torch.randn(size=x.shape)
            for _ in range(x.dim() - alpha_bar.dim()):
                alpha_bar = alpha_bar.unsqueeze(-1)
        \(body)
        """
    }

    @Test func aBatchOfValuesIsNotTheWholeSchedule() throws {
        let d = try NotesLinter.lint(text: Self.program(body: "    return torch.sqrt(alpha_bar) * x + torch.sqrt(1. - alpha_bar) * eps, eps"), path: "noise.py").filter { $0.code == "DL203" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let body = Array("y = alpha.unsqueeze(-1) * alpha.shape[0]\n".unicodeScalars)
        #expect(!CodeAnalysis.usesAsTable("alpha", in: PythonParser.parse(body, from: 0, to: body.count).statements))
    }

    @Test func anIndexedTableIsStillOne() {
        let body = Array("y = alpha[t] * x\n".unicodeScalars)
        #expect(CodeAnalysis.usesAsTable("alpha", in: PythonParser.parse(body, from: 0, to: body.count).statements))
    }
}

/// A class whose ᾱ table the interpreter cannot compute (a list comprehension of partial
/// products) judges its sampler with the ᾱ of its own β, not of another schedule.
struct ClassTableFromOwnBetasTests {
    static func program(epsCoefficient: String) -> String {
        """
        import math
        import numpy as np
        import torch

        class Manager:
            def __init__(self):
                self.T = 1000
                t = np.linspace(0, self.T, self.T)
                self.betas = torch.tensor(0.025 - np.cos(math.pi * t / (2 * self.T)) * 0.0249, dtype=torch.float32)
                self.alphas = 1 - self.betas
                self.alpha_bars = torch.tensor([torch.prod(self.alphas[:i + 1]) for i in range(len(self.alphas))])

            def sample(self, net):
                x = torch.randn(1, 1, 32, 32)
                for t in reversed(range(self.T)):
                    z = torch.randn(1, 1, 32, 32) if t != 0 else torch.zeros(1, 1, 32, 32)
                    e_hat = net(x, t * torch.ones(1))
                    x = 1 / math.sqrt(self.alphas[t]) * (x - \(epsCoefficient) * e_hat)
                    x += math.sqrt(self.betas[t]) * z
                return x
        """
    }

    @Test func theRightStepIsSilent() throws {
        let d = try NotesLinter.lint(text: Self.program(epsCoefficient: "(1 - self.alphas[t]) / math.sqrt(1 - self.alpha_bars[t])"), path: "manager.py").filter { $0.code == "DL205" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aStepMissingTheRootIsReported() throws {
        let d = try NotesLinter.lint(text: Self.program(epsCoefficient: "(1 - self.alphas[t]) / (1 - self.alpha_bars[t])"), path: "manager.py").filter { $0.code == "DL205" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
