import torch

T = 1000
betas = torch.linspace(1e-4, 0.02, T)
alphas = 1 - betas
alphas_cumprod = torch.cumprod(alphas, dim=0)
alphas_cumprod_prev = torch.cat([torch.ones(1), alphas_cumprod[:-1]])


def p_sample(model, x, t):
    eps = model(x, t)
    mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
    var = betas[t] * (1 - alphas_cumprod_prev[t]) / (1 - alphas_cumprod[t])
    noise = torch.randn_like(x) if t > 0 else 0
    return mean + torch.sqrt(var) * noise


x = torch.randn(4, 3, 32, 32)
for t in reversed(range(T)):
    x = p_sample(lambda a, b: a * 0, x, t)
