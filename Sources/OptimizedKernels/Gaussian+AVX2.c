// The AVX2 + FMA version of the Gaussian stream, 8 Philox blocks per vector of words. Compiled
// for AVX2 and FMA function by function (the target attribute), so the rest of the package and
// this file's callers stay baseline x86-64; it runs only after the CPU check in KernelSelection.c.
//
// Every operation mirrors Gaussian+Baseline.c one for one: the same order of roundings, an FMA
// instruction exactly where the baseline calls fmaf/fma, no contraction elsewhere.

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)

#include "GaussianGroups.h"
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma"), always_inline)) static inline

typedef struct { __m256i c0, c1, c2, c3; } philox_lanes;

AVX2 __m256i u32(uint32_t v) { return _mm256_set1_epi32((int)v); }
AVX2 __m256 f32(float v) { return _mm256_set1_ps(v); }
AVX2 __m256i u64(uint64_t v) { return _mm256_set1_epi64x((long long)v); }
AVX2 __m256d f64(double v) { return _mm256_set1_pd(v); }

/// The high words of the 32×32 → 64-bit products a·m, lane by lane.
AVX2 __m256i mul_hi(__m256i a, __m256i m) {
    __m256i even = _mm256_mul_epu32(a, m);
    __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);
    return _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

/// The counters of blocks `block ..< block + 8` (carrying into the high word past 2³²).
AVX2 philox_lanes philox_counters(uint64_t block) {
    __m256i base = u32((uint32_t)block);
    __m256i low = _mm256_add_epi32(base, _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    __m256i sign = u32(0x80000000u);
    // -1 where low < base as unsigned numbers: the lanes that wrapped.
    __m256i wrapped = _mm256_cmpgt_epi32(_mm256_xor_si256(base, sign), _mm256_xor_si256(low, sign));
    __m256i high = _mm256_sub_epi32(u32((uint32_t)(block >> 32)), wrapped);
    philox_lanes p = { low, high, _mm256_setzero_si256(), _mm256_setzero_si256() };
    return p;
}

AVX2 void philox_round(philox_lanes *p, __m256i a, __m256i b) {
    const __m256i m0 = u32(DCK_PHILOX_M0), m1 = u32(DCK_PHILOX_M1);
    __m256i h0 = mul_hi(p->c0, m0), l0 = _mm256_mullo_epi32(p->c0, m0);
    __m256i h1 = mul_hi(p->c2, m1), l1 = _mm256_mullo_epi32(p->c2, m1);
    __m256i n0 = _mm256_xor_si256(_mm256_xor_si256(h1, p->c1), a);
    __m256i n2 = _mm256_xor_si256(_mm256_xor_si256(h0, p->c3), b);
    p->c0 = n0;
    p->c1 = l1;
    p->c2 = n2;
    p->c3 = l0;
}

/// Ten rounds over two independent sets of eight blocks, interleaved so that the two
/// multiply chains overlap in the pipeline.
AVX2 void philox_pair(uint64_t block, uint32_t k0, uint32_t k1, philox_lanes *x, philox_lanes *y) {
    *x = philox_counters(block);
    *y = philox_counters(block + 8);
    __m256i a = u32(k0), b = u32(k1);
    for (int r = 0; r < 10; r++) {
        if (r > 0) {
            a = _mm256_add_epi32(a, u32(DCK_PHILOX_W0));
            b = _mm256_add_epi32(b, u32(DCK_PHILOX_W1));
        }
        philox_round(x, a, b);
        philox_round(y, a, b);
    }
}

// MARK: Float

AVX2 __m256 log_f32(__m256 x) {
    __m256i b = _mm256_add_epi32(_mm256_castps_si256(x), u32(0x3F800000u - 0x3F3504F3u));
    __m256 e = _mm256_sub_ps(_mm256_cvtepi32_ps(_mm256_srli_epi32(b, 23)), f32(127.0f));
    __m256 m = _mm256_sub_ps(_mm256_castsi256_ps(_mm256_add_epi32(_mm256_and_si256(b, u32(0x007FFFFFu)), u32(0x3F3504F3u))),
                             f32(1.0f));
    __m256 z = _mm256_mul_ps(m, m);
    __m256 z4 = _mm256_mul_ps(z, z);
    __m256 p01 = _mm256_fmadd_ps(f32(-2.4999993993e-1f), m, f32(3.3333331174e-1f));
    __m256 p23 = _mm256_fmadd_ps(f32(-1.6668057665e-1f), m, f32(2.0000714765e-1f));
    __m256 p45 = _mm256_fmadd_ps(f32(-1.2420140846e-1f), m, f32(1.4249322787e-1f));
    __m256 p67 = _mm256_fmadd_ps(f32(-1.1514610310e-1f), m, f32(1.1676998740e-1f));
    __m256 p0123 = _mm256_fmadd_ps(p23, z, p01);
    __m256 p4567 = _mm256_fmadd_ps(p67, z, p45);
    __m256 y = _mm256_fmadd_ps(_mm256_fmadd_ps(f32(7.0376836292e-2f), z4, p4567), z4, p0123);
    y = _mm256_mul_ps(_mm256_mul_ps(y, m), z);
    y = _mm256_add_ps(y, _mm256_mul_ps(e, f32(-2.12194440e-4f)));
    y = _mm256_sub_ps(y, _mm256_mul_ps(f32(0.5f), z));
    __m256 r = _mm256_add_ps(m, y);
    return _mm256_add_ps(r, _mm256_mul_ps(e, f32(0.693359375f)));
}

AVX2 void cos_sin_two_pi_f32(__m256i k, __m256 *cos_out, __m256 *sin_out) {
    __m256i q = _mm256_srli_epi32(_mm256_add_epi32(k, u32(1u << 21)), 22);
    __m256 rho = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(k, _mm256_slli_epi32(q, 22))), f32(0x1p-22f));
    __m256 a = _mm256_mul_ps(rho, f32(1.57079632679489661923f));
    __m256 z = _mm256_mul_ps(a, a);
    __m256 s = _mm256_fmadd_ps(f32(-1.9515295891e-4f), z, f32(8.3321608736e-3f));
    s = _mm256_fmadd_ps(s, z, f32(-1.6666654611e-1f));
    s = _mm256_add_ps(_mm256_mul_ps(_mm256_mul_ps(s, z), a), a);
    __m256 c = _mm256_fmadd_ps(f32(2.443315711809948e-5f), z, f32(-1.388731625493765e-3f));
    c = _mm256_fmadd_ps(c, z, f32(4.166664568298827e-2f));
    c = _mm256_add_ps(_mm256_sub_ps(_mm256_mul_ps(_mm256_mul_ps(c, z), z), _mm256_mul_ps(f32(0.5f), z)), f32(1.0f));
    __m256i swap = _mm256_sub_epi32(_mm256_setzero_si256(), _mm256_and_si256(q, u32(1)));
    __m256i cb = _mm256_castps_si256(c), sb = _mm256_castps_si256(s);
    __m256i cos_sign = _mm256_slli_epi32(_mm256_and_si256(_mm256_add_epi32(q, u32(1)), u32(2)), 30);
    __m256i sin_sign = _mm256_slli_epi32(_mm256_and_si256(q, u32(2)), 30);
    *cos_out = _mm256_castsi256_ps(_mm256_xor_si256(_mm256_blendv_epi8(cb, sb, swap), cos_sign));
    *sin_out = _mm256_castsi256_ps(_mm256_xor_si256(_mm256_blendv_epi8(sb, cb, swap), sin_sign));
}

