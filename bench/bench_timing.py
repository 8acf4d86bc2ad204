"""Timing shared by the Python baselines of `checker bench` (run as scripts from bench/)."""
import time


def median_seconds(runs, body):
    """Median wall time and median process CPU time of `runs` calls, after one untimed call."""
    body()
    walls, cpus = [], []
    for _ in range(max(1, runs)):
        cpu0 = time.process_time()
        start = time.perf_counter()
        body()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu0)
    walls.sort()
    cpus.sort()
    return walls[len(walls) // 2], cpus[len(cpus) // 2]
