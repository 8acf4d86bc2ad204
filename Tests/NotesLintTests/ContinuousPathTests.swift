import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "path.md")
}

/// Flow matching, rectified flow, interpolants and EDM define x_t by coefficients that are
/// functions of a continuous t. Read with DDPM's symbols, 1 − t at the probe t = 3 is −2 and
/// cos(πt/2) is 0: such a formula is a different process, not a wrong q(x_t | x_0).
struct ContinuousPathTests {
    /// Paths in several notations: which end is the data differs from note to note.
    static let rightPaths = [
        // Rectified flow with the data at t = 0 and the noise at t = 1.
        "$$x_t = (1-t)\\,x_0 + t\\,\\epsilon$$",
        // The data at t = 1, the noise x_0, the data called z (a conditional flow).
        "Let $x_t = \\psi_t(x_0 \\mid z) = (1 - t)x_0 + t z$ for a data point $z$.",
        // Bold vectors, the data end written first.
        "$$\\mathbf{x}_t = t\\,\\mathbf{x}_0 + (1-t)\\,\\boldsymbol{\\varepsilon}$$",
        // A trigonometric interpolant.
        "$$x_t = \\cos\\left(\\frac{\\pi t}{2}\\right) x_0 + \\sin\\left(\\frac{\\pi t}{2}\\right) \\epsilon$$",
        // EDM with σ(t) = t.
        "$$x_t = x_0 + t\\,\\epsilon$$",
        // The path's law.
        "$$q(x_t \\mid x_0) = \\mathcal{N}(x_t; (1-t)\\,x_0, t^2 I)$$",
        "$$x_t \\sim \\mathcal{N}\\big((1-t) x_0,\\ t^2 \\mathbf{I}\\big)$$",
        // The conditional-OT path with σ_min.
        "$$x_t = \\big(1 - (1-\\sigma_{\\min})\\,t\\big)\\,x_0 + t\\,z$$",
    ]

    @Test(arguments: rightPaths)
    func aContinuousPathIsNotADDPMMarginal(_ formula: String) throws {
        let d = try lint(formula)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The skip says why in the coverage summary: not judged, never silently clean.
    @Test func theCoverageNamesTheOtherProcess() throws {
        let (_, coverage) = try NotesLinter.lintWithCoverage(text: "$$x_t = (1-t)x_0 + t\\epsilon$$\n", path: "p.md")
        #expect(coverage.equations.contains { $0.reason?.contains("continuous t") == true })
    }

    /// The same note's DDPM marginal is still judged: a variance on the noise fires.
    @Test func aWrongDDPMMarginalBesideAPathStillFires() throws {
        let note = """
        Flow matching interpolates $x_t = (1-t)x_0 + t\\epsilon$. DDPM instead uses

        $$x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + (1-\\bar\\alpha_t)\\,\\epsilon$$
        """
        let d = try lint(note)
        #expect(d.map(\.code) == ["DL101"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 3)
    }

    /// A marginal written with α_t where ᾱ_t belongs, and no continuous t, still fires.
    @Test func theDiscreteScheduleIsStillJudged() throws {
        let d = try lint("With $\\alpha_t = 1 - \\beta_t$: $$x_t = \\sqrt{\\alpha_t}\\,x_0 + \\sqrt{1 - \\bar\\alpha_t}\\,\\epsilon$$")
        #expect(d.map(\.code) == ["DL104"], "\(Corpus.describe(d))")
    }
}

/// A note whose process is such a path, and which writes none of DDPM's schedule, uses α_t, β_t,
/// σ_t for that path's own coefficients.
struct PathDocumentTests {
    static let note = """
    # Conditional flow matching

    Noise $x_0 \\sim \\mathcal{N}(0, I)$ and data $x_1$ are joined by $x_t = (1-t)x_0 + t x_1$.
    More generally take schedules $\\alpha_t = 1 - t$ and $\\beta_t = t$, so that

    $$x_t = \\alpha_t x_0 + \\beta_t \\epsilon$$

    and the variance-preserving choice $\\alpha_t = \\cos(\\pi t / 2)$.
    """

