import Testing
@testable import NotesLint

/// `pi` written bare in a fragment, or imported from math, is π: the cosine schedule built with
/// it is computed and judged.
struct PiConstantTests {
    static let cosine = """
    import torch

    T = 1000
    s = 0.008
    steps = torch.linspace(0, T, T + 1)
    f = torch.cos((steps / T + s) / (1 + s) * pi / 2) ** 2
    alphas_cumprod = f / f[0]
    betas = torch.clip(1 - alphas_cumprod[1:] / alphas_cumprod[:-1], 0, 0.999)
    """

    @Test(arguments: ["", "from math import pi\n"])
    func theCappedScheduleIsQuiet(_ preamble: String) {
        let d = CodeProbe.run(preamble + Self.cosine).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test(arguments: ["", "from math import pi\n"])
    func theUncappedScheduleReachesOne(_ preamble: String) {
        let wrong = (preamble + Self.cosine).replacingOccurrences("torch.clip(1 - alphas_cumprod[1:] / alphas_cumprod[:-1], 0, 0.999)", "1 - alphas_cumprod[1:] / alphas_cumprod[:-1]")
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.map(\.code) == ["DL221"], "\(Corpus.describe(d))")
    }
}
