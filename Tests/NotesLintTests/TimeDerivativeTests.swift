import CheckerCore
import Testing
@testable import NotesLint

/// The time derivative of a state is a rate, not a state: `ẋ_t = ε − x_0` in a flow-matching
/// note is the path's velocity, and a function that returns `dxdt` (an ODE's right side) returns
/// no sample of the next step.
struct TimeDerivativeTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "rate.md") }

    @Test func aDottedStateIsTheVelocity() throws {
        let note = """
            The path from data to noise is $x_t = (1 - t)\\,x_0 + t\\,\\epsilon$ for $t \\in [0, 1]$.

            Its time derivative is constant:

            $$\\dot{x}_t = \\epsilon - x_0$$
            """
        let d = try Self.lint(note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anUndottedStateWithTheSameRightSideIsStillJudged() throws {
        let note = """
            The forward process of DDPM gives

            $$x_t = \\epsilon - x_0$$
            """
        let d = try Self.lint(note)
        #expect(d.map(\.code) == ["DL104"], "\(Corpus.describe(d))")
    }

    /// A VP-SDE's reverse-time vector field in continuous time, t ∈ (0, 1]: the scales are
    /// functions of t, and the function returns the rate dx/dt.
    static let vectorField = """
        import torch

        def log_mean_scale(t, b0=0.1, b1=20.0):
            s = torch.as_tensor(t, dtype=torch.float32)
            return -0.5 * s * b0 - 0.25 * s ** 2 * (b1 - b0)

        def log_noise_scale(t):
            return torch.log(torch.as_tensor(t, dtype=torch.float32))

        def d_log_mean_scale(t, b0=0.1, b1=20.0):
            s = torch.as_tensor(t, dtype=torch.float32)
            return -0.5 * b0 - 0.5 * s * (b1 - b0)

        def beta(t, b0=0.1, b1=20.0):
            s = torch.as_tensor(t, dtype=torch.float32)
            return b0 + s * (b1 - b0)

        def vector_field(t, x, xi=0.0):
            eps_hat = model(t, x)
            k = d_log_mean_scale(t)
            b = beta(t)
            ls = log_noise_scale(t)
            dxdt = k * x - b * eps_hat - xi * b / torch.exp(ls) * eps_hat
            return dxdt
        """

    @Test func aVectorFieldIsNoSample() {
        let d = CodeProbe.run(Self.vectorField).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The exemption follows what is returned: a discrete step with a wrong mean is still found.
    @Test func aDiscreteStepWithAWrongMeanIsStillFound() {
        let step = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas = 1 - betas
            alphas_cumprod = torch.cumprod(alphas, dim=0)

            def p_sample(x, t):
                eps = model(x, t)
                x_prev = (x - betas[t] * eps) / alphas[t].sqrt()
                return x_prev
            """
        #expect(CodeProbe.run(step).diagnostics.map(\.code) == ["DL205"], "\(Corpus.describe(CodeProbe.run(step).diagnostics))")
        let right = step.replacingOccurrences("betas[t] * eps", "betas[t] / (1 - alphas_cumprod[t]).sqrt() * eps")
        #expect(CodeProbe.run(right).diagnostics.isEmpty)
    }
}
