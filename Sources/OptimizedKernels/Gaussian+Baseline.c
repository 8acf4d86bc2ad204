// The baseline version of the Gaussian stream: plain C on 8-lane arrays, which the compiler
// vectorizes where it can (NEON on arm64; SSE2 on x86-64 except the fused multiply-adds).
//
// Bit-identical to the AVX2 version by construction: the same IEEE operations in the same order,
// contraction off (a·b + c written apart stays two roundings), and every fused multiply-add of
// the AVX2 version as fmaf/fma, which the C standard requires to round once (on x86-64 without
// FMA hardware the C library computes it exactly in software).

#pragma STDC FP_CONTRACT OFF

#include "GaussianGroups.h"
#include <math.h>
#include <string.h>

static inline uint32_t float_bits(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }
static inline float bits_float(uint32_t u) { float x; memcpy(&x, &u, 4); return x; }
static inline uint64_t double_bits(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
static inline double bits_double(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }

/// Eight Philox4x32-10 blocks `block ..< block + 8`: words[w][l] is word w of block + l.
static void philox8(uint64_t block, uint32_t k0, uint32_t k1, uint32_t words[4][8]) {
    uint32_t c0[8], c1[8], c2[8], c3[8];
    for (int l = 0; l < 8; l++) {
        uint64_t counter = block + (uint64_t)l;
        c0[l] = (uint32_t)counter;
        c1[l] = (uint32_t)(counter >> 32);
        c2[l] = 0;
        c3[l] = 0;
    }
    uint32_t a = k0, b = k1;
    for (int r = 0; r < 10; r++) {
        if (r > 0) { a += DCK_PHILOX_W0; b += DCK_PHILOX_W1; }
        for (int l = 0; l < 8; l++) {
            uint64_t p0 = (uint64_t)DCK_PHILOX_M0 * c0[l];
            uint64_t p1 = (uint64_t)DCK_PHILOX_M1 * c2[l];
            uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1[l] ^ a;
            uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3[l] ^ b;
            c0[l] = n0;
            c1[l] = (uint32_t)p1;
            c2[l] = n2;
            c3[l] = (uint32_t)p0;
        }
    }
    memcpy(words[0], c0, sizeof c0);
    memcpy(words[1], c1, sizeof c1);
    memcpy(words[2], c2, sizeof c2);
    memcpy(words[3], c3, sizeof c3);
}

// MARK: Float

/// ln x for positive normal x: the Cephes logf polynomial by Estrin's scheme, musl's reduction.
static inline float log_f32(float x) {
    uint32_t b = float_bits(x) + (0x3F800000u - 0x3F3504F3u);
    float e = (float)(int32_t)(b >> 23) - 127.0f;
    float m = bits_float((b & 0x007FFFFFu) + 0x3F3504F3u) - 1.0f;
    float z = m * m;
    float z4 = z * z;
    float p01 = fmaf(-2.4999993993e-1f, m, 3.3333331174e-1f);
    float p23 = fmaf(-1.6668057665e-1f, m, 2.0000714765e-1f);
    float p45 = fmaf(-1.2420140846e-1f, m, 1.4249322787e-1f);
    float p67 = fmaf(-1.1514610310e-1f, m, 1.1676998740e-1f);
    float p0123 = fmaf(p23, z, p01);
    float p4567 = fmaf(p67, z, p45);
    float y = fmaf(fmaf(7.0376836292e-2f, z4, p4567), z4, p0123);
    y = y * m * z;
    y = y + e * -2.12194440e-4f;
    y = y - 0.5f * z;
    float r = m + y;
    return r + e * 0.693359375f;
}

/// (cos 2πu, sin 2πu) for u = k·2⁻²⁴: exact integer reduction to ρ = 4u − round(4u), the Cephes
/// sinf/cosf polynomials on ρ·π/2, quadrant by swap and sign bits.
static inline void cos_sin_two_pi_f32(uint32_t k, float *cos_out, float *sin_out) {
    uint32_t q = (k + (1u << 21)) >> 22;
    float rho = (float)(int32_t)(k - (q << 22)) * 0x1p-22f;
    float a = rho * 1.57079632679489661923f;
    float z = a * a;
    float s = fmaf(-1.9515295891e-4f, z, 8.3321608736e-3f);
    s = fmaf(s, z, -1.6666654611e-1f);
    s = s * z * a + a;
    float c = fmaf(2.443315711809948e-5f, z, -1.388731625493765e-3f);
    c = fmaf(c, z, 4.166664568298827e-2f);
    c = c * z * z - 0.5f * z + 1.0f;
    uint32_t swap = 0u - (q & 1u);
    uint32_t cb = float_bits(c), sb = float_bits(s);
    *cos_out = bits_float(((cb & ~swap) | (sb & swap)) ^ (((q + 1u) & 2u) << 30));
    *sin_out = bits_float(((sb & ~swap) | (cb & swap)) ^ ((q & 2u) << 30));
}

/// Box–Muller of one pair of words: U₁ from `even`, the angle's integer from `odd`.
static inline void box_muller_f32(uint32_t even, uint32_t odd, float *z0, float *z1) {
    float u1 = (float)(int32_t)((even >> 8) + 1u) * 0x1p-24f;
    float r = sqrtf(-2.0f * log_f32(u1));
    float c, s;
    cos_sin_two_pi_f32((odd >> 8) + 1u, &c, &s);
    *z0 = r * c;
    *z1 = r * s;
}

void dck_baseline_group_f32(uint64_t first, uint32_t k0, uint32_t k1, float *out) {
    uint32_t w[4][8];
    philox8(first / 4, k0, k1, w);
    for (int l = 0; l < 8; l++) {
        box_muller_f32(w[0][l], w[1][l], &out[4 * l], &out[4 * l + 1]);
        box_muller_f32(w[2][l], w[3][l], &out[4 * l + 2], &out[4 * l + 3]);
    }
}

// MARK: Double

/// Exact conversion of an integer below 2⁵² by the 2⁵² exponent trick.
static inline double small_to_double(uint64_t u) {
    return bits_double(u | 0x4330000000000000ull) - 4503599627370496.0;
}

/// ln x for positive normal x: fdlibm's __ieee754_log polynomial.
static inline double log_f64(double x) {
    uint64_t shifted = double_bits(x) + 0x00095F619980C433ull;
    double k = small_to_double(shifted >> 52) - 1023.0;
    double m = bits_double((shifted & 0x000FFFFFFFFFFFFFull) + 0x3FE6A09E667F3BCDull);
    double f = m - 1.0;
    double hfsq = 0.5 * f * f;
    double s = f / (2.0 + f);
    double z = s * s;
    double w = z * z;
    double t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
    double t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01
                    + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)));
    double r = t2 + t1;
    return s * (hfsq + r) + k * 1.90821492927058770002e-10 - hfsq + f + k * 6.93147180369123816490e-01;
}

