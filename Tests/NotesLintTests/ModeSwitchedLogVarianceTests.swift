import Testing
@testable import NotesLint

/// A helper returns log σ² for one mode; a caller's branch covering that mode takes its root.
struct ModeSwitchedLogVarianceTests {
    static func scheduler(_ callerBranches: String) -> String {
        """
        import torch

        class Sched:
            def var_of(self, t, kind=None):
                if kind is None:
                    kind = self.kind
                v = self.betas[t]
                if kind == "plain":
                    v = v
                elif kind == "plain_log":
                    v = torch.log(v)
                elif kind == "small_log":
                    v = torch.log(v)
                    v = torch.exp(0.5 * v)
                return v

            def step(self, x, t, z):
        \(callerBranches)
                return x + s * z
        """
    }

    @Test func theRootInTheElseThatCoversTheLogModeIsFound() {
        let code = Self.scheduler("        if self.kind == \"small_log\":\n            s = self.var_of(t)\n        else:\n            s = self.var_of(t) ** 0.5")
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL207" }
        #expect(d.count == 1 && d.first?.location?.line == 21 && d.first?.message.contains("plain_log") == true, "\(Corpus.describe(CodeProbe.run(code).diagnostics))")
    }

    @Test func anElseThatLeavesTheLogModeToItsOwnBranchIsQuiet() {
        let code = Self.scheduler("        if self.kind == \"plain_log\":\n            s = torch.exp(0.5 * self.var_of(t))\n        elif self.kind == \"small_log\":\n            s = self.var_of(t)\n        else:\n            s = self.var_of(t) ** 0.5")
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL207" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