AVX2 void box_muller_f32(__m256i even, __m256i odd, __m256 *z0, __m256 *z1) {
    __m256 u1 = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_add_epi32(_mm256_srli_epi32(even, 8), u32(1))), f32(0x1p-24f));
    __m256 r = _mm256_sqrt_ps(_mm256_mul_ps(f32(-2.0f), log_f32(u1)));
    __m256 c, s;
    cos_sin_two_pi_f32(_mm256_add_epi32(_mm256_srli_epi32(odd, 8), u32(1)), &c, &s);
    *z0 = _mm256_mul_ps(r, c);
    *z1 = _mm256_mul_ps(r, s);
}

/// out[4l + j] = n_j[l]: lanes are blocks, words are consecutive elements (a 4×8 transpose).
AVX2 void store_transposed_f32(__m256 n0, __m256 n1, __m256 n2, __m256 n3, float *out) {
    __m256 t0 = _mm256_unpacklo_ps(n0, n1), t1 = _mm256_unpackhi_ps(n0, n1);
    __m256 t2 = _mm256_unpacklo_ps(n2, n3), t3 = _mm256_unpackhi_ps(n2, n3);
    __m256 b04 = _mm256_shuffle_ps(t0, t2, 0x44), b15 = _mm256_shuffle_ps(t0, t2, 0xEE);
    __m256 b26 = _mm256_shuffle_ps(t1, t3, 0x44), b37 = _mm256_shuffle_ps(t1, t3, 0xEE);
    _mm256_storeu_ps(out, _mm256_permute2f128_ps(b04, b15, 0x20));
    _mm256_storeu_ps(out + 8, _mm256_permute2f128_ps(b26, b37, 0x20));
    _mm256_storeu_ps(out + 16, _mm256_permute2f128_ps(b04, b15, 0x31));
    _mm256_storeu_ps(out + 24, _mm256_permute2f128_ps(b26, b37, 0x31));
}

