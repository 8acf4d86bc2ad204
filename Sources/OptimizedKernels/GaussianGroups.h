#ifndef DIFFUSIONCHECK_GAUSSIAN_GROUPS_H
#define DIFFUSIONCHECK_GAUSSIAN_GROUPS_H

// The per-set group functions behind dck_gaussian_f32/f64. A group function writes the normals
// `first ..< first + unit` of the stream, `first` a multiple of its unit.

#include <stdint.h>

typedef void (*dck_group_f32)(uint64_t first, uint32_t k0, uint32_t k1, float *out);
typedef void (*dck_group_f64)(uint64_t first, uint32_t k0, uint32_t k1, double *out);

/// Elements per group of each version (the largest is the scratch size of the fill driver).
enum { DCK_BASELINE_UNIT_F32 = 32, DCK_BASELINE_UNIT_F64 = 16, DCK_AVX2_UNIT_F32 = 64, DCK_AVX2_UNIT_F64 = 32,
       DCK_MAX_UNIT = 64 };

void dck_baseline_group_f32(uint64_t first, uint32_t k0, uint32_t k1, float *out);
void dck_baseline_group_f64(uint64_t first, uint32_t k0, uint32_t k1, double *out);

#if defined(__x86_64__)
void dck_avx2_group_f32(uint64_t first, uint32_t k0, uint32_t k1, float *out);
void dck_avx2_group_f64(uint64_t first, uint32_t k0, uint32_t k1, double *out);
#endif

/// The Philox4x32-10 constants (Salmon et al. 2011; Random123).
#define DCK_PHILOX_M0 0xD2511F53u
#define DCK_PHILOX_M1 0xCD9E8D57u
#define DCK_PHILOX_W0 0x9E3779B9u
#define DCK_PHILOX_W1 0xBB67AE85u

#endif
