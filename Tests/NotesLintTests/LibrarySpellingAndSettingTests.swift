import CheckerCore
import Testing
@testable import NotesLint

/// Causes of false alarms met at first contact with TensorFlow ports, tutorials that draw their
/// own data, and DDIM steps written over several lines: a test of t spelled as a library call,
/// a table padded with `tf.concat`, a cosine that traces a curve, a setting named after a
/// variance, and σ_t read one assignment back. Each quiet case has a twin that keeps the bug
/// and is still reported.
struct LibrarySpellingAndSettingTests {
    static let schedule = """
        import math
        import numpy as np
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas = 1 - betas
        alphas_cumprod = torch.cumprod(alphas, dim=0)

        """

    static func findings(_ code: String, _ rule: String) -> [Diagnostic] {
        CodeProbe.run(schedule + code).diagnostics.filter { $0.code == rule }
    }

    // MARK: A test of t as a library call (DL210)

    static func maskedStep(_ mask: String) -> String {
        """
        import tensorflow as tf
        def p_sample(model, xt, t):
            eps = model(xt, t)
            beta_t = tf.gather(betas, t)
            mean = (xt - beta_t / tf.sqrt(1 - tf.gather(alphas_cumprod, t)) * eps) / tf.sqrt(1 - beta_t)
            noise = tf.random.normal(xt.shape)
            mask = \(mask)
            return mean + mask * tf.sqrt(beta_t) * noise
        """
    }

    @Test func aMaskFromTfEqualSwitchesTheLastNoiseOff() {
        let d = Self.findings(Self.maskedStep("1 - tf.cast(tf.equal(t, 0), \"float32\")"), "DL210")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMaskThatTestsNothingLeavesTheLastNoiseOn() {
        let d = Self.findings(Self.maskedStep("tf.ones_like(beta_t)"), "DL210")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A β table padded with tf.concat (DL214)

    static func paddedTable(_ table: String) -> String {
        """
        import tensorflow as tf
        class Sampler:
            def __init__(self):
                self._betas = betas
                self._alphas_cumprod = tf.math.cumprod(\(table), axis=0)

            def step(self, x, t):
                a = self._alphas_cumprod[t]
                return x * a
        """
    }

    @Test func aZeroConcatenatedInFrontOfBetaIsPadding() {
        let d = Self.findings(Self.paddedTable("1 - tf.concat([[0.], self._betas], axis=0)"), "DL214")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aTableThatStartsAtOneWithoutPaddingIsReported() {
        let d = Self.findings(Self.paddedTable("1 - tf.linspace(0.0, 0.02, 1000)"), "DL214")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A cosine that traces a curve (DL209)

    @Test func aParametricCurvesCosineIsNoSchedule() {
        let d = Self.findings("""
            u = np.linspace(0, 2 * np.pi, 100)
            x = np.cos(u) / (1 + np.sin(u) ** 2)
            y = 13 * np.cos(u) - 5 * np.cos(2 * u)
            y = y / 20
            """, "DL209")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aCosineTableDividedByItsFirstValueIsStillReported() {
        let d = Self.findings("""
            s = 0.008
            steps = np.arange(1001) / 1000
            f = np.cos((steps + s) / (1 + s) * math.pi / 2)
            alphas_bar = f / f[0]
            """, "DL209")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A setting named after a variance (DL204)

    static func varianceSetting(_ name: String) -> String {
        """
        def p_sample(model, x, t, mode="none", factor=2.0):
            eps = model(x, t)
            mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
            \(name) = float(factor)
            return mean + torch.sqrt(betas[t]) * torch.randn_like(x)
        """
    }

    @Test func aScaleFactorNamedAfterAVarianceIsNoVariance() {
        let d = Self.findings(Self.varianceSetting("tau2_variance_scale_factor"), "DL204")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameValueNamedAsTheVarianceIsJudged() {
        let d = Self.findings(Self.varianceSetting("tau2_variance"), "DL204")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: σ_t one assignment back (DL205)

    static func ddimStep(direction: String) -> String {
        """
        def p_sample_ddim(model, x_t, t, prev_t, eta: float = 0.0):
            eps_theta = model(x_t, t)
            alpha_bar_t = alphas_cumprod.gather(0, t).reshape((-1, 1, 1, 1))
            x0_pred = (x_t - torch.sqrt(1 - alpha_bar_t) * eps_theta) / torch.sqrt(alpha_bar_t)
            alpha_bar_prev = alphas_cumprod.gather(0, prev_t).reshape((-1, 1, 1, 1))
            if eta > 0:
                sigma_t = eta * torch.sqrt((1 - alpha_bar_prev) / (1 - alpha_bar_t) * (1 - alpha_bar_t / alpha_bar_prev))
            else:
                sigma_t = torch.zeros_like(alpha_bar_prev)
            coef_eps = \(direction)
            mean = torch.sqrt(alpha_bar_prev) * x0_pred + coef_eps * eps_theta
            if eta > 0:
                return mean + sigma_t * torch.randn_like(x_t)
            return mean
        """
    }

    @Test func theDirectionTermsSigmaIsReadWhereItIsComputed() {
        let d = Self.findings(Self.ddimStep(direction: "torch.sqrt(1 - alpha_bar_prev - sigma_t ** 2)"), "DL205")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aDirectionTermWithSigmaUnsquaredIsReported() {
        let d = Self.findings(Self.ddimStep(direction: "torch.sqrt(1 - alpha_bar_prev - sigma_t)"), "DL205")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
