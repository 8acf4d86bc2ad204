import CheckerCore
import Testing
@testable import NotesLint

/// A block fenced in prose that reads two or more names the document never binds (`criterion`,
/// `targets`) is an excerpt of a program not shown. That program may bind the names the excerpt
/// seems to misspell, so DL211 offers only names of the excerpt's own block; the coverage says so.
/// The same slip in a block that reads only what the document binds, or a function's own unused
/// parameter, is still reported (one unseen name, as in `SketchNameTests`, is not enough).
struct ExcerptOfUnshownCodeTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "n.md").filter { $0.code == "DL211" }
    }

    static func note(secondBlock: String) -> String {
        """
        # Privacy

        ```python
        from opacus import PrivacyEngine

        engine = PrivacyEngine()
        model, optimizer, data_loader = engine.make_private(module=net, optimizer=opt, data_loader=loader)
        ```

        # Mixed precision

        ```python
        \(secondBlock)
        ```
        """
    }

    @Test func anExcerptThatReadsUnshownNamesOffersNoOtherSnippetsName() throws {
        let d = try Self.lint(Self.note(secondBlock: """
            from torch.cuda.amp import autocast, GradScaler

            scaler = GradScaler()
            for batch in dataloader:
                with autocast():
                    loss = criterion(model(batch), targets)
                scaler.scale(loss).backward()
            """))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameSlipInABlockThatReadsOnlyBoundNamesIsReported() throws {
        let d = try Self.lint(Self.note(secondBlock: """
            from torch.cuda.amp import autocast, GradScaler

            scaler = GradScaler()
            for batch in dataloader:
                with autocast():
                    loss = model(batch).mean()
                scaler.scale(loss).backward()
            """))
        #expect(d.count == 1, "\(Corpus.describe(d))")
        #expect(d.first?.fix == "data_loader")
    }

    @Test func anExcerptsFunctionStillReportsItsOwnUnusedParameter() throws {
        let d = try Self.lint(Self.note(secondBlock: """
            def sample_step(self, x, t):
                eps = net(x_t, t)
                return (x_t - self.betas[t] / self.sqrt_one_minus_abar[t] * eps) / self.sqrt_alphas[t]
            """))
        #expect(d.count == 1, "\(Corpus.describe(d))")
        #expect(d.first?.fix == "x")
    }

    @Test func anExcerptsFunctionOffersNoOtherSnippetsName() throws {
        let d = try Self.lint(Self.note(secondBlock: """
            def train_step(batch):
                with autocast():
                    loss = criterion(net(batch), targets)
                for p in model.parameters():
                    p.grad = None
                return loss, dataloader
            """))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aNameBoundInTheDocumentsFunctionsIsNoUnshownName() throws {
        // `net` and `opt` are read by the first block; `targets` is a parameter of a function
        // here, so the block below reads nothing the document leaves unbound.
        let text = Self.note(secondBlock: """
            def score(outputs, targets):
                return (outputs - targets).abs().mean()

            for batch in dataloader:
                print(score(model(batch), targets))
            """)
        let d = try Self.lint(text)
        #expect(d.map(\.fix) == ["data_loader"], "\(Corpus.describe(d))")
    }

    @Test func theExcerptIsListedInTheCoverage() throws {
        let (_, coverage) = try NotesLinter.lintWithCoverage(text: Self.note(secondBlock: """
            for batch in dataloader:
                loss = criterion(model(batch), targets)
            """) + "\n", path: "n.md")
        #expect(coverage.code.contains { $0.verdict == .judged && $0.reason.contains("'criterion'") }, "\(coverage.code)")
    }
}
