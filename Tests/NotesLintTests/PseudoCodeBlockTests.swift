import CheckerCore
import Testing
@testable import NotesLint

private func syntaxErrors(_ text: String, path: String = "sketch.md") throws -> [Diagnostic] {
    try NotesLinter.lint(text: text, path: path).filter { $0.code == "DL212" }
}

/// Notes put pseudo-code, excerpts and copied signatures under a `python` fence. Such a block is
/// not judged (it gets a coverage entry); one slip in a block of real code is still an error, and
/// a `.py` file is always code.
struct PseudoCodeBlockTests {
    /// A training loop sketched without colons: three headers that no Python reads.
    static let sketch = """
        The loop, roughly:

        ```python
        for epoch in range(n_epochs)
            for x0 in loader
                t = sample_steps(batch)
                while not converged
                    update(model)
        ```

        """

    @Test func aSketchWithManyBrokenLinesIsNotJudged() throws {
        let d = try syntaxErrors(Self.sketch)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func oneMissingColonInRealCodeIsStillAnError() throws {
        let slip = Self.sketch
            .replacingOccurrences("for epoch in range(n_epochs)\n", "for epoch in range(n_epochs):\n")
            .replacingOccurrences("for x0 in loader\n", "for x0 in loader:\n")
        #expect(slip != Self.sketch)
        let d = try syntaxErrors(slip)
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aFileOfCodeIsNeverPseudoCode() throws {
        let body = Self.sketch.components(separatedBy: "```python\n")[1].components(separatedBy: "```")[0]
        let d = try syntaxErrors(body, path: "train.py")
        #expect(d.count == 3, "\(Corpus.describe(d))")
    }

    /// A numbered list of experiments typed inside a code fence.
    @Test func aListInProseIsNotJudged() throws {
        let list = """
            ```python
            # Experiments to run:
            1. Compare samples with ground truth
            2. Sample quality versus step count
            ```

            """
        #expect(try syntaxErrors(list).isEmpty)
        let code = list.replacingOccurrences("1. Compare samples with ground truth\n2. Sample quality versus step count", "compare = samples with truth")
        #expect(try syntaxErrors(code).count == 1)
    }

    /// A remark in Chinese written into the middle of a call.
    @Test func aRemarkInCJKIsNotJudged() throws {
        let remark = """
            ```python
            loss = criterion(pred, noise) 这里用的是 MSE
            ```

            """
        #expect(try syntaxErrors(remark).isEmpty)
        let code = remark.replacingOccurrences("这里用的是 MSE", "with torch.no_grad()")
        #expect(try syntaxErrors(code).count == 1)
    }

    /// An excerpt: the body between the header and the loop is left out with `...`.
    @Test func anElidedExcerptIsNotJudged() throws {
        let excerpt = """
            ```python
            class Sampler:
                def __init__(self, model, steps=50,
                             eta=0.0)
                ...
                def step(self, x, t):
                    return x
            ```

            """
        #expect(try syntaxErrors(excerpt).isEmpty)
        // Without the mark, the signature lacks its colon: one slip, reported once.
        let code = excerpt.replacingOccurrences("    ...\n", "")
        let d = try syntaxErrors(code)
        #expect(d.map(\.message) == ["syntax error: expected ':' at the end of the statement header"], "\(Corpus.describe(d))")
    }

    /// A signature copied from documentation, with no colon and no body.
    @Test func aSignatureShownIsNotJudged() throws {
        let signature = """
            ```python
            def sample(model, shape, *, steps: int = 1000, eta: float = 0.0) -> Tensor
            ```

            """
        #expect(try syntaxErrors(signature).isEmpty)
        let (_, coverage) = try NotesLinter.lintWithCoverage(text: signature, path: "sketch.md")
        #expect(coverage.code.contains { $0.verdict == .skipped && $0.reason.contains("signature") })
    }

    /// After a bracket that is never closed every later line joins it, so the statement that
    /// follows is no second error; Python, too, reports the bracket alone.
    @Test func anUnclosedBracketIsReportedAlone() throws {
        let code = """
            class Model:
                @property
                def device(self):
                    return next(iter(self.parameters()).device

                def encode(self, x):
                    return x

            """
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL212" }
        #expect(d.map(\.message) == ["syntax error: '(' is never closed"], "\(Corpus.describe(d))")
    }

    // MARK: A block that calls itself pseudo-code

    static func filteredDemos(firstLine: String) -> String {
        """
        Drop the first transition of every demonstration:

        ```python
        \(firstLine)
        for demo in dataset:
            demo = demo[1:]
        ```
        """
    }

    @Test(arguments: ["# 伪代码", "# Pseudocode: drop the first step", "# pseudo-code"])
    func aBlockLabelledPseudoCodeIsNotJudged(label: String) throws {
        let d = try NotesLinter.lint(text: Self.filteredDemos(firstLine: label), path: "notes.md").filter { $0.severity != .note }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theMathOfABlockLabelledPseudoCodeIsStillJudged() throws {
        let block = """
            Noising, in outline:

            ```python
            # Pseudo-code for the forward process
            noise = torch.rand_like(x0)
            x_t = torch.sqrt(alpha_bar[t]) * x0 + torch.sqrt(1 - alpha_bar[t]) * noise
            ```
            """
        let d = try NotesLinter.lint(text: block, path: "notes.md")
        #expect(d.contains { $0.code == "DL201" }, "\(Corpus.describe(d))")
        #expect(!d.contains { $0.code == "DL211" || $0.code == "DL238" }, "\(Corpus.describe(d))")
    }

    @Test func theSameLoopUnderAnotherCommentIsStillJudged() throws {
        let d = try NotesLinter.lint(text: Self.filteredDemos(firstLine: "# drop the first step"), path: "notes.md").filter { $0.code == "DL239" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
