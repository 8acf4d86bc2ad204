import CheckerCore
import Testing
@testable import NotesLint

/// `betas_t = extract(betas, t, x.shape)` reads the step's β from the document's table through a
/// gather helper: the step it feeds is judged against that table, unlike a β the sampler computes
/// itself from t.
struct GatheredStepBetaTests {
    static func program(mean: String, betaOfStep: String = "betas_t = gather_at(betas, t, x.shape)") -> String {
        """
        import torch

        steps = 1000
        betas = torch.linspace(1e-4, 0.02, steps)
        alphas = 1.0 - betas
        alphas_bar = torch.cumprod(alphas, dim=0)
        root_one_minus_alphas_bar = torch.sqrt(1.0 - alphas_bar)
        root_recip_alphas = torch.sqrt(1.0 / alphas)


        def gather_at(table, t, shape):
            picked = table.gather(-1, t)
            return picked.reshape(t.shape[0], *((1,) * (len(shape) - 1)))


        @torch.no_grad()
        def reverse_step(net, x, t):
            \(betaOfStep)
            root_one_minus_t = gather_at(root_one_minus_alphas_bar, t, x.shape)
            root_recip_t = gather_at(root_recip_alphas, t, x.shape)
            mean = root_recip_t * (\(mean))
            return mean + torch.sqrt(betas_t) * torch.randn_like(x)

        """
    }

    private func meanFindings(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text, path: "gathered.py").filter { $0.code == "DL205" }
    }

    @Test func theRightMeanWithAGatheredBetaIsSilent() throws {
        let d = try meanFindings(Self.program(mean: "x - betas_t * net(x, t) / root_one_minus_t"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMeanMissingTheRootIsReportedWhenBetaIsGathered() throws {
        let d = try meanFindings(Self.program(mean: "x - betas_t * net(x, t) / (1.0 - gather_at(alphas_bar, t, x.shape))"))
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aMeanWithADoubledNoiseTermIsReportedWhenBetaIsGathered() throws {
        let d = try meanFindings(Self.program(mean: "x - 2 * betas_t * net(x, t) / root_one_minus_t"))
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aBetaComputedFromTheStepIsStillItsOwn() {
        let gathered = Array("beta_t = gather_at(betas, t, x.shape)\n".unicodeScalars)
        #expect(CodeAnalysis.ownStepBeta(PythonParser.parse(gathered, from: 0, to: gathered.count).statements, userFunctions: ["gather_at"]) == nil)
        let computed = Array("beta_t = beta_of_step(beta_min, beta_max, t, T)\n".unicodeScalars)
        #expect(CodeAnalysis.ownStepBeta(PythonParser.parse(computed, from: 0, to: computed.count).statements, userFunctions: ["beta_of_step"]) == "beta_t")
    }
}
