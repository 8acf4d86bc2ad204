#!/usr/bin/env python3
"""PyTorch baselines for `checker bench`: torch.randn in float32 and float64 and the DDPM step
with its own noise (randn, then the update in eager mode with out= and in-place operations), on
preallocated CPU tensors, on one thread (torch.set_num_threads(1)) and, with --threads N > 1,
on N threads.

Prints a JSON list of rows {kernel, implementation, threads, elements, bytesPerElement,
medianSeconds, medianCPUSeconds}; exits with status 3 when torch cannot be imported (the command
then prints that the torch rows were skipped). The product never needs this script.
"""
import argparse
import json
import sys

from bench_timing import median_seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1 << 24)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    try:
        import torch
    except Exception as error:  # not installed, or installed without its libraries
        print(f"torch not importable: {error}", file=sys.stderr)
        sys.exit(3)

    n = args.size
    torch.manual_seed(1)
    x0 = torch.randn(n, dtype=torch.float32)
    model = torch.randn(n, dtype=torch.float32)
    z = torch.empty(n, dtype=torch.float32)
    out = torch.empty(n, dtype=torch.float32)
    pred = torch.empty(n, dtype=torch.float32)
    out64 = torch.empty(n, dtype=torch.float64)
    # Linear schedule, T = 1000, t = 500 (the values only set the arithmetic, not the speed).
    betas = torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64)
    alpha_bars = torch.cumprod(1 - betas, 0)
    t = 500
    sa = float(alpha_bars[t].sqrt())
    s1 = float((1 - alpha_bars[t]).sqrt())
    c0 = float(alpha_bars[t - 1].sqrt() * betas[t] / (1 - alpha_bars[t]))
    ct = float((1 - betas[t]).sqrt() * (1 - alpha_bars[t - 1]) / (1 - alpha_bars[t]))
    std = float(((1 - alpha_bars[t - 1]) / (1 - alpha_bars[t]) * betas[t]).sqrt())

    def fused_ddpm_step():
        # x̂₀ = clip((xₜ − √(1 − ᾱ)·ε̂)/√ᾱ), prev = c₀·x̂₀ + cₜ·xₜ + σ·z with fresh z.
        torch.randn(n, out=z)
        torch.mul(model, s1, out=pred)
        torch.sub(x0, pred, out=pred)
        pred.div_(sa).clamp_(-1, 1)
        torch.mul(pred, c0, out=out)
        out.add_(x0, alpha=ct).add_(z, alpha=std)

    rows = []
    for threads in sorted({1, max(1, args.threads)}):
        torch.set_num_threads(threads)
        for kernel, nbytes, body in [
            ("gaussian-f32", 4, lambda: torch.randn(n, out=out)),
            ("gaussian-f64", 8, lambda: torch.randn(n, out=out64)),
            ("fusedDDPMStep-f32", 12, fused_ddpm_step),
        ]:
            wall, cpu = median_seconds(args.runs, body)
            rows.append({
                "kernel": kernel, "implementation": "torch", "threads": threads, "elements": n,
                "bytesPerElement": nbytes, "medianSeconds": wall, "medianCPUSeconds": cpu,
            })
    info = {"version": torch.__version__, "capability": torch.backends.cpu.get_cpu_capability()}
    print(json.dumps({"info": info, "rows": rows}))


if __name__ == "__main__":
    main()
