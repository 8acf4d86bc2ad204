#!/usr/bin/env python3
"""ddpm-conform/1 adapter for diffusers-API schedulers (DDPMScheduler, DDIMScheduler).

    checker conform --impl "python3 -m diffusioncheck.conform_diffusers --precision float32"

Each operation is mapped onto the scheduler's own methods: schedule -> betas / alphas /
alphas_cumprod of a scheduler built from the case's schedule; qSample -> add_noise; velocity ->
get_velocity; posterior -> DDPMScheduler.step with x0 = [1, 0], xt = [0, 1] (the mean
coefficients) and _get_variance (the variance); ddpmStep -> DDPMScheduler.step (the injected noise replaces the scheduler's draw);
ddimStep -> DDIMScheduler.step(variance_noise=...); timesteps -> DDIMScheduler.set_timesteps.
float64 promotes the scheduler's tensors (diffusers keeps them in float32) by recomputing them in
float64 with the same formulas. See docs/conform-protocol.md.
"""
import argparse
import json
import math
import sys

import torch
import diffusers
from diffusers import DDIMScheduler, DDPMScheduler
import diffusers.schedulers.scheduling_ddpm as ddpm_module

KINDS = {"linear": "linear", "scaledLinear": "scaled_linear", "cosine": "squaredcos_cap_v2", "sigmoid": "sigmoid"}
VARIANCE = {"fixedSmall": "fixed_small", "fixedSmallLog": "fixed_small_log", "fixedLarge": "fixed_large",
            "fixedLargeLog": "fixed_large_log", "learned": "learned", "learnedRange": "learned_range"}
PREDICTION = {"epsilon": "epsilon", "sample": "sample", "vPrediction": "v_prediction"}


class Unsupported(Exception):
    pass


