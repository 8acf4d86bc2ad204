import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "dequantize.md")
}

/// Uniform noise at the scale of one grey level dequantizes 8-bit data; uniform noise as the
/// diffusion noise is still flagged.
struct DequantizationTests {
    @Test func greyLevelUniformNoiseIsNotDiffusionNoise() throws {
        let dequantized = "```python\nimport torch\nx = x / 256. * 255 + torch.rand_like(x) / 256.\n```"
        #expect(try lint(dequantized).isEmpty)
        let scaled = "```python\nimport torch\nx = x + torch.rand_like(x) * 0.0039\n```"
        #expect(try lint(scaled).isEmpty)
        let diffusion = try lint("```python\nimport torch\nnoise = torch.rand_like(x0)\nxt = a * x0 + b * noise\n```")
        #expect(diffusion.map(\.code) == ["DL201"], "\(Corpus.describe(diffusion))")
    }

    /// A time or a noise level drawn uniformly picks where to train; the noise is drawn elsewhere.
    @Test func uniformTimesAndLevelsAreNotDiffusionNoise() throws {
        let time = "```python\nimport torch\nrandom_t = torch.rand(x.shape[0]) * (1. - eps) + eps\nz = torch.randn_like(x)\n```"
        #expect(try lint(time).isEmpty)
        let level = "```python\nimport torch\nsigma_vals = torch.rand(x.size(0)) * (sigma_max - sigma_min) + sigma_min\nnoise = torch.randn_like(x) * sigma_vals\n```"
        #expect(try lint(level).isEmpty)
        let noise = try lint("```python\nimport torch\nnoise = torch.rand_like(x) * 2 - 1\nxt = a * x + b * noise\n```")
        #expect(noise.map(\.code) == ["DL201"], "\(Corpus.describe(noise))")
    }

    /// A uniform tensor that only feeds a network to look at the output's shape is a placeholder
    /// input, in the same code block or in a later one. The same tensor fed to a noising routine,
    /// or the start of a sampling loop, is still the diffusion noise.
    @Test func aPlaceholderInputThatOnlyProbesANetworkIsNotNoise() throws {
        let probe = "```python\nimport torch\nt = torch.randint(1, 1000, (3,))\nxt = torch.rand((3, 3, 64, 64))\n```\n\n```python\nout = unet(xt, t)\nprint(out.shape, xt.shape)\n```"
        #expect(try lint(probe).isEmpty)
        let noised = "```python\nimport torch\nxt = torch.rand((3, 3, 64, 64))\n```\n\n```python\nout = q_sample(x0, t, noise=xt)\n```"
        #expect(try lint(noised).map(\.code) == ["DL201"])
        let sampled = "```python\nimport torch\nx = torch.rand((3, 3, 64, 64))\nfor t in reversed(range(T)):\n    x = step(model(x, t), t, x)\n```"
        #expect(try lint(sampled).map(\.code) == ["DL201"])
    }

    /// A uniform draw on an interval the code names (points spread over a square, weights in
    /// (−a, a)) is chosen on purpose; a bare `np.random.uniform(size=…)` used as noise is still flagged.
    @Test func aDrawOnANamedIntervalIsNotTheNoise() throws {
        let points = "```python\nimport numpy as np\nx = np.random.uniform(i, i + 1, n)\ny = np.random.uniform(low=j, high=j + 1, size=n)\npts = np.column_stack([x, y])\n```"
        #expect(try lint(points).isEmpty)
        let noise = try lint("```python\nimport numpy as np\nnoise = np.random.uniform(size=x0.shape)\nxt = a * x0 + b * noise\n```")
        #expect(noise.map(\.code) == ["DL201"], "\(Corpus.describe(noise))")
        // The unit interval is `rand` spelled out: still the uniform-for-Gaussian slip.
        let unit = try lint("```python\nimport random\nd = random.uniform(0, 1) * sigma\n```")
        #expect(unit.map(\.code) == ["DL201"], "\(Corpus.describe(unit))")
    }

    /// JAX's `uniform(key, shape, dtype, minval, maxval)` takes the key and the shape first: they
    /// are no interval, so a default draw used as noise is flagged; one on chosen bounds is not.
    @Test func jaxUniformReadsItsBoundsAfterTheShape() throws {
        let noise = try lint("```python\nimport jax\neps = jax.random.uniform(key, x0.shape)\nxt = a * x0 + b * eps\n```")
        #expect(noise.map(\.code) == ["DL201"], "\(Corpus.describe(noise))")
        let bounded = "```python\nimport jax\nu = jax.random.uniform(key, (n,), minval=-1.0, maxval=1.0)\nxt = a * x0 + b * u\n```"
        #expect(try lint(bounded).isEmpty)
    }

    /// A flow's `dequant` adds U[0, 1) to the integer values before scaling them down on the next
    /// line; the same draw added in a noising function is still the uniform-for-Gaussian slip.
    @Test func aDequantizingFunctionAddsUniformNoiseOnPurpose() throws {
        let flow = "```python\nimport torch\ndef dequant(z, quants):\n    z = z.to(torch.float32)\n    z = z + torch.rand_like(z).detach()\n    return z / quants\n```"
        #expect(try lint(flow).isEmpty)
        let noising = try lint("```python\nimport torch\ndef noisy(z, quants):\n    z = z.to(torch.float32)\n    z = z + torch.rand_like(z).detach()\n    return z / quants\n```")
        #expect(noising.map(\.code) == ["DL201"], "\(Corpus.describe(noising))")
    }

    /// `torch.rand(…).round()` is a fair coin per entry: binary noise drawn so on purpose. The same
    /// draw left unrounded is still flagged.
    @Test func aRoundedUniformDrawIsACoin() throws {
        let coin = "```python\nimport torch\nnoise = torch.rand(size=(b, 1, h, w)).round().expand(b, 3, h, w)\nbatch = batch * (1 - mask) + noise * mask\n```"
        #expect(try lint(coin).isEmpty)
        let slip = try lint("```python\nimport torch\nnoise = torch.rand(size=(b, 1, h, w)).expand(b, 3, h, w)\nbatch = batch * (1 - mask) + noise * mask\n```")
        #expect(slip.map(\.code) == ["DL201"], "\(Corpus.describe(slip))")
    }
}
