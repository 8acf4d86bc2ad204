// The one choice of kernel set per process, and the entry points that route every call to it.

#include "OptimizedKernels.h"
#include "GaussianGroups.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/// 0: not asked yet, 1: no, 2: yes (the answer never changes within a process).
static _Atomic int avx2_fma_state = 0;

static int cpu_has_avx2_fma(void) {
    int state = atomic_load_explicit(&avx2_fma_state, memory_order_relaxed);
    if (state == 0) {
#if defined(__x86_64__)
        // The builtins also check that the operating system saves the AVX state (XGETBV).
        __builtin_cpu_init();
        state = (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? 2 : 1;
#else
        state = 1;
#endif
        atomic_store_explicit(&avx2_fma_state, state, memory_order_relaxed);
    }
    return state == 2;
}

int dck_kernel_set_is_available(dck_kernel_set set) {
    switch (set) {
    case DCK_KERNELS_BASELINE: return 1;
    case DCK_KERNELS_AVX2_FMA: return cpu_has_avx2_fma();
    }
    return 0;
}

const char *dck_kernel_set_name(dck_kernel_set set) {
    switch (set) {
    case DCK_KERNELS_BASELINE:
#if defined(__x86_64__)
        return "baseline-sse2";
#elif defined(__aarch64__)
        return "baseline-neon";
#else
        return "baseline";
#endif
    case DCK_KERNELS_AVX2_FMA: return "avx2-fma";
    }
    return "unknown";
}

/// The choice: 0 undecided, else 1 + the set. The decision is a pure function of the CPU and the
/// environment, so two threads racing to it store the same value.
static _Atomic int chosen = 0;
static const char *_Atomic chosen_reason = NULL;

static const char *environment_value(void) {
    const char *value = getenv("DIFFUSIONCHECK_KERNELS");
    return (value && *value) ? value : NULL;
}

static int is_baseline_name(const char *v) { return strcmp(v, "baseline") == 0; }
static int is_avx2_name(const char *v) { return strcmp(v, "avx2") == 0 || strcmp(v, "avx2-fma") == 0; }
static int is_auto_name(const char *v) { return strcmp(v, "auto") == 0; }

int dck_kernel_environment_is_invalid(char *value, size_t capacity) {
    const char *v = environment_value();
    if (!v || is_baseline_name(v) || is_avx2_name(v) || is_auto_name(v)) return 0;
    if (value && capacity > 0) {
        strncpy(value, v, capacity - 1);
        value[capacity - 1] = 0;
    }
    return 1;
}

static void decide(void) {
    const char *v = environment_value();
    int has_avx2 = cpu_has_avx2_fma();
    dck_kernel_set set;
    const char *reason;
    if (v && is_baseline_name(v)) {
        set = DCK_KERNELS_BASELINE;
        reason = "forced by DIFFUSIONCHECK_KERNELS=baseline";
    } else if (v && is_avx2_name(v)) {
        set = has_avx2 ? DCK_KERNELS_AVX2_FMA : DCK_KERNELS_BASELINE;
        reason = has_avx2 ? "forced by DIFFUSIONCHECK_KERNELS=avx2"
                          : "DIFFUSIONCHECK_KERNELS=avx2 asked for AVX2, which this CPU lacks";
    } else {
        set = has_avx2 ? DCK_KERNELS_AVX2_FMA : DCK_KERNELS_BASELINE;
#if defined(__x86_64__)
        reason = has_avx2 ? "CPU has AVX2 and FMA" : "CPU lacks AVX2 or FMA";
#else
        reason = "the only set of this architecture";
#endif
        if (v && !is_auto_name(v)) reason = "DIFFUSIONCHECK_KERNELS not understood (expected baseline, avx2 or auto); automatic choice";
    }
    atomic_store(&chosen_reason, reason);
    atomic_store(&chosen, 1 + (int)set);
}

dck_kernel_set dck_selected_kernel_set(void) {
    int c = atomic_load_explicit(&chosen, memory_order_acquire);
    if (c == 0) {
        decide();
        c = atomic_load(&chosen);
    }
    return (dck_kernel_set)(c - 1);
}

const char *dck_kernel_selection_reason(void) {
    (void)dck_selected_kernel_set();
    return atomic_load(&chosen_reason);
}

// MARK: Fill drivers

/// Defines `NAME`, which writes normals first ..< first + count of element type `T` through whole
/// groups of `unit`, the partial groups at either end through a scratch group. One body serves
/// Float and Double, so the two precisions cannot drift apart in how they split a window.
#define DCK_DEFINE_FILL(NAME, T, GROUP)                                                          \
    static void NAME(GROUP group, size_t unit, uint64_t seed, uint64_t first, T *out, size_t count) { \
        uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);                              \
        T scratch[DCK_MAX_UNIT];                                                                \
        uint64_t index = first;                                                                 \
        size_t written = 0;                                                                     \
        size_t misalign = (size_t)(index % unit);                                               \
        if (misalign != 0 && count > 0) {                                                       \
            group(index - misalign, k0, k1, scratch);                                           \
            size_t take = unit - misalign < count ? unit - misalign : count;                    \
            memcpy(out, scratch + misalign, take * sizeof(T));                                  \
            written = take;                                                                     \
            index += take;                                                                      \
        }                                                                                       \
        while (count - written >= unit) {                                                       \
            group(index, k0, k1, out + written);                                                \
            written += unit;                                                                    \
            index += unit;                                                                      \
        }                                                                                       \
        if (written < count) {                                                                  \
            group(index, k0, k1, scratch);                                                      \
            memcpy(out + written, scratch, (count - written) * sizeof(T));                      \
        }                                                                                       \
    }

