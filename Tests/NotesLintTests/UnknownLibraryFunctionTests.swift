import CheckerCore
import Testing
@testable import NotesLint

/// DL236: a torch or NumPy function that does not exist, one slip from one that does. The
/// module comes from the code's imports, or from the names tutorials use when a note leaves its
/// imports out.
struct UnknownLibraryFunctionTests {
    static func findings(_ code: String) -> [Diagnostic] {
        CodeProbe.run(code).diagnostics.filter { $0.code == "DL236" }
    }

    @Test func misspeltScheduleAndNoiseFunctionsAreReported() {
        let code = """
            import torch
            import numpy as np
            import torch.nn as nn

            betas = torch.linespace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.comprod(1 - betas, dim=0)
            steps = np.random.randnt(0, 1000, size=8)
            head = nn.Seuential(nn.Linear(4, 4))

            """
        #expect(Self.findings(code).compactMap(\.fix) == ["torch.linspace", "torch.cumprod", "np.random.randint", "nn.Sequential"])
    }

    /// `F.l2_loss` does not exist, but `F.l1_loss` is another loss, not what was meant: the name is
    /// reported without a suggestion.
    @Test func aNameThatDiffersByADigitIsReportedWithoutASuggestion() {
        let code = "import torch.nn.functional as F\n\nloss = F.l2_loss(noise, predicted)\n"
        let d = Self.findings(code)
        #expect(d.count == 1 && d.allSatisfy { $0.fix == nil && !$0.message.contains("did you mean") }, "\(Corpus.describe(d))")
        let slip = code.replacingOccurrences("F.l2_loss", "F.l1_los")
        #expect(Self.findings(slip).compactMap(\.fix) == ["F.l1_loss"])
    }

    @Test func anAliasOfTheCodesOwnIsFollowed() {
        let code = "import numpy as onp\nfrom torch.nn import functional as Fn\n\nab = onp.cumprd(a)\nl = Fn.mse_los(p, q)\n"
        #expect(Self.findings(code).compactMap(\.fix) == ["onp.cumprod", "Fn.mse_loss"])
    }

    @Test func aNoteWithoutImportsUsesTheConventionalNames() {
        let code = "noise = torch.randn_lke(x)\nab = np.cumprd(alphas)\n"
        #expect(Self.findings(code).compactMap(\.fix) == ["torch.randn_like", "np.cumprod"])
    }

    /// Real names, names older releases had, private names and names far from every catalogued
    /// one (a plug-in, a newer function) are quiet.
    @Test func realOldPrivateAndUnrelatedNamesAreQuiet() {
        let code = """
            import torch
            import numpy as np
            import torch.nn.functional as F

            betas = torch.linspace(1e-4, 0.02, 1000)
            ab = torch.cumprod(1 - betas, dim=0)
            loss = F.mse_loss(torch.randn_like(ab), ab)
            missing = np.NaN
            total = np.product([1, 2])
            torch._dynamo_hook = None
            y = torch.my_fused_diffusion_kernel(ab)

            """
        let d = Self.findings(code)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A module name the code turns into a variable is that variable from then on.
    @Test func aReboundAliasIsNotJudged() {
        let code = "import numpy as np\nnp = load_backend()\nab = np.cumprd(a)\n"
        #expect(Self.findings(code).isEmpty)
    }
}
