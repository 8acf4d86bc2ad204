import CheckerCore
import Testing
@testable import NotesLint

/// TeX lets `\text{…}` inside a formula hold math of its own (`$t \sim \text{Uniform$(…)$}$`).
/// The inner `$` pair neither closes the formula nor opens another, so its brackets balance. A
/// formula that really leaves a bracket open is still reported.
struct MathInsideTextTests {
    static func algorithm(_ line: String) -> String {
        """
        \\documentclass{article}
        \\begin{document}
        \\begin{algorithmic}[1]
        \\State $\\mathbf{x}_0 \\sim q(\\mathbf{x}_0)$
        \\State \(line)
        \\State $\\boldsymbol{\\epsilon} \\sim \\mathcal{N}(\\mathbf{0}, \\mathbf{I})$
        \\end{algorithmic}
        \\end{document}
        """
    }

    static func delimiterFindings(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text, path: "training.tex").filter { $0.code == "DL303" || $0.code == "DL304" }
    }

    @Test func mathInsideTextInsideMathBalances() throws {
        let d = try Self.delimiterFindings(Self.algorithm("$t \\sim \\text{Uniform$(\\{1,\\dots,T\\})$}$"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aBracketLeftOpenBesideTextIsStillReported() throws {
        let d = try Self.delimiterFindings(Self.algorithm("$t \\sim \\text{Uniform}(\\{1,\\dots,T\\}$"))
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