__attribute__((target("avx2,fma")))
void dck_avx2_group_f32(uint64_t first, uint32_t k0, uint32_t k1, float *out) {
    philox_lanes p, q;
    philox_pair(first / 4, k0, k1, &p, &q);
    __m256 a0, a1, a2, a3, b0, b1, b2, b3;
    box_muller_f32(p.c0, p.c1, &a0, &a1);
    box_muller_f32(q.c0, q.c1, &b0, &b1);
    box_muller_f32(p.c2, p.c3, &a2, &a3);
    box_muller_f32(q.c2, q.c3, &b2, &b3);
    store_transposed_f32(a0, a1, a2, a3, out);
    store_transposed_f32(b0, b1, b2, b3, out + 32);
}

// MARK: Double

AVX2 __m256d small_to_double(__m256i u) {
    return _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(u, u64(0x4330000000000000ull))), f64(4503599627370496.0));
}

AVX2 __m256d log_f64(__m256d x) {
    __m256i shifted = _mm256_add_epi64(_mm256_castpd_si256(x), u64(0x00095F619980C433ull));
    __m256d k = _mm256_sub_pd(small_to_double(_mm256_srli_epi64(shifted, 52)), f64(1023.0));
    __m256d m = _mm256_castsi256_pd(_mm256_add_epi64(_mm256_and_si256(shifted, u64(0x000FFFFFFFFFFFFFull)),
                                                     u64(0x3FE6A09E667F3BCDull)));
    __m256d f = _mm256_sub_pd(m, f64(1.0));
    __m256d hfsq = _mm256_mul_pd(_mm256_mul_pd(f64(0.5), f), f);
    __m256d s = _mm256_div_pd(f, _mm256_add_pd(f64(2.0), f));
    __m256d z = _mm256_mul_pd(s, s);
    __m256d w = _mm256_mul_pd(z, z);
    __m256d t1 = _mm256_mul_pd(w, _mm256_add_pd(f64(3.999999999940941908e-01),
                     _mm256_mul_pd(w, _mm256_add_pd(f64(2.222219843214978396e-01), _mm256_mul_pd(w, f64(1.531383769920937332e-01))))));
    __m256d t2 = _mm256_mul_pd(z, _mm256_add_pd(f64(6.666666666666735130e-01),
                     _mm256_mul_pd(w, _mm256_add_pd(f64(2.857142874366239149e-01),
                         _mm256_mul_pd(w, _mm256_add_pd(f64(1.818357216161805012e-01), _mm256_mul_pd(w, f64(1.479819860511658591e-01))))))));
    __m256d r = _mm256_add_pd(t2, t1);
    __m256d v = _mm256_add_pd(_mm256_mul_pd(s, _mm256_add_pd(hfsq, r)), _mm256_mul_pd(k, f64(1.90821492927058770002e-10)));
    v = _mm256_add_pd(_mm256_sub_pd(v, hfsq), f);
    return _mm256_add_pd(v, _mm256_mul_pd(k, f64(6.93147180369123816490e-01)));
}

