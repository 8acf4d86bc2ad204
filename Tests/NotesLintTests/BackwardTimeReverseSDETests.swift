import CheckerCore
import Testing
@testable import NotesLint

/// A reverse SDE may be written with dt > 0 running backward (s = T − t). Every drift term then
/// changes sign: dx = [−f(x, t) + g(t)²·∇_x log p_t(x)] dt + g(t) dw̄. That form is right when
/// the drift is written and has turned with the score; a score turned alone is still wrong.
struct BackwardTimeReverseSDETests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "backward.md") }

    static let namedDrift = """
        Running time backward from $T$ to $0$ with a positive step:

        $$dx = \\Big[ -f(x, t) + g(t)^2 \\nabla_x \\log p_t(x) \\Big] dt + g(t)\\, d\\bar{w}_t$$
        """

    /// The VP drift −½β(t)·x turned to +½β(t)·x, with g = √β.
    static let turnedVPDrift = "$$dx = \\left[\\tfrac{1}{2}\\beta(t)\\, x + \\beta(t)\\, \\nabla_x \\log p_t(x)\\right] dt + \\sqrt{\\beta(t)}\\, d\\bar{w}$$"

    @Test func aDriftTurnedWithTheScoreIsQuiet() throws {
        for text in [Self.namedDrift, Self.turnedVPDrift] {
            let d = try Self.lint(text)
            #expect(d.isEmpty, "\(Corpus.describe(d))")
        }
    }

    /// +g² with the forward drift unturned is wrong. (−f − g²·∇ log p is not judged by its drift:
    /// a note may write its forward SDE as dx = −f dt + g dw.)
    @Test func aScoreTurnedAloneIsFound() throws {
        let driftKept = Self.namedDrift.replacingOccurrences("-f(x, t) + g(t)^2", "f(x, t) + g(t)^2")
        let vpKept = Self.turnedVPDrift.replacingOccurrences("\\tfrac{1}{2}\\beta(t)\\, x +", "-\\tfrac{1}{2}\\beta(t)\\, x +")
        for text in [driftKept, vpKept] {
            #expect(text != Self.namedDrift && text != Self.turnedVPDrift)
            let d = try Self.lint(text)
            #expect(d.map(\.code) == ["DL126"], "\(text)\n\(Corpus.describe(d))")
        }
    }

    /// Without a drift to show which way time runs, +g² stays a wrong sign.
    @Test func aDriftlessSDEWithPlusGSquaredIsFound() throws {
        let d = try Self.lint("$$dx = g(t)^2 \\nabla_x \\log p_t(x)\\, dt + g(t)\\, d\\bar{w}$$")
        #expect(d.map(\.code) == ["DL126"], "\(Corpus.describe(d))")
    }
}
