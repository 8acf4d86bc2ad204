import CheckerCore
import Foundation
import Testing
@testable import NotesLint

/// A LaTeX note whose macros live in another file (`\input{macros}`, a `.sty` of its own beside
/// it): linted by path, the note is read with those macros; a file it names that is not there is
/// listed in the coverage, never silently passed over.
struct LatexInputTests {
    /// Slides that define nothing themselves: `\bx` and `\abar` come from the included file.
    static func slides(include: String = "\\input{macros}", variance: String = "1-\\abar_t") -> String {
        """
        \\documentclass{beamer}
        \(include)
        \\begin{document}
        \\begin{frame}{Forward process}
        \\[ \\bx_t = \\sqrt{\\abar_t}\\,\\bx_0 + \\sqrt{\(variance)}\\,\\boldsymbol{\\epsilon} \\]
        \\end{frame}
        \\end{document}
        """
    }

    static let macros = """
        \\newcommand{\\bx}{\\mathbf{x}}
        \\newcommand{\\abar}{\\bar{\\alpha}}
        """

    /// A fresh folder holding `files` (name → text).
    static func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("latex-inputs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            let path = (dir as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func lint(_ files: [String: String], note: String = "slides.tex") throws -> (diagnostics: [Diagnostic], coverage: LintCoverage) {
        let dir = try folder(files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try NotesLinter.lintWithCoverage(path: (dir as NSString).appendingPathComponent(note))
    }

    @Test func macrosFromAnInputFileMakeTheFormulaJudged() throws {
        let right = try Self.lint(["slides.tex": Self.slides(), "macros.tex": Self.macros])
        #expect(right.diagnostics.isEmpty, "\(Corpus.describe(right.diagnostics))")
        #expect(right.coverage.judged.count == 1)
        #expect(right.coverage.macroInputs.map(\.command) == ["\\input{macros}"])
        let wrong = try Self.lint(["slides.tex": Self.slides(variance: "\\abar_t"), "macros.tex": Self.macros])
        #expect(wrong.diagnostics.map(\.code) == ["DL104"], "\(Corpus.describe(wrong.diagnostics))")
        #expect(wrong.diagnostics.first?.location?.line == 5)
    }

    @Test func aPackageOfTheNotesOwnIsReadAndAStandardOneIsNotMissed() throws {
        let files = ["slides.tex": Self.slides(include: "\\usepackage{amsmath,notation}", variance: "\\abar_t"), "notation.sty": Self.macros]
        let result = try Self.lint(files)
        #expect(result.diagnostics.map(\.code) == ["DL104"], "\(Corpus.describe(result.diagnostics))")
        // amsmath is not beside the note, and it is not the note's to provide.
        #expect(result.coverage.macroInputs.count == 1)
        #expect(result.coverage.macroInputs.first?.file?.hasSuffix("notation.sty") == true)
    }

    @Test func aFileInASubfolderAndAFileItIncludesAreFollowed() throws {
        let files = ["slides.tex": Self.slides(include: "\\input{tex/defs}", variance: "\\abar_t"),
                     "tex/defs.tex": "\\input{tex/more}\n", "tex/more.tex": Self.macros]
        #expect(try Self.lint(files).diagnostics.map(\.code) == ["DL104"])
    }

    @Test func aMissingInputIsListedAndItsFormulaIsNotJudged() throws {
        let result = try Self.lint(["slides.tex": Self.slides(variance: "\\abar_t")])
        #expect(result.diagnostics.isEmpty, "without the macros the formula is not read, so nothing is claimed about it")
        #expect(result.coverage.judged.isEmpty)
        #expect(result.coverage.macroInputs == [LintCoverage.MacroInput(line: 2, command: "\\input{macros}", file: nil)])
        #expect(LintCoverage.text([result.coverage]).contains("macros not read: \\input{macros}"))
    }

    @Test func aCommentedOutInputIsNotRead() throws {
        let files = ["slides.tex": Self.slides(include: "% \\input{macros}", variance: "\\abar_t"), "macros.tex": Self.macros]
        let result = try Self.lint(files)
        #expect(result.diagnostics.isEmpty)
        #expect(result.coverage.macroInputs.isEmpty)
    }

    @Test func filesThatIncludeEachOtherAreReadOnce() throws {
        let files = ["slides.tex": Self.slides(include: "\\input{a}", variance: "\\abar_t"),
                     "a.tex": "\\input{b}\n" + Self.macros, "b.tex": "\\input{a}\n\\input{slides}\n"]
        #expect(try Self.lint(files).diagnostics.map(\.code) == ["DL104"])
    }

    @Test func lintingATextReadsNoOtherFile() throws {
        // The text API has no folder to look in: the macros stay unknown and nothing is judged.
        let dir = try Self.folder(["macros.tex": Self.macros])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = (dir as NSString).appendingPathComponent("slides.tex")
        #expect(try NotesLinter.lint(text: Self.slides(variance: "\\abar_t"), path: path).isEmpty)
    }
}
