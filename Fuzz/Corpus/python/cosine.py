import math
import numpy as np

def cosine_betas(T, s=0.008, max_beta=0.999):
    f = lambda t: math.cos((t / T + s) / (1 + s) * math.pi / 2) ** 2
    return np.array([min(1 - f(t + 1) / f(t), max_beta) for t in range(T)])

betas = cosine_betas(1000)
