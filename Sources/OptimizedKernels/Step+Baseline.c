// The step loop for the baseline set (see StepLoop.h).
#pragma STDC FP_CONTRACT OFF

#include "StepLoop.h"
#include "GaussianGroups.h"

DCK_DEFINE_STEP(dck_baseline_step_f32, float, dck_step_params_f32, )
DCK_DEFINE_STEP(dck_baseline_step_f64, double, dck_step_params_f64, )
