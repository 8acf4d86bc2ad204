import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "sum-index.md")
}

/// An average over samples i = 1…m must label its terms with i, not with the bound m.
struct SumIndexTests {
    @Test func samplesLabelledByTheIndexAreRight() throws {
        #expect(try lint("$$V = \\frac{1}{m}\\sum_{i=1}^{m} \\log D(x^{(i)})$$").isEmpty)
        #expect(try lint("$$V = \\frac{1}{N}\\sum_{n=1}^{N} \\log p_\\theta(x_n)$$").isEmpty)
    }

    @Test func samplesLabelledByTheBoundAreFlagged() throws {
        let superscript = try lint("$$V = \\frac{1}{m}\\sum_{i=1}^{m} \\log D(x^{(m)})$$")
        #expect(superscript.map(\.code) == ["DL130"], "\(Corpus.describe(superscript))")
        let subscripted = try lint("$$V = \\frac{1}{N}\\sum_{n=1}^{N} \\log p_\\theta(x_N)$$")
        #expect(subscripted.map(\.code) == ["DL130"], "\(Corpus.describe(subscripted))")
    }

    /// ∑_{i=1}^{m} 1/m = 1 reads the bound as a number, not as a sample label.
    @Test func theBoundAsANumberIsNotALabel() throws {
        #expect(try lint("$$\\sum_{i=1}^{m} \\frac{1}{m} = 1$$").isEmpty)
    }

    /// (1/T)∑_{t=1}^{T} of a term written at a dummy point averages nothing; a constant term is
    /// just a constant, and a term at the samples is the average meant.
    @Test func anAverageMustReadItsIndex() throws {
        #expect(try lint("$$J = \\frac{1}{T}\\sum_{t=1}^{T} \\log p_\\theta(x_t)$$").isEmpty)
        #expect(try lint("$$\\frac{1}{T}\\sum_{t=1}^{T} \\sigma^2 = \\sigma^2$$").isEmpty)
        let idle = try lint("$$J = \\frac{1}{T}\\sum_{t=1}^{T} \\log p_\\theta(\\xi)$$")
        #expect(idle.map(\.code) == ["DL130"], "\(Corpus.describe(idle))")
    }
}
