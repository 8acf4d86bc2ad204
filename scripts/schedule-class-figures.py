#!/usr/bin/env python3
"""Expected timesteps and sigma ladders of each diffusers scheduler class, for the pinned tests
of `verify-schedule` (Tests/ScheduleCheckTests/ClassPlanFigures.swift).

An independent NumPy implementation of each class's documented `set_timesteps` algorithm, in
float64 (the Swift side computes in Double too). Run from the repository root:

    python3 scripts/schedule-class-figures.py > Tests/ScheduleCheckTests/ClassPlanFigures.swift

Exits 0 with a message on standard error when NumPy or SciPy is not installed (a development script:
nothing in the build or the tests needs Python).
"""
import math
import sys

try:
    import numpy as np
    from scipy.stats import beta as beta_distribution
except ImportError:  # pragma: no cover
    sys.stderr.write("numpy and scipy are needed: nothing generated\n")
    sys.exit(0)

T = 1000


def betas(kind, start=0.0001, end=0.02, t=T):
    if kind == "linear":
        return np.linspace(start, end, t, dtype=np.float64)
    if kind == "scaled_linear":
        return np.linspace(start ** 0.5, end ** 0.5, t, dtype=np.float64) ** 2
    if kind == "squaredcos_cap_v2":
        f = lambda x: math.cos((x + 0.008) / 1.008 * math.pi / 2) ** 2
        return np.array([min(1 - f((i + 1) / t) / f(i / t), 0.999) for i in range(t)])
    raise ValueError(kind)


def alpha_bars(kind, start=0.0001, end=0.02, t=T):
    return np.cumprod(1.0 - betas(kind, start, end, t))


def sigma_of(ab):
    return ((1 - ab) / ab) ** 0.5


