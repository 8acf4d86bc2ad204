import CheckerCore
import Testing
@testable import NotesLint

/// A course notebook leaves a function's body for the student: the header, then only a comment
/// such as `# TODO: your code here`. That gap is read as an empty body, not a missing block
/// (DL212); a header followed by nothing, or by an ordinary comment, is still a syntax error.
struct ExercisePlaceholderTests {
    static let template = """
        import torch


        class EnergyModel:
            def score(self, x):
                # TODO: your code here

            def dsm_loss(self, x, sigma=0.1):
                # 请在此处补全代码

            def sample(self, x, steps=100):
                return x

        """

    @Test func anExerciseGapIsAnEmptyBody() {
        let d = CodeProbe.run(Self.template).diagnostics.filter { $0.code == "DL212" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMissingBodyIsStillAnError() {
        let missing = Self.template.replacingOccurrences("        # TODO: your code here\n", "        # the score of the model\n")
        #expect(missing != Self.template)
        let d = CodeProbe.run(missing).diagnostics.filter { $0.code == "DL212" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
