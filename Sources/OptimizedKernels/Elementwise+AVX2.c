// The step and forward loops for the AVX2 + FMA set (see ElementwiseLoops.h): the same source, vectorized 8 floats or
// 4 doubles wide. FMA is enabled for the target but contraction is off, so no product is fused.
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)
#include "ElementwiseLoops.h"
#include "GaussianGroups.h"

DCK_DEFINE_STEP(dck_avx2_step_f32, float, dck_step_params_f32, __attribute__((target("avx2,fma"))))
DCK_DEFINE_STEP(dck_avx2_step_f64, double, dck_step_params_f64, __attribute__((target("avx2,fma"))))
DCK_DEFINE_BINARY(dck_avx2_binary_f32, float, __attribute__((target("avx2,fma"))))
DCK_DEFINE_BINARY(dck_avx2_binary_f64, double, __attribute__((target("avx2,fma"))))
#endif
