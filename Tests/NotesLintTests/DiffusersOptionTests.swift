import CheckerCore
import Testing
@testable import NotesLint

/// diffusers' schedulers take beta_schedule, prediction_type and timestep_spacing from fixed sets
/// per class; a literal outside its class's set raises (DL234). A class the code defines itself,
/// or code that does not import diffusers, is not diffusers' and is not judged.
struct DiffusersOptionTests {
    static func setup(_ arguments: String, header: String = "from diffusers import DDPMScheduler, DDIMScheduler\n") -> String {
        """
        \(header)
        scheduler = DDPMScheduler(
            num_train_timesteps=1000,
            \(arguments)
        )
        sampler = DDIMScheduler.from_config(scheduler.config, timestep_spacing="trailing")

        """
    }

    @Test func optionsTheClassAcceptsAreQuiet() {
        for arguments in ["beta_schedule=\"squaredcos_cap_v2\",", "beta_schedule='scaled_linear', prediction_type='v_prediction',",
                          "beta_schedule=\"linear\", timestep_spacing=\"leading\","] {
            let d = CodeProbe.run(Self.setup(arguments)).diagnostics
            #expect(d.isEmpty, "\(arguments)\n\(Corpus.describe(d))")
        }
    }

    @Test func anOptionOutsideTheClassesSetIsFound() {
        let cosine = CodeProbe.run(Self.setup("beta_schedule=\"cosine\",")).diagnostics
        #expect(cosine.map(\.code) == ["DL234"], "\(Corpus.describe(cosine))")
        #expect(cosine.first?.fix == "beta_schedule=\"squaredcos_cap_v2\"")
        let prediction = CodeProbe.run(Self.setup("prediction_type=\"noise\",")).diagnostics
        #expect(prediction.map(\.code) == ["DL234"], "\(Corpus.describe(prediction))")
        let spacing = CodeProbe.run(Self.setup("beta_schedule=\"linear\",").replacingOccurrences("\"trailing\"", "\"uniform\"")).diagnostics
        #expect(spacing.map(\.code) == ["DL234"], "\(Corpus.describe(spacing))")
    }

    /// The sets are per class: sigmoid is DDPM's, not DDIM's.
    @Test func theSetIsTheClasses() {
        let text = "from diffusers import DDIMScheduler\n\nsampler = DDIMScheduler(beta_schedule=\"sigmoid\")\n"
        #expect(CodeProbe.run(text).diagnostics.map(\.code) == ["DL234"])
        #expect(CodeProbe.run(text.replacingOccurrences("DDIMScheduler", "DDPMScheduler")).diagnostics.isEmpty)
    }

    @Test func aClassOfTheCodesOwnIsNotDiffusers() {
        let own = """
            from diffusers import UNet2DModel


            class DDPMScheduler:
                def __init__(self, num_train_timesteps=1000, beta_schedule="linear"):
                    self.T = num_train_timesteps


            scheduler = DDPMScheduler(num_train_timesteps=1000, beta_schedule="cosine")

            """
        #expect(CodeProbe.run(own).diagnostics.filter { $0.code == "DL234" }.isEmpty)
        let unimported = Self.setup("beta_schedule=\"cosine\",", header: "import torch\n")
        #expect(CodeProbe.run(unimported).diagnostics.filter { $0.code == "DL234" }.isEmpty)
    }
}
