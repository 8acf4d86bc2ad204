#ifndef DIFFUSIONCHECK_GAUSSIAN_GROUPS_H
#define DIFFUSIONCHECK_GAUSSIAN_GROUPS_H

// The per-set functions behind the dispatching entry points of OptimizedKernels.h. A Gaussian
// group function writes the normals `first ..< first + unit` of the stream, `first` a multiple
// of its unit.

#include <stddef.h>
#include <stdint.h>
#include "OptimizedKernels.h"

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

void dck_baseline_step_f32(const dck_step_params_f32 *p, size_t n, const float *x, const float *m, const float *z,
                           float *prev, float *x0_out);
void dck_baseline_step_f64(const dck_step_params_f64 *p, size_t n, const double *x, const double *m, const double *z,
                           double *prev, double *x0_out);
void dck_baseline_binary_f32(dck_binary_op op, float p, float q, size_t n, const float *a, const float *b, float *out);
void dck_baseline_binary_f64(dck_binary_op op, double p, double q, size_t n, const double *a, const double *b, double *out);
#if defined(__x86_64__)
void dck_avx2_binary_f32(dck_binary_op op, float p, float q, size_t n, const float *a, const float *b, float *out);
void dck_avx2_binary_f64(dck_binary_op op, double p, double q, size_t n, const double *a, const double *b, double *out);
void dck_avx2_step_f32(const dck_step_params_f32 *p, size_t n, const float *x, const float *m, const float *z,
                       float *prev, float *x0_out);
void dck_avx2_step_f64(const dck_step_params_f64 *p, size_t n, const double *x, const double *m, const double *z,
                       double *prev, double *x0_out);
#endif

/// The Philox4x32-10 constants (Salmon et al. 2011; Random123).
#define DCK_PHILOX_M0 0xD2511F53u
#define DCK_PHILOX_M1 0xCD9E8D57u
#define DCK_PHILOX_W0 0x9E3779B9u
#define DCK_PHILOX_W1 0xBB67AE85u

#endif
