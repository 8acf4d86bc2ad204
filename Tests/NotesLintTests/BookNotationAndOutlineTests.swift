import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "note.md")
}

/// Causes of false alarms met at first contact with reading notes: the kernel written with
/// √(1 − β_i²) and β_i² (β a standard deviation), a σ² the note derives in its own step letter i,
/// η as a Langevin step size, an inner expectation given x_0, the two ends of an interpolant, and
/// an outline that leaves its colons out. Each quiet case has a twin that keeps the bug and is
/// still reported.
struct BookNotationAndOutlineTests {
    // MARK: β as a standard deviation, stated by the kernel

    static func kernelNote(_ marginal: String) -> String {
        """
        $$
        \\begin{aligned}
        p(x_i|x_{i-1}) &= \\mathcal{N}(x_i; \\sqrt{1-\\beta_i^2} x_{i-1}, \\beta_i^2 I) \\\\
        x_i &= \\alpha_i x_{i-1} + \\beta_i \\epsilon_{i}
        \\end{aligned}
        $$

        $$
        \(marginal)
        $$
        """
    }

    @Test func theKernelWithBetaSquaredStatesTheNotation() throws {
        let d = try lint(Self.kernelNote("x_i = \\bar{\\alpha}_i x_0 + \\sqrt{1-\\bar{\\alpha}_i^2} \\epsilon"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMarginalWrongInThatNotationIsStillReported() throws {
        let d = try lint(Self.kernelNote("x_i = \\bar{\\alpha}_i x_0 + (1-\\bar{\\alpha}_i^2) \\epsilon"))
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aRootOfOneMinusBetaSquaredBesideAVarianceBetaIsDDPMsKernelMistyped() throws {
        let d = try lint("$$q(x_t|x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t^2} x_{t-1}, \\beta_t I)$$")
        #expect(d.map(\.code).contains("DL103"), "\(Corpus.describe(d))")
    }

    // MARK: σ² derived in the step letter i, beside a Langevin η

    static func derivedSigmaNote(_ mean: String) -> String {
        """
        $$
        p(x_i|x_{i-1}) = \\mathcal{N}(x_i; \\sqrt{1-\\beta_i^2} x_{i-1}, \\beta_i^2 I)
        $$

        $$
        \\begin{aligned}
        \\sigma^2 &= \\beta_i^2 \\frac{1-\\bar{\\alpha}_{i-1}^2}{1-\\bar{\\alpha}_i^2} \\\\
        \\mu &= \(mean)
        \\end{aligned}
        $$

        Langevin dynamics with step size $\\eta$:
        $$
        x_{n+1} = x_n + \\eta \\nabla_{x} \\log p(x_n) + \\sqrt{2\\eta}\\, \\epsilon_n
        $$
        """
    }

    @Test func aSigmaTheNoteDerivesIsNotFree() throws {
        let d = try lint(Self.derivedSigmaNote("\\sigma^2 \\left(\\frac{\\sqrt{1-\\beta_i^2}}{\\beta_i^2} x_i + \\frac{\\bar{\\alpha}_{i-1}}{1-\\bar{\\alpha}_{i-1}^2} x_0\\right)"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMeanWithTheWrongPrecisionIsStillReported() throws {
        let d = try lint(Self.derivedSigmaNote("\\sigma^2 \\left(\\frac{1}{\\beta_i^2} x_i + \\frac{\\bar{\\alpha}_{i-1}}{1-\\bar{\\alpha}_{i-1}^2} x_0\\right)"))
        #expect(d.map(\.code).contains("DL107"), "\(Corpus.describe(d))")
    }

    // MARK: An inner expectation given x_0 (DL128)

    @Test func anInnerExpectationGivenTheDataDependsOnIt() throws {
        let d = try lint("$$\\mathbb{E}_{p(x_{t-1}|x_t)}[x_{t-1}] = \\mathbb{E}_{p(x_0|x_t)}[\\mathbb{E}_{p(x_{t-1}|x_t, x_0)}[x_{t-1}]]$$")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anInnerExpectationThatForgetsTheDataIsReported() throws {
        let d = try lint("$$\\mathbb{E}_{p(x_{t-1}|x_t)}[x_{t-1}] = \\mathbb{E}_{p(x_0|x_t)}[\\mathbb{E}_{p(x_{t-1}|x_t)}[x_{t-1}]]$$")
        #expect(d.map(\.code) == ["DL128"], "\(Corpus.describe(d))")
    }

    // MARK: The two ends of an interpolant (DL128)

    static func pathNote(_ expectation: String) -> String {
        """
        The path between the ends is
        $$
        x_t = t x_1 + (1 - t) x_0, \\quad \\frac{d x_t}{dt} = x_1 - x_0
        $$

        $$
        \\frac{d}{dt} \(expectation)[\\phi(x_t)] = \(expectation)[\\nabla \\phi(x_t) \\cdot (x_1 - x_0)]
        $$
        """
    }

    @Test func bothEndsSampleThePathAtEveryTime() throws {
        let d = try lint(Self.pathNote("\\mathbb{E}_{(x_0,x_1)\\sim \\pi}"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func oneEndAloneDoesNot() throws {
        let d = try lint(Self.pathNote("\\mathbb{E}_{x_0\\sim \\pi_0}"))
        #expect(d.map(\.code).contains("DL128"), "\(Corpus.describe(d))")
    }

    // MARK: An outline without colons (DL212)

    @Test func anOutlineThatLeavesItsColonsOutIsPseudoCode() throws {
        let d = try lint("""
            ```python
            class Actor(nn.Module)
                __init__(cfg)
                    self.model = build(cfg)
                forward(state)
                    return torch.tanh(self.model(state))

            class Critic(nn.Module)
                forward(state, action)
                    return self.model(torch.cat([state, action], -1))
            ```
            """).filter { $0.code == "DL212" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func oneHeaderWithoutItsColonIsASlip() throws {
        let d = try lint("""
            ```python
            class Actor(nn.Module)
                def __init__(self, cfg):
                    super().__init__()
                    self.model = build(cfg)
            ```
            """).filter { $0.code == "DL212" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A function written the way a formula is (DL212)

    @Test func aFunctionDefinedLikeAFormulaIsMathNotPython() throws {
        let d = try lint("""
            ```python
            gate(h, w, b) =
                h * torch.sigmoid(w)
              + b
            ```
            """).filter { $0.code == "DL212" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameFunctionWithItsHeaderMissingAColonIsStillASlip() throws {
        let d = try lint("""
            ```python
            def gate(h, w, b)
                return h * torch.sigmoid(w) + b
            ```
            """).filter { $0.code == "DL212" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
