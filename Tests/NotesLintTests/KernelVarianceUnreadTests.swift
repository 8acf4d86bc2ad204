import CheckerCore
import Testing
@testable import NotesLint

/// The DDIM kernel N(√ᾱ_{t−1}·x_0 + √(1 − ᾱ_{t−1} − σ_t²)·(x_t − √ᾱ_t·x_0)/√(1 − ᾱ_t), σ_t²·𝟙) with
/// its identity typed in a way the reader does not take for I (`\textit{I}`, `\mathbb{1}`, `I_d`):
/// the mean is the kernel's for the free σ_t, so no DL107. A wrong mean beside such a variance is
/// still reported.
struct KernelVarianceUnreadTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "kernel.md") }

    static func kernel(identity: String, sign: String = "-") -> String {
        """
        For every $t > 1$ the non-Markovian kernel reads
        $$
        q_\\sigma(x_{t-1}\\mid x_t, x_0) = \\mathcal{N}\\left(\\sqrt{\\bar\\alpha_{t-1}}\\,x_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\cdot\\frac{x_t \(sign) \\sqrt{\\bar\\alpha_t}\\,x_0}{\\sqrt{1-\\bar\\alpha_t}},\\ \\sigma_t^2\\, \(identity)\\right)
        $$
        """
    }

    @Test(arguments: ["\\textit{I}", "\\mathbb{1}", "I_d"])
    func theKernelsMeanBesideAnIdentityNotReadIsRight(identity: String) throws {
        let d = try Self.lint(Self.kernel(identity: identity))
        #expect(!d.contains { $0.code == "DL107" }, "\(Corpus.describe(d))")
    }

    @Test(arguments: ["\\textit{I}", "\\mathbb{1}", "I_d"])
    func aWrongMeanBesideItIsStillFound(identity: String) throws {
        let d = try Self.lint(Self.kernel(identity: identity, sign: "+"))
        #expect(d.contains { $0.code == "DL107" }, "\(Corpus.describe(d))")
    }
}
