import CheckerCore
import Testing
@testable import NotesLint

/// A DDIM sampler that walks positions in a list of steps (`for i in range(n): t = ts[i]`, the
/// next level `ts[i + 1]`) is judged like a loop that counts its steps down: at a position a
/// quarter of the way in, with the step the list holds there. The right step is quiet; a wrong
/// x̂_0, a wrong σ_t ratio and a direction term without σ_t² are found.
struct StepSubsequenceLoopTests {
    static func sampler(cleanEstimate: String = "(x - (1 - a_t).sqrt() * eps) / a_t.sqrt()",
                        sigma: String = "eta * ((1 - a_prev) / (1 - a_t)).sqrt() * (1 - a_t / a_prev).sqrt()",
                        direction: String = "(1 - a_prev - sigma ** 2).sqrt() * eps",
                        tableAsParameter: Bool = false) -> String {
        let header = tableAsParameter
            ? "def ddim(net, shape, alphas_cumprod, n_steps=50, eta=0.0):\n    T = alphas_cumprod.shape[0]\n"
            : "T = 1000\nbetas = torch.linspace(1e-4, 0.02, T)\nalphas_cumprod = torch.cumprod(1 - betas, dim=0)\n\n\ndef ddim(net, shape, n_steps=50, eta=0.0):\n"
        return """
            import torch


            \(header)    steps = torch.linspace(T - 1, 0, n_steps).long()
                x = torch.randn(shape)
                for i in range(n_steps):
                    t = steps[i]
                    a_t = alphas_cumprod[t]
                    a_prev = alphas_cumprod[steps[i + 1]] if i + 1 < n_steps else torch.tensor(1.0)
                    eps = net(x, t)
                    x0 = \(cleanEstimate)
                    sigma = \(sigma)
                    noise = torch.randn_like(x) if i + 1 < n_steps else torch.zeros_like(x)
                    x = a_prev.sqrt() * x0 + \(direction) + sigma * noise
                return x

            """
    }

    static func codes(_ text: String) -> [String] { CodeProbe.run(text).diagnostics.map(\.code) }

    @Test(arguments: [false, true])
    func theRightSamplerIsQuiet(tableAsParameter: Bool) {
        let d = CodeProbe.run(Self.sampler(tableAsParameter: tableAsParameter)).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// x̂_0 with 1 − ᾱ_t where its square root belongs.
    @Test(arguments: [false, true])
    func aWrongCleanEstimateIsFound(tableAsParameter: Bool) {
        let text = Self.sampler(cleanEstimate: "(x - (1 - a_t) * eps) / a_t.sqrt()", tableAsParameter: tableAsParameter)
        #expect(Self.codes(text).contains("DL205"), "\(Corpus.describe(CodeProbe.run(text).diagnostics))")
    }

    /// σ_t with the ratio of the two levels inverted.
    @Test func anInvertedSigmaRatioIsFound() {
        let text = Self.sampler(sigma: "eta * ((1 - a_t) / (1 - a_prev)).sqrt() * (1 - a_t / a_prev).sqrt()", tableAsParameter: true)
        #expect(Self.codes(text).contains("DL217"), "\(Corpus.describe(CodeProbe.run(text).diagnostics))")
    }

    /// The direction term √(1 − ᾱ_prev)·ε_θ without σ_t² under the root, with a σ_t that is not 0.
    @Test func aDirectionWithoutSigmaIsFound() {
        let text = Self.sampler(direction: "(1 - a_prev).sqrt() * eps", tableAsParameter: true)
        #expect(Self.codes(text).contains("DL205"), "\(Corpus.describe(CodeProbe.run(text).diagnostics))")
    }

    /// `.long()` cuts a list of steps to whole numbers, and `.shape[0]` of a table is its length.
    @Test func wholeStepsAndTableLength() {
        let text = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            n = betas.shape[0]
            steps = torch.linspace(n - 1, 0, 4).long()

            """
        let source = SourceText(path: "p.py", text: text)
        var interpreter = PyInterpreter()
        let (statements, _, _, _, _, _, _) = PythonParser.parse(source.scalars, from: 0, to: source.scalars.count)
        interpreter.run(statements)
        #expect(interpreter.env["n"]?.number == 1000)
        #expect(interpreter.env["steps"]?.array == [999, 666, 333, 0])
    }
}
