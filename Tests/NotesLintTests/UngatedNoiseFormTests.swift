import Testing
@testable import NotesLint

/// A reverse step whose mean the interpreter cannot follow still adds its noise at every t: found
/// by form when the noise's own scale at t = 0 is known and nonzero; quiet when that scale is 0
/// (β̃_0 = 0) or when t gates the noise.
struct UngatedNoiseFormTests {
    static func step(_ scale: String, gate: Bool = false) -> String {
        """
        import torch
        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas = 1 - betas
        alphas_cumprod = torch.cumprod(alphas, 0)
        alphas_cumprod_prev = torch.cat([torch.ones(1), alphas_cumprod[:-1]])
        posterior_variance = betas * (1 - alphas_cumprod_prev) / (1 - alphas_cumprod)

        def p_sample(model, xt, t):
            eps = model(xt, t)
            mean = (xt - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * sharpen(eps)) / torch.sqrt(alphas[t])
            z = torch.randn_like(xt)\(gate ? " if t > 0 else 0" : "")
            return mean + \(scale) * z
        """
    }

    @Test func noiseAtEveryStepBehindAnOpaqueMeanIsFound() {
        let d = CodeProbe.run(Self.step("torch.sqrt(betas[t])")).diagnostics
        #expect(d.map(\.code) == ["DL210"] && d.first?.location?.line == 12, "\(Corpus.describe(d))")
    }

    @Test func aScaleThatIsZeroAtTheLastStepIsQuiet() {
        let d = CodeProbe.run(Self.step("torch.sqrt(posterior_variance[t])")).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func gatedNoiseIsQuiet() {
        let d = CodeProbe.run(Self.step("torch.sqrt(betas[t])", gate: true)).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
