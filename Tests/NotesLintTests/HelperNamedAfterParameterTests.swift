import CheckerCore
import Testing
@testable import NotesLint

/// A sketch's `net_forward(x, t)` beside a parameter `net` it never uses calls a helper the
/// author defines elsewhere; it is no slip for `net` (DL211 stays quiet). A value that extends an
/// unused parameter (`x_t` for `x`) and a misspelt call are still reported.
struct HelperNamedAfterParameterTests {
    static func nameFindings(_ code: String) -> [Diagnostic] {
        CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }
    }

    @Test func aCalledHelperNamedAfterAnUnusedParameterIsQuiet() {
        let code = """
            def train_step(x0, net, rng):
                x1 = rng.normal(size=x0.shape)
                t = rng.uniform()
                x_t = t * x1 + (1 - t) * x0
                pred = net_forward(x_t, t)
                return ((pred - (x1 - x0)) ** 2).mean()

            def sample(model, steps):
                x = np.random.randn(4)
                for i in range(steps):
                    x = x - model_apply(x, 1.0 - i / steps) / steps
                return x

            """
        let d = Self.nameFindings(code)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aValueThatExtendsAnUnusedParameterIsStillReported() {
        let code = """
            def q_sample(x, t, noise):
                return sqrt_alphas_cumprod[t] * x_0 + sqrt_one_minus_alphas_cumprod[t] * noise

            """
        let d = Self.nameFindings(code)
        #expect(d.map(\.fix) == ["x"], "\(Corpus.describe(d))")
    }

    @Test func aMisspeltCallOfADefinedFunctionIsStillReported() {
        let code = """
            def predict_noise(net, x, t):
                return net(x, t)

            def sample(net, x, steps):
                for t in reversed(range(steps)):
                    x = x - predcit_noise(net, x, t) / steps
                return x

            """
        let d = Self.nameFindings(code)
        #expect(d.map(\.fix) == ["predict_noise"], "\(Corpus.describe(d))")
    }
}
