#!/usr/bin/env python3
"""NumPy baselines for `checker bench`: the same operations as the Optimized kernels, in float32,
on preallocated arrays (out= everywhere), single-threaded as NumPy's ufuncs are.

Prints a JSON list of rows {kernel, implementation, threads, elements, bytesPerElement,
medianSeconds}. The product never needs this script; the command runs it when python3 and NumPy
are present.
"""
import argparse
import json

from bench_timing import median_seconds

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1 << 24)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    n = args.size
    rng = np.random.default_rng(1)
    x0 = rng.standard_normal(n, dtype=np.float32)
    z = rng.standard_normal(n, dtype=np.float32)
    model = rng.standard_normal(n, dtype=np.float32)
    out = np.empty(n, dtype=np.float32)
    out2 = np.empty(n, dtype=np.float32)
    tmp = np.empty(n, dtype=np.float32)
    # Linear schedule, T = 1000, t = 500 (the values only set the arithmetic, not the speed).
    betas = np.linspace(1e-4, 0.02, 1000)
    alpha_bars = np.cumprod(1 - betas)
    t = 500
    sa = np.float32(np.sqrt(alpha_bars[t]))
    s1 = np.float32(np.sqrt(1 - alpha_bars[t]))
    c0 = np.float32(np.sqrt(alpha_bars[t - 1]) * betas[t] / (1 - alpha_bars[t]))
    ct = np.float32(np.sqrt(1 - betas[t]) * (1 - alpha_bars[t - 1]) / (1 - alpha_bars[t]))
    std = np.float32(np.sqrt((1 - alpha_bars[t - 1]) / (1 - alpha_bars[t]) * betas[t]))

    def q_sample():
        np.multiply(x0, sa, out=out)
        np.multiply(z, s1, out=tmp)
        np.add(out, tmp, out=out)

    def velocity():
        np.multiply(z, sa, out=out)
        np.multiply(x0, s1, out=tmp)
        np.subtract(out, tmp, out=out)

    def x0_from_epsilon():
        np.multiply(z, s1, out=tmp)
        np.subtract(x0, tmp, out=out)
        np.divide(out, sa, out=out)

    def ddpm_step():
        np.multiply(model, s1, out=tmp)
        np.subtract(x0, tmp, out=out2)
        np.divide(out2, sa, out=out2)
        np.clip(out2, -1, 1, out=out2)
        np.multiply(out2, c0, out=out)
        np.multiply(x0, ct, out=tmp)
        np.add(out, tmp, out=out)
        np.multiply(z, std, out=tmp)
        np.add(out, tmp, out=out)

    gen = np.random.default_rng(9)
    out64 = np.empty(n, dtype=np.float64)
    rows = []
    for kernel, nbytes, body, buffer in [
        ("qSample-f32", 12, q_sample, None),
        ("velocity-f32", 12, velocity, None),
        ("x0FromEpsilon-f32", 12, x0_from_epsilon, None),
        ("ddpmStep-f32", 20, ddpm_step, None),
        ("gaussian-f32", 4, lambda: gen.standard_normal(out=out, dtype=np.float32), None),
        ("gaussian-f64", 8, lambda: gen.standard_normal(out=out64), None),
    ]:
        wall, cpu = median_seconds(args.runs, body)
        rows.append({
            "kernel": kernel, "implementation": "numpy", "threads": 1, "elements": n,
            "bytesPerElement": nbytes, "medianSeconds": wall, "medianCPUSeconds": cpu,
        })
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
