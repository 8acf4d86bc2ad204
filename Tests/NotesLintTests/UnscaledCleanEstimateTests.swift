import Testing
@testable import NotesLint

/// x̂_0 = (x_t − √(1 − ᾱ_t)·ε̂)/√ᾱ_t (or x_t − σ_t·ε̂): a clean image made by subtracting the raw
/// noise prediction from the noised one is found; every rescaled form is quiet.
struct UnscaledCleanEstimateTests {
    static let preamble = """
    import torch
    abar = torch.cumprod(1 - torch.linspace(1e-4, 0.02, 1000), 0)
    t = 400
    x_noisy = torch.sqrt(abar[t]) * image + torch.sqrt(1 - abar[t]) * torch.randn_like(image)
    with torch.no_grad():
        noise_pred = net(x_noisy, t)

    """

    static let wrong: [(String, Int)] = [
        ("restored = x_noisy - noise_pred\n", 7),
        ("frame = x_noisy[0].cpu()\nnoise_pred = noise_pred.cpu().squeeze()\ndenoised_frame = frame - noise_pred\n", 9),
        ("plt.imshow(x_noisy.cpu() - noise_pred.cpu())\n", 7),
    ]

    @Test(arguments: wrong)
    func theRawDifferenceAsACleanImageIsFound(_ tail: String, _ line: Int) {
        let code = Self.preamble + tail
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL228" }
        #expect(d.count == 1 && d.first?.location?.line == line, "\(Corpus.describe(CodeProbe.run(code).diagnostics))")
    }

    static let right: [String] = [
        "restored = (x_noisy - torch.sqrt(1 - abar[t]) * noise_pred) / torch.sqrt(abar[t])\n",
        "sigma = ((1 - abar[t]) / abar[t]) ** 0.5\ndenoised = x_noisy / torch.sqrt(abar[t]) - sigma * noise_pred\n",
        // σ parameterisation, the prediction scaled where it is made: x_t − σ·ε̂ is the estimate.
        "sigma = 2.5\nx_noisy = image + sigma * torch.randn_like(image)\nnoise_pred = sigma * net(x_noisy, sigma)\ndenoised = x_noisy - noise_pred\n",
        // A residual of the loss, not an estimate of the data.
        "residual = noise - noise_pred\nplt.plot(residual.flatten())\n",
    ]

    @Test(arguments: right)
    func everyRescaledFormIsQuiet(_ tail: String) {
        let d = CodeProbe.run(Self.preamble + tail).diagnostics.filter { $0.code == "DL228" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
