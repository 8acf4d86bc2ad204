import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String, path: String = "note.md") throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: path)
}

/// Causes of false alarms met at first contact with study notes: states on both sides of a given
/// state are independent in a Markov chain, a number added to a bound name names a second object
/// of its kind, another function's parameter is out of a function's scope, and a body whose calls
/// elide arguments with `...` is an abridged excerpt. Each quiet case has a twin that keeps the
/// bug and is still reported.
struct SeparatedStatesAndNameScopeTests {
    // MARK: States on both sides of a given state (DL116)

    @Test func statesOnBothSidesOfAGivenStateFactorise() throws {
        let right = "$$q(x_t, x_0 | x_{t-1}) = q(x_t | x_{t-1})\\, q(x_0 | x_{t-1})$$"
        let d = try lint(right)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func statesOnOneSideOfTheGivenStateDoNot() throws {
        // x_{t-2} and x_{t-1} both lie before x_t: nothing given separates them.
        let wrong = "$$q(x_{t-1}, x_{t-2} | x_t) = q(x_{t-1} | x_t)\\, q(x_{t-2} | x_t)$$"
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL116"], "\(Corpus.describe(d))")
    }

    @Test func aFactorThatDropsTheSeparatingStateIsReported() throws {
        let wrong = "$$q(x_t, x_0 | x_{t-1}) = q(x_t | x_{t-1})\\, q(x_0)$$"
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL116"], "\(Corpus.describe(d))")
    }

    // MARK: A number added to a bound name (DL211)

    static func sketch(_ lastLine: String) -> String {
        """
        # Sketch

        ```python
        image_norm, image_gates = image_adaln(image_hidden, temb)
        joint = attention(q, k, v)
        \(lastLine)
        ```
        """
    }

    @Test func aSecondNormLayerInASketchIsNoSlip() throws {
        let d = try lint(Self.sketch("image_hidden += image_gates * image_mlp(image_norm2(image_hidden))")).filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMisspeltBoundNameIsStillASlip() throws {
        let d = try lint(Self.sketch("image_hidden += image_gates * image_mlp(imge_norm)")).filter { $0.code == "DL211" }
        #expect(d.count == 1 && d.first?.fix == "image_norm", "\(Corpus.describe(d))")
    }

    // MARK: Another function's parameter is out of scope (DL211)

    static func excerpt(_ otherParameter: String) -> String {
        """
        # Face models

        ```python
        # lines 142-158 of the plug-in
        def get_analysis_model():
            global ANALYSIS_MODEL
            if ANALYSIS_MODEL is None:
                ANALYSIS_MODEL = insightface.app.FaceAnalysis(name="buffalo_l", root=os.path.join(models_path, "insightface"))
            return ANALYSIS_MODEL

        def get_swap_model(\(otherParameter): str):
            global CURRENT_PATH
            if CURRENT_PATH != \(otherParameter):
                CURRENT_PATH = \(otherParameter)
            return insightface.model_zoo.get_model(\(otherParameter))
        ```
        """
    }

    @Test func anotherFunctionsParameterIsNoSuggestion() throws {
        let d = try lint(Self.excerpt("model_path")).filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aNameTheBlockBindsAtItsTopLevelIsStillSuggested() throws {
        let inBlock = try lint(Self.excerpt("model_file").replacingOccurrences(of: "def get_analysis_model():", with: "model_path = \"/models\"\n\ndef get_analysis_model():")).filter { $0.code == "DL211" }
        #expect(inBlock.count == 1 && inBlock.first?.fix == "model_path", "\(Corpus.describe(inBlock))")
    }

    // MARK: A body whose calls elide arguments (DL211)

    static func abridged(_ call: String) -> String {
        """
        # The model

        ```python
        class ExpertModel(nn.Module):
            def __init__(self, vlm_config, expert_config):
                super().__init__()
                expert_config_hf = CONFIG_MAPPING["gemma"](\(call))
                self.vlm = VisionLanguageModel(config=vlm_config_hf)
                self.expert = CausalLM(config=expert_config_hf)
        ```
        """
    }

    @Test func anAbridgedBodyLeavesItsNamesToThePartLeftOut() throws {
        let d = try lint(Self.abridged("..., width=expert_config.width, ...")).filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theWholeBodyStillHasItsSlipReported() throws {
        let d = try lint(Self.abridged("width=expert_config.width")).filter { $0.code == "DL211" }
        #expect(d.count == 1 && d.first?.fix == "vlm_config", "\(Corpus.describe(d))")
    }
}
