import CheckerCore
import Testing
@testable import NotesLint

/// Forms a note uses on purpose (a definition of a shorthand, sized delimiters of two shapes, a
/// table built in several statements, the reverse drift written before the probability-flow ODE)
/// stay quiet; the slips they resemble are still reported, at the line that holds them.
struct ShorthandAndRefinementTests {
    private func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "note.md")
    }

    private func lintCode(_ code: String) -> [Diagnostic] {
        CodeProbe.piece(NotesLinter.lintPython(text: code, path: "train.py"))
    }

    /// `p(x_{t-1}) := p(x_{t-1} | x_0)` names a shorthand; stated with `=` it is a wrong step.
    @Test func aDefinitionBetweenTwoDensitiesIsAShorthand() throws {
        #expect(try lint("Write $q(x_{t}) := q(x_{t} | x_0)$ from here on.").isEmpty)
        #expect(try lint("$$p(x_{t-1}) \\coloneqq p(x_{t-1} \\mid x_0)$$").isEmpty)
        #expect(try lint("Then $q(x_{t}) = q(x_{t} | x_0)$ by the Markov property.").map(\.code) == ["DL116"])
    }

    /// TeX pairs `\left` with `\right` whatever the two shapes are.
    @Test func sizedDelimitersPairWhateverTheirShape() throws {
        #expect(try lint("$$L = \\mathbb{E}\\left\\lceil \\|\\epsilon - \\epsilon_\\theta(x_t, t)\\|^2 \\right]$$").isEmpty)
        #expect(try lint("$$L = \\mathbb{E}\\left\\langle a, b \\right\\rangle + c$$").isEmpty)
        #expect(try lint("$$L = \\mathbb{E} \\|\\epsilon - \\epsilon_\\theta(x_t, t)\\|^2 ]$$").map(\.code) == ["DL303"])
    }

    /// Dequantization that adds the uniform draw to 8-bit values before scaling back is no noise.
    @Test func uniformDequantizationBeforeRescaling() {
        #expect(lintCode("import torch\nimages = (images * 255.0 + torch.rand_like(images)) / 256.0\n").isEmpty)
        let noised = "import torch\nnoise = torch.rand_like(x0)\nxt = 0.9 * x0 + 0.1 * noise\n"
        #expect(lintCode(noised).map(\.code) == ["DL201"])
    }

    /// A β table scaled and shifted in place is judged once it is complete.
    @Test func aScheduleFinishedInPlaceIsJudgedWhenComplete() {
        let built = "import torch\nT = 1000\nbetas = torch.arange(0, T) / T\nbetas *= 0.02 - 1e-4\nbetas += 1e-4\nalphas = 1 - betas\n"
        #expect(lintCode(built).isEmpty)
        let zero = "import torch\nT = 1000\nbetas = torch.arange(0, T) / T * 0.02\nalphas = 1 - betas\n"
        #expect(lintCode(zero).map(\.code) == ["DL214"])
    }

    /// A table rewritten from itself is blamed where the rewrite broke it, not in a table derived
    /// from it later.
    @Test func aRewrittenTableIsBlamedWhereItWasRewritten() {
        let shifted = """
            import numpy as np
            betas = np.linspace(1e-4, 0.02, 300)
            alphas = 1 - betas
            alphas_cumprod = np.cumprod(alphas)
            alphas_cumprod = np.concatenate((np.array([1.0]), alphas_cumprod[:-1]))
            sqrt_alphas_cumprod = np.sqrt(alphas_cumprod)
            """
        let found = lintCode(shifted)
        #expect(found.map(\.code) == ["DL216"])
        #expect(found.first?.location?.line == 5)
        let right = shifted.replacingOccurrences(of: "alphas_cumprod = np.concatenate((np.array([1.0]), alphas_cumprod[:-1]))\n", with: "")
        #expect(lintCode(right).isEmpty)
    }

    /// Python points at the parenthesis left open, not at the last one of the file.
    @Test func anUnclosedParenthesisIsReportedAtItsOpener() {
        let code = "import matplotlib.pyplot as plt\nplt.plot(sorted(values)\nplt.show()\n"
        let found = lintCode(code)
        #expect(found.map(\.code) == ["DL212"])
        #expect(found.first?.location?.line == 2)
    }

    /// The reverse SDE's drift with its noise set aside (−g²) is not the note's probability-flow
    /// ODE when the note states that ODE with −½g²; on its own it is still reported.
    @Test func theNoiseFreeReverseDriftBesideTheFlowODE() throws {
        let drift = "Dropping the noise of each step,\n\n$$\\frac{dx}{dt} = -g(t)^2 \\nabla_x \\log p_t(x)$$\n"
        let flow = "\nThe ODE with the same marginals is\n\n$$\\frac{dx}{dt} = f(x, t) - \\frac{1}{2} g(t)^2 s(x; t)$$\n"
        #expect(try lint(drift + flow).isEmpty)
        #expect(try lint(drift).map(\.code) == ["DL156"])
        let halfForgotten = flow.replacingOccurrences(of: "\\frac{1}{2} ", with: "")
        #expect(try lint(halfForgotten).map(\.code) == ["DL156"])
    }
}
