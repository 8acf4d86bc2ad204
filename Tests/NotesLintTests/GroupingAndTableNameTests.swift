import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String, path: String = "note.md") throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: path)
}

/// A coloured group that holds one parenthesised sum multiplies the whole sum:
/// `\sqrt{α_t}\color{red}{(a + b)}` is √α_t·(a + b), as it is drawn.
struct ColouredParenthesisTests {
    static let merge = """
    $$
    \\begin{aligned}
    &x_{t}=\\sqrt{\\alpha_t}x_{t-1}+\\sqrt{\\beta_t}z_t \\\\
    &=\\sqrt{\\alpha_t}\\color{red}{(\\sqrt{\\alpha_{t-1}}x_{t-2}+\\sqrt{\\beta_{t-1}}z_{t-1})}+\\sqrt{\\beta_t}z_t \\\\
    &=\\sqrt{\\alpha_t\\alpha_{t-1}}x_{t-2}+\\sqrt{\\alpha_t\\beta_{t-1}}z_{t-1}+\\sqrt{\\beta_t}z_t
    \\end{aligned}
    $$
    """

    @Test func theMergeIsRight() throws {
        let d = try lint(Self.merge)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongMergeIsStillReported() throws {
        let wrong = Self.merge.replacingOccurrences(of: "\\sqrt{\\alpha_t\\beta_{t-1}}z_{t-1}", with: "\\sqrt{\\beta_{t-1}}z_{t-1}")
        #expect(try lint(wrong).map(\.code).contains("DL105"))
    }
}

/// A note that writes β̃_{t−1} (and never β̃_t) for the variance of q(x_{t−1} | x_t, x_0) indexes it
/// by the state it is a law of: DDPM's β̃_t.
struct PosteriorIndexedByTargetTests {
    static let note = """
    $$q(x_{t-1}|x_t, x_0) = \\mathcal{N}(x_{t-1};\\tilde{\\mu}_{t-1}(x_t), \\tilde{\\beta}_{t-1}\\mathbf{I})$$

    $$\\tilde{\\beta}_{t-1} = \\frac{1-\\bar{\\alpha}_{t-1}}{1-\\bar{\\alpha}_t}\\beta_t$$
    """

    @Test func theNotesIndexIsRead() throws {
        let d = try lint(Self.note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anInvertedRatioIsStillWrong() throws {
        let wrong = Self.note.replacingOccurrences(of: "\\frac{1-\\bar{\\alpha}_{t-1}}{1-\\bar{\\alpha}_t}", with: "\\frac{1-\\bar{\\alpha}_t}{1-\\bar{\\alpha}_{t-1}}")
        #expect(try lint(wrong).map(\.code) == ["DL106"])
    }
}

/// The Markov property is known for the chain's states only: a chain of named events A → B → C,
/// or a label y in classifier guidance, holds independences only the note states.
struct NamedVariableStepTests {
    @Test func namedChainsAreNotJudged() throws {
        let events = "$$P(A,B,C)=P(C\\mid B,A)P(B,A)=P(B\\mid A)P(A)P(C\\mid B)$$"
        #expect(try lint(events).isEmpty)
        let guidance = "$$p_{\\theta,\\phi}(x_{t-1}|x_t, y) = p_\\theta(x_{t-1}|x_t)\\frac{p_\\phi(y|x_{t-1})}{p_\\phi(y|x_t)}$$"
        #expect(try lint(guidance).isEmpty)
    }

    @Test func statesAreStillJudged() throws {
        let wrong = "$$q(x_{t-1}|x_t) = \\frac{q(x_t|x_{t-1})q(x_{t-1})}{q(x_t)} = \\frac{q(x_t|x_{t-1},x_0)q(x_{t-1}|x_0)}{q(x_t|x_0)}$$"
        #expect(try lint(wrong).map(\.code) == ["DL116"])
    }
}

/// Code: names and tables of other kinds are not the schedule's, and one wrong mean is one finding.
struct ScheduleTableNameTests {
    @Test func aMinusOneRootIsNoRootOfAlphaBar() {
        let code = "import torch\nbetas = torch.linspace(1e-4, 0.02, 1000).double()\nalphas_bar = torch.cumprod(1. - betas, dim=0)\nsqrt_m1_alphas_bar = torch.sqrt(1 - alphas_bar)\n"
        #expect(NotesLinter.lintPython(text: code, path: "s.py").isEmpty)
        let wrong = code.replacingOccurrences(of: "sqrt_m1_alphas_bar = torch.sqrt(1 - alphas_bar)", with: "sqrt_alphas_bar = torch.sqrt(1 - alphas_bar)")
        #expect(NotesLinter.lintPython(text: wrong, path: "s.py").map(\.code) == ["DL216"])
    }

    @Test func aGridIsNoSchedule() {
        let code = "import numpy as np\n\ndef quantize(x, low=-10, high=10, n=10000):\n    grid = np.linspace(low, high, n)\n    return grid[np.abs(grid - x).argmin()]\n"
        #expect(NotesLinter.lintPython(text: code, path: "q.py").isEmpty)
        let wrong = "import torch\nbetas = torch.linspace(1e-4, 0.02, 1000)\nalphas_cumprod = torch.cumprod(1 - betas, 0)\n\ndef q_sample(x0, t, noise):\n    return alphas_cumprod.sqrt() * x0 + (1 - alphas_cumprod).sqrt() * noise\n"
        #expect(NotesLinter.lintPython(text: wrong, path: "q.py").map(\.code).contains("DL203"))
    }

    @Test func aClippedCosineTableMayKeepItsAlphaBar() {
        let code = """
            import math
            import torch
            T = 1000
            s = 0.008
            t = torch.arange(T + 1)
            f = torch.cos((t / T + s) / (1 + s) * math.pi / 2) ** 2
            alpha_bar_cosine = f / f[0]
            beta = torch.clamp(1 - alpha_bar_cosine[1:] / alpha_bar_cosine[:-1], max=0.999)
            alpha = 1.0 - beta
            alpha_bar = alpha_bar_cosine[1:]
            """
        let d = NotesLinter.lintPython(text: code, path: "c.py")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrong = code.replacingOccurrences(of: "alpha_bar = alpha_bar_cosine[1:]", with: "alpha_bar = torch.cumsum(alpha, dim=0)")
        #expect(NotesLinter.lintPython(text: wrong, path: "c.py").map(\.code).contains("DL206"))
    }

    @Test func aWrongMeanInALoopIsReportedOnce() throws {
        let note = """
        ```python
        x = torch.randn(shape)
        for t in range(T, 0, -1):
            e = model(x, t)
            mu = 1/torch.sqrt(alpha_bar[t]) * (x - beta[t]/torch.sqrt(1-alpha_bar[t]) * e)
            sigma = torch.sqrt(beta[t])
            x = mu + sigma * torch.randn_like(x)
        ```
        """
        let d = try lint(note)
        #expect(d.map(\.code) == ["DL205"], "\(Corpus.describe(d))")
    }
}
