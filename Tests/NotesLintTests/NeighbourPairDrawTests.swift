import CheckerCore
import Testing
@testable import NotesLint

/// `i = torch.randint(0, N - 1, …)` whose index is read with its successor, `levels[i]` and
/// `levels[i + 1]`, draws a pair of neighbouring noise levels: the first member stops one short so
/// that the second stays in range, and DL222 stays silent. A draw of N − 1 steps read alone, or
/// whose successor is read only in another function, is still one step short.
struct NeighbourPairDrawTests {
    static let distillationPair = """
        import torch

        def karras_levels(num_steps, sigma_min=0.002, sigma_max=80.0, rho=7.0):
            ramp = torch.linspace(0, 1, num_steps)
            return (sigma_max ** (1 / rho) + ramp * (sigma_min ** (1 / rho) - sigma_max ** (1 / rho))) ** rho

        def distillation_loss(student, teacher, x, num_steps):
            levels = karras_levels(num_steps)
            i = torch.randint(0, num_steps - 1, (x.shape[0],))
            high = levels[i].view(-1, 1, 1, 1)
            low = levels[i + 1].view(-1, 1, 1, 1)
            noisy = x + high * torch.randn_like(x)
            target = teacher(noisy, high, low)
            return ((student(noisy, high) - target) ** 2).mean()

        """

    static let trainingDraw = """
        import torch

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        abar = torch.cumprod(1 - betas, dim=0)

        def train_step(model, x0):
            t = torch.randint(0, T - 1, (x0.shape[0],))
            noise = torch.randn_like(x0)
            a = abar[t].view(-1, 1, 1, 1)
            x_t = a.sqrt() * x0 + (1 - a).sqrt() * noise
            return ((model(x_t, t) - noise) ** 2).mean()

        """

    @Test func aDrawReadWithItsSuccessorIsAPairOfLevels() {
        let d = CodeProbe.run(Self.distillationPair).diagnostics
        #expect(!d.map(\.code).contains("DL222"), "\(Corpus.describe(d))")
    }

    @Test func aDrawReadAloneIsStillOneShort() {
        let d = CodeProbe.run(Self.trainingDraw).diagnostics.filter { $0.code == "DL222" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aSuccessorReadInAnotherFunctionDoesNotExcuseTheDraw() {
        let elsewhere = Self.trainingDraw + """
            def neighbours(levels, t):
                return levels[t], levels[t + 1]

            """
        let d = CodeProbe.run(elsewhere).diagnostics.filter { $0.code == "DL222" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