DCK_DEFINE_FILL(fill_f32, float, dck_group_f32)
DCK_DEFINE_FILL(fill_f64, double, dck_group_f64)

void dck_gaussian_f32(dck_kernel_set set, uint64_t seed, uint64_t first, float *out, size_t count) {
#if defined(__x86_64__)
    if (set == DCK_KERNELS_AVX2_FMA && dck_kernel_set_is_available(set)) {
        fill_f32(dck_avx2_group_f32, DCK_AVX2_UNIT_F32, seed, first, out, count);
        return;
    }
#endif
    (void)set;
    fill_f32(dck_baseline_group_f32, DCK_BASELINE_UNIT_F32, seed, first, out, count);
}

void dck_gaussian_f64(dck_kernel_set set, uint64_t seed, uint64_t first, double *out, size_t count) {
#if defined(__x86_64__)
    if (set == DCK_KERNELS_AVX2_FMA && dck_kernel_set_is_available(set)) {
        fill_f64(dck_avx2_group_f64, DCK_AVX2_UNIT_F64, seed, first, out, count);
        return;
    }
#endif
    (void)set;
    fill_f64(dck_baseline_group_f64, DCK_BASELINE_UNIT_F64, seed, first, out, count);
}

void dck_step_f32(dck_kernel_set set, const dck_step_params_f32 *params, size_t n, const float *x, const float *m,
                  const float *z, float *prev, float *x0_out) {
#if defined(__x86_64__)
    if (set == DCK_KERNELS_AVX2_FMA && dck_kernel_set_is_available(set)) {
        dck_avx2_step_f32(params, n, x, m, z, prev, x0_out);
        return;
    }
#endif
    (void)set;
    dck_baseline_step_f32(params, n, x, m, z, prev, x0_out);
}

void dck_step_f64(dck_kernel_set set, const dck_step_params_f64 *params, size_t n, const double *x, const double *m,
                  const double *z, double *prev, double *x0_out) {
#if defined(__x86_64__)
    if (set == DCK_KERNELS_AVX2_FMA && dck_kernel_set_is_available(set)) {
        dck_avx2_step_f64(params, n, x, m, z, prev, x0_out);
        return;
    }
#endif
    (void)set;
    dck_baseline_step_f64(params, n, x, m, z, prev, x0_out);
}

void dck_binary_f32(dck_kernel_set set, dck_binary_op op, float p, float q, size_t n, const float *a, const float *b,
                    float *out) {
#if defined(__x86_64__)
    if (set == DCK_KERNELS_AVX2_FMA && dck_kernel_set_is_available(set)) {
        dck_avx2_binary_f32(op, p, q, n, a, b, out);
        return;
    }
#endif
    (void)set;
    dck_baseline_binary_f32(op, p, q, n, a, b, out);
}

void dck_binary_f64(dck_kernel_set set, dck_binary_op op, double p, double q, size_t n, const double *a,
                    const double *b, double *out) {
#if defined(__x86_64__)
    if (set == DCK_KERNELS_AVX2_FMA && dck_kernel_set_is_available(set)) {
        dck_avx2_binary_f64(op, p, q, n, a, b, out);
        return;
    }
#endif
    (void)set;
    dck_baseline_binary_f64(op, p, q, n, a, b, out);
}
