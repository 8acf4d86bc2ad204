import CheckerCore
import Testing
@testable import NotesLint

/// Calls of the code's own functions, classes and methods that Python refuses (DL237), and the
/// calls whose target is not certain enough to judge.
struct CallArityTests {
    private func arity(_ code: String) -> [Diagnostic] {
        CodeProbe.run(code).diagnostics.filter { $0.code == "DL237" }
    }

    private func arity(notebook cells: [String]) throws -> [Diagnostic] {
        try NotesLinter.lint(text: OwnNotationAndStepReturnTests.notebook(code: cells), path: "calls.ipynb").filter { $0.code == "DL237" }
    }

    static let sampler = """
        import torch

        @torch.no_grad()
        def draw(net, size, count=16, channels=3):
            return torch.randn(count, channels, size, size)

        """

    /// A shared test class in the style of a library's scheduler tests: a subclass elsewhere
    /// supplies its configuration and may override `dummy_model` with a parameter of its own.
    static func baseTestClass(_ declaration: String) -> String {
        """
        import unittest


        class SchedulerCommonTest(unittest.TestCase):
            scheduler_classes = ()

            def dummy_model(self):
                def model(sample, t):
                    return sample * t
                return model

        \(declaration)
            def check_step(self, scheduler_class, config):
                if config.get("num_vec_classes"):
                    model = self.dummy_model(config["num_vec_classes"])
                    return model

        """
    }

    @Test("a self call in a class that declares itself a base is not judged", arguments: [
        "    def get_scheduler_config(self):\n        raise NotImplementedError\n",
        "    @abstractmethod\n    def get_scheduler_config(self):\n        ...\n",
    ])
    func selfCallsInAnAbstractBaseAreLeftAlone(declaration: String) {
        let d = arity(Self.baseTestClass(declaration))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aSelfCallInAConcreteClassIsStillJudged() {
        // The same class with a method that does its work: nothing says a subclass replaces it.
        let d = arity(Self.baseTestClass("    def get_scheduler_config(self):\n        return {}\n"))
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aRequiredArgumentLeftOutIsReported() throws {
        let cells = [Self.sampler, "for step in range(3):\n    images = draw(net, count=4, channels=1)\n"]
        let d = try arity(notebook: cells)
        // Cells count from 0: the second cell.
        #expect(d.count == 1 && d.first?.location?.cell == 1 && d.first?.message.contains("'size'") == true, "\(Corpus.describe(d))")
        let right = [Self.sampler, "for step in range(3):\n    images = draw(net, 28, count=4, channels=1)\n"]
        #expect(try arity(notebook: right).isEmpty)
    }

    @Test func aKeywordNoParameterHasIsReported() {
        let code = """
            class Schedule:
                def __init__(self, steps=100, kind="linear"):
                    self.steps = steps

            plan = Schedule(steps=50, shape=(2, 3))
            other = Schedule(50, "cosine")

            """
        let d = arity(code)
        #expect(d.count == 1 && d.first?.message.contains("'shape'") == true, "\(Corpus.describe(d))")
    }

    @Test func tooManyPositionalArgumentsToAMethodOnSelf() {
        let code = """
            class Sampler:
                def loop(self, condition):
                    return condition

                def run(self, shape, condition):
                    return self.loop(shape, condition)

            """
        let d = arity(code)
        #expect(d.count == 1 && d.first?.message.contains("2 positional arguments") == true, "\(Corpus.describe(d))")
        #expect(arity(code.replacingOccurrences("self.loop(shape, condition)", "self.loop(condition)")).isEmpty)
    }

    @Test func aParameterGivenTwiceIsReported() {
        let code = """
            def noised(x0, t, noise=None):
                return x0

            y = noised(a, b, t=3)

            """
        #expect(arity(code).count == 1)
    }

    @Test func variadicParametersAndUnpackedCallsAreNotJudged() {
        let code = """
            def flexible(x, *rest, scale=1.0, **options):
                return x

            def fixed(x, t):
                return x

            args = (1, 2)
            flexible(1, 2, 3, 4, extra=5)
            fixed(*args)
            fixed(**{"x": 1, "t": 2})

            """
        #expect(arity(code).isEmpty)
    }

    @Test func keywordOnlyParametersMustBeNamed() {
        let code = """
            def step(x, *, eta):
                return x

            step(x, 0.5)
            step(x)
            step(x, eta=0.5)

            """
        let d = arity(code)
        #expect(d.count == 2, "\(Corpus.describe(d))")
    }

    @Test func aNameBoundTwiceOrDecoratedIsNotJudged() {
        let redefined = """
            def draw(net, size):
                return net

            def draw(net, size, count):
                return net

            draw(net, 28)

            """
        #expect(arity(redefined).isEmpty)
        let decorated = """
            import functools

            @functools.lru_cache
            def table(steps):
                return steps

            table()

            """
        #expect(arity(decorated).isEmpty)
        let dataclass = """
            from dataclasses import dataclass

            @dataclass
            class Config:
                steps: int

            c = Config(steps=3, extra=1)

            """
        #expect(arity(dataclass).isEmpty)
        let shadowed = """
            def draw(net, size):
                return net

            def train(draw):
                return draw()

            """
        #expect(arity(shadowed).isEmpty)
    }

    @Test func aCallInAnEarlierCellThanTheDefinitionIsNotJudged() throws {
        // The first cell's class uses a block from the author's own module; the later cell defines
        // another block of that name for a later version of the model.
        let cells = [
            "from helpers import *\nclass Net:\n    def __init__(self):\n        self.block = Block(3, 8, residual=True)\n",
            "class Block:\n    def __init__(self, cin, cout):\n        self.cin = cin\n",
        ]
        #expect(try arity(notebook: cells).isEmpty)
    }

    @Test func aSketchInAnotherFencedBlockIsNotJudged() throws {
        let note = """
            # Sampling

            ```python
            def sample_chain(model, shape, device, steps):
                return model
            ```

            For video, each frame would be drawn as:

            ```python
            frame = sample_chain(model, prompt)
            ```

            """
        let d = try NotesLinter.lint(text: note, path: "note.md").filter { $0.code == "DL237" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let sameBlock = note.replacingOccurrences("    return model\n```\n\nFor video, each frame would be drawn as:\n\n```python\n", "    return model\n\n")
        #expect(try NotesLinter.lint(text: sameBlock, path: "note.md").filter { $0.code == "DL237" }.count == 1)
    }
}