def number(x):
    if isinstance(x, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[x]
    return float(x)


def encode(values):
    out = []
    for v in values:
        v = float(v)
        out.append("NaN" if math.isnan(v) else ("Infinity" if v == math.inf else ("-Infinity" if v == -math.inf else v)))
    return out


class Adapter:
    def __init__(self, precision):
        self.precision = precision
        self.dtype = torch.float64 if precision == "float64" else torch.float32

    def config(self, schedule):
        kind = schedule.get("kind", "linear")
        cfg = {"num_train_timesteps": schedule["timesteps"], "beta_start": schedule.get("betaStart", 0.0001),
               "beta_end": schedule.get("betaEnd", 0.02), "rescale_betas_zero_snr": schedule.get("rescaleZeroTerminalSNR", False)}
        if kind == "explicit":
            cfg["trained_betas"] = [number(b) for b in schedule["betas"]]
        elif kind in KINDS:
            if kind == "cosine" and (schedule.get("cosineS", 0.008) != 0.008 or schedule.get("maxBeta", 0.999) != 0.999):
                raise Unsupported("diffusers' cosine schedule has s = 0.008 and max_beta = 0.999 only")
            cfg["beta_schedule"] = KINDS[kind]
        else:
            raise Unsupported("schedule kind " + kind)
        return cfg

    def promote(self, s, schedule):
        """float64: the scheduler's betas and products recomputed in float64 with its formulas."""
        if self.precision != "float64":
            return s
        kind = schedule.get("kind", "linear")
        T = schedule["timesteps"]
        start, end = schedule.get("betaStart", 0.0001), schedule.get("betaEnd", 0.02)
        if kind == "explicit":
            betas = torch.tensor([number(b) for b in schedule["betas"]], dtype=torch.float64)
        elif kind == "linear":
            betas = torch.linspace(start, end, T, dtype=torch.float64)
        elif kind == "scaledLinear":
            betas = torch.linspace(start ** 0.5, end ** 0.5, T, dtype=torch.float64) ** 2
        elif kind == "sigmoid":
            betas = torch.sigmoid(torch.linspace(-6, 6, T, dtype=torch.float64)) * (end - start) + start
        else:
            f = lambda t: math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2
            betas = torch.tensor([min(1 - f((i + 1) / T) / f(i / T), 0.999) for i in range(T)], dtype=torch.float64)
        if schedule.get("rescaleZeroTerminalSNR", False):
            betas = ddpm_module.rescale_zero_terminal_snr(betas)
        s.betas = betas
        s.alphas = 1.0 - betas
        s.alphas_cumprod = torch.cumprod(s.alphas, dim=0)
        if hasattr(s, "final_alpha_cumprod"):
            s.final_alpha_cumprod = torch.tensor(1.0, dtype=torch.float64) if s.config.set_alpha_to_one else s.alphas_cumprod[0]
        s.one = torch.tensor(1.0, dtype=torch.float64)
        return s

    def tensor(self, values):
        return torch.tensor([number(v) for v in values], dtype=self.dtype).reshape(1, -1)

    def ddpm(self, schedule, options=None):
        o = options or {}
        s = DDPMScheduler(**self.config(schedule), variance_type=VARIANCE[o.get("varianceType", "fixedSmall")],
                          prediction_type=PREDICTION[o.get("predictionType", "epsilon")], clip_sample=o.get("clipSample", False),
                          clip_sample_range=o.get("clipSampleRange", 1.0))
        return self.promote(s, schedule)

    def ddim(self, schedule, options):
        o = options or {}
        s = DDIMScheduler(**self.config(schedule), prediction_type=PREDICTION[o.get("predictionType", "epsilon")],
                          clip_sample=o.get("clipSample", False), clip_sample_range=o.get("clipSampleRange", 1.0),
                          set_alpha_to_one=o.get("setAlphaToOne", True))
        return self.promote(s, schedule)

    def evaluate(self, op, schedule, inputs, options, draw):
        if op == "schedule":
            s = self.ddpm(schedule)
            return {"betas": s.betas.tolist(), "alphas": s.alphas.tolist(), "alphaBars": s.alphas_cumprod.tolist()}
        if op in ("qSample", "velocity"):
            s = self.ddpm(schedule)
            x0, noise, t = self.tensor(inputs["x0"]), self.tensor(inputs["noise"]), torch.tensor([inputs["t"]])
            if op == "qSample":
                return {"xt": s.add_noise(x0, noise, t).flatten().tolist()}
            return {"v": s.get_velocity(x0, noise, t).flatten().tolist()}
        if op == "posterior":
            # The mean coefficients from DDPMScheduler.step itself: with prediction_type "sample",
            # clipping off and zero noise, step(x0 = [1, 0], xt = [0, 1]) returns [c0, ct]. The
            # variance from its _get_variance ("fixed_small"). logVarianceClipped is the log of that
            # variance with t = 0 replaced by t = 1 (the key's definition; diffusers has no such output).
            s = self.ddpm(schedule, {"predictionType": "sample"})
            t = inputs["t"]
            x0, xt = self.tensor([1, 0]), self.tensor([0, 1])
            original = ddpm_module.randn_tensor
            ddpm_module.randn_tensor = lambda *a, **k: torch.zeros_like(xt)
            try:
                mean = s.step(x0, t, xt).prev_sample.flatten().tolist()
            finally:
                ddpm_module.randn_tensor = original
            variance = s._get_variance(t, variance_type="fixed_small")
            clipped = s._get_variance(max(t, 1), variance_type="fixed_small") if s.config.num_train_timesteps > 1 else variance
            return {"meanCoefX0": [mean[0]], "meanCoefXt": [mean[1]], "variance": [float(variance)],
                    "logVarianceClipped": [math.log(float(clipped))]}
        if op == "ddpmStep":
            s = self.ddpm(schedule, options)
            xt, model = self.tensor(inputs["xt"]), self.tensor(inputs["modelOutput"])
            if "predictedVariance" in inputs:
                model = torch.cat([model, self.tensor(inputs["predictedVariance"])], dim=1)
            noise = draw(xt.shape[1]) if "noise" not in inputs else self.tensor(inputs["noise"])
            original = ddpm_module.randn_tensor
            ddpm_module.randn_tensor = lambda *a, **k: noise.reshape(xt.shape)
            try:
                out = s.step(model, inputs["t"], xt)
            finally:
                ddpm_module.randn_tensor = original
            return {"prev": out.prev_sample.flatten().tolist(), "predX0": out.pred_original_sample.flatten().tolist()}
        if op == "ddimStep":
            s = self.ddim(schedule, options)
            t, prev_t = inputs["t"], inputs["prevT"]
            if t - prev_t <= 0:
                raise ValueError("prevT must be below t")
            # DDIM steps to t − T div N: choose N so that the stride is t − prevT.
            stride = t - prev_t
            s.num_inference_steps = s.config.num_train_timesteps // stride
            if s.config.num_train_timesteps // s.num_inference_steps != stride:
                raise Unsupported("a stride the scheduler cannot express")
            xt, model = self.tensor(inputs["xt"]), self.tensor(inputs["modelOutput"])
            noise = draw(xt.shape[1]) if "noise" not in inputs else self.tensor(inputs["noise"])
            out = s.step(model, t, xt, eta=(options or {}).get("eta", 0.0),
                         use_clipped_model_output=(options or {}).get("useClippedModelOutput", False), variance_noise=noise.reshape(xt.shape))
            return {"prev": out.prev_sample.flatten().tolist(), "predX0": out.pred_original_sample.flatten().tolist()}
        if op == "timesteps":
            o = options or {}
            s = DDIMScheduler(num_train_timesteps=schedule["timesteps"], timestep_spacing=o.get("spacing", "leading"), steps_offset=o.get("stepsOffset", 0))
            s.set_timesteps(inputs["numInferenceSteps"])
            return {"timesteps": s.timesteps.tolist()}
        raise Unsupported(op)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--precision", choices=["float32", "float64"], default="float32")
    args = parser.parse_args()
    adapter = Adapter(args.precision)
    every = True
    ops = {"schedule": {}, "qSample": {}, "velocity": {}, "posterior": {},
           "ddpmStep": {"predictionType": every, "varianceType": every, "clipSample": every, "clipSampleRange": every},
           "ddimStep": {"eta": every, "predictionType": every, "clipSample": every, "clipSampleRange": every,
                        "setAlphaToOne": every, "useClippedModelOutput": every},
           "timesteps": {"spacing": every, "stepsOffset": every}}
    for line in sys.stdin:
        request = json.loads(line)
        rid = request.get("id", "")
        kind = request.get("type")
        if kind == "bye":
            return
        if kind == "hello":
            answer = {"id": rid, "protocol": "ddpm-conform/1", "name": "diffusers " + diffusers.__version__,
                      "version": "torch " + torch.__version__, "precision": args.precision, "ops": ops,
                      "sample": ["ddpmStep", "ddimStep", "noise"]}
        else:
            generator = torch.Generator().manual_seed(int(request.get("seed", 0)))
            draw = lambda n, g=generator: torch.randn((1, n), generator=g, dtype=adapter.dtype)
            try:
                op, inputs = request["op"], request.get("inputs", {})
                if kind == "sample" and op == "noise":
                    outputs = {"noise": draw(int(inputs["count"])).flatten().tolist()}
                elif kind == "sample":
                    draws = []
                    for _ in range(int(request["repetitions"])):
                        draws += adapter.evaluate(op, request.get("schedule"), inputs, request.get("options"), draw)["prev"]
                    outputs = {"prev": draws}
                else:
                    outputs = adapter.evaluate(op, request.get("schedule"), inputs, request.get("options"), draw)
                answer = {"id": rid, "outputs": {k: encode(v) for k, v in outputs.items()}}
            except Unsupported as e:
                answer = {"id": rid, "error": {"code": "unsupported", "message": str(e)}}
            except Exception as e:  # a refusal: the scheduler raised
                answer = {"id": rid, "error": {"code": type(e).__name__, "message": str(e)}}
        sys.stdout.write(json.dumps(answer, allow_nan=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
