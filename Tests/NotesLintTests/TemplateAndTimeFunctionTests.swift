import CheckerCore
import Testing
@testable import NotesLint

/// Causes of false alarms met at first contact with flow-matching and consistency-model code:
/// TensorFlow's exclusive cumulative product, a table named as √(1 − ᾱ) by its suffix, a time that
/// enters through cos t and sin t, and an example that gives names `...` for the parts it leaves
/// out. Each quiet case has a twin that keeps the bug and is still reported.
struct TemplateAndTimeFunctionTests {
    static func findings(_ code: String, _ rule: String, wholeProgram: Bool = false) -> [Diagnostic] {
        CodeProbe.run(code, wholeProgram: wholeProgram).diagnostics.filter { $0.code == rule }
    }

    // MARK: TensorFlow's tables (DL216, DL230)

    static func tables(previous: String, complement: String) -> String {
        """
        import tensorflow as tf
        class GaussianDiffusion:
            def __init__(self):
                betas = tf.cast(tf.linspace(1e-4, 0.02, 1000), tf.float64)
                alphas = 1.0 - betas
                alphas_cumprod = tf.math.cumprod(alphas)
                alphas_cumprod_prev = \(previous)
                self.alphas_cumprod = tf.cast(alphas_cumprod, tf.float32)
                self.alphas_cumprod_prev = tf.cast(alphas_cumprod_prev, tf.float32)
                self.alphas_1mcumprod_sqrt = \(complement)
        """
    }

    @Test func anExclusiveCumulativeProductIsThePreviousTable() {
        let d = Self.findings(Self.tables(previous: "tf.math.cumprod(alphas, axis=0, exclusive=True)", complement: "tf.sqrt(1.0 - alphas_cumprod)"), "DL216")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anInclusiveOneIsNot() {
        let d = Self.findings(Self.tables(previous: "tf.math.cumprod(alphas, axis=0)", complement: "tf.sqrt(1.0 - alphas_cumprod)"), "DL216")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aComplementNamedByItsSuffixMayRise() {
        let d = Self.findings(Self.tables(previous: "tf.math.cumprod(alphas, axis=0, exclusive=True)", complement: "tf.sqrt(1.0 - alphas_cumprod)"), "DL230")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aRisingTableUnderAlphaBarsOwnNameIsReported() {
        let d = Self.findings("""
            import tensorflow as tf
            betas = tf.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = 1.0 - tf.math.cumprod(1.0 - betas)

            def q_sample(x0, t, noise):
                return tf.sqrt(alphas_cumprod[t]) * x0 + tf.sqrt(1.0 - alphas_cumprod[t]) * noise
            """, "DL230")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A time that enters through cos t and sin t (DL205)

    static func denoiser(_ scale: String) -> String {
        """
        import torch
        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas_cumprod = torch.cumprod(1 - betas, 0)

        def denoise(model, x_t, t):
            F_theta = model(x_t, t)
            cos_t = \(scale)
            sin_t = torch.sqrt(1 - cos_t ** 2)
            return cos_t * x_t - sin_t * F_theta
        """
    }

    @Test func aTrigFlowDenoiserIsNoReverseStep() {
        let d = Self.findings(Self.denoiser("torch.cos(t)"), "DL205")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameFormWithTheStepsTableIsJudged() {
        let d = Self.findings(Self.denoiser("torch.sqrt(alphas_cumprod[t])"), "DL205")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: An example that gives names `...` (DL238)

    static func example(_ modelLine: String) -> String {
        """
        import torch
        \(modelLine)
        optimizer = torch.optim.Adam(velocity_model.parameters())
        for x_0, x_1 in dataloader:
            t = torch.rand(batch_size)
            loss = torch.pow(velocity_model(t * x_1 + (1 - t) * x_0, t) - (x_1 - x_0), 2).mean()
        """
    }

    @Test func aTemplateLeavesItsOtherNamesToThePartsLeftOut() {
        let d = Self.findings(Self.example("velocity_model: torch.nn.Module = ...  # initialise the model"), "DL238", wholeProgram: true)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aProgramWithoutPlaceholdersStillHasItsUnboundNamesReported() {
        let d = Self.findings(Self.example("velocity_model = torch.nn.Linear(2, 2)"), "DL238", wholeProgram: true)
        #expect(d.map(\.message).contains { $0.contains("'batch_size'") }, "\(Corpus.describe(d))")
    }
}
