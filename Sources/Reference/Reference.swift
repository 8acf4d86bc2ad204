// The option types (DDPMOptions, DDIMOptions, PredictionType, VarianceType, SampleClipping, …) are
// declared once in DiffusionOptions and shared with Optimized; `import Reference` brings them.
@_exported import DiffusionOptions

/// # Reference: the literal DDPM/DDIM equations
///
/// A slow, literal implementation, one function per equation, each with the equation and its
/// source in its doc comment. Everything else in DiffusionCheck is judged against it.
///
/// ## Index convention
///
/// Code indexes the training schedule from 0, as diffusers, improved-diffusion and the original
/// DDPM code do: index `t = 0 … T − 1` is the paper's step `t + 1`.
///
///     alphas[t]    = 1 − betas[t]
///     alphaBars[t] = alphas[0] · alphas[1] · … · alphas[t]        (so alphaBars[0] = 1 − β₀ < 1)
///     ᾱ_prev(t)    = alphaBars[t − 1], and 1 for t = 0
///
/// Doc comments quote each paper in its own 1-based notation; the code and every public API use
/// the 0-based index. A "previous" index below 0 means "before the first step", where ᾱ = 1
/// (DDIM with `setAlphaToOne: false` uses ᾱ₀ there instead, as diffusers does).
///
/// ## Precision
///
/// Functions are generic over `Real & BinaryFloatingPoint`; `Double` is the reference precision,
/// where every quantity that cancels when written literally (1 − ᾱ near t = 0, the cosine β,
/// 1 − ᾱₜ/ᾱ_s, the zero-SNR rescale, the DDIM direction at η = 1) is evaluated by a stable form
/// (``ScheduleArithmetic/accurate``), within a few ulps of its exact value. `Float` instances
/// reproduce float32 pipelines (diffusers keeps its schedule in float32) and evaluate the
/// equations as written (``ScheduleArithmetic/literal``); either default can be overridden.
public enum ReferenceInfo {
    /// The papers the equations come from, cited by the doc comments.
    public static let sources = [
        "Ho, Jain, Abbeel 2020, Denoising Diffusion Probabilistic Models, arXiv:2006.11239",
        "Song, Meng, Ermon 2021, Denoising Diffusion Implicit Models, arXiv:2010.02502",
        "Nichol, Dhariwal 2021, Improved Denoising Diffusion Probabilistic Models, arXiv:2102.09672",
        "Salimans, Ho 2022, Progressive Distillation for Fast Sampling of Diffusion Models, arXiv:2202.00512",
        "Lin, Liu, Li, Yang 2023, Common Diffusion Noise Schedules and Sample Steps are Flawed, arXiv:2305.08891",
        "Saharia et al. 2022, Photorealistic Text-to-Image Diffusion Models (Imagen), arXiv:2205.11487",
        "Jabri, Fleet, Chen 2022, Scalable Adaptive Computation for Iterative Generation (sigmoid schedule), arXiv:2212.11972",
    ]
}
