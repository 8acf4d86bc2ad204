import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "algorithm.md")
}

/// Pseudo-code sampling loops must leave the last step without noise.
struct AlgorithmNoiseGateTests {
    private func algorithm(loop: String, gate: String) -> String {
        """
        **Sampling**

        $x_T \\sim \\mathcal{N}(0, I)$

        **for** $\(loop)$ **do**

        $z \\sim \\mathcal{N}(0, I)$ if $\(gate)$, else $z = 0$

        **end for**
        """
    }

    @Test func theGateExcludesTheLastStep() throws {
        #expect(try lint(algorithm(loop: "t = T, \\ldots, 1", gate: "t > 1")).isEmpty)
        #expect(try lint(algorithm(loop: "t = T, \\dots, 0", gate: "t > 0")).isEmpty)
        #expect(try lint(algorithm(loop: "t = T, \\ldots, 1", gate: "t \\geq 2")).isEmpty)
        let always = try lint(algorithm(loop: "t = T, \\ldots, 1", gate: "t > 0"))
        #expect(always.map(\.code) == ["DL210"], "\(Corpus.describe(always))")
        let inclusive = try lint(algorithm(loop: "t = T, \\ldots, 1", gate: "t \\ge 1"))
        #expect(inclusive.map(\.code) == ["DL210"], "\(Corpus.describe(inclusive))")
    }
}
