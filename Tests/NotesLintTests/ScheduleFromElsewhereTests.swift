import CheckerCore
import Testing
@testable import NotesLint

/// A β table made by a function the document does not show (`self.betas =
/// make_schedule(self.steps)`, a schedule handed to the constructor) stands in as DDPM's linear
/// schedule, so the tables the code derives from it are judged against each other.
struct ScheduleFromElsewhereTests {
    static func program(forwardScale: String = "self.root_alphas_bar", noiseScale: String = "torch.sqrt(var_t)", finalTable: String = "F.pad(alphas_bar[:-1], (1, 0), value=1.0)") -> String {
        """
        import torch
        import torch.nn.functional as F


        class Diffusion:
            def __init__(self, steps, make_schedule):
                self.steps = steps
                self.betas = make_schedule(steps)
                alphas = 1.0 - self.betas
                alphas_bar = torch.cumprod(alphas, dim=0)
                alphas_bar_prev = \(finalTable)
                self.root_alphas = torch.sqrt(alphas)
                self.root_alphas_bar = torch.sqrt(alphas_bar)
                self.root_one_minus_alphas_bar = torch.sqrt(1.0 - alphas_bar)
                self.variance = self.betas * (1.0 - alphas_bar_prev) / (1.0 - alphas_bar)

            def q_sample(self, x0, t, noise):
                scale = \(forwardScale)[t][:, None, None, None]
                spread = self.root_one_minus_alphas_bar[t][:, None, None, None]
                return scale * x0 + spread * noise

            @torch.no_grad()
            def p_sample(self, net, x, t, t_index):
                beta_t = self.betas[t][:, None, None, None]
                spread = self.root_one_minus_alphas_bar[t][:, None, None, None]
                mean = (x - beta_t * net(x, t) / spread) / self.root_alphas[t][:, None, None, None]
                if t_index == 0:
                    return mean
                else:
                    var_t = self.variance[t][:, None, None, None]
                    return mean + \(noiseScale) * torch.randn_like(x)
        """
    }

    private func findings(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text, path: "diffusion.py").filter { $0.severity != .note }
    }

    @Test func theRightClassIsSilent() throws {
        let d = try findings(Self.program())
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aForwardSampleWithTheOneStepScaleIsReported() throws {
        let d = try findings(Self.program(forwardScale: "self.root_alphas"))
        #expect(d.contains { $0.code == "DL213" }, "\(Corpus.describe(d))")
    }

    @Test func aVarianceScalingTheNoiseIsReportedWhereTheBranchReturns() throws {
        let text = Self.program(noiseScale: "var_t")
        let d = try findings(text).filter { $0.code == "DL204" }
        let line = text.components(separatedBy: "return mean + var_t")[0].filter { $0 == "\n" }.count + 1
        #expect(d.count == 1 && d.first?.location?.line == line, "\(Corpus.describe(d))")
    }

    @Test func aTablePaddedWithAValueNotReadIsNoZero() throws {
        // `value=float('nan')` marks the unused entry 0 of a 1-based table: it is not a zero
        // from which ᾱ "rises".
        let program = """
        import torch
        import torch.nn.functional as F

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas_bar = torch.cumprod(1.0 - betas, dim=0)
        alphas_bar = F.pad(alphas_bar, (1, 0), value=float('nan'))
        """
        let d = try findings(program)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let zeroPadded = try findings(program.replacingOccurrences(of: "value=float('nan')", with: "value=0.0"))
        #expect(!zeroPadded.isEmpty, "a table padded with a written zero is still judged")
    }
}

/// A name that says variance holding the log-variance (`var = extract(posterior_log_variance,
/// t, x)`, handed to a Gaussian KL as its log-variance) is right for what it holds; a value that
/// is neither β̃_t, β_t nor their logarithms is still reported.
struct LogVarianceUnderAVarianceNameTests {
    static func program(table: String) -> String {
        """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas = 1 - betas
        alphas_bar = torch.cumprod(alphas, 0)
        alphas_bar_prev = torch.cat([torch.tensor([1.0]), alphas_bar[:-1]], 0)
        posterior_variance = betas * (1 - alphas_bar_prev) / (1 - alphas_bar)
        posterior_log_variance = torch.log(torch.cat((posterior_variance[1].view(1), posterior_variance[1:]), 0))
        wrong_variance = betas * (1 - alphas_bar) / (1 - alphas_bar_prev)

        def pick(table, t, x):
            return torch.gather(table, 0, t).reshape(t.shape[0], *([1] * (x.dim() - 1)))

        def posterior_mean_variance(x_0, x_t, t):
            var = pick(\(table), t, x_0)
            return x_0, var
        """
    }

    @Test func aLogVarianceUnderAVarianceNameIsRight() throws {
        let d = try NotesLinter.lint(text: Self.program(table: "posterior_log_variance"), path: "kl.py").filter { $0.code == "DL204" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongVarianceIsStillReported() throws {
        let d = try NotesLinter.lint(text: Self.program(table: "torch.log(wrong_variance)"), path: "kl.py").filter { $0.code == "DL204" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
