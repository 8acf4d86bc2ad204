import CheckerCore
import Testing
@testable import NotesLint

/// DL235 for a DDPM step written in the loop itself: a loop over `range(T - 1, -1, -2)` whose body
/// reads β_t and α_t at the step and updates the sample the model sees applies the one-step update
/// at each jump of two, and ᾱ read at `t - 1` is one step down, not where the jump lands. Walking
/// every step, or a stride with the jump's own β, is quiet.
struct InlineStridedStepTests {
    static func sampler(range: String, beta: String = "betas[t]", previous: String = "alphas_bar[t - 1]") -> String {
        """
        import torch


        def sample(model, n, betas, alphas, alphas_bar, T):
            x = torch.randn(n, 2)
            for t in \(range):
                eps = model(x, t)
                beta = \(beta)
                alpha = 1 - beta
                var = (1 - \(previous)) / (1 - alphas_bar[t]) * beta if t > 0 else 0
                z = torch.randn_like(x) if t > 0 else 0
                x = (x - beta / torch.sqrt(1 - alphas_bar[t]) * eps) / torch.sqrt(alpha) + var ** 0.5 * z
            return x

        """
    }

    @Test func aOneStepUpdateInAStridedLoopIsFound() {
        let d = CodeProbe.run(Self.sampler(range: "range(T - 1, -1, -2)")).diagnostics.filter { $0.code == "DL235" }
        #expect(d.compactMap(\.location?.line).sorted() == [10, 12], "\(Corpus.describe(d))")
    }

    @Test func walkingEveryStepIsQuiet() {
        let d = CodeProbe.run(Self.sampler(range: "range(T - 1, -1, -1)")).diagnostics.filter { $0.code == "DL235" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aStrideWithTheJumpsOwnBetaIsQuiet() {
        let code = Self.sampler(range: "range(T - 1, -1, -2)", beta: "1 - alphas_bar[t] / alphas_bar[max(t - 2, 0)]", previous: "alphas_bar[max(t - 2, 0)]")
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL235" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
