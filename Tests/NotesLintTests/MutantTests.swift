import CheckerCore
import Foundation
import Testing
@testable import NotesLint

/// One planted error in a correct note. `line` names the text whose line the finding must be on
/// (the replacement itself unless said otherwise).
struct Mutant: CustomStringConvertible, Sendable {
    var file: String
    var original: String
    var replacement: String
    var code: String
    var lineOf: String?

    var description: String { "\(file): \(code) \(replacement.prefix(50))" }
}

struct MutantTests {
    static let mutants: [Mutant] = [
        // English DDPM note, formulas.
        Mutant(file: "ddpm-notes-en.md", original: "\\beta_t \\mathbf{I}\\right)", replacement: "\\sqrt{\\beta_t} \\mathbf{I}\\right)", code: "DL102"),
        Mutant(file: "ddpm-notes-en.md", original: "x_{t-1} + \\sqrt{\\beta_t}\\,\\epsilon$", replacement: "x_{t-1} + \\beta_t\\,\\epsilon$", code: "DL101"),
        Mutant(file: "ddpm-notes-en.md", original: "$\\alpha_t = 1 - \\beta_t$", replacement: "$\\alpha_t = 1 + \\beta_t$", code: "DL117"),
        Mutant(file: "ddpm-notes-en.md", original: "\\bar\\alpha_t = \\prod_{s=1}^{t} \\alpha_s", replacement: "\\bar\\alpha_t = \\sum_{s=1}^{t} \\alpha_s", code: "DL117"),
        Mutant(file: "ddpm-notes-en.md", original: "\\sqrt{1 - \\alpha_t \\alpha_{t-1}}\\, \\bar\\epsilon_{t-2}", replacement: "(1 - \\alpha_t \\alpha_{t-1})\\, \\bar\\epsilon_{t-2}", code: "DL105"),
        Mutant(file: "ddpm-notes-en.md", original: "\\sqrt{1-\\alpha_{t-1}}\\, \\epsilon_{t-2}\\right)", replacement: "(1-\\alpha_{t-1})\\, \\epsilon_{t-2}\\right)", code: "DL105"),
        Mutant(file: "ddpm-notes-en.md", original: "\\sqrt{\\bar\\alpha_t}\\, x_0, (1-\\bar\\alpha_t) I)", replacement: "\\sqrt{\\alpha_t}\\, x_0, (1-\\bar\\alpha_t) I)", code: "DL104"),
        Mutant(file: "ddpm-notes-en.md", original: "x_0 + \\sqrt{1-\\bar\\alpha_t}\\, \\epsilon .", replacement: "x_0 + (1-\\bar\\alpha_t)\\, \\epsilon .", code: "DL101"),
        Mutant(file: "ddpm-notes-en.md", original: "\\tilde\\beta_t = \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\beta_t", replacement: "\\tilde\\beta_t = \\frac{1-\\bar\\alpha_{t}}{1-\\bar\\alpha_{t-1}}\\beta_t", code: "DL106"),
        Mutant(file: "ddpm-notes-en.md", original: "\\frac{\\sqrt{\\alpha_t}(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t} x_t", replacement: "\\frac{\\sqrt{\\bar\\alpha_t}(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t} x_t", code: "DL107"),
        Mutant(file: "ddpm-notes-en.md", original: "\\left(x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta(x_t, t)\\right)$", replacement: "\\left(x_t - \\sqrt{1-\\alpha_t}\\,\\epsilon_\\theta(x_t, t)\\right)$", code: "DL108"),
        Mutant(file: "ddpm-notes-en.md", original: "\\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta", replacement: "\\frac{\\beta_t}{1-\\bar\\alpha_t}\\epsilon_\\theta", code: "DL109"),
        Mutant(file: "ddpm-notes-en.md", original: "\\frac{1-\\alpha_t}{\\sqrt{1-\\bar\\alpha_t}}", replacement: "\\frac{1-\\alpha_t}{\\sqrt{1-\\alpha_t}}", code: "DL109"),
        Mutant(file: "ddpm-notes-en.md", original: "\\sigma_t^2 = \\beta_t", replacement: "\\sigma_t^2 = \\sqrt{\\beta_t}", code: "DL102"),
        Mutant(file: "ddpm-notes-en.md", original: "\\right\\|^2\\right]", replacement: "\\right\\|\\right]", code: "DL110"),
        Mutant(file: "ddpm-notes-en.md", original: "\\sqrt{1-\\bar\\alpha_t}\\,\\epsilon, t\\right)", replacement: "(1-\\bar\\alpha_t)\\,\\epsilon, t\\right)", code: "DL110"),
        Mutant(file: "ddpm-notes-en.md", original: "{2\\sigma_2^2}", replacement: "{\\sigma_2^2}", code: "DL111"),
        Mutant(file: "ddpm-notes-en.md", original: "$[10^{-4}, 0.02]$", replacement: "$[10^{-4}, 0.01]$", code: "DL302"),
        Mutant(file: "ddpm-notes-en.md", original: "- beta_start: 1e-4", replacement: "- beta_start: 0.05", code: "DL301"),
        Mutant(file: "ddpm-notes-en.md", original: "\\mathcal{N}\\left(\\mathbf{x}_t;", replacement: "\\mathcal{N}\\left(\\mathbf{x}_t;(", code: "DL303"),
        Mutant(file: "ddpm-notes-en.md", original: "- \\frac{1}{2}\n$$", replacement: "- \\frac{1}{2}\n", code: "DL304", lineOf: "$$\nD_{KL}"),
        // English DDPM note, code.
        Mutant(file: "ddpm-notes-en.md", original: "        noise = torch.randn_like(x_start)", replacement: "        noise = torch.rand_like(x_start)", code: "DL201"),
        Mutant(file: "ddpm-notes-en.md", original: "torch.sqrt(1.0 - alphas_cumprod[t]) * noise", replacement: "torch.sqrt(1.0 - alphas_cumprod) * noise", code: "DL203"),
        Mutant(file: "ddpm-notes-en.md", original: "torch.cumprod(alphas, dim=0)", replacement: "torch.cumsum(alphas, dim=0)", code: "DL206"),
        Mutant(file: "ddpm-notes-en.md", original: "var = betas[t] * (1.0 - alphas_cumprod_prev[t]) / (1.0 - alphas_cumprod[t])", replacement: "var = betas[t] * (1.0 - alphas_cumprod[t]) / (1.0 - alphas_cumprod_prev[t])", code: "DL204"),
        Mutant(file: "ddpm-notes-en.md", original: "(x - betas[t] / torch.sqrt(1.0 - alphas_cumprod[t]) * eps)", replacement: "(x - betas[t] / (1.0 - alphas_cumprod[t]) * eps)", code: "DL205"),
        Mutant(file: "ddpm-notes-en.md", original: "torch.linspace(beta_start, beta_end, T,", replacement: "torch.linspace(beta_end, beta_start, T,", code: "DL202"),
        Mutant(file: "ddpm-notes-en.md", original: "math.pi / 2) ** 2", replacement: "math.pi / 2)", code: "DL209", lineOf: "np.cos((steps"),
        Mutant(file: "ddpm-notes-en.md", original: "return torch.sqrt(alphas_cumprod[t]) * x_start", replacement: "return torch.sqrt(alphas[t]) * x_start", code: "DL213"),
        Mutant(file: "ddpm-notes-en.md", original: "    var = betas[t] * (1.0 - alphas_cumprod_prev[t])", replacement: "    var = betas[t] * (1.0 - alpha_cumprod_prev[t])", code: "DL211"),
        Mutant(file: "ddpm-notes-en.md", original: "def p_sample(model, x, t):", replacement: "def p_sample(model, x, t)", code: "DL212"),
        // Chinese DDPM note (bold vectors, \overline, \sqrt\beta_t).
        Mutant(file: "ddpm-notes-zh.md", original: "+\\sqrt\\beta_t\\cdot\\boldsymbol{\\epsilon}", replacement: "+\\beta_t\\cdot\\boldsymbol{\\epsilon}", code: "DL101"),
        Mutant(file: "ddpm-notes-zh.md", original: "\\sqrt{1-\\alpha_t\\alpha_{t-1}}\\,\\bar", replacement: "\\sqrt{(1-\\alpha_t)(1-\\alpha_{t-1})}\\,\\bar", code: "DL105"),
        Mutant(file: "ddpm-notes-zh.md", original: "\\sqrt{ \\overline{\\alpha}_{t} }\\,\\mathbf{x}_{0}", replacement: "\\sqrt{ \\alpha_{t} }\\,\\mathbf{x}_{0}", code: "DL104"),
        Mutant(file: "ddpm-notes-zh.md", original: "\\tilde\\beta_t=\\frac{1-\\overline{\\alpha}_{t-1}}{1-\\overline{\\alpha}_{t}}\\cdot\\beta_t", replacement: "\\tilde\\beta_t=\\beta_t", code: "DL106"),
        Mutant(file: "ddpm-notes-zh.md", original: "\\tilde\\beta_t\\mathbf{I}\\right)", replacement: "\\beta_t\\mathbf{I}\\right)", code: "DL106"),
        Mutant(file: "ddpm-notes-zh.md", original: "{\\sqrt{1-\\overline{\\alpha}_t}}\\boldsymbol{\\epsilon}\\right)", replacement: "{\\sqrt{\\overline{\\alpha}_t}}\\boldsymbol{\\epsilon}\\right)", code: "DL109"),
        Mutant(file: "ddpm-notes-zh.md", original: "+\\sqrt{\\tilde\\beta_t}\\,\\mathbf{z}", replacement: "+\\tilde\\beta_t\\,\\mathbf{z}", code: "DL109"),
        Mutant(file: "ddpm-notes-zh.md", original: "\\left\\|\\boldsymbol{\\epsilon}-", replacement: "\\left\\|\\mathbf{x}_0-", code: "DL110"),
        Mutant(file: "ddpm-notes-zh.md", original: "$[0.0001, 0.02]$", replacement: "$[0.0001, 0.2]$", code: "DL302"),
        Mutant(file: "ddpm-notes-zh.md", original: "torch.cumprod(self.alphas, dim=0)", replacement: "torch.cumsum(self.alphas, dim=0)", code: "DL206"),
        Mutant(file: "ddpm-notes-zh.md", original: "eps = torch.randn_like(x_0)", replacement: "eps = torch.rand_like(x_0)", code: "DL201"),
        Mutant(file: "ddpm-notes-zh.md", original: "var = self.betas[t] * (1 - self.alpha_bars_prev[t])", replacement: "var = self.betas[t] * self.alpha_bars[t] * (1 - self.alpha_bars_prev[t])", code: "DL204"),
        Mutant(file: "ddpm-notes-zh.md", original: "torch.sqrt(1 - self.alpha_bars[t]) * eps\n", replacement: "torch.sqrt(1 - self.alpha_bars) * eps\n", code: "DL203"),
        Mutant(file: "ddpm-notes-zh.md", original: "            noise = 0\n        else:\n            noise = torch.randn_like(x_t)", replacement: "            noise = 0\n        noise = torch.randn_like(x_t)", code: "DL210", lineOf: "        noise = torch.randn_like(x_t)"),
        Mutant(file: "ddpm-notes-zh.md", original: "- min_beta : 1e-4\n- max_beta : 2e-2", replacement: "- min_beta : 2e-2\n- max_beta : 1e-4", code: "DL301"),
        // The DDIM paper's convention (α is DDPM's ᾱ).
        Mutant(file: "ddim-notes-en.md", original: "\\hat{x}_0 = \\frac{x_t - \\sqrt{1-\\alpha_t}\\,\\epsilon_\\theta(x_t, t)}{\\sqrt{\\alpha_t}}", replacement: "\\hat{x}_0 = \\frac{x_t - \\sqrt{1-\\alpha_t}\\,\\epsilon_\\theta(x_t, t)}{\\alpha_t}", code: "DL108"),
        Mutant(file: "ddim-notes-en.md", original: "\\hat{x}_0 + \\sqrt{1-\\alpha_{t-1}-\\sigma_t^2}", replacement: "\\hat{x}_0 + \\sqrt{1-\\alpha_{t-1}-\\sigma_t}", code: "DL112"),
        Mutant(file: "ddim-notes-en.md", original: "\\right) + \\sqrt{1-\\alpha_{t-1}-\\sigma_t^2}", replacement: "\\right) + \\sqrt{1-\\alpha_{t}-\\sigma_t^2}", code: "DL112"),
        Mutant(file: "ddim-notes-en.md", original: "\\eta\\sqrt{\\frac{1-\\alpha_{t-1}}{1-\\alpha_t}}", replacement: "\\eta\\sqrt{\\frac{1-\\alpha_{t}}{1-\\alpha_{t-1}}}", code: "DL113"),
        Mutant(file: "ddim-notes-en.md", original: "\\sqrt{\\alpha_t}\\,x_0, (1-\\alpha_t)\\mathbf{I}", replacement: "\\sqrt{\\alpha_t}\\,x_0, \\sqrt{1-\\alpha_t}\\mathbf{I}", code: "DL102"),
        Mutant(file: "ddim-notes-en.md", original: "dir_xt = torch.sqrt(1 - a_prev - sigma_t ** 2) * e_t", replacement: "dir_xt = torch.sqrt(1 - a_prev - eta * (1 - a_prev) / (1 - a_t) * (1 - a_t / a_prev)) * e_t", code: "DL208"),
        Mutant(file: "ddim-notes-en.md", original: "noise = sigma_t * torch.randn_like(x)", replacement: "noise = sigma_t * torch.rand_like(x)", code: "DL201"),
        Mutant(file: "ddim-notes-en.md", original: "pred_x0 = (x - torch.sqrt(1 - a_t) * e_t)", replacement: "pred_x0 = (x - (1 - a_t) * e_t)", code: "DL205", lineOf: "    return torch.sqrt(a_prev)"),
        // Code in the style of improved-diffusion and diffusers.
        Mutant(file: "corpus:improved-diffusion-style.py", original: "math.pi / 2) ** 2,", replacement: "math.pi / 2),", code: "DL209"),
        Mutant(file: "corpus:improved-diffusion-style.py", original: "th.sqrt(1 - alpha_bar_prev - sigma ** 2) * eps", replacement: "th.sqrt(1 - alpha_bar_prev - eta * (1 - alpha_bar_prev) / (1 - alpha_bar) * (1 - alpha_bar / alpha_bar_prev)) * eps", code: "DL208"),
        Mutant(file: "corpus:improved-diffusion-style.py", original: "nonzero_mask * th.exp(0.5 * out[\"log_variance\"])", replacement: "nonzero_mask * th.sqrt(out[\"log_variance\"])", code: "DL207"),
        Mutant(file: "corpus:improved-diffusion-style.py", original: "noise = th.randn_like(x)\n        nonzero_mask", replacement: "noise = th.rand_like(x)\n        nonzero_mask", code: "DL201"),
        Mutant(file: "corpus:improved-diffusion-style.py", original: "self.alphas_cumprod = np.cumprod(alphas, axis=0)", replacement: "self.alphas_cumprod = np.cumsum(alphas, axis=0)", code: "DL206"),
        Mutant(file: "corpus:diffusers-style.py", original: "variance = (beta_prod_t_prev / beta_prod_t) * (1 - alpha_prod_t / alpha_prod_t_prev)", replacement: "variance = (beta_prod_t / beta_prod_t_prev) * (1 - alpha_prod_t / alpha_prod_t_prev)", code: "DL204"),
        Mutant(file: "corpus:diffusers-style.py", original: "(1 - alpha_prod_t_prev - std_dev_t**2) ** (0.5)", replacement: "(1 - alpha_prod_t_prev - eta * variance) ** (0.5)", code: "DL208"),
        Mutant(file: "corpus:diffusers-style.py", original: "            noise = torch.randn(model_output.shape)", replacement: "            noise = torch.rand(model_output.shape)", code: "DL201"),
        Mutant(file: "corpus:diffusers-style.py", original: "variance_noise = torch.randn(model_output.shape)", replacement: "variance_noise = torch.rand(model_output.shape)", code: "DL201"),
        Mutant(file: "corpus:diffusers-style.py", original: "torch.linspace(beta_start, beta_end, num_train_timesteps, dtype=torch.float32)\n", replacement: "torch.linspace(beta_end, beta_start, num_train_timesteps, dtype=torch.float32)\n", code: "DL202"),
        // A blog-style note (\vert, \color, \Big, aligned rows with comments).
        Mutant(file: "corpus:blog-style-en.md", original: "\\sqrt{1 - \\alpha_t \\alpha_{t-1}} \\bar", replacement: "(1 - \\alpha_t \\alpha_{t-1}) \\bar", code: "DL105"),
        Mutant(file: "corpus:blog-style-en.md", original: "&= \\sqrt{\\bar{\\alpha}_t}\\mathbf{x}_0 + \\sqrt{1 - \\bar{\\alpha}_t}\\boldsymbol{\\epsilon} \\\\", replacement: "&= \\sqrt{\\bar{\\alpha}_t}\\mathbf{x}_0 + \\sqrt{1 - \\alpha_t}\\boldsymbol{\\epsilon} \\\\", code: "DL104"),
        Mutant(file: "corpus:blog-style-en.md", original: "\\color{red}{\\tilde{\\beta}_t}", replacement: "\\color{red}{\\beta_t}", code: "DL106"),
        Mutant(file: "corpus:blog-style-en.md", original: "= 1/(\\frac{\\alpha_t - \\bar{\\alpha}_t + \\beta_t}", replacement: "= 1/(\\frac{\\alpha_t - \\bar{\\alpha}_t - \\beta_t}", code: "DL106"),
        Mutant(file: "corpus:blog-style-en.md", original: "\\frac{\\sqrt{\\bar{\\alpha}_{t-1}}\\beta_t}{1 - \\bar{\\alpha}_t} \\mathbf{x}_0", replacement: "\\frac{\\sqrt{\\bar{\\alpha}_{t}}\\beta_t}{1 - \\bar{\\alpha}_t} \\mathbf{x}_0", code: "DL107"),
        Mutant(file: "corpus:blog-style-en.md", original: "\\Big( \\mathbf{x}_t - \\frac{1 - \\alpha_t}{\\sqrt{1 - \\bar{\\alpha}_t}} \\boldsymbol{\\epsilon}_t \\Big)", replacement: "\\Big( \\mathbf{x}_t - \\frac{1 - \\alpha_t}{1 - \\bar{\\alpha}_t} \\boldsymbol{\\epsilon}_t \\Big)", code: "DL109"),
        Mutant(file: "corpus:blog-style-en.md", original: "\\mathbf{x}_0 = \\frac{1}{\\sqrt{\\bar{\\alpha}_t}}", replacement: "\\mathbf{x}_0 = \\frac{1}{\\bar{\\alpha}_t}", code: "DL108"),
        // A lecture-style note: module-level tables read through a gather helper, a DDIM step with η.
        Mutant(file: "corpus:lecture-style-en.md", original: "\\prod_{t=1}^{T} q", replacement: "\\prod_{t=0}^{T} q", code: "DL116"),
        Mutant(file: "corpus:lecture-style-en.md", original: "\\prod_{s=1}^{t} \\alpha_s", replacement: "\\prod_{s=1}^{T} \\alpha_s", code: "DL117"),
        Mutant(file: "corpus:lecture-style-en.md", original: "\\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}", replacement: "\\sqrt{1-\\bar\\alpha_{t-1}}", code: "DL112"),
        Mutant(file: "corpus:lecture-style-en.md", original: "\\eta\\sqrt{\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}}", replacement: "\\eta\\sqrt{\\frac{1-\\bar\\alpha_t}{1-\\bar\\alpha_{t-1}}}", code: "DL113"),
        Mutant(file: "corpus:lecture-style-en.md", original: "\\big)/\\sqrt{\\bar\\alpha_t}", replacement: "\\big)/\\bar\\alpha_t", code: "DL108"),
        Mutant(file: "corpus:lecture-style-en.md", original: "x - betas_t * model(x, t) / sqrt_one_minus_alphas_cumprod_t", replacement: "x - betas_t * model(x, t) / (1 - extract(alphas_cumprod, t, x.shape))", code: "DL205", lineOf: "model_mean = sqrt_recip_alphas_t * ("),
        Mutant(file: "corpus:lecture-style-en.md", original: "return F.mse_loss(noise, predicted_noise)", replacement: "return F.mse_loss(torch.randn_like(x_start), predicted_noise)", code: "DL219"),
        Mutant(file: "corpus:lecture-style-en.md", original: "model_mean + torch.sqrt(posterior_variance_t) * noise", replacement: "model_mean + posterior_variance_t * noise", code: "DL204"),
        Mutant(file: "corpus:lecture-style-en.md", original: "sqrt_recip_alphas = torch.sqrt(1.0 / alphas)", replacement: "sqrt_recip_alphas = 1.0 / alphas", code: "DL216"),
        Mutant(file: "corpus:lecture-style-en.md", original: "torch.sqrt((1 - a_prev) / (1 - a_t))", replacement: "torch.sqrt((1 - a_t) / (1 - a_prev))", code: "DL217"),
    ]

    @Test(arguments: mutants)
    func eachPlantedErrorIsCaughtOnItsLine(_ m: Mutant) throws {
        let url = m.file.hasPrefix("corpus:") ? Corpus.corpus.appendingPathComponent(String(m.file.dropFirst(7))) : Corpus.notes.appendingPathComponent(m.file)
        let text = Corpus.text(url)
        let pieces = text.components(separatedBy: m.original)
        try #require(pieces.count == 2, "the original text must occur exactly once in \(m.file)")
        let mutated = pieces[0] + m.replacement + pieces[1]
        let anchor = m.lineOf ?? m.replacement
        let anchorPieces = mutated.components(separatedBy: anchor)
        try #require(anchorPieces.count >= 2, "anchor not found")
        let line = anchorPieces[0].filter { $0 == "\n" }.count + 1
        let d = try NotesLinter.lint(text: mutated, path: m.file)
        #expect(d.contains { $0.code == m.code && $0.location?.line == line }, "expected \(m.code) on line \(line):\n\(Corpus.describe(d))")
    }

    @Test func thereAreManyKindsOfMutants() {
        #expect(Set(Self.mutants.map(\.code)).count >= 25)
    }
}