    @Test func itsCoefficientsAreNotReadAsDDPMs() throws {
        let d = try lint(Self.note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let (_, coverage) = try NotesLinter.lintWithCoverage(text: Self.note, path: "fm.md")
        #expect(coverage.reading.hasPrefix("a continuous-time path"), "\(coverage.reading)")
    }

    /// Once the note writes ᾱ, its α_t is DDPM's again and the per-step α in the marginal fires.
    @Test func aNoteThatWritesAlphaBarIsReadAsDDPM() throws {
        let mixed = Self.note + "\nDDPM's marginal uses $\\bar\\alpha_t = \\prod_{s=1}^t \\alpha_s$.\n"
        let d = try lint(mixed)
        #expect(d.map(\.code) == ["DL104"], "\(Corpus.describe(d))")
    }

    /// The cosine schedule (over t/T, with its offset s) must still square its cosine.
    @Test func theCosineScheduleStillSquares() throws {
        let d = try lint("$$\\bar\\alpha_t = \\cos\\left(\\frac{t/T + s}{1 + s}\\cdot\\frac{\\pi}{2}\\right)$$")
        #expect(d.map(\.code) == ["DL114"], "\(Corpus.describe(d))")
        // Outside a path note, a continuous-time signal coefficient is not that schedule.
        #expect(try lint("With signal coefficient $\\alpha_t = \\cos(\\pi t/2)$ and $\\bar\\alpha_t = \\prod_s (1-\\beta_s)$.").isEmpty)
    }

    /// α_t = cos φ, σ_t = sin φ: the rotation of the v-parameterisation names an angle, not t/T, and
    /// its signal coefficient is right unsquared. The schedule's f(t) over t/T still must square.
    @Test func aSignalCoefficientOfAnAngleIsNotTheSchedule() throws {
        #expect(try lint("Think of a rotation: $\\alpha_t = \\cos \\phi, \\sigma_t = \\sin \\phi$, and $\\bar\\alpha_t = \\prod_s (1-\\beta_s)$.").isEmpty)
        let d = try lint("$$f(t) = \\cos\\left(\\frac{t/T + s}{1 + s}\\cdot\\frac{\\pi}{2}\\right), \\quad \\bar\\alpha_t = \\frac{f(t)}{f(0)}$$")
        #expect(d.map(\.code).contains("DL114"), "\(Corpus.describe(d))")
    }
    /// f_θ(x_t, t) = cos(t)·x_t − σ_d·sin(t)·F_θ(…): a consistency model's parameterisation on the
    /// trigonometric path, a function of the state and not the schedule's f(t).
    @Test func aNetworksParameterisationIsNotTheSchedulesF() throws {
        let trig = "$$f_\\theta(x_t, t) = \\cos(t)\\,x_t - \\sigma_d \\sin(t)\\,F_\\theta\\Big(\\frac{x_t}{\\sigma_d}, t\\Big)$$"
        #expect(try lint(trig).isEmpty)
        let schedule = "$$f(t) = \\cos\\Big(\\frac{t/T + s}{1 + s}\\cdot\\frac{\\pi}{2}\\Big)$$"
        #expect(try lint(schedule).map(\.code) == ["DL114"])
    }
}

/// q(x_t | x_0) = N(α_t·x_0, σ_t²·I) is the α_t, σ_t notation of continuous-time models, as the
/// sample form x_t = α_t·x_0 + σ_t·ε already was.
struct AlphaSigmaLawTests {
    @Test(arguments: [
        "$$q(x_t \\mid x_0) = \\mathcal{N}(x_t;\\ \\alpha_t x_0,\\ \\sigma_t^2 I)$$",
        "$$q(\\mathbf{z}_t | \\mathbf{x}) = \\mathcal{N}(\\alpha_t \\mathbf{x}, \\sigma_t^2\\mathbf{I})$$",
    ])
    func theAlphaSigmaLawIsFree(_ formula: String) throws {
        let d = try lint(formula)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theDDPMLawIsStillJudged() throws {
        let d = try lint("$$q(x_t \\mid x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t}x_0, \\sqrt{1-\\bar\\alpha_t} I)$$")
        #expect(d.map(\.code) == ["DL102"], "\(Corpus.describe(d))")
    }
}

/// A thin space that lost its backslash splits a Gaussian's mean into two arguments; the
/// parameters are then unreadable, never read one slot off.
struct LostThinSpaceTests {
    @Test(arguments: [
        "$$q(x_t|x_{t-1}) = \\mathcal{N}(x_t;, \\sqrt{\\alpha_t},x_{t-1},, (1-\\alpha_t)I)$$",
        "$$q_\\sigma(x_{t-1}|x_0) = \\mathcal{N}(\\sqrt{\\bar\\alpha_{t-1}},x_0,\\ (1-\\bar\\alpha_{t-1})I)$$",
    ])
    func aSplitMeanIsNotJudged(_ formula: String) throws {
        let d = try lint(formula)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongKernelWithThreeArgumentsStillFires() throws {
        let d = try lint("$$q(x_t|x_{t-1}) = \\mathcal{N}(x_t, \\sqrt{\\alpha_t}x_{t-1}, \\alpha_t I)$$")
        #expect(d.map(\.code) == ["DL103"], "\(Corpus.describe(d))")
    }
}

/// A toy data set drawn uniformly (the data end of a flow-matching demo) is not diffusion noise.
struct UniformToyDataTests {
    @Test func uniformToyDataIsQuiet() throws {
        let code = """
        ```python
        import torch, math
        x1_samples = torch.rand(1000, 1) * 4 * math.pi
        data = torch.rand(512, 2) * 2 - 1
        x0 = torch.randn(1000, 2)
        t = torch.rand(1000, 1)
        xt = (1 - t) * x0 + t * x1_samples
        ```
        """
        let d = try lint(code)
        #expect(!d.contains { $0.code == "DL201" }, "\(Corpus.describe(d))")
    }

