import CheckerCore
import Testing
@testable import NotesLint

/// LaTeX notes (`.tex`): formulas and Python listings are judged at their own lines and columns,
/// the preamble and comments are not part of the note, and the macros a note defines (in a
/// preamble or in a MathJax formula) are expanded before a formula is read; a letter the note
/// defines as 1 − β_t is read as α.
struct LatexNotesAndMacroTests {
    /// A short course note in LaTeX with macros for x, ᾱ and the Gaussian, a commented-out draft,
    /// `\[ … \]`, `\( … \)`, an `align` with row spacing, and a Python listing.
    static func note(marginalVariance: String = "(1-\\abar_t)", inlineNoise: String = "\\sqrt{1-\\abar_t}",
                     draw: String = "torch.randn_like(x0)") -> String {
        """
        \\documentclass{article}
        \\usepackage{amsmath,listings}
        \\newcommand{\\bx}{\\mathbf{x}}
        \\newcommand{\\abar}{\\bar{\\alpha}}
        \\newcommand{\\N}[2]{\\mathcal{N}\\left(#1, #2\\right)}
        \\def\\eps{\\epsilon}
        \\begin{document}
        \\section{Forward process}
        % draft: q(x_t|x_0) = N(\\sqrt{\\abar_t} x_0, \\abar_t I), to be fixed
        The marginal of the forward process is
        \\[
          q(\\bx_t \\mid \\bx_0) = \\N{\\sqrt{\\abar_t}\\,\\bx_0}{\(marginalVariance)\\mathbf{I}}
        \\]
        so that \\( \\bx_t = \\sqrt{\\abar_t}\\,\\bx_0 + \(inlineNoise)\\,\\eps \\) with ``noise'' $\\eps$.
        \\begin{align}
          \\bx_t &= \\sqrt{\\abar_t}\\,\\bx_0 + \\sqrt{1-\\abar_t}\\,\\eps \\\\[2pt]
        \\end{align}
        \\begin{lstlisting}[language=Python]
        def q_sample(x0, t):
            a = alphas_cumprod[t]
            return a.sqrt() * x0 + (1 - a).sqrt() * \(draw)
        \\end{lstlisting}
        \\end{document}
        """
    }

    static func lint(_ text: String, path: String = "notes.tex") throws -> [Diagnostic] {
        try NotesLinter.lint(text: text, path: path)
    }

    @Test func aRightLatexNoteIsSilentAndItsFormulasAreJudged() throws {
        #expect(try Self.lint(Self.note()).isEmpty)
        let coverage = try NotesLinter.lintWithCoverage(text: Self.note(), path: "notes.tex").coverage
        #expect(coverage.judged.count >= 3, "the marginal, the inline sample and the aligned row are read through their macros")
    }

    @Test func aWrongMarginalWrittenWithMacrosIsReportedAtItsLine() throws {
        let d = try Self.lint(Self.note(marginalVariance: "\\abar_t"))
        #expect(d.map(\.code) == ["DL104"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 12)
    }

    @Test func aWrongInlineFormulaInParenthesisDelimitersIsReported() throws {
        let d = try Self.lint(Self.note(inlineNoise: "\\sqrt{\\abar_t}"))
        #expect(d.map(\.code) == ["DL104"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 14)
    }

    @Test func aPythonListingIsReadAsCode() throws {
        let d = try Self.lint(Self.note(draw: "torch.rand_like(x0)"))
        #expect(d.map(\.code) == ["DL201"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 21)
    }

    @Test func aListingInAnotherLanguageIsNotReadAsPython() throws {
        let text = Self.note().replacingOccurrences("[language=Python]", "[language=Matlab]")
            .replacingOccurrences("torch.randn_like(x0)", "rand(size(x0))")
        #expect(try Self.lint(text).isEmpty)
    }

    @Test func commentsAndThePreambleAreNotPartOfTheNote() throws {
        // The draft comment holds a wrong marginal; a preamble may hold formulas in macros.
        let text = Self.note().replacingOccurrences("\\usepackage{amsmath,listings}",
                                                    "\\usepackage{amsmath,listings} % $x_t = \\sqrt{\\bar\\alpha_t} x_0 + \\bar\\alpha_t \\epsilon$")
        #expect(try Self.lint(text).isEmpty)
        // An escaped percent sign is text, not a comment: the formula after it is still read.
        let escaped = Self.note(inlineNoise: "\\sqrt{\\abar_t}").replacingOccurrences("so that", "about 5\\% of it, so that")
        #expect(try Self.lint(escaped).map(\.code) == ["DL104"])
    }

