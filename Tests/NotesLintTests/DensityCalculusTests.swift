import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "density.md")
}

/// Equations between products, quotients and sums of logs of densities: both sides must be
/// densities of the same variables (DL131), and the same density by the chain rule and the Markov
/// property (DL116).
struct DensityBalanceTests {
    /// −log p_θ(x_0) is the marginal likelihood: the product of the reverse chain is the joint of
    /// every state, so the latents must be integrated out first.
    @Test func aMarginalIsNotTheJointOfTheWholeChain() throws {
        let right = "$$-\\log p_\\theta(x_0) = -\\log p_\\theta(x_{0:T}) + \\log p_\\theta(x_{1:T}|x_0)$$"
        #expect(try lint(right).isEmpty)
        let integrated = "$$-\\log p_\\theta(x_0) = -\\log \\int p_\\theta(x_{0:T})\\,dx_{1:T}$$"
        #expect(try lint(integrated).isEmpty)
        let wrong = "$$-\\log p_\\theta(x_0) = -\\log\\Big(p(x_T)\\prod_{t=1}^{T} p_\\theta(x_{t-1}|x_t)\\Big)$$"
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL131"] && d.first?.message.contains("x_{0:T}") == true, "\(Corpus.describe(d))")
    }

    /// A variable given on the left cannot be a target of a factor on the right.
    @Test func aConditionOfTheLeftIsNoTargetOnTheRight() throws {
        let right = "$$q(x_{t-1}, x_t | x_0) = q(x_t | x_0)\\, q(x_{t-1} | x_t, x_0)$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("q(x_t | x_0)", "q(x_t, x_0)")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL131"] && d.first?.message.contains("x_0 is given") == true, "\(Corpus.describe(d))")
    }

    /// Variables named by letters are balanced like states: Bayes' rule for a class label y.
    @Test func bayesRuleForALabelKeepsItsDenominator() throws {
        let right = "$$p(x_t | y) = \\frac{p(y | x_t)\\, p(x_t)}{p(y)}$$"
        #expect(try lint(right).isEmpty)
        let wrong = "$$p(x_t | y) = p(y | x_t)\\, p(x_t)$$"
        #expect(try lint(wrong).map(\.code) == ["DL131"])
    }

    /// Every step of a chain is judged, not only the first; a step that carries an earlier error
    /// on is not reported a second time.
    @Test func eachWrongStepOfAChainIsReportedOnce() throws {
        let right = "$$q(x_{t-1}|x_t,x_0) = \\frac{q(x_{t-1},x_t,x_0)}{q(x_t,x_0)} = \\frac{q(x_{t-1},x_t|x_0)}{q(x_t|x_0)} = \\frac{q(x_t|x_{t-1})\\,q(x_{t-1}|x_0)}{q(x_t|x_0)}$$"
        #expect(try lint(right).isEmpty)
        // The denominator keeps the joint while the numerator is conditioned on x_0; the next side
        // rewrites that numerator correctly and so carries the error on.
        let wrong = right.replacingOccurrences("{q(x_t|x_0)} = \\frac{q(x_t|x_{t-1})\\,q(x_{t-1}|x_0)}{q(x_t|x_0)}",
                                               "{q(x_t,x_0)} = \\frac{q(x_t|x_{t-1})\\,q(x_{t-1}|x_0)}{q(x_t,x_0)}")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL131"], "\(Corpus.describe(d))")
        // A later side that goes back to a right form is not reported either.
        let undone = wrong.replacingOccurrences("\\frac{q(x_t|x_{t-1})\\,q(x_{t-1}|x_0)}{q(x_t,x_0)}", "\\frac{q(x_t|x_{t-1})\\,q(x_{t-1}|x_0)}{q(x_t|x_0)}")
        #expect(try lint(undone).map(\.code) == ["DL131"])
    }

    /// A latent written z on one side and as states on the other is the note's own name, not an error;
    /// ≡ (equal up to terms without θ) is no identity.
    @Test func aliasesAndEquivalencesAreLeftAlone() throws {
        let alias = "$$\\log\\frac{p_\\theta(x_0, z)}{q(z|x_0)} = \\log\\frac{p(x_T)\\prod_{t=1}^{T}p_\\theta(x_{t-1}|x_t)}{q(z|x_0)}$$"
        #expect(try lint(alias).isEmpty)
        let upToConstants = "$$\\mathbb{E}_q\\Big[\\log q(x_T|x_0) + \\sum_{t=2}^{T}\\log \\frac{q(x_{t-1}|x_t,x_0)}{p_\\theta(x_{t-1}|x_t)}\\Big] \\equiv \\mathbb{E}_q\\Big[\\sum_{t=2}^{T}\\log \\frac{q(x_{t-1}|x_t,x_0)}{p_\\theta(x_{t-1}|x_t)}\\Big]$$"
        #expect(try lint(upToConstants).isEmpty)
    }
}

