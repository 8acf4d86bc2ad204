import CheckerCore
import Testing
@testable import NotesLint

private func names(_ text: String, path: String = "sketch.md") throws -> [Diagnostic] {
    try NotesLinter.lint(text: text, path: path).filter { $0.code == "DL211" }
}

/// Names in sketches, exercises and excerpts: what the reader fills in is not a slip, and a
/// misspelt name beside them still is.
struct SketchNameTests {
    /// A course notebook's training step with the noising left for the student: `x_noisy` is what
    /// the student's code defines in the gap, not a slip for the `x_noise` drawn above it.
    static let exercise = """
        import torch

        def train_step(model, x, t):
            x_noise = torch.randn_like(x)
            # your code here
            pred = model(x_noisy, t)
            return ((pred - x_noise) ** 2).mean()

        """

    @Test func namesAfterAnExerciseGapAreTheStudents() {
        let d = CodeProbe.run(Self.exercise).diagnostics.filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func withoutTheGapTheNameIsASlip() {
        let code = Self.exercise.replacingOccurrences("    # your code here\n", "")
        #expect(code != Self.exercise)
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }
        #expect(d.map(\.fix) == ["x_noise"], "\(Corpus.describe(d))")
    }

    /// `normalized = normalize(audio)`: the called helper is an input of the value named after
    /// its result, never a slip for that value.
    @Test func aHelperNamedLikeItsResultIsNoSlip() {
        let code = "import numpy as np\n\naudio = np.zeros(16)\nnormalized_audio = normalize_audio(audio)\n"
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }.isEmpty)
        // A plain copy computes nothing: `img_size = IMG_SIZE` beside `img_size` is still a slip.
        let copy = "img_size = IMG_SIZE\n"
        #expect(CodeProbe.run(copy).diagnostics.filter { $0.code == "DL211" }.count == 1)
    }

    /// A network called `encoder` beside a function `encode`, and `decoder_pathway` beside
    /// `encoder_pathway`: a model's parts, not slips. A `parse.parse_args()` beside `parser` is.
    @Test func partsOfAModelAreNoSlips() throws {
        let note = """
            ```python
            def encode(x):
                return x

            encoder_pathway = PathwayEncoder(pathways)
            z = encoder(x)
            x_out = decoder_pathway(z)
            ```

            """
        let d = try names(note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let slip = "import argparse\n\nparser = argparse.ArgumentParser()\nargs = parse.parse_args()\n"
        #expect(CodeProbe.run(slip).diagnostics.filter { $0.code == "DL211" }.map(\.fix) == ["parser"])
    }

    /// An indented excerpt of a method uses `history`, the instance of the class `History` made in
    /// the part not shown.
    @Test func anExcerptsInstanceOfAClassIsNoSlip() throws {
        let note = """
            ```python
            class History:
                def pull(self, ids):
                    return ids
            ```

            In `forward`:

            ```python
                    h = history.pull(n_id)
            ```

            """
        #expect(try names(note).isEmpty)
        let slip = note.replacingOccurrences("h = history.pull(n_id)", "h = Histroy(n_id)")
        #expect(try names(slip).map(\.fix) == ["History"])
    }

    /// A usage snippet that calls a function the note never shows is part of a program whose rest
    /// is elsewhere: `config` there is that program's instance of the class `Config`.
    @Test func aUsageSnippetsInstanceOfAClassIsNoSlip() throws {
        let note = """
            ```python
            class Config:
                epochs: int = 30
            ```

            To compare data set sizes:

            ```python
            run_size_sweep(config, sizes=[100, 300])
            ```

            """
        #expect(try names(note).isEmpty)
        // With every function it calls shown, the block is the whole program, and `config`
        // beside `Config` is a slip.
        let whole = note.replacingOccurrences("run_size_sweep(config, sizes=[100, 300])", "print(config, [100, 300])")
        #expect(try names(whole).map(\.fix) == ["Config"])
    }
}

