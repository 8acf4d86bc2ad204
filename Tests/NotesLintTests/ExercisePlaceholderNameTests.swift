import CheckerCore
import Testing
@testable import NotesLint

/// A course notebook leaves values for the student to write as a placeholder name
/// (`nn.Linear(FIXME, FIXME)`): the names of such a program are not judged, since the gaps are
/// where the missing ones are to come from. Without a placeholder the same program's unbound name
/// is still reported (DL238).
struct ExercisePlaceholderNameTests {
    private func neverBound(notebook cells: [String]) throws -> [Diagnostic] {
        try NotesLinter.lint(text: NeverBoundNameTests.notebook(cells, metadata: [:]), path: "course.ipynb").filter { $0.code == "DL238" }
    }

    static let setUp = "import torch\nimport torch.nn as nn\n"

    @Test(arguments: [
        "class Block(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n        self.conv = nn.Conv2d(FIXME, FIXME, 3, padding=1)\n",
        "def noisy(x0, t, abar):\n    eps = torch.randn_like(x0)\n    return TODO * x0 + TODO * eps\n",
        "def loss_fn(model, x):\n    return YOUR_CODE_HERE\n",
    ])
    func aPlaceholderNameIsAGapNotAnUnboundName(_ cell: String) throws {
        let d = try neverBound(notebook: [Self.setUp, cell])
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anUnboundNameWithoutAPlaceholderIsStillReported() throws {
        let d = try neverBound(notebook: [Self.setUp, "def noisy(x0, t, abar):\n    eps = torch.randn_like(x0)\n    return scale * x0 + eps\n"])
        #expect(d.count == 1 && d.first?.message.contains("'scale'") == true, "\(Corpus.describe(d))")
    }

    /// The word in a comment or as part of a longer name is no gap.
    @Test func theWordInACommentOrALongerNameIsNoGap() throws {
        let commented = "def noisy(x0):\n    # FIXME: clamp later\n    return scale * x0\n"
        #expect(try neverBound(notebook: [Self.setUp, commented]).count == 1)
        let longer = "def noisy(x0):\n    FIXME_SCALE = 2\n    return scale * x0 * FIXME_SCALE\n"
        #expect(try neverBound(notebook: [Self.setUp, longer]).count == 1)
    }
}

/// A shell escape that ends in a backslash runs on over the next lines (`!accelerate launch
/// train.py \` ⏎ `--resolution=64 \` …): those lines are the command's options, not Python, so
/// their names are not reported as unbound. A Python line after the command is still read.
struct ContinuedShellEscapeTests {
    private func neverBound(_ cells: [String]) throws -> [Diagnostic] {
        try NotesLinter.lint(text: NeverBoundNameTests.notebook(cells, metadata: [:]), path: "launch.ipynb").filter { $0.code == "DL238" }
    }

    static let launch = "!accelerate launch train_unconditional.py \\\n    --dataset_name=\"butterflies\" \\\n    --resolution=64 \\\n    --learning_rate=1e-4\n"

    @Test func theContinuedCommandIsNotPython() throws {
        let d = try neverBound(["import torch\n", Self.launch])
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // Indented under a branch, with a Windows line end before the break.
        let indented = "import torch\nif torch.cuda.is_available():\n    !nvidia-smi --query-gpu=name \\\r\n        --format=csv\n"
        #expect(try neverBound([indented]).isEmpty)
    }

    @Test func aLineAfterTheCommandIsPythonAgain() throws {
        let d = try neverBound(["import torch\n", Self.launch + "print(resolution)\n"])
        #expect(d.count == 1 && d.first?.message.contains("'resolution'") == true, "\(Corpus.describe(d))")
    }
}
