import Testing
@testable import NotesLint

/// Toy and small-project code often trains on 50 to 500 steps. Its functions are judged at
/// places inside its own tables (a quarter of the way, the first step, seven tenths), not at
/// steps 250 and 700 that a 200-step table does not have: there the right code stays quiet and a
/// wrong mean, variance or forward sample is found, as it is with 1000 steps.
struct ShortScheduleTests {
    @Test func probeStepsStayInsideTheTables() {
        #expect(PyInterpreter.probeSteps(count: 1000) == [250, 1, 700])
        #expect(PyInterpreter.probeSteps(count: 4000) == [250, 1, 700])
        #expect(PyInterpreter.probeSteps(count: 701) == [250, 1, 700])
        #expect(PyInterpreter.probeSteps(count: 200) == [50, 1, 140])
        #expect(PyInterpreter.probeSteps(count: 10) == [2, 1, 7])
        #expect(PyInterpreter.probeSteps(count: 2) == [1])
        for count in 1...1200 {
            #expect(PyInterpreter.probeSteps(count: count).allSatisfy { $0 >= 0 && $0 < count }, "T = \(count)")
        }
    }

    /// A NumPy class in the style of 2-D toy notebooks: the step is a method that the sampling
    /// method calls with the network's output.
    static func toyClass(steps: Int = 200, meanCoefficient: String = "self.beta[t] / np.sqrt(1.0 - self.a_bar[t])",
                         noiseScale: String = "np.sqrt(self.beta_tilde[t])") -> String {
        """
        import numpy as np


        class TwoDimensionalDDPM:
            def __init__(self, n_steps=\(steps)):
                self.n_steps = n_steps
                self.beta = np.linspace(1e-4, 0.02, n_steps)
                self.alpha = 1.0 - self.beta
                self.a_bar = np.cumprod(self.alpha)
                a_bar_prev = np.append(1.0, self.a_bar[:-1])
                self.beta_tilde = self.beta * (1.0 - a_bar_prev) / (1.0 - self.a_bar)

            def step(self, x_t, t, predicted):
                mean = (x_t - \(meanCoefficient) * predicted) / np.sqrt(self.alpha[t])
                if t == 0:
                    return mean
                return mean + \(noiseScale) * np.random.randn(*x_t.shape)

            def generate(self, net, count):
                x = np.random.randn(count, 2)
                for t in reversed(range(self.n_steps)):
                    x = self.step(x, t, net(x, t))
                return x

        """
    }

    static func codes(_ code: String) -> [String] { CodeProbe.run(code).diagnostics.map(\.code) }

    @Test(arguments: [50, 200, 500, 1000])
    func theRightToyClassIsQuiet(steps: Int) {
        let d = CodeProbe.run(Self.toyClass(steps: steps)).diagnostics
        #expect(d.isEmpty, "T = \(steps): \(Corpus.describe(d))")
    }

    /// β_t/(1 − ᾱ_t) where β_t/√(1 − ᾱ_t) belongs, in a 200-step class.
    @Test(arguments: [50, 200])
    func aWrongMeanIsFound(steps: Int) {
        let d = CodeProbe.run(Self.toyClass(steps: steps, meanCoefficient: "self.beta[t] / (1.0 - self.a_bar[t])")).diagnostics
        #expect(d.contains { $0.code == "DL205" }, "T = \(steps): \(Corpus.describe(d))")
    }

    /// β̃_t scaling the draw where √β̃_t belongs.
    @Test func aVarianceScalingTheDrawIsFound() {
        let d = CodeProbe.run(Self.toyClass(noiseScale: "self.beta_tilde[t]")).diagnostics
        #expect(d.contains { $0.code == "DL204" }, "\(Corpus.describe(d))")
    }

    /// A module-level sampling loop and a training step over a 100-step schedule.
    static func moduleCode(forwardNoise: String = "np.sqrt(1 - alpha_bar[t])", loopNoise: String = "np.sqrt(beta[t])") -> String {
        """
        import numpy as np

        T = 100
        beta = np.linspace(1e-4, 0.05, T)
        alpha = 1 - beta
        alpha_bar = np.cumprod(alpha)


        def training_pair(x0):
            t = np.random.randint(0, T)
            noise = np.random.randn(*x0.shape)
            x_t = np.sqrt(alpha_bar[t]) * x0 + \(forwardNoise) * noise
            return x_t, t, noise


        def draw(net, n):
            x = np.random.randn(n, 2)
            for t in range(T - 1, -1, -1):
                eps = net(x, t)
                mean = (x - beta[t] / np.sqrt(1 - alpha_bar[t]) * eps) / np.sqrt(alpha[t])
                x = mean + \(loopNoise) * np.random.randn(n, 2) if t > 0 else mean
            return x

        """
    }

    @Test func theRightModuleCodeIsQuiet() {
        let d = CodeProbe.run(Self.moduleCode()).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// 1 − ᾱ_t where √(1 − ᾱ_t) belongs in the training sample, and β_t where √β_t belongs in
    /// the loop: both found at the probe step 25 of the 100-step tables.
    @Test func wrongModuleCodeIsFound() {
        let forward = CodeProbe.run(Self.moduleCode(forwardNoise: "(1 - alpha_bar[t])")).diagnostics
        #expect(forward.contains { $0.code == "DL213" }, "\(Corpus.describe(forward))")
        let loop = CodeProbe.run(Self.moduleCode(loopNoise: "beta[t]")).diagnostics
        #expect(loop.contains { $0.code == "DL204" }, "\(Corpus.describe(loop))")
        #expect(loop.contains { $0.message.contains("t = 25") }, "\(Corpus.describe(loop))")
    }
}
