import CheckerCore
import Testing
@testable import NotesLint

/// A toy mixture's means, centres or weights drawn uniformly are the data's parameters, not the
/// process's noise, and so are a toy ring's angles and radii; uniform noise named as noise is
/// still DL201.
struct MixtureParametersDrawnUniformlyTests {
    static let mixture = """
        import torch


        def random_mixture(n_modes, std, scale=10.0):
            means = (torch.rand(n_modes, 2) - 0.5) * scale
            covs = torch.diag_embed(torch.ones(n_modes, 2)) * std ** 2
            return means, covs

        """

    @Test func theMeansOfAMixtureAreQuiet() {
        #expect(CodeProbe.run(Self.mixture).diagnostics.filter { $0.code == "DL201" }.isEmpty)
    }

    @Test func uniformNoiseIsStillFound() {
        let noise = Self.mixture.replacingOccurrences("return means, covs", "noise = (torch.rand(n_modes, 2) - 0.5) * 2\n    return means + noise, covs")
        #expect(CodeProbe.run(noise).diagnostics.filter { $0.code == "DL201" }.count == 1)
    }

    static let ring = """
        import numpy as np


        def make_ring(n):
            radius = 0.5 + 0.05 * np.random.rand(n)
            thetas = 2 * np.pi * np.random.rand(n)
            return np.stack([radius * np.cos(thetas), radius * np.sin(thetas)], axis=1)

        """

    @Test func theAnglesAndRadiiOfARingAreQuiet() {
        let d = CodeProbe.run(Self.ring).diagnostics.filter { $0.code == "DL201" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func uniformNoiseAddedToTheRingIsStillFound() {
        let noisy = Self.ring.replacingOccurrences("return np.stack", "eps = np.random.rand(n, 2)\n    return eps + np.stack")
        #expect(CodeProbe.run(noisy).diagnostics.filter { $0.code == "DL201" }.count == 1)
    }
}
