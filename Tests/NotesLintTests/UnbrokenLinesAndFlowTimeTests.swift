import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "note.md")
}

/// Causes of false alarms met at first contact with generated theory notes and flow-matching notes
/// and code: equations typed on their own lines in one display with no `\\` between them, the
/// complement 1 − t of a time in [0, 1], the root of a logarithm of a length, a time drawn from its
/// own distribution beside both ends of a path, and an independent coupling of a source and a
/// target. Each quiet case has a twin that keeps the bug and is still reported.
struct UnbrokenLinesAndFlowTimeTests {
    static func code(_ source: String, _ rule: String) -> [Diagnostic] {
        CodeProbe.run(source).diagnostics.filter { $0.code == rule }
    }

    // MARK: Equations on their own lines, no row break (DL117, DL124)

    static func definitions(_ second: String) -> String {
        """
        $$\\alpha_t = 1 - \\beta_t
        \(second)$$
        """
    }

    @Test func eachLineOfAnUnbrokenDisplayIsItsOwnEquation() throws {
        let d = try lint(Self.definitions("\\bar{\\alpha}_t = \\prod_{s=1}^{t} \\alpha_s = \\prod_{s=1}^{t} (1 - \\beta_s)"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongProductOnItsOwnLineIsStillReported() throws {
        let d = try lint(Self.definitions("\\bar{\\alpha}_t = \\prod_{s=1}^{t} \\alpha_s = \\prod_{s=1}^{t} (1 - \\beta_t)"))
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A line that opens with `=` goes on with the chain above, so a wrong step there is judged
    /// against the line before it.
    @Test func aLineOpeningWithARelationContinuesTheChain() throws {
        let d = try lint("""
            $$\\bar{\\alpha}_t = \\prod_{s=1}^{t} \\alpha_s
            = \\prod_{s=1}^{t} (1 + \\beta_s)$$
            """)
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    // MARK: The complement of a time in [0, 1] (DL204)

    static func path(_ sigma: String) -> String {
        """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)

        class StraightPath:
            def coefficients(self, t):
                alpha = t
                sigma = \(sigma)
                return alpha, sigma
        """
    }

    @Test func oneMinusTheTimeIsAFlowsSigma() {
        let d = Self.code(Self.path("1.0 - t"), "DL204")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aStepReadAtTMinusOneIsStillAStep() {
        let d = Self.code("""
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.cumprod(1 - betas, dim=0)

            def reverse_std(t):
                sigma = torch.sqrt(betas[t - 1] * (1 - alphas_cumprod[t]) / (1 - alphas_cumprod[t - 1]) * 4)
                return sigma
            """, "DL204")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: The root of the logarithm of a length (DL207)

    @Test func theRootOfTheLogOfALengthIsAnAttentionScale() {
        let d = Self.code("""
            import math
            def attention_scale(length, base, head_dim):
                return math.sqrt(math.log(length, base)) / math.sqrt(head_dim)
            """, "DL207")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    // MARK: A time drawn from its own law beside both ends (DL128)

    @Test func aTimeDrawnFromItsLawAndBothEndsSampleThePath() throws {
        let d = try lint("$$\\mathcal{L} = \\mathbb{E}_{t\\sim q(t),x_0,x_1}\\left[\\lVert v_\\theta(t,x_t)-u_t\\rVert^2\\right]$$")
            .filter { $0.code == "DL128" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func oneEndWithTheTimeStillDoesNot() throws {
        let d = try lint("$$\\mathcal{L} = \\mathbb{E}_{t\\sim q(t),x_0}\\left[\\lVert v_\\theta(t,x_t)-u_t\\rVert^2\\right]$$")
            .filter { $0.code == "DL128" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: An independent coupling (DL116)

    @Test func aCouplingDefinedFromTheNamedMarginalsIsADefinition() throws {
        let d = try lint("$$q(x_0,x_1)=p_0(x_0)p_1(x_1).$$").filter { $0.code == "DL116" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameProductInTheChainsOwnDensityIsStillJudged() throws {
        let d = try lint("$$q(x_0,x_1)=q(x_0)q(x_1).$$").filter { $0.code == "DL116" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
