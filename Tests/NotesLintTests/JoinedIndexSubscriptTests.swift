import CheckerCore
import Testing
@testable import NotesLint

/// `x_{ik}`, sample i at step k: a subscript of index letters side by side reads each of them, so
/// an average over i of such terms is no idle average (DL130). Terms that read k alone still are.
struct JoinedIndexSubscriptTests {
    static let loss = "$$\\min_\\theta \\frac{1}{m}\\sum_{i=1}^{m}\\sum_{k=1}^{K} \\| s_\\theta(x_{ik}, k) + \\frac{n_{ik}}{\\sqrt{2h}} \\|^2$$"

    @Test func joinedIndicesAreRead() throws {
        let d = try NotesLinter.lint(text: Self.loss + "\n", path: "ik.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func termsWithoutTheIndexAreFound() throws {
        let idle = Self.loss.replacingOccurrences("x_{ik}", "x_{k}").replacingOccurrences("n_{ik}", "n_{k}")
        let d = try NotesLinter.lint(text: idle + "\n", path: "ik.md")
        #expect(d.map(\.code) == ["DL130"], "\(Corpus.describe(d))")
    }

    /// `y_{ic}`, sample i's label for class c: the other letter need not be a usual index letter.
    static let crossEntropy = "$$L = -\\frac{1}{N} \\sum_{i=1}^N \\sum_{c=1}^C y_{ic} \\log(\\hat{y}_{ic})$$"

    @Test func aSampleAndAClassSideBySideAreRead() throws {
        let d = try NotesLinter.lint(text: Self.crossEntropy + "\n", path: "ce.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aClassAloneIsStillAnIdleAverage() throws {
        let idle = Self.crossEntropy.replacingOccurrences("y_{ic}", "y_{c}")
        let d = try NotesLinter.lint(text: idle + "\n", path: "ce.md")
        #expect(d.map(\.code) == ["DL130"], "\(Corpus.describe(d))")
    }
}
