import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "family.md")
}

/// With its noise scaled by a free η, the SDEs that keep the marginals of dx = f dt + g dw are
/// dx = [f − ½(1 + η²)·g²·∇ log p] dt + η·g dw̄ backward in time (η = 1 the reverse SDE, η = 0
/// the probability-flow ODE) and dx = [f − ½(1 − η²)·g²·∇ log p] dt + η·g dw forward in time.
/// A member of the family is right whatever η is; a score coefficient that fits no η is wrong.
struct ScaledNoiseReverseSDETests {
    static let backward = "$$d x_t = \\Big[ f(x_t,t) - \\tfrac{1+\\eta_t^2}{2}\\, g(t)^2 \\nabla_{x_t}\\log p_t(x_t) \\Big] dt + \\eta_t\\, g(t)\\, d\\bar{w}$$"
    static let backwardPlainW = "$$dx = \\left[f(x,t) - \\frac{1+\\lambda^2}{2} g^2(t)\\, \\nabla_x \\log p_t(x)\\right]dt + \\lambda g(t)\\, dw$$"
    static let forward = "$$dx = \\left[f(x,t) - \\frac{1}{2}(1-\\eta^2) g(t)^2 \\nabla_x \\log p_t(x)\\right] dt + \\eta\\, g(t)\\, dw$$"

    @Test(arguments: [backward, backwardPlainW, forward])
    func aMemberOfTheFamilyIsRight(_ text: String) throws {
        let d = try lint(text)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The plain reverse SDE's −g² kept while the noise is scaled by η: right only at η = 1.
    @Test func theUnscaledCoefficientBesideAScaledNoiseIsWrong() throws {
        let wrong = try lint(Self.backward.replacingOccurrences("\\tfrac{1+\\eta_t^2}{2}\\, ", ""))
        #expect(wrong.map(\.code) == ["DL126"], "\(Corpus.describe(wrong))")
        let halfOnly = try lint(Self.backwardPlainW.replacingOccurrences("\\frac{1+\\lambda^2}{2}", "\\frac{\\lambda^2}{2}"))
        #expect(halfOnly.map(\.code) == ["DL126"], "\(Corpus.describe(halfOnly))")
    }

    /// Backward in time (dw̄) the family adds η²: the forward family's 1 − η² there is wrong.
    @Test func theForwardFamilyWithAReverseWienerIsWrong() throws {
        let wrong = try lint(Self.forward.replacingOccurrences("dw$$", "d\\bar{w}$$"))
        #expect(wrong.map(\.code) == ["DL126"], "\(Corpus.describe(wrong))")
    }
}
