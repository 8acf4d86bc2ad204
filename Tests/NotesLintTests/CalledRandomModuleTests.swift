import CheckerCore
import Testing
@testable import NotesLint

/// `torch.random(n, *shape)` calls the module of torch's generators: no draw happens, Python
/// raises TypeError. It is reported as such (DL236, with the Gaussian draw as the fix), not as
/// uniform noise (DL201). `torch.rand` is still uniform noise, and `torch.random.manual_seed` is a
/// function of that module, not a call of it.
struct CalledRandomModuleTests {
    static let sampler = """
        import torch

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        alphas = 1 - betas
        alphas_bar = torch.cumprod(alphas, dim=0)
        torch.random.manual_seed(0)

        def sample(model, n, shape):
            x = torch.random(n, *shape)
            for t in range(T - 1, -1, -1):
                eps = model(x, t)
                x = (x - betas[t] / torch.sqrt(1 - alphas_bar[t]) * eps) / torch.sqrt(alphas[t])
                if t > 0:
                    x = x + torch.sqrt(betas[t]) * torch.randn_like(x)
            return x

        """

    @Test func callingTheModuleIsReportedAsACallThatFails() {
        let d = CodeProbe.run(Self.sampler).diagnostics
        #expect(d.map(\.code) == ["DL236"] && d[0].message.contains("torch.random is a module"), "\(Corpus.describe(d))")
    }

    @Test func aUniformDrawIsStillUniformNoise() {
        let uniform = Self.sampler.replacingOccurrences("x = torch.random(n, *shape)", "x = torch.rand(n, *shape)")
        #expect(uniform != Self.sampler)
        let d = CodeProbe.run(uniform).diagnostics
        #expect(d.map(\.code) == ["DL201"], "\(Corpus.describe(d))")
    }
}
