#ifndef DIFFUSIONCHECK_CGSL_SHIM_H
#define DIFFUSIONCHECK_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>

/// GSL's generator-type globals are mutable C globals, which Swift 6 rejects as not
/// concurrency-safe; these accessors return them by value.
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *cgsl_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }

/// GSL's default error handler calls abort(); DiffusionCheck checks status codes instead.
static inline void cgsl_disable_abort_on_error(void) { gsl_set_error_handler_off(); }

#endif
