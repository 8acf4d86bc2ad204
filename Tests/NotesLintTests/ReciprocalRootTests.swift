import Testing
@testable import NotesLint

/// `torch.rsqrt(a)` and `a.rsqrt()` are 1/√a: a sampler that writes 1/√α_t that way is read, so
/// its mean is judged like one written with `1 / torch.sqrt(...)`.
struct ReciprocalRootTests {
    static let sampler = """
    import torch

    class Sampler:
        def __init__(self, T=1000):
            betas = torch.linspace(1e-4, 0.02, T)
            self.alphas = 1.0 - betas
            self.alphas_cumprod = torch.cumprod(self.alphas, 0)
            self.sqrt_one_minus_acp = torch.sqrt(1 - self.alphas_cumprod)

        @torch.no_grad()
        def step(self, model, x, t):
            beta = 1 - self.alphas[t]
            inv_root_alpha = torch.rsqrt(self.alphas[t])
            eps = model(x, t)
            mean = inv_root_alpha[:, None, None, None] * (x - beta[:, None, None, None] * eps / self.sqrt_one_minus_acp[t][:, None, None, None])
            if t[0] == 0:
                return mean
            return mean + beta[:, None, None, None].sqrt() * torch.randn_like(x)

    """

    static let variants: [CodeVariant] = [
        // The noise coefficient divided by √β_t instead of √(1 − ᾱ_t).
        CodeVariant(name: "rsqrt function", right: sampler, original: "eps / self.sqrt_one_minus_acp[t][:, None, None, None]",
                    replacement: "eps / beta[:, None, None, None].sqrt()", code: "DL205"),
        CodeVariant(name: "rsqrt method", right: sampler.replacingOccurrences("torch.rsqrt(self.alphas[t])", "self.alphas[t].rsqrt()"),
                    original: "eps / self.sqrt_one_minus_acp[t][:, None, None, None]", replacement: "eps / beta[:, None, None, None].sqrt()", code: "DL205"),
        // 1/√α_t taken as √α_t.
        CodeVariant(name: "root for its reciprocal", right: sampler, original: "torch.rsqrt(self.alphas[t])",
                    replacement: "torch.sqrt(self.alphas[t])", code: "DL205", lineOf: "mean = inv_root_alpha"),
    ]

    @Test(arguments: variants)
    func theRightSamplerIsQuiet(_ v: CodeVariant) { v.expectRightCodeIsQuiet() }

    @Test(arguments: variants)
    func theWrongMeanIsFound(_ v: CodeVariant) { v.expectPlantedErrorOnItsLine() }
}
