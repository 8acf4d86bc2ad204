import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "ncsn.md")
}

/// A noise-conditional score model sampled by annealed Langevin dynamics may start from uniform
/// noise; a diffusion model's x_T may not.
struct AnnealedLangevinStartTests {
    @Test func aLangevinSamplerMayStartFromUniformNoise() throws {
        let ncsn = """
        ```python
        import torch
        sigmas = torch.exp(torch.linspace(0.0, -4.0, 10))

        def anneal_langevin(x, score, sigmas, eps=2e-5):
            for s in sigmas:
                step = eps * (s / sigmas[-1]) ** 2
                x = x + step * score(x, s) + torch.sqrt(2 * step) * torch.randn_like(x)
            return x

        samples = torch.rand(16, 3, 32, 32)
        out = anneal_langevin(samples, model, sigmas)
        ```
        """
        #expect(try lint(ncsn).isEmpty)
        let ddpm = """
        ```python
        import torch
        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        samples = torch.rand(16, 3, 32, 32)
        ```
        """
        #expect(try lint(ddpm).map(\.code) == ["DL201"])
    }

    /// The per-step noise of the chain is Gaussian, whatever its start: a uniform `z_t` drawn in
    /// each step is wrong, and the sampler's own uniform start is still left alone.
    @Test func theChainsStepNoiseMustBeGaussian() throws {
        let langevin = """
        ```python
        import numpy as np
        import torch

        def sample_langevin(model, x, n_steps=10, eps=1e-2, decay=0.9):
            for s in range(n_steps):
                z_t = torch.randn(x.size())
                x = x + (eps / 2) * model(x) + np.sqrt(eps) * z_t
                eps *= decay
            return x

        start = torch.rand(64, 2)
        samples = sample_langevin(model, start)
        ```
        """
        #expect(try lint(langevin).isEmpty)
        let uniformStep = langevin.replacingOccurrences("z_t = torch.randn(x.size())", "z_t = torch.rand(x.size())")
        #expect(uniformStep != langevin)
        #expect(try lint(uniformStep).map(\.code) == ["DL201"])
    }
}
