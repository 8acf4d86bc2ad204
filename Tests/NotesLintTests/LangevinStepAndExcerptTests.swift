import CheckerCore
import Testing
@testable import NotesLint

/// Three forms of set 35 that are right: a Langevin corrector whose step size is named `eps`
/// (x + ε·s + √(2ε)·z), a parenthesis opened at the end of an inline formula and closed in the
/// words after it (`$x(t$ )`), and an excerpt that leaves a branch's body out with `...`. Each has
/// a wrong variant that is still found.
struct LangevinStepAndExcerptTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "n.md")
    }

    // MARK: A step size named eps

    static let corrector = """
        import torch


        def correct(x, score, r=0.16):
            z = torch.randn_like(x)
            eps = 2 * (r * z.norm() / score.norm()) ** 2
            return x + eps * score + torch.sqrt(2 * eps) * z

        """

    /// A corrector whose score is a name (`v = model(…)`, then `eps * v`) and whose step size is
    /// computed from norms: the root scales its own draw, so `eps` under it is that draw's variance.
    static func namedScoreCorrector(_ noise: String) -> String {
        """
        import torch


        def correct(model, x, t, r=0.1):
            v = model(x, t)
            eps = 2 * (r / (torch.norm(v.view(x.shape[0], -1), dim=-1).mean() + 1e-8)) ** 2
            x = x + eps * v + torch.sqrt(2 * eps) * \(noise)
            return x

        """
    }

    @Test func aRootScalingItsOwnDrawHoldsAVariance() {
        let d = CodeProbe.run(Self.namedScoreCorrector("torch.randn_like(x)")).diagnostics.filter { $0.code == "DL224" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // The draw named on a line of its own first, inside a loop of corrector steps.
        let named = """
            import torch


            def correct(model, x, t, r=0.1, n_steps=3):
                for _ in range(n_steps):
                    v = model(x, t)
                    eps = 2 * (r / (torch.norm(v.view(x.shape[0], -1), dim=-1).mean() + 1e-8)) ** 2
                    z = torch.randn_like(x)
                    x = x + eps * v + torch.sqrt(2 * eps) * z
                return x

            """
        let n = CodeProbe.run(named).diagnostics.filter { $0.code == "DL224" }
        #expect(n.isEmpty, "\(Corpus.describe(n))")
    }

    @Test func aRootBesideNoDrawStillHoldsTheNoise() {
        // The same root scaling the state: nothing outside it is a noise, so `eps` under it is.
        let d = CodeProbe.run(Self.namedScoreCorrector("x")).diagnostics.filter { $0.code == "DL224" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aLangevinStepSizeUnderTheRootIsQuiet() throws {
        let d = CodeProbe.run(Self.corrector).diagnostics.filter { $0.code == "DL224" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let pseudo = "```python\nfor step in range(M):\n    noise = randn_like(x)\n    x = x + epsilon * model(x, sigma) + sqrt(2 * epsilon) * noise\n```"
        let m = try Self.lint(pseudo).filter { $0.code == "DL224" }
        #expect(m.isEmpty, "\(Corpus.describe(m))")
    }

    @Test func theNoiseUnderTheRootIsStillFound() {
        let code = """
            import torch


            def q_sample(x0, abar_t):
                eps = torch.randn_like(x0)
                return torch.sqrt(abar_t) * x0 + torch.sqrt((1 - abar_t) * eps)

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL224" }.count == 1)
    }

    // MARK: A parenthesis closed in the words after the formula

    @Test func aParenthesisClosedRightAfterTheFormulaIsQuiet() throws {
        let d = try Self.lint("Solving the ODE gives the covariance of $x(t$ ) in closed form.")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aParenthesisNeverClosedIsStillFound() throws {
        for text in ["Solving the ODE gives the covariance of $x(t$ in closed form.",
                     "Solving the ODE gives $x(t$ and $y$ (both) in closed form."] {
            let d = try Self.lint(text).filter { $0.code == "DL303" }
            #expect(d.count == 1, "\(text): \(Corpus.describe(d))")
        }
    }

    // MARK: A body left out of an excerpt

    @Test func aBranchWhoseBodyTheExcerptLeavesOutIsQuiet() throws {
        let text = "```python\nif negative_prompt is None:\n...\nelif isinstance(negative_prompt, str):\n    tokens = [negative_prompt]\n```"
        let d = try Self.lint(text).filter { $0.code == "DL212" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aBranchWithNoBodyIsStillFound() throws {
        let text = "```python\nif negative_prompt is None:\ntokens = []\n```"
        #expect(try Self.lint(text).filter { $0.code == "DL212" }.count == 1)
    }
}