    @Test func uniformNoiseInTheForwardSampleStillFires() throws {
        let code = """
        ```python
        import torch
        def q_sample(x0, a):
            noise = torch.rand_like(x0) * 2
            return a.sqrt() * x0 + (1 - a).sqrt() * noise
        ```
        """
        let d = try lint(code)
        #expect(d.contains { $0.code == "DL201" }, "\(Corpus.describe(d))")
    }
}

/// The ODE of a path in a continuous t (the velocity in terms of the predicted noise or data) is
/// not the variance-preserving probability-flow ODE; that ODE is still judged in the same note.
struct PathODETests {
    @Test(arguments: [
        // x_t = (1 − t)·x_0 + t·ε gives dx/dt = ε − x_0 = (ε − x)/(1 − t).
        "$$\\frac{dx}{dt} = \\frac{\\epsilon_\\theta(x,t) - x}{1-t}$$",
        "$$\\frac{dx}{dt} = \\frac{x - \\epsilon_\\theta(x, t)}{t}$$",
        "$$\\frac{d\\mathbf{x}}{dt} = \\frac{\\mathbf{x} - \\hat{\\mathbf{x}}_0}{t}$$",
    ])
    func aPathODEIsQuiet(_ formula: String) throws {
        let d = try lint("Rectified flow joins them by $x_t = (1-t)x_0 + t\\epsilon$.\n\n" + formula)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongVPODEInAPathNoteStillFires() throws {
        let note = "Rectified flow joins them by $x_t = (1-t)x_0 + t\\epsilon$; the VP ODE is\n$$\\frac{d\\mathbf{x}}{dt} = -\\frac{1}{2}\\beta(t)\\left(\\mathbf{x} + \\frac{\\epsilon_\\theta(\\mathbf{x}, t)}{\\sqrt{1-\\bar\\alpha_t}}\\right)$$"
        let d = try lint(note)
        #expect(d.map(\.code) == ["DL156"], "\(Corpus.describe(d))")
    }
}

/// DL170: a side written as d/dt of the note's own path must be that path's derivative, whichever
/// end the note calls the data.
struct PathVelocityTests {
    static let rightNotes = [
        // The data z at t = 1, the derivative of the named flow and of the path written out.
        "Let $x_t = \\psi_t(x_0|z) = (1-t)x_0 + t z$.\n$$\\frac{d}{dt}\\psi_t(x_0|z) = \\frac{d}{dt}\\left((1-t)x_0 + t z\\right) = z - x_0$$",
        // The conditional-OT path with σ_min, bold capitals.
        "$$\\mathbf{X}_t = t\\mathbf{X}_1 + \\left(1 - (1-\\sigma_{\\min})t\\right)\\mathbf{X}_0$$\n\n$$\\mathbf{v}_t = \\frac{d\\mathbf{X}_t}{dt} = \\mathbf{X}_1 - (1-\\sigma_{\\min})\\mathbf{X}_0$$",
        // The data at t = 0 (rectified flow as in latent image models).
        "$$x_t = (1-t)\\,x_0 + t\\,\\epsilon$$\n\n$$\\frac{dx_t}{dt} = \\epsilon - x_0$$",
        // A trigonometric path, with a dot for the derivative.
        "$$x_t = \\cos\\left(\\frac{\\pi t}{2}\\right)x_0 + \\sin\\left(\\frac{\\pi t}{2}\\right)\\epsilon$$\n\n$$\\dot{x}_t = \\frac{\\pi}{2}\\left(\\cos\\left(\\frac{\\pi t}{2}\\right)\\epsilon - \\sin\\left(\\frac{\\pi t}{2}\\right)x_0\\right)$$",
        // A velocity named without a derivative, in the direction from the noise to the data.
        "$$x_t = (1-t)\\,x_0 + t\\,\\epsilon$$\n\n$$v = x_0 - \\epsilon$$",
    ]

