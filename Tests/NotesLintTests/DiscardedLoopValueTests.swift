import Testing
@testable import NotesLint

/// DL239: a loop that rebinds its own variable to a value nothing reads leaves the sequence as
/// it was. Loops that keep the value (append it, write it back, read it later, change the
/// element in place) stay quiet.
struct DiscardedLoopValueTests {
    static func trajectory(_ loop: String) -> String {
        """
        import torch


        def to_pixels(states):
            out = []
        \(loop)
            return states, out

        """
    }

    static let discarding = """
        for x in states:
            x = (x.clamp(-1, 1) + 1) / 2
            x = (x * 255).type(torch.uint8)
    """

    @Test func aRescaledStepThatOnlyRebindsTheLoopVariableIsFound() {
        let d = CodeProbe.run(Self.trajectory(Self.discarding)).diagnostics
        #expect(d.map(\.code) == ["DL239"], "\(Corpus.describe(d))")
        // Reported where the lost chain of values starts.
        #expect(d.first?.location?.line == 7)
    }

    @Test(arguments: [
        // the new value kept
        "    for x in states:\n        x = (x.clamp(-1, 1) + 1) / 2\n        out.append(x)",
        // written back by index
        "    for i, x in enumerate(states):\n        states[i] = (x.clamp(-1, 1) + 1) / 2",
        // changed in place
        "    for x in states:\n        x = x.clamp_(-1, 1)",
        // a value that does not come from the element
        "    for x in states:\n        x = None",
        // the last value read after the loop
        "    for x in states:\n        x = (x + 1) / 2\n    out.append(x)",
    ])
    func aLoopThatKeepsItsValueIsQuiet(_ loop: String) {
        let d = CodeProbe.run(Self.trajectory(loop)).diagnostics
        #expect(!d.contains { $0.code == "DL239" }, "\(Corpus.describe(d))")
    }

    /// A decoder applied to each recorded latent and dropped.
    @Test func aDecodedLatentDroppedInTheLoopIsFound() {
        let code = """
        def sample(self, n):
            z, trajectory = self.scheduler.sample(self.unet, n)
            for latent in trajectory:
                latent = self.decode(latent)
            return self.decode(z), trajectory

        """
        let d = CodeProbe.run(code).diagnostics
        #expect(d.map(\.code) == ["DL239"], "\(Corpus.describe(d))")
        let kept = code.replacingOccurrences(of: "for latent in trajectory:\n        latent = self.decode(latent)",
                                             with: "trajectory = [self.decode(latent) for latent in trajectory]")
        #expect(!CodeProbe.run(kept).diagnostics.contains { $0.code == "DL239" })
    }

    /// A notebook's later cell may read the last value a module-level loop left.
    @Test func aLaterCellThatReadsTheLastValueKeepsItsLoopQuiet() throws {
        let cells = ["import torch\nimages = [torch.zeros(3)]\nfor img in images:\n    img = img * 2", "print(img.sum())"]
        let read = try NotesLinter.lint(text: OwnNotationAndStepReturnTests.notebook(code: cells), path: "loop.ipynb")
        #expect(!read.contains { $0.code == "DL239" }, "\(Corpus.describe(read))")
        let unread = try NotesLinter.lint(text: OwnNotationAndStepReturnTests.notebook(code: [cells[0], "print(len(images))"]), path: "loop.ipynb")
        #expect(unread.map(\.code) == ["DL239"], "\(Corpus.describe(unread))")
    }
}
