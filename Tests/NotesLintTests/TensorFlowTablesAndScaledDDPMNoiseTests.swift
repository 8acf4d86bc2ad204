import Testing
@testable import NotesLint

/// A TensorFlow sampler whose tables come from `tf.range` and `tf.concat`, and a DDPM step whose
/// noise a caller scales by η: both are read for what they compute, so a right sampler stays
/// silent and a wrong one is still found.
struct TensorFlowTablesAndScaledDDPMNoiseTests {
    /// A policy network's sampler in TensorFlow: the VP-SDE's discrete α from `tf.range`, ᾱ_{t−1}
    /// with a 1 put in front by `tf.concat`, and the posterior variance β̃_t, which is 0 at t = 0.
    static func tensorflowPolicy(variance: String = "self.betas * (1.0 - self.abar_prev) / (1.0 - self.abar)") -> String {
        """
        import numpy as np
        import tensorflow as tf


        def vp_schedule(T, b_max=10.0, b_min=0.1):
            s = tf.cast(tf.range(1, T + 1), tf.float32)
            alphas = np.exp(-b_min / T - 0.5 * (b_max - b_min) * (2 * s - 1) / T ** 2)
            return alphas, 1 - alphas


        class Policy(tf.keras.Model):
            def __init__(self, steps=5):
                super().__init__()
                self.steps = steps
                self.alphas, self.betas = vp_schedule(steps)
                self.abar = tf.math.cumprod(self.alphas)
                self.abar_prev = tf.concat([[1.0], self.abar[:-1]], axis=0)
                self.variance = \(variance)

            def sample(self, states, dim):
                x = tf.random.normal(shape=(states.shape[0], dim))
                for i in reversed(range(0, self.steps)):
                    t = i * tf.ones(shape=(states.shape[0], 1), dtype=tf.int32)
                    x = self.denoise(x, t, states)
                return x

            def denoise(self, x, t, states):
                beta = tf.reshape(tf.gather(self.betas, indices=t), (-1, 1))
                abar = tf.reshape(tf.gather(self.abar, indices=t), (-1, 1))
                eps = self(x, t, states)
                mean = (x - beta / tf.sqrt(1.0 - abar) * eps) / tf.sqrt(1.0 - beta)
                sigma = tf.sqrt(tf.reshape(tf.gather(self.variance, indices=t), (-1, 1)))
                return mean + sigma * tf.random.normal(shape=x.shape)

        """
    }

    @Test func aPosteriorVarianceThatVanishesAtTheLastStepAddsNoNoiseThere() {
        let d = CodeProbe.run(Self.tensorflowPolicy()).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theVarianceWithoutItsPreviousAlphaBarStillNoisesTheLastStep() {
        // β_t in place of β̃_t is a right variance for DDPM, but at t = 0 it is no longer 0 and
        // the sampler has no test of t: the last step returns noise.
        let d = CodeProbe.run(Self.tensorflowPolicy(variance: "self.betas * (1.0 - self.abar) / (1.0 - self.abar)")).diagnostics
        #expect(d.map(\.code).contains("DL210"), "\(Corpus.describe(d))")
    }

    /// A DDPM sampler whose noise term a caller may scale by η (η = 1 is DDPM's ancestral step).
    static func etaScaledSampler(noise: String = "eta * torch.sqrt(beta_t * (1 - abar_prev) / (1 - abar_t))") -> String {
        """
        import torch
        import torch.nn.functional as F


        class Sampler:
            def __init__(self, model, T=1000):
                self.model = model
                self.betas = torch.linspace(1e-4, 0.02, T)
                self.alphas = 1.0 - self.betas
                self.abar = torch.cumprod(self.alphas, dim=0)
                self.abar_prev = F.pad(self.abar[:-1], (1, 0), value=1.0)
                self.T = T

            @torch.no_grad()
            def sample(self, shape, eta=1.0):
                x = torch.randn(shape)
                for t in reversed(range(self.T)):
                    ts = torch.ones(shape[0]) * t
                    eps = self.model(x, ts)
                    alpha_t = self.alphas[t]
                    abar_t = self.abar[t]
                    abar_prev = self.abar_prev[t]
                    beta_t = self.betas[t]
                    z = torch.zeros_like(x) if t == 0 else torch.randn_like(x)
                    sigma_t = \(noise)
                    x = (x - beta_t / torch.sqrt(1 - abar_t) * eps) / torch.sqrt(alpha_t) + sigma_t * z
                return x

        """
    }

    @Test func noiseScaledByEtaIsTheCallersChoice() {
        let d = CodeProbe.run(Self.etaScaledSampler()).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// Without a default of 1, η is free, and at any η other than 1 the step is neither DDPM's nor
    /// DDIM's (whose η also changes the mean).
    @Test func noiseScaledByAFreeEtaUnderDDPMsMeanIsFound() {
        let d = CodeProbe.run(Self.etaScaledSampler().replacingOccurrences(of: "def sample(self, shape, eta=1.0):", with: "def sample(self, shape, eta):")).diagnostics
        #expect(d.map(\.code) == ["DL204"], "\(Corpus.describe(d))")
        #expect(d.first?.message.contains("η scales the noise of a step whose mean stays DDPM's") == true)
    }

    /// β with a dummy 0 in front (`tf.concat([tf.constant([0.]), …])`) counts steps 1…T, so its
    /// ᾱ₀ = 1 is by design; the same ᾱ table from T + 1 cosine values used for steps 0…T − 1 is
    /// one step early.
    static func oneBasedTables(_ alphaBar: String) -> String {
        """
        import math
        import tensorflow as tf

        T = 500
        beta = tf.concat([tf.constant([0.], dtype=tf.float32), tf.linspace(1e-4, 0.02, T)], axis=0)
        alpha = 1 - beta
        \(alphaBar)


        def perturb(x, t, eps):
            return tf.sqrt(alpha_bar[t]) * x + tf.sqrt(1 - alpha_bar[t]) * eps

        """
    }

    @Test func aDummyFirstBetaMakesAlphaBarStartAtOneByDesign() {
        let d = CodeProbe.run(Self.oneBasedTables("alpha_bar = tf.exp(tf.cumsum(tf.math.log(alpha)))")).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func cosineValuesOneStepEarlyAreStillFound() {
        let early = "f = tf.cos((tf.cast(tf.range(0, T + 1), tf.float32) / T + 0.008) / 1.008 * math.pi / 2) ** 2\nalpha_bar = f[:T] / f[0]"
        let code = Self.oneBasedTables(early)
            .replacingOccurrences(of: "beta = tf.concat([tf.constant([0.], dtype=tf.float32), tf.linspace(1e-4, 0.02, T)], axis=0)\nalpha = 1 - beta\n", with: "")
        let d = CodeProbe.run(code).diagnostics
        #expect(d.map(\.code).contains("DL214"), "\(Corpus.describe(d))")
    }

    @Test func aVarianceScaledByEtaWhereItsRootBelongsIsStillFound() {
        let d = CodeProbe.run(Self.etaScaledSampler(noise: "eta * beta_t * (1 - abar_prev) / (1 - abar_t)")).diagnostics
        #expect(d.map(\.code).contains("DL204"), "\(Corpus.describe(d))")
    }
}
