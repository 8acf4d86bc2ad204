import CheckerCore
import Testing
@testable import NotesLint

/// A toy mixture's means, centres or weights drawn uniformly are the data's parameters, not the
/// process's noise; uniform noise named as noise is still DL201.
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
}
