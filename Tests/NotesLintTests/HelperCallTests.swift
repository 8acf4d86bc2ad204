import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ code: String) -> [Diagnostic] {
    NotesLinter.lintPython(text: code, path: "diffusion.py")
}

/// Helpers the note writes itself are followed: a gather with its index passed by keyword or after
/// the dimension, and a function that returns the mean and the variance together, unpacked by
/// its caller.
struct HelperCallTests {
    static let module = """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000).double()
        alphas = 1.0 - betas
        alphas_bar = torch.cumprod(alphas, dim=0)
        coeff1 = torch.sqrt(1.0 / alphas)
        coeff2 = coeff1 * (1.0 - alphas) / torch.sqrt(1.0 - alphas_bar)


        def extract(v, t, x_shape):
            out = torch.gather(v, index=t, dim=0).float()
            return out.view([t.shape[0]] + [1] * (len(x_shape) - 1))


        def p_mean_variance(model, x_t, t):
            eps = model(x_t, t)
            mean = extract(coeff1, t, x_t.shape) * x_t - extract(coeff2, t, x_t.shape) * eps
            var = extract(betas, t, x_t.shape)
            return mean, var


        def p_sample(model, x_t, t):
            mean, var = p_mean_variance(model, x_t, t)
            noise = torch.randn_like(x_t) if t > 0 else 0
            return mean + torch.sqrt(var) * noise
        """

    @Test func theRightHelpersAreQuiet() {
        let d = lint(Self.module)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let positional = Self.module.replacingOccurrences(of: "torch.gather(v, index=t, dim=0)", with: "torch.gather(v, 0, t)")
        #expect(lint(positional).isEmpty)
    }

    @Test func aWrongCoefficientBehindTheGatherIsFound() {
        let wrong = Self.module.replacingOccurrences(of: "coeff1 * (1.0 - alphas) / torch.sqrt(1.0 - alphas_bar)", with: "coeff1 * (1.0 - alphas) / (1.0 - alphas_bar)")
        #expect(lint(wrong).map(\.code).contains("DL205"), "\(Corpus.describe(lint(wrong)))")
    }

    @Test func aVarianceUnpackedFromATupleIsJudged() {
        let wrong = Self.module.replacingOccurrences(of: "mean + torch.sqrt(var) * noise", with: "mean + var * noise")
        #expect(lint(wrong).map(\.code) == ["DL204"], "\(Corpus.describe(lint(wrong)))")
    }
}
