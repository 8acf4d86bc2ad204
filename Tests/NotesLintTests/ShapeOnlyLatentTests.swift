import Testing
@testable import NotesLint

/// A latent computed for the sampler of which only the shape is passed, to a sampler that draws
/// fresh noise of that shape: found; the latent passed itself, or a sampler that uses the
/// argument as its start, is quiet.
struct ShapeOnlyLatentTests {
    static let sampler = """
    import torch

    def run_sampler(model, size, steps):
        x = torch.randn(size)
        b = size[0]
        for t in steps:
            x = x - model(x, torch.full((b,), t))
        return x

    """

    @Test func onlyTheShapeOfTheLatentIsFound() {
        let code = Self.sampler + "def blend(model, za, zb, steps):\n    z_mix = (za + zb) / 2\n    return run_sampler(model, z_mix.shape, steps)\n"
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL231" }
        #expect(d.count == 1 && d.first?.location?.line == 11, "\(Corpus.describe(CodeProbe.run(code).diagnostics))")
    }

    /// A sampler that starts from what it is given uses the latent, whatever it is called with.
    @Test func aSamplerStartingFromItsArgumentIsQuiet() {
        let starting = Self.sampler.replacingOccurrences("x = torch.randn(size)\n    b = size[0]", "x = size\n    b = x.shape[0]")
        let code = starting + "def blend(model, za, zb, steps):\n    z_mix = (za + zb) / 2\n    return run_sampler(model, z_mix.shape, steps)\n"
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL231" }.isEmpty)
    }

    /// The latent is read for more than its shape: it reaches something.
    @Test func aLatentAlsoUsedItselfIsQuiet() {
        let code = Self.sampler + "def blend(model, za, zb, steps):\n    z_mix = (za + zb) / 2\n    print(z_mix.norm())\n    return run_sampler(model, z_mix.shape, steps)\n"
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL231" }.isEmpty)
    }

    /// A fresh allocation of the right shape is how samplers are often called: nothing is lost.
    @Test func aFreshAllocationsShapeIsQuiet() {
        let code = Self.sampler + "def generate(model, steps):\n    template = torch.zeros(4, 3, 32, 32)\n    return run_sampler(model, template.shape, steps)\n"
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL231" }.isEmpty)
    }
}
