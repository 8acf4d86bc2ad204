import Testing
@testable import NotesLint

/// A DDIM loop over a list of timesteps jumps t → t_prev: its β is 1 − ᾱ_t/ᾱ_prev; the one-step
/// 1 − α_t in σ is found, the jump's own β and a full-step loop are quiet.
struct SubsequenceBetaTests {
    static func sampler(_ beta: String, alphaLine: String = "a_step = alphas[t]") -> String {
        """
        import math
        import torch

        def sample(net, x, steps, eta=1.0):
            for k in range(len(steps) - 1):
                t = steps[k]
                t_prev = steps[k + 1]
                \(alphaLine)
                ab_t = alphas_cumprod[t]
                ab_prev = alphas_cumprod[t_prev]
                b = \(beta)
                b_tilde = (1 - ab_prev) / (1 - ab_t) * b
                sigma = eta * math.sqrt(b_tilde)
                eps = net(x, t)
                x0 = (x - math.sqrt(1 - ab_t) * eps) / math.sqrt(ab_t)
                x = math.sqrt(ab_prev) * x0 + math.sqrt(1 - ab_prev - sigma ** 2) * eps + sigma * torch.randn_like(x)
            return x
        """
    }

    @Test(arguments: ["a_step = alphas[t]", "a_step = get_alpha(t)", "a_step = self.alphas[t]"])
    func theOneStepBetaOnAJumpIsFound(_ alphaLine: String) {
        let d = CodeProbe.run(Self.sampler("1 - a_step", alphaLine: alphaLine)).diagnostics.filter { $0.code == "DL217" }
        #expect(d.count == 1 && d.first?.location?.line == 11, "\(Corpus.describe(CodeProbe.run(Self.sampler("1 - a_step", alphaLine: alphaLine)).diagnostics))")
    }

    @Test func theJumpsOwnBetaIsQuiet() {
        let code = Self.sampler("1 - a_step", alphaLine: "a_step = ab_t_cur / ab_prev_cur").replacingOccurrences("ab_t_cur / ab_prev_cur", "alphas_cumprod[t] / alphas_cumprod[t_prev]")
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL217" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// Every step taken in turn: t − 1 is the next step, and 1 − α_t is its β.
    @Test func aFullStepLoopIsQuiet() {
        let code = Self.sampler("1 - a_step").replacingOccurrences("for k in range(len(steps) - 1):\n        t = steps[k]\n        t_prev = steps[k + 1]", "for t in range(999, 0, -1):\n        t_prev = t - 1")
        #expect(code.contains("t_prev = t - 1"))
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL217" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
