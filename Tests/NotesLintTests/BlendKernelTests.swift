import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "blend.md")
}

/// A course first noises images by blending, x_t = (1 − β_t)·x_{t−1} + β_t·ε, and writes its law
/// N(x_t; (1 − β_t)·x_{t−1}, β_t²·I) before it turns to DDPM's step. Mean coefficient and standard
/// deviation adding to one mark that other process; DDPM's step with one slip (the root dropped
/// from the mean, or the variance squared) does not add to one and is still reported.
struct BlendKernelTests {
    static let blend = "$q(\\mathbf{x}_{t}|\\mathbf{x}_{t-1})=\\mathcal{N}(\\mathbf{x}_{t};(1-\\beta_{t}) \\cdot \\mathbf{x}_{t-1},\\beta_{t}^{2} \\cdot \\mathbf{I})$"
    static let blendPlain = "$$q(x_t \\mid x_{t-1}) = \\mathcal{N}\\big(x_t;\\ (1-\\beta_t)\\,x_{t-1},\\ \\beta_t^2 I\\big)$$"

    @Test(arguments: [blend, blendPlain])
    func theBlendIsAProcessOfItsOwn(_ text: String) throws {
        let d = try lint(text)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func oneSlipFromDDPMsStepIsStillReported() throws {
        let rootDropped = try lint(Self.blendPlain.replacingOccurrences("\\beta_t^2 I", "\\beta_t I"))
        #expect(rootDropped.contains { $0.code == "DL103" }, "\(Corpus.describe(rootDropped))")
        let varianceSquared = try lint(Self.blendPlain.replacingOccurrences("(1-\\beta_t)\\,x_{t-1}", "\\sqrt{1-\\beta_t}\\,x_{t-1}"))
        #expect(!varianceSquared.isEmpty, "\(Corpus.describe(varianceSquared))")
    }
}
