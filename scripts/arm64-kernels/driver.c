// Prints FNV-1a fingerprints of what the C kernels compute, so that builds for different
// architectures (or kernel sets) can be compared bit for bit: scripts/check-arm64-kernels.sh
// builds this file with Sources/OptimizedKernels for aarch64 and for x86-64 and requires the
// same lines from every build.
//
//   driver [baseline|avx2]     (default baseline; avx2 falls back to the baseline where the CPU
//                               lacks it, which the first line of output says)
//
// Output, one "name hex" pair per line: the Gaussian windows pinned in KernelSetTests (same
// seeds, starts and 2^16 lengths, so their values must equal the pinned ones), then the step loop
// over every prediction and second-term rule with and without clipping and noise, then every
// forward operation, Float and Double.

#include "OptimizedKernels.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// 64-bit FNV-1a over the values' bit patterns, low byte first (the same order as the Swift
/// test's fingerprint, independent of the machine's byte order).
typedef struct { uint64_t h; } fnv;
static void fnv_init(fnv *f) { f->h = 0xCBF29CE484222325ULL; }
static void fnv_word(fnv *f, uint64_t w, int bytes) {
    for (int i = 0; i < bytes; i++) f->h = (f->h ^ ((w >> (8 * i)) & 0xFF)) * 0x00000100000001B3ULL;
}
static void fnv_floats(fnv *f, const float *v, size_t n) {
    for (size_t i = 0; i < n; i++) { uint32_t u; memcpy(&u, &v[i], 4); fnv_word(f, u, 4); }
}
static void fnv_doubles(fnv *f, const double *v, size_t n) {
    for (size_t i = 0; i < n; i++) { uint64_t u; memcpy(&u, &v[i], 8); fnv_word(f, u, 8); }
}

/// Inputs from integers only (SplitMix64, then a 24-bit fraction scaled to [-2, 2)), so every
/// build starts from the same bits whatever its floating-point unit.
static uint64_t splitmix(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static void inputs(uint64_t seed, float *v, size_t n) {
    for (size_t i = 0; i < n; i++) v[i] = (float)(splitmix(&seed) >> 40) * 0x1p-22f - 2.0f;
}

#define WINDOW (1u << 16)

int main(int argc, char **argv) {
    dck_kernel_set set = DCK_KERNELS_BASELINE;
    if (argc > 1 && strcmp(argv[1], "avx2") == 0) set = DCK_KERNELS_AVX2_FMA;
    else if (argc > 1 && strcmp(argv[1], "baseline") != 0) {
        fprintf(stderr, "driver: unknown kernel set '%s' (expected baseline or avx2)\n", argv[1]);
        return 2;
    }
    if (!dck_kernel_set_is_available(set)) set = DCK_KERNELS_BASELINE;
    printf("# kernels %s\n", dck_kernel_set_name(set));

    static float f[WINDOW];
    static double d[WINDOW];
    const struct { uint64_t seed, first; } windows[] = {{2026, 0}, {0xFFFFFFFFFFFFFFFFULL, (1ULL << 34) - 37}};
    for (int w = 0; w < 2; w++) {
        fnv hf, hd;
        fnv_init(&hf); fnv_init(&hd);
        dck_gaussian_f32(set, windows[w].seed, windows[w].first, f, WINDOW);
        dck_gaussian_f64(set, windows[w].seed, windows[w].first, d, WINDOW);
        fnv_floats(&hf, f, WINDOW);
        fnv_doubles(&hd, d, WINDOW);
        printf("gaussian-f32-window%d %016" PRIx64 "\n", w, hf.h);
        printf("gaussian-f64-window%d %016" PRIx64 "\n", w, hd.h);
    }

    // The step loop: one fingerprint per precision over all 3 × 5 × 2 × 2 rule combinations, with
    // an odd length so that every vector width leaves a remainder.
    enum { N = 1003 };
    static float x[N], m[N], z[N], prev[N], x0[N];
    static double xd[N], md[N], zd[N], prevd[N], x0d[N];
    inputs(11, x, N); inputs(12, m, N); inputs(13, z, N);
    for (int i = 0; i < N; i++) { xd[i] = x[i]; md[i] = m[i]; zd[i] = z[i]; }
    fnv sf, sd;
    fnv_init(&sf); fnv_init(&sd);
    for (int p = DCK_PREDICT_EPSILON; p <= DCK_PREDICT_VELOCITY; p++) {
        for (int y = DCK_Y_SAMPLE; y <= DCK_Y_EPSILON_FROM_X0; y++) {
            for (int clipped = 0; clipped < 2; clipped++) {
                for (int noisy = 0; noisy < 2; noisy++) {
                    float clip = clipped ? 1.0f : __builtin_inff();
                    dck_step_params_f32 pf = {(dck_prediction_rule)p, (dck_y_rule)y, 0.7f, 0.71414284f, 0.3f, 0.9f,
                                              0.2f, -clip, clip, 1.0f};
                    dck_step_f32(set, &pf, N, x, m, noisy ? z : NULL, prev, x0);
                    fnv_floats(&sf, prev, N); fnv_floats(&sf, x0, N);
                    dck_step_params_f64 pd = {(dck_prediction_rule)p, (dck_y_rule)y, 0.7, 0.714142842854285, 0.3, 0.9,
                                              0.2, -(double)clip, (double)clip, 1.25};
                    dck_step_f64(set, &pd, N, xd, md, noisy ? zd : NULL, prevd, x0d);
                    fnv_doubles(&sd, prevd, N); fnv_doubles(&sd, x0d, N);
                }
            }
        }
    }
    printf("step-f32 %016" PRIx64 "\n", sf.h);
    printf("step-f64 %016" PRIx64 "\n", sd.h);

    // The forward operations, every one, Float and Double.
    fnv bf, bd;
    fnv_init(&bf); fnv_init(&bd);
    for (int op = DCK_BINARY_COMBINE; op <= DCK_BINARY_EPSILON_FROM_X0; op++) {
        dck_binary_f32(set, (dck_binary_op)op, 0.3f, 0.95393920f, N, x, m, prev);
        fnv_floats(&bf, prev, N);
        dck_binary_f64(set, (dck_binary_op)op, 0.3, 0.9539392014169456, N, xd, md, prevd);
        fnv_doubles(&bd, prevd, N);
    }
    printf("forward-f32 %016" PRIx64 "\n", bf.h);
    printf("forward-f64 %016" PRIx64 "\n", bd.h);
    return 0;
}
