import CheckerCore
import Testing
@testable import NotesLint

/// Slips that stop real training scripts before they run: `if __name__ = "__main__":`, two
/// letters swapped in a name (`nosie`), a misspelt module (`toch.cat`) or builtin (`rang(…)`).
/// The right forms stay quiet, and a library name is never offered for a bare value.
struct CodeSlipTests {
    static func findings(_ code: String, rule: String) -> [Diagnostic] {
        CodeProbe.run(code).diagnostics.filter { $0.code == rule }
    }

    // MARK: `=` in a condition

    @Test func anAssignmentInAConditionIsASyntaxError() {
        for header in ["if __name__ = \"__main__\":", "while step = 0:", "if ready:\n    pass\nelif mode = \"ddim\":"] {
            let d = Self.findings("\(header)\n    run()\n", rule: "DL212")
            #expect(d.count == 1, "\(header): \(Corpus.describe(d))")
        }
    }

    @Test func comparisonsWalrusAndKeywordArgumentsInAConditionAreQuiet() {
        for header in ["if __name__ == \"__main__\":", "while (step := step - 1) > 0:", "if check(x, strict=True):", "if x >= 1 and y != 2:",
                       "if any(v == 0 for v in values):", "if (lambda k=1: k)():"] {
            let d = Self.findings("\(header)\n    run()\n", rule: "DL212")
            #expect(d.isEmpty, "\(header): \(Corpus.describe(d))")
        }
    }

    // MARK: Argument order in a call

    @Test func aPositionalArgumentAfterAKeywordIsASyntaxError() {
        for call in ["loss = weighted(pred, target, t_start=t0, device)", "y = f(**options, x)"] {
            let d = Self.findings("def f(*a, **k):\n    return 0\nweighted = f\n\(call)\n", rule: "DL212")
            #expect(d.count == 1, "\(call): \(Corpus.describe(d))")
        }
    }

    @Test func keywordsAfterPositionalsAndUnpackingAfterKeywordsAreQuiet() {
        for call in ["loss = weighted(pred, target, device, t_start=t0)", "y = f(x, scale=2, *rest)", "y = f(*rest, x, **options)",
                     "y = f(x, key=lambda v: v, reverse=True)", "y = f(v for v in range(3))", "y = f(..., scale=2, ...)"] {
            let d = Self.findings("def f(*a, **k):\n    return 0\nweighted = f\npred = target = device = t0 = x = 0\nrest = []\noptions = {}\n\(call)\n", rule: "DL212")
            #expect(d.isEmpty, "\(call): \(Corpus.describe(d))")
        }
    }

    /// Inside a bracket never closed, the next line's `def` reads as one more argument: the
    /// bracket is the one error Python reports.
    @Test func aCallNeverClosedIsOneErrorNotTwo() {
        let code = "def f(**k):\n    return 0\ndef small(**k): return f(depth=2, width=96,\ndef large(**k): return f(depth=4, width=384)\n"
        let d = Self.findings(code, rule: "DL212")
        #expect(d.count == 1 && d.allSatisfy { $0.message.contains("never closed") }, "\(Corpus.describe(d))")
    }

    /// With the header proven wrong, the rest of the file is still read: its slips are found.
    @Test func aFileWithAnAssignmentInItsMainGuardIsStillRead() {
        let code = """
            import torch

            def sample(model, n):
                x = torch.randn(n, 2)
                for t in reversed(range(1, 100)):
                    x = model(x, t)
                return x

            if __name__ = "__main__":
                out = sample(None, 4)
                print(toch.mean(out))

            """
        let d = CodeProbe.run(code).diagnostics
        #expect(d.map(\.code) == ["DL212", "DL211"], "\(Corpus.describe(d))")
        #expect(d.last?.fix == "torch")
    }

    // MARK: Swapped letters

    @Test func twoSwappedLettersAreOneSlip() {
        let code = """
            def p_sample(model, x, t, beta):
                noise = torch.randn_like(x)
                return model(x, t) + beta ** 0.5 * nosie

            """
        #expect(Self.findings(code, rule: "DL211").map(\.fix) == ["noise"])
    }

    // MARK: Library names

    @Test func aMisspeltImportedModuleWithAnAttributeIsReported() {
        let code = "import torch\n\ndef f(x):\n    return toch.cat([x, x])\n"
        #expect(Self.findings(code, rule: "DL211").map(\.fix) == ["torch"])
    }

    @Test func aMisspeltBuiltinThatIsCalledIsReported() {
        let code = "def sample(x, steps):\n    for i in rang(1, steps):\n        x = x * 0.9\n    return x\n"
        #expect(Self.findings(code, rule: "DL211").map(\.fix) == ["range"])
    }

    /// A bare value is the note's own quantity (`lens`, `rang`), and a module the code never
    /// imports is not offered: the undefined name may be the author's own object.
    @Test func libraryNamesAreNotOfferedForBareValuesOrModulesNotImported() {
        let bare = "def f(x):\n    return x * rang\n"
        #expect(Self.findings(bare, rule: "DL211").isEmpty)
        let notImported = "def f(x):\n    loggin.info(x)\n    return x\n"
        #expect(Self.findings(notImported, rule: "DL211").isEmpty)
        let imported = "import logging\n\ndef f(x):\n    loggin.info(x)\n    return x\n"
        #expect(Self.findings(imported, rule: "DL211").map(\.fix) == ["logging"])
    }
}
