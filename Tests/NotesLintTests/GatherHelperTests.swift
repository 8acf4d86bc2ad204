import Testing
@testable import NotesLint

/// Tables read through TensorFlow (`tf.constant`, `tf.gather(params, indices)`, `tf.reshape`) and
/// through gather helpers the note defines itself, also where the helper's body is beyond the
/// interpreter (a while loop) or is a method of the class, and a list comprehension of one table
/// entry per step of the batch: the values reach the checks.
struct GatherHelperTests {
    static let tensorflowForward = """
    import numpy as np
    import tensorflow as tf

    betas = np.linspace(1e-4, 0.02, 1000)
    alphas_cumprod = np.cumprod(1.0 - betas)
    sqrt_ab = tf.constant(np.sqrt(alphas_cumprod), dtype=tf.float32)
    sqrt_one_minus_ab = tf.constant(np.sqrt(1.0 - alphas_cumprod), dtype=tf.float32)


    def q_sample(x0, t, noise):
        a = tf.reshape(tf.gather(sqrt_ab, t), [-1, 1, 1, 1])
        b = tf.reshape(tf.gather(sqrt_one_minus_ab, t), [-1, 1, 1, 1])
        return a * x0 + b * noise

    """

    @Test func aTensorFlowForwardSampleIsJudged() {
        #expect(CodeProbe.run(Self.tensorflowForward).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(Self.tensorflowForward).diagnostics))")
        let wrong = Self.tensorflowForward.replacingOccurrences("np.sqrt(1.0 - alphas_cumprod)", "1.0 - alphas_cumprod")
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.map(\.code).contains("DL213"), "\(Corpus.describe(d))")
    }

    /// improved-diffusion's helper broadcasts in a while loop, which the interpreter does not run;
    /// its name says what it returns.
    static let whileLoopHelper = """
    import numpy as np
    import torch as th

    betas = np.linspace(1e-4, 0.02, 1000)
    alphas_cumprod = np.cumprod(1.0 - betas)
    recip = np.sqrt(1.0 / alphas_cumprod)
    recipm1 = np.sqrt(1.0 / alphas_cumprod - 1)
    one_minus = np.sqrt(1.0 - alphas_cumprod)


    def _extract_into_tensor(arr, timesteps, broadcast_shape):
        res = th.from_numpy(arr)[timesteps].float()
        while len(res.shape) < len(broadcast_shape):
            res = res[..., None]
        return res.expand(broadcast_shape)


    def predict_xstart_from_eps(x_t, t, eps):
        return _extract_into_tensor(recip, t, x_t.shape) * x_t - _extract_into_tensor(recipm1, t, x_t.shape) * eps

    """

    @Test func aHelperWithAWhileLoopIsReadByItsName() {
        #expect(CodeProbe.run(Self.whileLoopHelper).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(Self.whileLoopHelper).diagnostics))")
        let wrong = Self.whileLoopHelper.replacingOccurrences("_extract_into_tensor(recipm1, t", "_extract_into_tensor(one_minus, t")
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.map(\.code) == ["DL232"], "\(Corpus.describe(d))")
    }

    /// The helper as a method of the class: `self._extract(table, t, shape)` takes the table first.
    @Test func aHelperMethodTakesTheTableFirst() {
        let method = """
        import numpy as np
        import tensorflow as tf


        class Diffusion:
            def __init__(self, timesteps=1000):
                betas = np.linspace(1e-4, 0.02, timesteps)
                alphas_cumprod = np.cumprod(1.0 - betas)
                self.recip = tf.constant(np.sqrt(1.0 / alphas_cumprod))
                self.recipm1 = tf.constant(np.sqrt(1.0 / alphas_cumprod - 1))
                self.one_minus = tf.constant(np.sqrt(1.0 - alphas_cumprod))

            def _extract(self, a, t, x_shape):
                out = tf.gather(a, t)
                return tf.reshape(out, [x_shape[0], 1, 1, 1])

            def predict_start_from_noise(self, x_t, t, noise):
                shape = tf.shape(x_t)
                return self._extract(self.recip, t, shape) * x_t - self._extract(self.recipm1, t, shape) * noise

        """
        #expect(CodeProbe.run(method).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(method).diagnostics))")
        let wrong = method.replacingOccurrences("self._extract(self.recipm1, t, shape)", "self._extract(self.one_minus, t, shape)")
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.map(\.code) == ["DL232"], "\(Corpus.describe(d))")
    }

    /// `torch.tensor([alpha_bars[i] for i in t])`: one table entry per step of the batch, the
    /// table gathered at the batch.
    static func comprehensionForward(noiseScale: String = "torch.sqrt(1 - alpha_bar_t)", filter: String = "") -> String {
        """
        import torch

        T = 1000
        betas = torch.linspace(0.0001, 0.02, T)
        alpha_bars = torch.cumprod(1 - betas, 0)


        def forward_pass(x_0, noise, t):
            alpha_bar_t = torch.tensor([alpha_bars[t_i] for t_i in t\(filter)])[:, None, None, None]
            return torch.sqrt(alpha_bar_t) * x_0 + \(noiseScale) * noise

        """
    }

    @Test func aTableGatheredByAComprehensionIsTheTableAtTheBatch() {
        let right = CodeProbe.run(Self.comprehensionForward()).diagnostics
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = CodeProbe.run(Self.comprehensionForward(noiseScale: "(1 - alpha_bar_t)")).diagnostics
        #expect(wrong.map(\.code) == ["DL213"], "\(Corpus.describe(wrong))")
    }

    @Test func aFilteredComprehensionIsNoGather() {
        // `if t_i > 0` drops entries: the list is no longer one value per sample.
        let d = CodeProbe.run(Self.comprehensionForward(noiseScale: "(1 - alpha_bar_t)", filter: " if t_i > 0")).diagnostics
        #expect(!d.contains { $0.code == "DL213" }, "\(Corpus.describe(d))")
    }
}
