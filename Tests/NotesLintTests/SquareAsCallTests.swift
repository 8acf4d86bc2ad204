import CheckerCore
import Testing
@testable import NotesLint

/// A cosine squared by a call, `cos(u).square()` or `torch.square(cos(u))`, is the cosine
/// schedule's cos² (DL209 stays silent); the same schedule with the call removed is still found.
struct SquareAsCallTests {
    static let methodSquare = """
        import math
        import torch

        def cosine_alpha_bar(T, s=0.008):
            t = torch.arange(T + 1)
            f_t = torch.cos((t / T + s) / (1 + s) * math.pi / 2.0).square()
            return f_t / f_t[0]

        """

    static let functionSquare = """
        import math
        import numpy as np

        def cosine_alpha_bar(steps, offset=0.008):
            grid = np.linspace(0, steps, steps + 1)
            level = np.square(np.cos((grid / steps + offset) / (1 + offset) * math.pi * 0.5))
            return level / level[0]

        """

    @Test(arguments: [methodSquare, functionSquare])
    func aCosineSquaredByACallIsSquared(code: String) {
        let d = CodeProbe.run(code).diagnostics
        #expect(!d.map(\.code).contains("DL209"), "\(Corpus.describe(d))")
    }

    @Test func theSameCosineWithoutTheSquareIsStillFound() {
        let plainMethod = Self.methodSquare.replacingOccurrences(").square()\n", ")\n")
        let plainFunction = Self.functionSquare.replacingOccurrences("np.square(np.cos(", "np.abs(np.cos(")
        #expect(plainMethod != Self.methodSquare && plainFunction != Self.functionSquare)
        for code in [plainMethod, plainFunction] {
            let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL209" }
            #expect(d.count == 1, "\(Corpus.describe(d))")
        }
    }
}
