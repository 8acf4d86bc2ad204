import CheckerCore
import Testing
@testable import NotesLint

/// Where a name is not a slip (DL211): a parameter of a function defined under an `if` at module
/// level, a capitalised class called beside its lower-case instance, a name made by adding a
/// word to another. A misspelt name beside the one meant is still found.
struct NameSlipScopeTests {
    static let mainGuard = """
        from pathlib import Path

        if __name__ == "__main__":
            out_dir = Path("samples")

            def copy_one(path):
                name = path.name
                return out_dir / name

        """

    @Test func aParameterOfAFunctionDefinedUnderAnIfIsKnown() {
        let d = CodeProbe.run(Self.mainGuard).diagnostics.filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMisspeltNameUnderAnIfIsStillFound() {
        let slip = Self.mainGuard.replacingOccurrences("return out_dir / name", "return ot_dir / name")
        let d = CodeProbe.run(slip).diagnostics.filter { $0.code == "DL211" }
        #expect(d.count == 1 && d.first?.fix == "out_dir", "\(Corpus.describe(d))")
    }

    /// `ddim_sampler = DDIM_Sampler(…)` with the class defined in the author's code not shown.
    @Test func aCalledClassBesideItsInstanceIsNoSlip() {
        let code = """
            import torch
            from src import utils

            STEPS = 50
            ddim_sampler = DDIM_Sampler(STEPS, 1000)
            projection = TSNE(n_components=2)

            """
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The lower-case name used where only the class exists is still a NameError.
    @Test func anInstanceNameUsedForItsClassIsStillFound() {
        let code = """
            import torch
            from torch.utils.data import Dataset, DataLoader

            loader = DataLoader(dataset, batch_size=8)

            """
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    /// `arange(T + 1)` in pseudo-code that leaves NumPy's import out is NumPy's function, not a
    /// slip for `range`; `rang(T)` still is one.
    @Test func anArrayLibraryFunctionIsNoSlipForABuiltin() {
        let code = """
            def cosine_schedule(T, s=0.008):
                steps = arange(T + 1)
                return steps

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }.isEmpty)
        let slip = code.replacingOccurrences("arange(T + 1)", "rang(T + 1)")
        #expect(CodeProbe.run(slip).diagnostics.filter { $0.code == "DL211" }.map(\.fix) == ["range"])
    }

    /// `f_theta_minus(x, t)`: the target network's function, named after its parameters.
    @Test func aNameWithAnAddedWordIsNoSlip() {
        let code = """
            import torch

            theta_minus = None
            x_curr = torch.zeros(4)
            out_target = f_theta_minus(x_curr, 3)

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }.isEmpty)
        let slip = code.replacingOccurrences("f_theta_minus(x_curr, 3)", "f_theta_minus(x_cur, 3)")
        #expect(CodeProbe.run(slip).diagnostics.filter { $0.code == "DL211" }.count == 1)
    }

    /// `alpha_t_bar = take(alpha_bar, t)`: a fragment's table and the value it reads at one step
    /// differ by a word between two of its words, not by a slip.
    @Test func aWordInsertedBetweenWordsIsNoSlip() {
        let code = """
            import numpy as np

            def reverse_step(x_t, eps, t):
                alpha_t_bar = np.take(alpha_bar, t)
                return (x_t - np.sqrt(1 - alpha_t_bar) * eps) / np.sqrt(alpha_t_bar)

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }.isEmpty)
        let slip = code.replacingOccurrences("np.sqrt(alpha_t_bar)", "np.sqrt(alpha_tbar)")
        #expect(CodeProbe.run(slip).diagnostics.filter { $0.code == "DL211" }.map(\.fix) == ["alpha_t_bar"])
    }

    /// `from utils import *` of the author's own module binds names no one can list: a name the
    /// code never defines two edits from one it does (`plot_images` beside a method `log_images`)
    /// may be one of them. A slip of one edit (`nosie` for `noise`) is still one, and a star
    /// import of a library the linter knows changes nothing.
    @Test func aStarImportOfTheAuthorsModuleKeepsOnlyOneEditSlips() {
        let code = """
            import torch
            from utils import *

            class Trainer:
                def log_images(self, images):
                    plot_images(images)

            def show(images):
                plot_images(images)

            plot_images(torch.zeros(2))
            noise = torch.randn(2)
            print(nosie)

            """
        let run = CodeProbe.run(code)
        let starred = run.diagnostics.filter { $0.code == "DL211" }
        #expect(starred.map(\.fix) == ["noise"], "\(Corpus.describe(starred))")
        #expect(run.coverage.contains { $0.construct == "names" && $0.reason.contains("from utils import *") && $0.location.line == 2 })
        let named = CodeProbe.run(code.replacingOccurrences("from utils import *", "from utils import save_images")).diagnostics.filter { $0.code == "DL211" }
        #expect(named.compactMap(\.fix).sorted() == ["log_images", "log_images", "log_images", "noise"], "\(Corpus.describe(named))")
        let library = CodeProbe.run(code.replacingOccurrences("from utils import *", "from numpy import *")).diagnostics.filter { $0.code == "DL211" }
        #expect(library.count == 4, "\(Corpus.describe(library))")
    }
}
