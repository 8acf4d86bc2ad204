import CheckerCore
import Testing
@testable import NotesLint

/// One piece of code, right, and the same code with one planted error that must be reported
/// with `code` on the line holding `line` (a text of the wrong variant).
struct CodeVariant: CustomStringConvertible, Sendable {
    var name: String
    var right: String
    var original: String
    var replacement: String
    var code: String
    var lineOf: String?

    var description: String { "\(name): \(code)" }

    var wrong: String { right.replacingOccurrences(original, replacement) }

    var line: Int {
        let anchor = lineOf ?? replacement
        return (wrong.components(separatedBy: anchor).first ?? "").filter { $0 == "\n" }.count + 1
    }
}

extension CodeVariant {
    /// The right code gives no finding at all.
    func expectRightCodeIsQuiet(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let d = CodeProbe.run(right).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))", sourceLocation: sourceLocation)
    }

    /// The planted error is reported with `code` on the line holding it.
    func expectPlantedErrorOnItsLine(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(wrong != right, "the original text must occur in the right code", sourceLocation: sourceLocation)
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.contains { $0.code == code && $0.location?.line == line }, "expected \(code) on line \(line):\n\(Corpus.describe(d))",
                sourceLocation: sourceLocation)
    }
}

/// The idioms of real PyTorch code are read, so an error in them is found and their right form
/// stays quiet.
struct CodeIdiomTests {
    /// Module-level schedule tables in the common tutorial layout.
    static let tables = """
    import torch
    import torch.nn.functional as F
    import numpy as np

    T = 1000
    betas = torch.linspace(1e-4, 0.02, T)
    alphas = 1.0 - betas
    alphas_cumprod = torch.cumprod(alphas, dim=0)
    alphas_cumprod_prev = F.pad(alphas_cumprod[:-1], (1, 0), value=1.0)
    prev_np = np.append(1.0, alphas_cumprod[:-1])
    sqrt_alphas_cumprod = torch.sqrt(alphas_cumprod)
    sqrt_one_minus_alphas_cumprod = torch.sqrt(1.0 - alphas_cumprod)
    sqrt_recip_alphas = torch.sqrt(1.0 / alphas)
    posterior_variance = betas * (1.0 - alphas_cumprod_prev) / (1.0 - alphas_cumprod)

    """

    /// A training step and a sampler over those tables, with a gather helper and a decorator.
    static let steps = tables + """
    def extract(a, t, x_shape):
        out = a.gather(-1, t)
        return out.reshape(t.shape[0], *((1,) * (len(x_shape) - 1)))

    for batch in loader:
        x0 = batch[0]
        t = torch.randint(0, T, (x0.shape[0],))
        noise = torch.randn_like(x0)
        x_t = sqrt_alphas_cumprod[t].view(-1, *([1] * (x0.dim() - 1))) * x0 + sqrt_one_minus_alphas_cumprod[t][:, None, None, None] * noise
        loss = F.mse_loss(model(x_t, t), noise)

    @torch.no_grad()
    def p_sample(model, x, t, t_index):
        eps = model(x, t)
        mean = extract(sqrt_recip_alphas, t, x.shape) * (x - extract(betas, t, x.shape) * eps / extract(sqrt_one_minus_alphas_cumprod, t, x.shape))
        if t_index == 0:
            return mean
        var_t = extract(posterior_variance, t, x.shape)
        return mean + torch.sqrt(var_t) * torch.randn_like(x)

    @torch.no_grad()
    def sample(model, shape):
        img = torch.randn(shape)
        for i in reversed(range(T)):
            img = p_sample(model, img, torch.full((shape[0],), i), i)
        return img
    """

    /// A class-based scheduler whose buffers are registered in `__init__`.
    static let scheduler = """
    import torch

    class Diffusion(torch.nn.Module):
        def __init__(self, steps=1000):
            super().__init__()
            b = torch.linspace(1e-4, 0.02, steps)
            a_bar = torch.cumprod(1.0 - b, dim=0)
            a_bar_prev = torch.cat([torch.tensor([1.0], dtype=torch.float64), a_bar[:-1]])
            self.register_buffer("betas", b)
            self.register_buffer("alphas_cumprod", a_bar)
            self.register_buffer("alphas_cumprod_prev", a_bar_prev)

        def posterior_std(self, t):
            var = self.betas[t] * (1.0 - self.alphas_cumprod_prev[t]) / (1.0 - self.alphas_cumprod[t])
            return var

        def q_sample(self, x_start, t, noise):
            return self.alphas_cumprod[t].sqrt() * x_start + (1.0 - self.alphas_cumprod[t]).sqrt() * noise

        def loss(self, model, x_start, t):
            noise = torch.randn_like(x_start)
            x_noisy = self.q_sample(x_start, t, noise)
            return ((model(x_noisy, t) - noise) ** 2).mean()
    """