def spaced(n, spacing, offset, t=T):
    """DDPM/DDIM: N integer timesteps, descending."""
    if spacing == "linspace":
        return np.linspace(0, t - 1, n).round()[::-1].astype(np.int64)
    if spacing == "leading":
        return (np.arange(0, n) * (t // n)).round()[::-1].astype(np.int64) + offset
    return np.round(np.arange(t, 0, -t / n)).astype(np.int64) - 1


def pndm(n, spacing, offset, skip_prk, t=T):
    base = spaced(n, spacing, offset, t)[::-1]  # ascending
    if skip_prk:
        plms = np.concatenate([base[:-1], base[-2:-1], base[-1:]])[::-1]
        return plms
    prk = np.array(base[-4:]).repeat(2) + np.tile(np.array([0, t // n // 2]), 4)
    prk = prk[:-1].repeat(2)[1:-1][::-1]
    return np.concatenate([prk, base[:-3][::-1]])


def inverse(n, spacing, offset, t=T):
    if spacing == "leading":
        return (np.arange(0, n) * (t // n)).round().astype(np.int64) + offset
    return np.round(np.arange(t, 0, -t / n)[::-1]).astype(np.int64) - 1


def lcm(n, original, t=T):
    k = t // original
    grid = np.asarray(list(range(1, original + 1))) * k - 1
    grid = grid[::-1]
    idx = np.floor(np.linspace(0, len(grid), num=n, endpoint=False)).astype(np.int64)
    return grid[idx]


def sigma_to_t(sigma, log_sigmas):
    log_sigma = np.log(np.maximum(sigma, 1e-10))
    d = log_sigma - log_sigmas[:, np.newaxis]
    low = np.cumsum((d >= 0), axis=0).argmax(axis=0).clip(max=log_sigmas.shape[0] - 2)
    lo, hi = log_sigmas[low], log_sigmas[low + 1]
    w = np.clip((lo - log_sigma) / (lo - hi), 0, 1)
    return ((1 - w) * low + w * (low + 1)).reshape(np.shape(sigma))


def karras(smin, smax, n, rho=7.0):
    ramp = np.linspace(0, 1, n)
    a, b = smax ** (1 / rho), smin ** (1 / rho)
    return (a + ramp * (b - a)) ** rho


def beta_ladder(smin, smax, n):
    """use_beta_sigmas: sigma at the quantiles of Beta(0.6, 0.6), from sigma_max down to sigma_min."""
    return np.array([smin + beta_distribution.ppf(q, 0.6, 0.6) * (smax - smin) for q in 1 - np.linspace(0, 1, n)])


def euler(n, ab, spacing, offset, use_karras=False, final_sigma_min=False, t=T, use_beta=False):
    if spacing == "linspace":
        ts = np.linspace(0, t - 1, n, dtype=np.float32)[::-1].astype(np.float64)
    elif spacing == "leading":
        ts = (np.arange(0, n) * (t // n)).round()[::-1].astype(np.float64) + offset
    else:
        ts = np.arange(t, 0, -t / n).round() - 1
    full = sigma_of(ab)
    sig = np.interp(ts, np.arange(0, len(full)), full)
    if use_karras:
        sig = karras(sig[-1], sig[0], n)
        ts = np.array([sigma_to_t(s, np.log(full)) for s in sig])
    elif use_beta:
        sig = beta_ladder(sig[-1], sig[0], n)
        ts = np.array([sigma_to_t(s, np.log(full)) for s in sig])
    last = full[0] if final_sigma_min else 0.0
    return ts, np.concatenate([sig, [last]])


def interleave(ts, sig):
    """Heun and DPMSolverSDE: every sigma after the first, and every timestep after the first, twice."""
    sig2 = np.concatenate([sig[:1], np.repeat(sig[1:-1], 2), sig[-1:]])
    ts2 = np.concatenate([ts[:1], np.repeat(ts[1:], 2)])
    return ts2, sig2


def multistep(n, ab, spacing, offset, use_karras=False, round_karras=True, t=T, final_sigma_min=False, use_beta=False):
    if spacing == "linspace":
        ts = np.linspace(0, t - 1, n + 1).round()[::-1][:-1].astype(np.int64)
    elif spacing == "leading":
        ratio = t // (n + 1)
        ts = (np.arange(0, n + 1) * ratio).round()[::-1][:-1].astype(np.int64) + offset
    else:
        ts = np.arange(t, 0, -t / n).round().astype(np.int64) - 1
    full = sigma_of(ab)
    if use_karras:
        sig = karras(full[0], full[-1], n)
        ts = np.array([sigma_to_t(s, np.log(full)) for s in sig])
        ts = ts.round() if round_karras else np.trunc(ts)
    elif use_beta:
        sig = beta_ladder(full[0], full[-1], n)
        ts = np.trunc(np.array([sigma_to_t(s, np.log(full)) for s in sig]))
    else:
        sig = np.interp(ts, np.arange(0, len(full)), full)
    last = full[0] if final_sigma_min else 0.0
    return ts.astype(np.float64), np.concatenate([sig, [last]])


def edm(n, smin, smax, schedule, rho, noise):
    if schedule == "karras":
        sig = karras(smin, smax, n, rho)
    else:
        sig = np.exp(np.linspace(math.log(smin), math.log(smax), n))[::-1]
    ts = 0.25 * np.log(sig) if noise == "log" else np.arctan(sig) / math.pi * 2
    return ts, np.concatenate([sig, [0.0]])


def flow(n, shift, dynamic=False, mu=None, t=T):
    if dynamic:
        s_fn = lambda s: math.exp(mu) / (math.exp(mu) + (1 / s - 1))
        smin = 1 / t
    else:
        s_fn = lambda s: shift * s / (1 + (shift - 1) * s)
        smin = s_fn(1 / t)
    ts = np.linspace(1.0 * t, smin * t, n)
    sig = np.array([s_fn(x / t) for x in ts])
    return sig * t, np.concatenate([sig, [0.0]])


def fmt(x):
    return repr(float(x))


def case(name, n, ts, sig=None):
    ts = [float(v) for v in ts]
    head = ts if len(ts) <= 8 else ts[:3] + ts[-3:]
    parts = [f'name: "{name}"', f"n: {n}", f"count: {len(ts)}", "timesteps: [" + ", ".join(fmt(v) for v in head) + "]",
             f"timestepSum: {fmt(sum(ts))}"]
    if sig is not None:
        s = [float(v) for v in sig]
        pick = s if len(s) <= 8 else s[:3] + s[-3:]
        parts.append("sigmas: [" + ", ".join(fmt(v) for v in pick) + "]")
        parts.append(f"sigmaCount: {len(s)}")
    return "        Figure(" + ", ".join(parts) + "),"


def main():
    sd = alpha_bars("scaled_linear", 0.00085, 0.012)
    lin = alpha_bars("linear")
    rows = []
    for n in [1, 4, 7, 50, 1000]:
        rows.append(case("DDPMScheduler linear leading", n, spaced(n, "leading", 0)))
        rows.append(case("DDIMScheduler sd leading offset 1", n, spaced(n, "leading", 1)))
        rows.append(case("DDIMScheduler sd trailing", n, spaced(n, "trailing", 0)))
        rows.append(case("DDIMScheduler linspace", n, spaced(n, "linspace", 0)))
        rows.append(case("DDIMInverseScheduler leading offset 1", n, inverse(n, "leading", 1)))
        rows.append(case("DDIMInverseScheduler trailing", n, inverse(n, "trailing", 0)))
        if n >= 2:
            rows.append(case("PNDMScheduler sd skip_prk_steps", n, pndm(n, "leading", 1, True)))
        if n >= 4:
            rows.append(case("PNDMScheduler prk warm-up", n, pndm(n, "leading", 0, False)))
        rows.append(case("EulerDiscreteScheduler sd linspace", n, *euler(n, sd, "linspace", 0)))
        rows.append(case("EulerDiscreteScheduler sd leading offset 1", n, *euler(n, sd, "leading", 1)))
        rows.append(case("EulerDiscreteScheduler sd trailing", n, *euler(n, sd, "trailing", 0)))
        if n >= 2:
            rows.append(case("EulerDiscreteScheduler sd karras", n, *euler(n, sd, "linspace", 0, use_karras=True)))
        rows.append(case("EulerAncestralDiscreteScheduler sd linspace", n, *euler(n, sd, "linspace", 0)))
        if n >= 2:
            rows.append(case("EulerDiscreteScheduler sd beta sigmas", n, *euler(n, sd, "linspace", 0, use_beta=True)))
            rows.append(case("DPMSolverMultistepScheduler sd beta sigmas", n, *multistep(n, sd, "linspace", 0, use_beta=True)))
        heun_ab = alpha_bars("linear", 0.00085, 0.012)
        rows.append(case("HeunDiscreteScheduler defaults", n, *interleave(*euler(n, heun_ab, "linspace", 0))))
        if n >= 2:
            rows.append(case("HeunDiscreteScheduler sd karras", n, *interleave(*euler(n, sd, "linspace", 0, use_karras=True))))
        rows.append(case("LMSDiscreteScheduler linear trailing", n, *euler(n, lin, "trailing", 0)))
        rows.append(case("KDPM2DiscreteScheduler defaults", n, *euler(n, heun_ab, "linspace", 0)))
        rows.append(case("DEISMultistepScheduler linear linspace", n, *multistep(n, lin, "linspace", 0, final_sigma_min=True)))
        rows.append(case("DPMSolverSinglestepScheduler sd", n, *multistep(n, sd, "linspace", 0)))
        rows.append(case("DPMSolverMultistepScheduler linear linspace", n, *multistep(n, lin, "linspace", 0)))
        rows.append(case("DPMSolverMultistepScheduler sd leading offset 1", n, *multistep(n, sd, "leading", 1)))
        if n >= 2:
            rows.append(case("DPMSolverMultistepScheduler sd karras", n, *multistep(n, sd, "linspace", 0, use_karras=True)))
        rows.append(case("UniPCMultistepScheduler sd trailing", n, *multistep(n, sd, "trailing", 0)))
        if n <= 50:
            rows.append(case("LCMScheduler original 50", n, lcm(n, 50)))
        if n <= 100:
            rows.append(case("TCDScheduler original 100", n, lcm(n, 100)))
        rows.append(case("EDMDPMSolverMultistepScheduler exponential", n, *edm(n, 0.002, 80.0, "exponential", 7.0, "log")))
        rows.append(case("EDMEulerScheduler defaults", n, *edm(n, 0.002, 80.0, "karras", 7.0, "log")))
        rows.append(case("CosineDPMSolverMultistepScheduler defaults", n, *edm(n, 0.3, 500.0, "exponential", 7.0, "atan")))
        rows.append(case("FlowMatchEulerDiscreteScheduler shift 3", n, *flow(n, 3.0)))
        rows.append(case("FlowMatchEulerDiscreteScheduler dynamic mu 1.15", n, *flow(n, 1.0, dynamic=True, mu=1.15)))
    print("// Generated by scripts/schedule-class-figures.py (NumPy and SciPy, float64): each class's")
    print("// documented set_timesteps re-implemented independently of the Swift code. Do not edit by hand.")
    print("")
    print("/// Expected timesteps and σ of one class and N: the count, the first and last three values")
    print("/// (all of them when there are at most eight), and the sum of the timesteps.")
    print("struct Figure {")
    print("    var name: String")
    print("    var n: Int")
    print("    var count: Int")
    print("    var timesteps: [Double]")
    print("    var timestepSum: Double")
    print("    var sigmas: [Double]? = nil")
    print("    var sigmaCount: Int? = nil")
    print("}")
    print("")
    print("enum ClassPlanFigures {")
    print("    static let all: [Figure] = [")
    for r in rows:
        print(r)
    print("    ]")
    print("}")


main()
