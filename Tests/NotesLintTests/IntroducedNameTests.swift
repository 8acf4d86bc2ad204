import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String, path: String = "note.md") throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: path)
}

/// A formula whose first side the prose introduces as a new name ("Let $y = …$") defines that
/// name; it claims nothing about it yet. A merge of noises stated without such words still claims
/// the merged noise is standard, and is judged.
struct IntroducedNameTests {
    static func twoSteps(_ lead: String, _ formula: String) -> String {
        """
        Two steps of the forward chain:

        $$x_2 = \\sqrt{\\alpha_2}\\sqrt{\\alpha_1} x_0 + \\sqrt{\\alpha_2(1-\\alpha_1)} \\epsilon_1 + \\sqrt{1-\\alpha_2} \\epsilon_2$$

        \(lead) $\(formula)$ and work out its variance next.
        """
    }

    static let sumOfNoises = "\\bar{\\epsilon} = \\sqrt{\\alpha_2(1-\\alpha_1)} \\epsilon_1 + \\sqrt{1-\\alpha_2} \\epsilon_2"

    @Test(arguments: ["Let", "We define", "令", "设"])
    func aNoiseNamedForASumIsADefinition(lead: String) throws {
        let d = try lint(Self.twoSteps(lead, Self.sumOfNoises)).filter { $0.code == "DL105" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameSumClaimedStandardIsStillJudged() throws {
        let d = try lint(Self.twoSteps("Since the noises merge into one standard noise,", Self.sumOfNoises)).filter { $0.code == "DL105" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aNamedSideWithACoefficientIsStillJudged() throws {
        // "Let" names nothing when the first side is no bare name: √(1 − α₁α₂)·ε̄ = … is the merge.
        let merge = "\\sqrt{1-\\alpha_2} \\bar{\\epsilon} = \\sqrt{\\alpha_2(1-\\alpha_1)} \\epsilon_1 + \\sqrt{1-\\alpha_2} \\epsilon_2"
        let d = try lint(Self.twoSteps("Let", merge)).filter { $0.code == "DL105" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A noise the note names itself, sampled in an expectation (DL128)

    static func regression(_ sampled: String) -> String {
        "$$\\min_\\theta \\; \\mathbb{E}_{\(sampled)}\\Big[\\|\\, y - f_\\theta(x_t, t)\\,\\|^2\\Big]$$\n\nwhere $y$ is the regression target (the noise) and $x_t$ the perturbed data."
    }

    @Test func aTargetSampledBesideTheDataSamplesTheState() throws {
        let d = try lint(Self.regression("t, x_0, y")).filter { $0.code == "DL128" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aVariableTheBracketNeverReadsSamplesNothing() throws {
        let d = try lint(Self.regression("t, x_0, c")).filter { $0.code == "DL128" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