/// (cos 2πu, sin 2πu) for u = k·2⁻⁵³: exact integer reduction, fdlibm's kernel sin and cos.
static inline void cos_sin_two_pi_f64(uint64_t k, double *cos_out, double *sin_out) {
    uint64_t q = (k + (1ull << 50)) >> 51;
    uint64_t shifted = (k + (1ull << 51)) - (q << 51);
    double rho = (small_to_double(shifted) - 0x1p51) * 0x1p-51;
    double x = rho * 1.57079632679489661923;
    double z = x * x;
    double r = fma(1.58969099521155010221e-10, z, -2.50507602534068634195e-08);
    r = fma(r, z, 2.75573137070700676789e-06);
    r = fma(r, z, -1.98412698298579493134e-04);
    r = fma(r, z, 8.33333333332248946124e-03);
    double s = x + (z * x) * (-1.66666666666666324348e-01 + z * r);
    double cr = fma(-1.13596475577881948265e-11, z, 2.08757232129817482790e-09);
    cr = fma(cr, z, -2.75573143513906633035e-07);
    cr = fma(cr, z, 2.48015872894767294178e-05);
    cr = fma(cr, z, -1.38888888888741095749e-03);
    cr = fma(cr, z, 4.16666666666666019037e-02);
    cr = z * cr;
    double hz = 0.5 * z;
    double w = 1.0 - hz;
    double c = w + (((1.0 - w) - hz) + z * cr);
    uint64_t swap = 0ull - (q & 1ull);
    uint64_t cb = double_bits(c), sb = double_bits(s);
    *cos_out = bits_double(((cb & ~swap) | (sb & swap)) ^ (((q + 1ull) & 2ull) << 62));
    *sin_out = bits_double(((sb & ~swap) | (cb & swap)) ^ ((q & 2ull) << 62));
}

/// The 53-bit integer k of the Double uniform k·2⁻⁵³ of two words, high first.
static inline uint64_t uniform_integer_53(uint32_t hi, uint32_t lo) {
    return (((uint64_t)hi << 21) | ((uint64_t)lo >> 11)) + 1ull;
}

void dck_baseline_group_f64(uint64_t first, uint32_t k0, uint32_t k1, double *out) {
    uint32_t w[4][8];
    philox8(first / 2, k0, k1, w);
    for (int l = 0; l < 8; l++) {
        uint64_t k = uniform_integer_53(w[0][l], w[1][l]);
        // k ≤ 2⁵³: split at bit 26 so that both parts convert exactly.
        double u1 = (small_to_double(k >> 26) * 0x1p26 + small_to_double(k & ((1ull << 26) - 1))) * 0x1p-53;
        double radius = sqrt(-2.0 * log_f64(u1));
        double c, s;
        cos_sin_two_pi_f64(uniform_integer_53(w[2][l], w[3][l]), &c, &s);
        out[2 * l] = radius * c;
        out[2 * l + 1] = radius * s;
    }
}