    /// A DDIM sampler that jumps 20 steps at a time, with a free η.
    static let ddim = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 1000)
    alphas_cumprod = torch.cumprod(1 - betas, dim=0)

    def ddim_step(model, x, t, eta=0.0, skip=20):
        a_t = alphas_cumprod[t]
        a_prev = alphas_cumprod[t - skip] if t >= skip else torch.tensor(1.0)
        eps = model(x, t)
        x0_hat = (x - (1 - a_t).sqrt() * eps) / a_t.sqrt()
        sigma = eta * ((1 - a_prev) / (1 - a_t)).sqrt() * (1 - a_t / a_prev).sqrt()
        direction = (1 - a_prev - sigma ** 2).sqrt() * eps
        return a_prev.sqrt() * x0_hat + direction + sigma * torch.randn_like(x)
    """

    /// A sampling loop written out at module level, as pseudo-code notes do.
    static let loop = """
    x_t = torch.randn(16, 3, 32, 32)
    for t in reversed(range(1000)):
        eps = model(x_t, t)
        mean = (x_t - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
        z = torch.randn_like(x_t) if t > 0 else 0
        x_t = mean + torch.sqrt(betas[t]) * z
    """

    /// Distributions built with torch.distributions, as VLB code does.
    static let distributions = """
    import torch

    def forward_kl(x_0, t):
        q = torch.distributions.Normal(torch.sqrt(alphas_cumprod[t]) * x_0, torch.sqrt(1 - alphas_cumprod[t]))
        return torch.distributions.kl_divergence(q, torch.distributions.Normal(0, 1))
    """

    /// A scheduler whose β range is left to the caller, its tables registered as buffers.
    static let buffers = """
    import torch

    class Schedule(torch.nn.Module):
        def __init__(self, T, beta_1, beta_T):
            super().__init__()
            self.register_buffer("betas", torch.linspace(beta_1, beta_T, T).double())
            alphas = 1.0 - self.betas
            self.register_buffer("alphas_cumprod", torch.cumprod(alphas, dim=0))
    """

    /// A step whose coefficients are named on their own lines.
    static let namedCoefficients = """
    def p_sample(model, x_t, t):
        alpha = alphas[t]
        scale1 = 1 / alpha ** 0.5
        scale2 = (1 - alpha) / (1 - alphas_cumprod[t]) ** 0.5
        pred = model(x_t, t)
        mean = scale1 * (x_t - scale2 * pred)
        return mean
    """

    /// The cosine schedule of Nichol & Dhariwal, capped and re-accumulated.
    static let cosine = """
    import torch, math
    T = 1000
    s = 0.008
    steps = torch.linspace(0, T, T + 1)
    f = torch.cos((steps / T + s) / (1 + s) * math.pi / 2) ** 2
    alphas_cumprod = f / f[0]
    betas = torch.clip(1 - alphas_cumprod[1:] / alphas_cumprod[:-1], 0, 0.999)
    alphas_cumprod = torch.cumprod(1 - betas, dim=0)

    def q_sample(x0, t, noise):
        return alphas_cumprod[t].sqrt() * x0 + (1 - alphas_cumprod[t]).sqrt() * noise
    """

    static let variants: [CodeVariant] = [
        CodeVariant(name: "alpha definition", right: tables, original: "alphas = 1.0 - betas", replacement: "alphas = 1.0 + betas", code: "DL216"),
        CodeVariant(name: "inverted posterior variance", right: tables,
                    original: "betas * (1.0 - alphas_cumprod_prev) / (1.0 - alphas_cumprod)", replacement: "betas * (1.0 - alphas_cumprod) / (1.0 - alphas_cumprod_prev)",
                    code: "DL216", lineOf: "posterior_variance ="),
        CodeVariant(name: "square root missing in a table", right: tables, original: "torch.sqrt(1.0 - alphas_cumprod)", replacement: "1.0 - alphas_cumprod", code: "DL216", lineOf: "sqrt_one_minus_alphas_cumprod ="),
        CodeVariant(name: "shifted the wrong way", right: tables, original: "F.pad(alphas_cumprod[:-1], (1, 0), value=1.0)", replacement: "F.pad(alphas_cumprod[1:], (1, 0), value=1.0)", code: "DL216"),
        CodeVariant(name: "variance as the noise scale of x_t", right: steps,
                    original: "sqrt_one_minus_alphas_cumprod[t][:, None, None, None] * noise", replacement: "(1 - alphas_cumprod[t])[:, None, None, None] * noise", code: "DL213", lineOf: "    x_t = "),
        CodeVariant(name: "variance as the sampler's noise scale", right: steps, original: "torch.sqrt(var_t) * torch.randn_like(x)", replacement: "var_t * torch.randn_like(x)", code: "DL204"),
        CodeVariant(name: "second noise draw as the target", right: steps, original: "F.mse_loss(model(x_t, t), noise)", replacement: "F.mse_loss(model(x_t, t), torch.randn_like(x0))", code: "DL219"),
        CodeVariant(name: "new sample never assigned back", right: steps, original: "img = p_sample(model, img,", replacement: "img_prev = p_sample(model, img,", code: "DL218"),
        CodeVariant(name: "class buffer: inverted posterior variance", right: scheduler,
                    original: "(1.0 - self.alphas_cumprod_prev[t]) / (1.0 - self.alphas_cumprod[t])", replacement: "(1.0 - self.alphas_cumprod[t]) / (1.0 - self.alphas_cumprod_prev[t])",
                    code: "DL204", lineOf: "        var = "),
        CodeVariant(name: "class buffer: α for ᾱ in q_sample", right: scheduler, original: "(1.0 - self.alphas_cumprod[t]).sqrt() * noise", replacement: "(1.0 - self.alphas_cumprod[t]) * noise",
                    code: "DL213", lineOf: "        return self.alphas_cumprod[t].sqrt()"),
        CodeVariant(name: "class: a fresh noise as the loss target", right: scheduler, original: "(model(x_noisy, t) - noise) ** 2", replacement: "(model(x_noisy, t) - torch.randn_like(x_start)) ** 2", code: "DL219"),
        CodeVariant(name: "DDIM σ with the ratio inverted", right: ddim,
                    original: "((1 - a_prev) / (1 - a_t)).sqrt()", replacement: "((1 - a_t) / (1 - a_prev)).sqrt()", code: "DL217", lineOf: "    sigma = "),
        CodeVariant(name: "DDIM direction without σ²", right: ddim, original: "(1 - a_prev - sigma ** 2).sqrt()", replacement: "(1 - a_prev).sqrt()", code: "DL205", lineOf: "    return a_prev.sqrt()"),
        CodeVariant(name: "module-level loop: variance as the noise scale", right: loop, original: "torch.sqrt(betas[t]) * z", replacement: "betas[t] * z", code: "DL204", lineOf: "    x_t = mean"),
        CodeVariant(name: "a variance as Normal's scale", right: distributions, original: "torch.sqrt(1 - alphas_cumprod[t]))", replacement: "1 - alphas_cumprod[t])", code: "DL220"),
        CodeVariant(name: "a registered table from a wrong α", right: buffers, original: "alphas = 1.0 - self.betas", replacement: "alphas = 1.0 / self.betas", code: "DL216"),
        CodeVariant(name: "the ε coefficient is wrong where it is written", right: namedCoefficients,
                    original: "(1 - alphas_cumprod[t]) ** 0.5", replacement: "(1 - alpha) ** 0.5", code: "DL205", lineOf: "    scale2 = "),
        CodeVariant(name: "cosine β without its cap", right: cosine, original: "torch.clip(1 - alphas_cumprod[1:] / alphas_cumprod[:-1], 0, 0.999)",
                    replacement: "1 - alphas_cumprod[1:] / alphas_cumprod[:-1]", code: "DL221", lineOf: "betas = "),
        CodeVariant(name: "cosine ᾱ table kept from t = 0", right: cosine, original: "alphas_cumprod = torch.cumprod(1 - betas, dim=0)\n", replacement: "",
                    code: "DL214", lineOf: "alphas_cumprod = f / f[0]"),
        CodeVariant(name: "module-level loop: result kept apart", right: loop, original: "    x_t = mean +", replacement: "    x_prev = mean +", code: "DL218"),
    ]

    @Test(arguments: variants)
    func theRightCodeIsQuiet(_ v: CodeVariant) {
        v.expectRightCodeIsQuiet()
    }

    @Test(arguments: variants)
    func thePlantedErrorIsFoundOnItsLine(_ v: CodeVariant) {
        v.expectPlantedErrorOnItsLine()
    }
}
