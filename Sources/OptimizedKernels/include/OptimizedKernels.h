#ifndef DIFFUSIONCHECK_OPTIMIZED_KERNELS_H
#define DIFFUSIONCHECK_OPTIMIZED_KERNELS_H

// The hot kernels of the Optimized library in C, in one version per CPU feature set, chosen once
// per process at run time. The choice needs no compiler flag, so the package stays usable as a
// versioned dependency and one x86-64 binary runs on any x86-64 CPU.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A version of the kernels. Every set computes the same values bit for bit (see README, "CPU
/// kernels"); they differ only in speed.
typedef enum {
    /// Plain C: SSE2 on x86-64 (every x86-64 CPU), NEON on arm64; fused multiply-adds through the
    /// C library's correctly rounded fma/fmaf.
    DCK_KERNELS_BASELINE = 0,
    /// x86-64 with AVX2 and FMA (Intel Haswell, AMD Excavator/Zen and later), 8 floats per vector.
    DCK_KERNELS_AVX2_FMA = 1,
} dck_kernel_set;

/// The set every default call uses, chosen on first use: DIFFUSIONCHECK_KERNELS=baseline or
/// DIFFUSIONCHECK_KERNELS=avx2 when set (avx2 only where the CPU has it), else the best set the
/// CPU supports.
dck_kernel_set dck_selected_kernel_set(void);

/// Why the selected set was chosen, as one line ("CPU has AVX2 and FMA", "DIFFUSIONCHECK_KERNELS=baseline", ...).
const char *dck_kernel_selection_reason(void);

/// Whether this CPU (and this build's architecture) can run `set`.
int dck_kernel_set_is_available(dck_kernel_set set);

/// A short stable name: "baseline-sse2", "baseline-neon", "baseline" (other architectures), "avx2-fma".
const char *dck_kernel_set_name(dck_kernel_set set);

/// Whether DIFFUSIONCHECK_KERNELS holds a value the selection does not understand (it is then
/// ignored and the best set is used); the value is written to `value` when it fits.
int dck_kernel_environment_is_invalid(char *value, size_t capacity);

/// out[j] = normal first + j of the Float Philox Gaussian stream of `seed` (GaussianStream in the
/// Optimized library documents the stream), computed by `set`. An unavailable set falls back to
/// the baseline.
void dck_gaussian_f32(dck_kernel_set set, uint64_t seed, uint64_t first, float *out, size_t count);

/// out[j] = normal first + j of the Double Philox Gaussian stream of `seed`, computed by `set`.
void dck_gaussian_f64(dck_kernel_set set, uint64_t seed, uint64_t first, double *out, size_t count);

/// x̂₀ from the model output, before clipping.
typedef enum {
    /// (x − √(1−ᾱ)·m) / √ᾱ
    DCK_PREDICT_EPSILON = 0,
    /// m
    DCK_PREDICT_SAMPLE = 1,
    /// √ᾱ·x − √(1−ᾱ)·m
    DCK_PREDICT_VELOCITY = 2,
} dck_prediction_rule;

/// The second term y of prev = a·x̂₀ + b·y (+ σ·z).
typedef enum {
    /// y = xₜ (DDPM's posterior mean)
    DCK_Y_SAMPLE = 0,
    /// y = m (DDIM, ε-prediction)
    DCK_Y_MODEL_OUTPUT = 1,
    /// y = (x − √ᾱ·raw) / √(1−ᾱ), raw the unclipped x̂₀ (DDIM, sample prediction)
    DCK_Y_EPSILON_FROM_RAW_X0 = 2,
    /// y = √ᾱ·m + √(1−ᾱ)·x (DDIM, v-prediction)
    DCK_Y_EPSILON_FROM_VELOCITY = 3,
    /// y = (x − √ᾱ·x̂₀) / √(1−ᾱ), x̂₀ clipped (DDIM with the clipped model output)
    DCK_Y_EPSILON_FROM_X0 = 4,
} dck_y_rule;

/// The per-call scalars of one step; clip_low/high are ∓∞ when there is no clipping.
typedef struct {
    dck_prediction_rule prediction;
    dck_y_rule y;
    float sqrt_alpha_bar, sqrt_one_minus_alpha_bar, a, b, sigma, clip_low, clip_high, divisor;
} dck_step_params_f32;

typedef struct {
    dck_prediction_rule prediction;
    dck_y_rule y;
    double sqrt_alpha_bar, sqrt_one_minus_alpha_bar, a, b, sigma, clip_low, clip_high, divisor;
} dck_step_params_f64;

/// For j < n: raw = pred(x, m); x̂₀ = clamp(raw, lo, hi) / divisor → x0_out[j];
/// prev[j] = a·x̂₀ + b·y, plus σ·z[j] when z is not NULL. Evaluated left to right, no fused products.
void dck_step_f32(dck_kernel_set set, const dck_step_params_f32 *params, size_t n, const float *x, const float *m,
                  const float *z, float *prev, float *x0_out);
void dck_step_f64(dck_kernel_set set, const dck_step_params_f64 *params, size_t n, const double *x, const double *m,
                  const double *z, double *prev, double *x0_out);

/// The elementwise forward operations out = op(a, b) with coefficients p, q (ElementwiseEngine.swift).
typedef enum {
    /// p·a + q·b
    DCK_BINARY_COMBINE = 0,
    /// p·b − q·a
    DCK_BINARY_DIFFERENCE = 1,
    /// (b − q·a) / p
    DCK_BINARY_REMOVE_SCALED = 2,
    /// (b − p·a) / q
    DCK_BINARY_EPSILON_FROM_X0 = 3,
} dck_binary_op;

/// out[j] = op(a[j], b[j]) for j < n, evaluated left to right with no fused products.
void dck_binary_f32(dck_kernel_set set, dck_binary_op op, float p, float q, size_t n, const float *a, const float *b,
                    float *out);
void dck_binary_f64(dck_kernel_set set, dck_binary_op op, double p, double q, size_t n, const double *a,
                    const double *b, double *out);

#ifdef __cplusplus
}
#endif

#endif