    @Test func aRowBreakWithSpacingOpensNoDisplay() throws {
        // `\\[2pt]` is a row break with spacing, not `\[`: read as a display opener it would leave
        // the align's last row open.
        let d = try Self.lint(Self.note())
        #expect(!d.contains { $0.code == "DL303" || $0.code == "DL304" }, "\(Corpus.describe(d))")
    }

    @Test func macrosDefinedInAMathJaxFormulaAreExpandedInMarkdown() throws {
        let right = """
        $$\\newcommand{\\bx}{\\mathbf{x}} \\newcommand{\\ab}{\\bar\\alpha}$$

        $$ \\bx_t = \\sqrt{\\ab_t}\\bx_0 + \\sqrt{1-\\ab_t}\\epsilon $$
        """
        #expect(try Self.lint(right, path: "n.md").isEmpty)
        let wrong = right.replacingOccurrences("\\sqrt{1-\\ab_t}\\epsilon", "\\sqrt{\\ab_t}\\epsilon")
        let d = try Self.lint(wrong, path: "n.md")
        #expect(d.map(\.code) == ["DL104"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 3)
    }

    @Test func aMacroWithArgumentsTakesThemInOrder() {
        let macros = TexMacros.collect(from: [Array("\\newcommand{\\frc}[2]{\\frac{#2}{#1}}".unicodeScalars)])
        let use = Array("\\frc{a}{b}".unicodeScalars)
        let expanded = macros.expand(TexLexer.tokenize(use, from: 0, to: use.count))
        let chars = expanded.compactMap { t -> String? in
            if case .char(let c) = t.kind { return String(c) }
            if case .command(let c) = t.kind { return "\\" + c }
            return nil
        }
        #expect(chars == ["\\frac", "{", "b", "}", "{", "a", "}"])
    }

    @Test func aMacroDefinedInTermsOfItselfStops() {
        let macros = TexMacros.collect(from: [Array("\\def\\loop{\\loop x}".unicodeScalars)])
        let use = Array("\\loop".unicodeScalars)
        let expanded = macros.expand(TexLexer.tokenize(use, from: 0, to: use.count))
        #expect(expanded.count < 20)
    }

    @Test func aMacroWithADefaultArgumentIsLeftAsWritten() {
        let macros = TexMacros.collect(from: [Array("\\newcommand{\\xt}[1][t]{x_{#1}}".unicodeScalars)])
        #expect(macros.isEmpty)
    }

    @Test func aTexFileInADirectoryIsLinted() {
        #expect(LintInputDiscovery.extensions.contains(".tex"))
    }

    /// A note in Lilian Weng's first notation: `a_t = 1 - \beta_t` and \overline{a}_t its product.
    static func letterNote(productTop: String = "t") -> String {
        """
        Let $a_{t} = 1-\\beta_{t}$ and $\\overline{a}_{t}=\\prod_{i=1}^{\(productTop)}{a_{i}}$. Then

        $$ x_{t} = \\sqrt{\\overline{a}_{t}}x_{0}+\\sqrt{1-\\overline{a}_{t}}z $$
        """
    }

    @Test func aLetterDefinedAsOneMinusBetaIsReadAsAlpha() throws {
        #expect(try Self.lint(Self.letterNote(), path: "n.md").isEmpty)
        let coverage = try NotesLinter.lintWithCoverage(text: Self.letterNote(), path: "n.md").coverage
        #expect(coverage.judged.count == 3, "the definitions of a_t and its product, and the marginal")
        let d = try Self.lint(Self.letterNote(productTop: "T"), path: "n.md")
        #expect(d.map(\.code) == ["DL117"], "\(Corpus.describe(d))")
    }

    @Test func aLetterTheNoteDoesNotDefineStaysALetter() throws {
        // `a_t` as a free coefficient: nothing makes it α, so nothing about it is judged.
        let text = """
        For any coefficients $a_{t}$, $\\overline{a}_{t}=\\prod_{i=1}^{T}{a_{i}}$ is a constant.
        """
        #expect(try Self.lint(text, path: "n.md").isEmpty)
    }
}
