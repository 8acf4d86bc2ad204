import CheckerCore
import Testing
@testable import NotesLint

/// A notebook exported to a script keeps its markdown cells as comments (`# In[ ]:` from
/// nbconvert, `# %%` from jupytext): their formulas are judged at their lines of the script.
/// The comments of an ordinary script are not read as a note.
struct ExportedNotebookTests {
    static let exported = """

    # # Forward process

    # In[ ]:


    import torch


    # The chain adds noise step by step:
    # $$x_t = \\sqrt{1-\\beta_t}\\,x_{t-1} + \\sqrt{\\beta_t}\\,\\epsilon$$
    # and in closed form $q(x_t|x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t}x_0, (1-\\bar\\alpha_t)I)$.

    # In[ ]:


    betas = torch.linspace(1e-4, 0.02, 1000)
    """

    @Test func rightFormulasInTheCommentsAreQuiet() {
        let d = NotesLinter.lintPython(text: Self.exported, path: "ddpm.py")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongFormulaIsReportedAtItsLineOfTheScript() {
        let wrong = Self.exported.replacingOccurrences(of: "\\sqrt{\\beta_t}\\,\\epsilon$$", with: "\\beta_t\\,\\epsilon$$")
        let d = NotesLinter.lintPython(text: wrong, path: "ddpm.py")
        #expect(d.map(\.code) == ["DL101"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 11)
        let jupytext = wrong.replacingOccurrences(of: "# In[ ]:", with: "# %%")
        #expect(NotesLinter.lintPython(text: jupytext, path: "ddpm.py").map(\.code) == ["DL101"])
    }

    @Test func commentsOfAnOrdinaryScriptAreNotANote() {
        let script = Self.exported.replacingOccurrences(of: "# In[ ]:", with: "").replacingOccurrences(of: "\\sqrt{\\beta_t}\\,\\epsilon$$", with: "\\beta_t\\,\\epsilon$$")
        #expect(NotesLinter.lintPython(text: script, path: "ddpm.py").isEmpty)
    }
}