/// Sums of logs over a range and products are expanded, so the bound's rewrite is checked term by term.
struct DensityJointTests {
    private let bound = "$$\\mathbb{E}_q\\Big[\\log p(x_T) + \\sum_{t=1}^{T}\\log\\frac{p_\\theta(x_{t-1}|x_t)}{q(x_t|x_{t-1})}\\Big] = \\mathbb{E}_q\\Big[\\log\\frac{p(x_T)}{q(x_T|x_0)} + \\sum_{t=2}^{T}\\log\\frac{p_\\theta(x_{t-1}|x_t)}{q(x_{t-1}|x_t,x_0)} + \\log p_\\theta(x_0|x_1)\\Big]$$"

    @Test func theBoundsRewriteConditionsThePosteriorsOnTheData() throws {
        #expect(try lint(bound).isEmpty)
        // Without x_0 the reversed kernels telescope to q(x_{1:T})/q(x_T), not q(x_{1:T} | x_0)/q(x_T | x_0).
        let wrong = bound.replacingOccurrences("{q(x_{t-1}|x_t,x_0)}", "{q(x_{t-1}|x_t)}")
        #expect(try lint(wrong).map(\.code) == ["DL116"])
    }

    /// The Markov property in both directions, and DDIM's kernel given x_0 and the later state.
    @Test func markovSimplificationsAreIdentities() throws {
        let forward = "$$\\frac{q(x_t|x_{t-1},x_0)\\,q(x_{t-1}|x_0)}{q(x_t|x_0)} = \\frac{q(x_t|x_{t-1})\\,q(x_{t-1}|x_0)}{q(x_t|x_0)}$$"
        #expect(try lint(forward).isEmpty)
        let ddim = "$$q_\\sigma(x_{1:T}|x_0) = q_\\sigma(x_T|x_0)\\prod_{t=2}^{T} q_\\sigma(x_{t-1}|x_t,x_0)$$"
        #expect(try lint(ddim).isEmpty)
        let ratio = "$$\\frac{p_\\theta(x_{0:T})}{q(x_{1:T}|x_0)} = \\frac{p(x_T)\\prod_{t=1}^{T}p_\\theta(x_{t-1}|x_t)}{\\prod_{t=1}^{T}q(x_t|x_{t-1})}$$"
        #expect(try lint(ratio).isEmpty)
        // A kernel over two steps is not the one-step kernel: the state in between is not forgotten.
        let wrong = "$$\\frac{q(x_{t+1}|x_{t-1})\\,q(x_{t-1}|x_0)}{q(x_{t+1}|x_0)} = \\frac{q(x_{t+1}|x_t)\\,q(x_{t-1}|x_0)}{q(x_{t+1}|x_0)}$$"
        #expect(try lint(wrong).map(\.code) == ["DL116"])
    }

    /// Given the nearest state on each side, the later states are forgotten too: the chain is Markov
    /// read either way. Dropping the nearest state on one side is still an error.
    @Test func laterStatesBeyondTheNearestAreForgotten() throws {
        let right = "$$q(x_{t-1}\\mid x_t,x_{t+1:T},x_0)=q(x_{t-1}\\mid x_t,x_0)$$"
        #expect(try lint(right).isEmpty)
        let reverse = "$$p_\\theta(x_{t-1}|x_{t:T}) = p_\\theta(x_{t-1}|x_t)$$"
        #expect(try lint(reverse).isEmpty)
        let skipped = right.replacingOccurrences("=q(x_{t-1}\\mid x_t,x_0)", "=q(x_{t-1}\\mid x_{t+1},x_0)")
        let findings = try lint(skipped)
        #expect(findings.map(\.code) == ["DL116"])
        // A long run of states is named by its ends, not listed state by state.
        #expect(findings.first?.message.contains("…") == true)
        let lostData = "$$q(x_{t-1}|x_t,x_{t+1:T},x_0)=q(x_{t-1}|x_t)$$"
        #expect(try lint(lostData).map(\.code) == ["DL116"])
    }
}
