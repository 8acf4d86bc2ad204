#ifndef DIFFUSIONCHECK_ELEMENTWISE_LOOPS_H
#define DIFFUSIONCHECK_ELEMENTWISE_LOOPS_H

// The elementwise loops of the DDPM and DDIM steps and of the forward operations, written once and compiled once per kernel set
// (Step+Baseline.c, Step+AVX2.c). Per element, with x = xₜ and m = the model output:
//
//     raw = pred(x, m);  x̂₀ = clamp(raw, lo, hi) / div;  prev = a·x̂₀ + b·y(x, m, raw, x̂₀) [+ σ·z]
//
// The prediction and y rules are fixed outside the loop, so every loop body is straight-line code
// the compiler vectorizes for the set's CPU. Contraction is off in both files: the same roundings
// in the same order as the Swift engine's expressions, on every set.

#include "OptimizedKernels.h"

/// One loop per case of the noise term: a `z ? … : …` inside the loop makes the vectorizer load z
/// through a masked load, which with a NULL z costs a microcode assist per vector on some CPUs
/// (measured: the DDIM step 3× slower than the baseline set).
#define DCK_STEP_LOOP(T, PRED, Y)                                                  \
    if (z) {                                                                       \
        for (size_t j = 0; j < n; j++) {                                           \
            DCK_STEP_ELEMENT(T, PRED, Y)                                           \
            prev[j] = a * x0 + b * yv + sigma * z[j];                              \
        }                                                                          \
    } else {                                                                       \
        for (size_t j = 0; j < n; j++) {                                           \
            DCK_STEP_ELEMENT(T, PRED, Y)                                           \
            prev[j] = a * x0 + b * yv;                                             \
        }                                                                          \
    }

#define DCK_STEP_ELEMENT(T, PRED, Y)                                               \
    T xv = x[j], mv = m[j];                                                        \
    (void)xv; /* unused by the sample prediction with y = m */                     \
    T raw = (PRED);                                                                \
    T c = raw < lo ? lo : (raw > hi ? hi : raw);                                   \
    T x0 = c / div;                                                                \
    x0_out[j] = x0;                                                                \
    T yv = (Y);

#define DCK_STEP_WITH_PRED(T, PRED)                                                \
    switch (rule) {                                                                \
    case DCK_Y_SAMPLE: DCK_STEP_LOOP(T, PRED, xv) break;                           \
    case DCK_Y_MODEL_OUTPUT: DCK_STEP_LOOP(T, PRED, mv) break;                     \
    case DCK_Y_EPSILON_FROM_RAW_X0: DCK_STEP_LOOP(T, PRED, (xv - sa * raw) / s1) break; \
    case DCK_Y_EPSILON_FROM_VELOCITY: DCK_STEP_LOOP(T, PRED, sa * mv + s1 * xv) break; \
    case DCK_Y_EPSILON_FROM_X0: DCK_STEP_LOOP(T, PRED, (xv - sa * x0) / s1) break;  \
    }

/// Defines `void NAME(const PARAMS *p, size_t n, const T *x, const T *m, const T *z, T *prev, T *x0_out)`.
#define DCK_DEFINE_STEP(NAME, T, PARAMS, ATTRIBUTES)                                              \
    ATTRIBUTES void NAME(const PARAMS *p, size_t n, const T *restrict x, const T *restrict m,    \
                         const T *restrict z, T *restrict prev, T *restrict x0_out) {            \
        const T sa = p->sqrt_alpha_bar, s1 = p->sqrt_one_minus_alpha_bar, a = p->a, b = p->b;    \
        const T sigma = p->sigma, lo = p->clip_low, hi = p->clip_high, div = p->divisor;          \
        const dck_y_rule rule = p->y;                                                             \
        switch (p->prediction) {                                                                  \
        case DCK_PREDICT_EPSILON: DCK_STEP_WITH_PRED(T, (xv - s1 * mv) / sa) break;               \
        case DCK_PREDICT_SAMPLE: DCK_STEP_WITH_PRED(T, mv) break;                                 \
        case DCK_PREDICT_VELOCITY: DCK_STEP_WITH_PRED(T, sa * xv - s1 * mv) break;                \
        }                                                                                         \
    }

#define DCK_BINARY_LOOP(EXPRESSION) for (size_t j = 0; j < n; j++) { out[j] = (EXPRESSION); }

/// Defines `void NAME(dck_binary_op op, T p, T q, size_t n, const T *a, const T *b, T *out)`.
#define DCK_DEFINE_BINARY(NAME, T, ATTRIBUTES)                                                    \
    ATTRIBUTES void NAME(dck_binary_op op, T p, T q, size_t n, const T *restrict a,              \
                         const T *restrict b, T *restrict out) {                                  \
        switch (op) {                                                                             \
        case DCK_BINARY_COMBINE: DCK_BINARY_LOOP(p * a[j] + q * b[j]) break;                      \
        case DCK_BINARY_DIFFERENCE: DCK_BINARY_LOOP(p * b[j] - q * a[j]) break;                   \
        case DCK_BINARY_REMOVE_SCALED: DCK_BINARY_LOOP((b[j] - q * a[j]) / p) break;              \
        case DCK_BINARY_EPSILON_FROM_X0: DCK_BINARY_LOOP((b[j] - p * a[j]) / q) break;            \
        }                                                                                         \
    }

#endif
