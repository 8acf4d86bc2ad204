import Testing
@testable import NotesLint

/// A training step's noised sample is known by its use, not its name: whatever the code calls
/// it, the value the model is handed where its output is compared with the drawn noise is the
/// forward sample x_t, and its other input is the data. Frozen tables held as
/// `nn.Parameter(…, requires_grad=False)` are read as tables.
struct TrainingInputByUseTests {
    /// A class-based DDPM whose training step names its sample and its data freely.
    static let freelyNamed = """
    import torch
    import torch.nn as nn

    class Chain(nn.Module):
        def __init__(self, network, beta_1=1e-4, beta_T=2e-2, T=100):
            super().__init__()
            self.network = network
            self.T = T
            self.beta = nn.Parameter(torch.linspace(beta_1, beta_T, T), requires_grad=False)
            self.alpha = nn.Parameter(1 - self.beta, requires_grad=False)
            self.alpha_cumprod = nn.Parameter(self.alpha.cumprod(dim=0), requires_grad=False)

        def objective(self, x):
            noise = torch.normal(mean=0, std=1, size=x.shape).to(x.device)
            t = torch.randint(0, self.T, (x.shape[0],), device=x.device)
            mixed = self.alpha_cumprod[t].sqrt().unsqueeze(1) * x + torch.sqrt(1 - self.alpha_cumprod[t]).unsqueeze(1) * noise
            guess = self.network(mixed, t.unsqueeze(1).float())
            return torch.mean((noise - guess) ** 2)
    """

    static let variants: [CodeVariant] = [
        CodeVariant(name: "data scaled by ᾱ_t instead of its root", right: freelyNamed,
                    original: "self.alpha_cumprod[t].sqrt().unsqueeze(1) * x", replacement: "self.alpha_cumprod[t].unsqueeze(1) * x", code: "DL213"),
        CodeVariant(name: "noise scaled by the variance", right: freelyNamed,
                    original: "torch.sqrt(1 - self.alpha_cumprod[t]).unsqueeze(1) * noise", replacement: "(1 - self.alpha_cumprod[t]).unsqueeze(1) * noise", code: "DL213"),
    ]

    @Test(arguments: variants)
    func theRightStepIsQuiet(_ v: CodeVariant) {
        v.expectRightCodeIsQuiet()
    }

    @Test(arguments: variants)
    func aWrongForwardSampleIsFoundWhateverItsName(_ v: CodeVariant) {
        v.expectPlantedErrorOnItsLine()
    }

    /// Where the model's output is not compared with the drawn noise (a sampler's step), the
    /// mixture is no forward sample and is not judged as one.
    @Test func aMixtureTheLossNeverComparesIsNotJudged() {
        let code = Self.freelyNamed
            .replacingOccurrences(of: "self.alpha_cumprod[t].sqrt().unsqueeze(1) * x", with: "self.alpha_cumprod[t].unsqueeze(1) * x")
            .replacingOccurrences(of: "return torch.mean((noise - guess) ** 2)", with: "return guess")
        let d = CodeProbe.run(code).diagnostics
        #expect(!d.contains { $0.code == "DL213" }, "\(Corpus.describe(d))")
    }
}
