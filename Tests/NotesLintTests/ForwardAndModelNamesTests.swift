import CheckerCore
import Testing
@testable import NotesLint

/// `q_sample` and `p_sample` are the forward process and the model's step: two functions, not a
/// slip of one (DL211 offers no such pair). A real slip is still offered its name.
struct ForwardAndModelNamesTests {
    @Test func processPrefixesAreNoSlip() {
        let code = """
            def p_sample(model, x, t):
                return model(x, t)

            x_t = q_sample(x_0, t)

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }.isEmpty)
        let slip = CodeProbe.run(code.replacingOccurrences("q_sample(x_0", "p_smaple(x_0")).diagnostics.filter { $0.code == "DL211" }
        #expect(slip.map(\.fix) == ["p_sample"], "\(Corpus.describe(slip))")
    }
}