    @Test(arguments: rightNotes)
    func theDerivativeOfTheNotesPathIsQuiet(_ note: String) throws {
        let d = try lint(note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A derivative compared with the path is judged, not listed as unknown.
    @Test func theComparedDerivativeCountsAsJudged() throws {
        let note = "$$x_t = (1-t)\\,x_0 + t\\,\\epsilon$$\n\n$$\\frac{dx_t}{dt} = \\epsilon - x_0$$\n"
        let (_, coverage) = try NotesLinter.lintWithCoverage(text: note, path: "v.md")
        #expect(coverage.judged.contains { $0.line == 3 }, "\(coverage.equations)")
    }

    @Test func aFlippedSignFires() throws {
        let d = try lint("$$x_t = (1-t)\\,x_0 + t\\,\\epsilon$$\n\n$$\\frac{dx_t}{dt} = x_0 - \\epsilon$$")
        #expect(d.map(\.code) == ["DL170"], "\(Corpus.describe(d))")
        #expect(d.first?.fix?.contains("ε − x_0") == true || d.first?.fix?.contains("−x_0 + ε") == true, "\(Corpus.describe(d))")
    }

    @Test func aDroppedSigmaMinFires() throws {
        let d = try lint("$$\\mathbf{X}_t = t\\mathbf{X}_1 + \\left(1 - (1-\\sigma_{\\min})t\\right)\\mathbf{X}_0$$\n\n$$\\frac{d\\mathbf{X}_t}{dt} = \\mathbf{X}_1 - \\mathbf{X}_0$$")
        #expect(d.map(\.code) == ["DL170"], "\(Corpus.describe(d))")
        #expect(d.first?.fix?.contains("σ_min") == true, "\(Corpus.describe(d))")
    }

    /// A stochastic interpolant's velocity has coefficients in t itself.
    @Test func aVelocityWithTimeDependentCoefficientsIsJudged() throws {
        let path = "$$x_t = (1-t)x_0 + t x_1 + \\sqrt{2t(1-t)}\\,z$$\n\n"
        let right = try lint(path + "$$\\frac{d x_t}{dt} = x_1 - x_0 + \\frac{1-2t}{\\sqrt{2t(1-t)}}\\, z$$")
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = try lint(path + "$$\\dot{x}_t = x_1 - x_0 + \\frac{1-2t}{\\sqrt{t(1-t)}}\\, z$$")
        #expect(wrong.map(\.code) == ["DL170"], "\(Corpus.describe(wrong))")
    }

    @Test func aWrongDerivativeOfAWrittenOutPathFires() throws {
        let d = try lint("$$\\frac{d}{dt}\\left((1-t)x_0 + t z\\right) = x_0 - z$$")
        #expect(d.map(\.code) == ["DL170"], "\(Corpus.describe(d))")
    }
}

/// A note that defines β_n = σ_n² − σ_{n−1}² uses β for the variance-exploding increment: its
/// forward step keeps x_{n−1} unscaled and its marginal is N(x_0, σ_n²·I).
struct VarianceIncrementTests {
    static let note = """
    Let $\\beta_n = \\sigma_n^2 - \\sigma_{n-1}^2$ for increasing noise levels $\\sigma_n$. Then
    $q(\\mathbf{x}_n | \\mathbf{x}_{n-1}) = \\mathcal{N}(\\mathbf{x}_n; \\mathbf{x}_{n-1}, \\beta_n \\mathbf{I})$ and
    $q(\\mathbf{x}_n | \\mathbf{x}_0) = \\mathcal{N}(\\mathbf{x}_n; \\mathbf{x}_0, \\sigma_n^2 \\mathbf{I})$.
    """

    @Test func theIncrementIsNotDDPMsBeta() throws {
        let d = try lint(Self.note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func withoutTheDefinitionTheStepIsDDPMs() throws {
        let d = try lint("$q(\\mathbf{x}_n | \\mathbf{x}_{n-1}) = \\mathcal{N}(\\mathbf{x}_n; \\mathbf{x}_{n-1}, \\beta_n \\mathbf{I})$")
        #expect(d.map(\.code) == ["DL103"], "\(Corpus.describe(d))")
    }

    @Test func aDDPMFormulaInTheSameNoteIsStillJudged() throws {
        let d = try lint(Self.note + "\nCompare DDPM: $$x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + (1 - \\bar\\alpha_t)\\,\\epsilon$$\n")
        #expect(d.map(\.code) == ["DL101"], "\(Corpus.describe(d))")
    }
}

/// The data end of a path estimated from the model's output, x̂_0 = x_t − t·v_θ, is not DDPM's
/// x̂_0 from ε; DDPM's is still judged.
struct PathEstimateTests {
    @Test(arguments: [
        "$$\\hat{x}_0 = x_t - t\\,v_\\theta(x_t, t)$$",
        "$$\\hat{\\mathbf{x}}_0 = \\frac{\\mathbf{x}_t - t\\,\\boldsymbol\\epsilon_\\theta(\\mathbf{x}_t,t)}{1-t}$$",
    ])
    func aPathEstimateIsQuiet(_ formula: String) throws {
        let d = try lint(formula)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func ddpmsEstimateIsStillJudged() throws {
        let d = try lint("$$\\hat{x}_0 = \\frac{x_t - (1-\\bar\\alpha_t)\\,\\epsilon_\\theta(x_t,t)}{\\sqrt{\\bar\\alpha_t}}$$")
        #expect(d.map(\.code) == ["DL108"], "\(Corpus.describe(d))")
    }
}

/// An interpolation of two latents with numbers for weights is not a merge of noises (DL105
/// judges merges written with the schedule's symbols).
struct LatentInterpolationTests {
    @Test(arguments: [
        "Halfway between two codes: $z = 0.5z_1 + 0.5z_2$.",
        "$$\\mathbf{z} = \\tfrac{1}{3}\\mathbf{z}_1 + \\tfrac{2}{3}\\mathbf{z}_2$$",
    ])
    func aLatentInterpolationIsQuiet(_ formula: String) throws {
        let d = try lint(formula)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMergeWithScheduleSymbolsStillFires() throws {
        let d = try lint("$$\\sqrt{\\alpha_t}\\sqrt{1-\\bar\\alpha_{t-1}}\\,\\epsilon_1 + \\sqrt{1-\\alpha_t}\\,\\epsilon_2 = (1-\\bar\\alpha_t)\\,\\epsilon$$")
        #expect(d.map(\.code) == ["DL105"], "\(Corpus.describe(d))")
    }
}

/// A path's x_t restated with its own coefficients is no identity in DDPM's x_t (DL142).
struct PathIdentityTests {
    @Test func aTrigonometricPathRestatedIsQuiet() throws {
        let note = "Take $\\alpha_t = \\cos(\\pi t/2)$ and $\\sigma_t = \\sin(\\pi t/2)$:\n$$x_t = \\alpha_t x_0 + \\sigma_t \\epsilon = \\cos(\\pi t/2)\\,x_0 + \\sin(\\pi t/2)\\,\\epsilon$$"
        let d = try lint(note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func ddpmsIdentityBesideAPathStillFires() throws {
        let note = "Flow matching uses $x_t = (1-t)x_0 + t\\epsilon$; for DDPM\n$$\\sqrt{\\bar\\alpha_t}(\\hat x_0 - x_0) = \\sqrt{1-\\bar\\alpha_t}(\\epsilon_\\theta(x_t, t) - \\epsilon)$$"
        let d = try lint(note)
        #expect(d.map(\.code) == ["DL142"], "\(Corpus.describe(d))")
    }
}