AVX2 void cos_sin_two_pi_f64(__m256i k, __m256d *cos_out, __m256d *sin_out) {
    __m256i q = _mm256_srli_epi64(_mm256_add_epi64(k, u64(1ull << 50)), 51);
    __m256i shifted = _mm256_sub_epi64(_mm256_add_epi64(k, u64(1ull << 51)), _mm256_slli_epi64(q, 51));
    __m256d rho = _mm256_mul_pd(_mm256_sub_pd(small_to_double(shifted), f64(0x1p51)), f64(0x1p-51));
    __m256d x = _mm256_mul_pd(rho, f64(1.57079632679489661923));
    __m256d z = _mm256_mul_pd(x, x);
    __m256d r = _mm256_fmadd_pd(f64(1.58969099521155010221e-10), z, f64(-2.50507602534068634195e-08));
    r = _mm256_fmadd_pd(r, z, f64(2.75573137070700676789e-06));
    r = _mm256_fmadd_pd(r, z, f64(-1.98412698298579493134e-04));
    r = _mm256_fmadd_pd(r, z, f64(8.33333333332248946124e-03));
    __m256d s = _mm256_add_pd(x, _mm256_mul_pd(_mm256_mul_pd(z, x),
                                               _mm256_add_pd(f64(-1.66666666666666324348e-01), _mm256_mul_pd(z, r))));
    __m256d cr = _mm256_fmadd_pd(f64(-1.13596475577881948265e-11), z, f64(2.08757232129817482790e-09));
    cr = _mm256_fmadd_pd(cr, z, f64(-2.75573143513906633035e-07));
    cr = _mm256_fmadd_pd(cr, z, f64(2.48015872894767294178e-05));
    cr = _mm256_fmadd_pd(cr, z, f64(-1.38888888888741095749e-03));
    cr = _mm256_fmadd_pd(cr, z, f64(4.16666666666666019037e-02));
    cr = _mm256_mul_pd(z, cr);
    __m256d hz = _mm256_mul_pd(f64(0.5), z);
    __m256d w = _mm256_sub_pd(f64(1.0), hz);
    __m256d c = _mm256_add_pd(w, _mm256_add_pd(_mm256_sub_pd(_mm256_sub_pd(f64(1.0), w), hz), _mm256_mul_pd(z, cr)));
    __m256i swap = _mm256_sub_epi64(_mm256_setzero_si256(), _mm256_and_si256(q, u64(1)));
    __m256i cb = _mm256_castpd_si256(c), sb = _mm256_castpd_si256(s);
    __m256i cos_sign = _mm256_slli_epi64(_mm256_and_si256(_mm256_add_epi64(q, u64(1)), u64(2)), 62);
    __m256i sin_sign = _mm256_slli_epi64(_mm256_and_si256(q, u64(2)), 62);
    *cos_out = _mm256_castsi256_pd(_mm256_xor_si256(_mm256_blendv_epi8(cb, sb, swap), cos_sign));
    *sin_out = _mm256_castsi256_pd(_mm256_xor_si256(_mm256_blendv_epi8(sb, cb, swap), sin_sign));
}

/// The 53-bit integers k of the Double uniforms k·2⁻⁵³ of four pairs of words, high first.
AVX2 __m256i uniform_integer_53(__m128i hi, __m128i lo) {
    __m256i h = _mm256_cvtepu32_epi64(hi), l = _mm256_cvtepu32_epi64(lo);
    return _mm256_add_epi64(_mm256_or_si256(_mm256_slli_epi64(h, 21), _mm256_srli_epi64(l, 11)), u64(1));
}

/// Four pairs of normals (blocks of four lanes) written as cos, sin, cos, sin, …
AVX2 void box_muller_f64(__m128i w0, __m128i w1, __m128i w2, __m128i w3, double *out) {
    __m256i k = uniform_integer_53(w0, w1);
    __m256d u1 = _mm256_mul_pd(_mm256_add_pd(_mm256_mul_pd(small_to_double(_mm256_srli_epi64(k, 26)), f64(0x1p26)),
                                             small_to_double(_mm256_and_si256(k, u64((1ull << 26) - 1)))),
                               f64(0x1p-53));
    __m256d radius = _mm256_sqrt_pd(_mm256_mul_pd(f64(-2.0), log_f64(u1)));
    __m256d c, s;
    cos_sin_two_pi_f64(uniform_integer_53(w2, w3), &c, &s);
    __m256d a = _mm256_mul_pd(radius, c), b = _mm256_mul_pd(radius, s);
    __m256d lo = _mm256_unpacklo_pd(a, b), hi = _mm256_unpackhi_pd(a, b);
    _mm256_storeu_pd(out, _mm256_permute2f128_pd(lo, hi, 0x20));
    _mm256_storeu_pd(out + 4, _mm256_permute2f128_pd(lo, hi, 0x31));
}

AVX2 void box_muller_f64_lanes(philox_lanes p, double *out) {
    box_muller_f64(_mm256_castsi256_si128(p.c0), _mm256_castsi256_si128(p.c1),
                   _mm256_castsi256_si128(p.c2), _mm256_castsi256_si128(p.c3), out);
    box_muller_f64(_mm256_extracti128_si256(p.c0, 1), _mm256_extracti128_si256(p.c1, 1),
                   _mm256_extracti128_si256(p.c2, 1), _mm256_extracti128_si256(p.c3, 1), out + 8);
}

__attribute__((target("avx2,fma")))
void dck_avx2_group_f64(uint64_t first, uint32_t k0, uint32_t k1, double *out) {
    philox_lanes p, q;
    philox_pair(first / 2, k0, k1, &p, &q);
    box_muller_f64_lanes(p, out);
    box_muller_f64_lanes(q, out + 16);
}

#endif
