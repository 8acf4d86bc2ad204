import torch

x = torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(torch.ones(max(f(max(f(max(f(max(f(max(f(max(f(max(f(max(f(max(f(max(f(1), 2)), 2)), 2)), 2)), 2)), 2)), 2)), 2)), 2)), 2)))))))))))))))))))))
