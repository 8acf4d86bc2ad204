import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "componentwise.md")
}

/// Identities over the components of a vector: the squared norm and Jensen's inequality.
struct ComponentwiseTests {
    @Test func aSquaredNormSumsSquares() throws {
        #expect(try lint("$$\\|s_\\theta(x)\\|^2 = \\sum_{j=1}^{d} s_j(x)^2$$").isEmpty)
        #expect(try lint("$$\\|u\\|^2 = \\sum_{k} u_k^2$$").isEmpty)
        #expect(try lint("$$\\|u\\|_1 = \\sum_{k} |u_k|$$").isEmpty)
        let wrong = try lint("$$\\|u\\|^2 = \\sum_{k} u_k$$")
        #expect(wrong.map(\.code) == ["DL154"], "\(Corpus.describe(wrong))")
        let unknownFunction = try lint("$$\\|\\phi(z;w)\\|^2 = \\sum_{k=1}^{m} \\phi_k(z;w)$$")
        #expect(unknownFunction.map(\.code) == ["DL154"], "\(Corpus.describe(unknownFunction))")
    }

    @Test func jensenWeighsTheValues() throws {
        #expect(try lint("$$f\\left(\\sum_{k=1}^{n} w_k z_k\\right) \\le \\sum_{k=1}^{n} w_k f(z_k)$$").isEmpty)
        #expect(try lint("$$\\log\\left(\\sum_{k} w_k z_k\\right) \\ge \\sum_{k} w_k \\log z_k$$").isEmpty)
        let wrong = try lint("$$f\\left(\\sum_{k=1}^{n} w_k z_k\\right) \\le \\sum_{k=1}^{n} f(w_k z_k)$$")
        #expect(wrong.map(\.code) == ["DL154"], "\(Corpus.describe(wrong))")
    }
}
