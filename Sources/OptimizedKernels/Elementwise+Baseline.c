// The step and forward loops for the baseline set (see ElementwiseLoops.h).
#pragma STDC FP_CONTRACT OFF

#include "ElementwiseLoops.h"
#include "GaussianGroups.h"

DCK_DEFINE_STEP(dck_baseline_step_f32, float, dck_step_params_f32, )
DCK_DEFINE_STEP(dck_baseline_step_f64, double, dck_step_params_f64, )
DCK_DEFINE_BINARY(dck_baseline_binary_f32, float, )
DCK_DEFINE_BINARY(dck_baseline_binary_f64, double, )
