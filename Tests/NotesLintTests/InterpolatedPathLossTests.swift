import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ code: String) -> [Diagnostic] {
    NotesLinter.lintPython(text: code, path: "train_flow.py")
}

/// A training step on a path between noise and data with a drawn time, `x_t = (1 − t)·x_0 + t·x_1`:
/// the sample is a product of two random tensors, not an affine form, yet the noise that built it
/// is still in it. A target built from that noise is right; a target built from a second draw is not.
struct InterpolatedPathLossTests {
    static let rectifiedFlow = """
        import torch
        import torch.nn.functional as F

        def training_loss(net, data):
            z = torch.randn_like(data)
            t = torch.rand(data.shape[0], 1, 1, 1)
            x_t = t * data + (1 - t) * z
            velocity = data - z
            return F.mse_loss(net(x_t, t.view(-1)), velocity)
        """

    static let minimumNoisePath = """
        import torch

        def cfm_loss(model, x1, sigma_min=1e-4):
            x0 = torch.randn_like(x1)
            s = torch.rand(x1.size(0), device=x1.device)[:, None, None, None]
            xs = (1 - (1 - sigma_min) * s) * x0 + s * x1
            u = x1 - (1 - sigma_min) * x0
            return ((model(xs, s.squeeze()) - u) ** 2).mean()
        """

    static let noiseToData = """
        import torch

        def step_loss(model, images):
            noise = torch.randn_like(images)
            tau = torch.rand(images.shape[0]).view(-1, 1, 1, 1)
            mixed = (1 - tau) * images + tau * noise
            pred = model(mixed, tau.flatten())
            return (pred - (noise - images)).pow(2).mean()
        """

    @Test(arguments: [rectifiedFlow, minimumNoisePath, noiseToData])
    func aTargetFromThePathsOwnNoiseIsQuiet(_ code: String) {
        let d = lint(code)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aTargetFromASecondNoiseDrawIsReported() {
        let planted = Self.rectifiedFlow.replacingOccurrences(of: "velocity = data - z", with: "velocity = data - torch.randn_like(data)")
        let d = lint(planted)
        #expect(d.map(\.code) == ["DL219"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 9)
    }

    @Test func aSecondDrawIsStillReportedInASquaredDifference() {
        let planted = Self.noiseToData.replacingOccurrences(of: "(pred - (noise - images))", with: "(pred - (torch.randn_like(images) - images))")
        let d = lint(planted)
        #expect(d.map(\.code) == ["DL219"], "\(Corpus.describe(d))")
    }
}
