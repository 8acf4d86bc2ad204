// # DiffusionOptions: the vocabulary both implementations speak
//
// The option types of the DDPM and DDIM steps (`DDPMOptions`, `DDIMOptions`, `PredictionType`,
// `VarianceType`, `SampleClipping`, the dialect choices, `TimestepSpacing`), shared by Reference
// and Optimized so that one value serves both: a program that imports both writes
// `DDIMOptions(eta: 0)` once and passes it to either. Both modules re-export this one
// (`@_exported import DiffusionOptions`), so `import Reference` or `import Optimized` is enough.
//
// Only meanings live here (enums, option structs, which values are valid), never equations: each
// implementation computes its steps on its own, which is what lets the suite compare them.
