#!/usr/bin/env python3
"""PyTorch reference timings for `./metalearn bench` (org.metalearn.bench.PeerBenchmark runs this file).

Times, in PyTorch on the CPU, the operations the Java benchmark measures, so both can be put side by side:

  conv  the 5-way Omniglot net of the paper (four blocks of 3x3 convolution with 64 filters and stride 2,
        batch norm using the batch's statistics, ReLU; then a dense layer to 5 logits) trained with Adam
        (beta1 = 0, as in the official Reptile code) on summed cross-entropy:
          - one inner step on 10 images, one on 5 images (the evaluation's batch size),
          - one Reptile meta-iteration: 5 tasks x 5 steps of 10 images, the optimizer state carried from task
            to task, parameters reset before each task, then the outer interpolation (step 0.5),
          - one forward pass over 26 images with batch statistics (5 support x 5 classes + 1 query);
  mini  the paper's Mini-ImageNet net (84x84 RGB input; four blocks of 3x3 convolution with 32 filters and
        stride 1, batch norm using the batch's statistics, 2x2 max-pooling that keeps a partial last window as
        TensorFlow's 'same' does (84 -> 42 -> 21 -> 11 -> 6), ReLU; then a dense layer from 1152 features to 5
        logits), same optimizer and loss, at the Table 4 settings the Java presets hold:
          - one inner step on 10 images, one on 15 (the 5-shot evaluation's batch size),
          - one Reptile meta-iteration: 5 tasks x 8 steps of 10 images, handled as in the conv case,
          - one forward pass over 26 images with batch statistics (5-shot support set + 1 query);
        fewer repetitions than conv (each image costs about ten times as much), at least 3;
  mlp   the sine-regression net (1 -> 64 -> 64 -> 1, tanh) with plain SGD (lr 0.02) on mean squared error:
          - one step on 10 points, one outer iteration (5 steps + interpolation with step 0.1),
          - one forward pass over 50 points.

  mini-paired, conv-paired, eval-paired  one operation on request, to alternate with the Java side sample by
        sample (so a slow spell of a shared machine hits both): the mini meta-iteration, the conv (Omniglot)
        meta-iteration, or the conv evaluation task run for real (the parameters reset, a new Adam, 50 steps of 5
        images, then 5 forwards of 26: the support set with one query each). After one untimed run prints READY,
        then for each line "sample" or "sample N" on stdin runs N (default 1) and prints SAMPLE <ms, mean of the
        N>; ends at "quit" or the end of stdin.

The data are random: only speed is of interest here. Each line reads
    RESULT <operation> n=<samples> median=<ms> ms min=<ms> p10=<ms> p90=<ms> max=<ms>
(milliseconds per operation), which is the format PeerBenchmark parses.

usage: /usr/bin/python3 bench/torch_peer.py [THREADS] [conv|mini|mlp|all|mini-paired|conv-paired|eval-paired]
       [SAMPLES]
       THREADS defaults to 1, SAMPLES to 100. Needs PyTorch (Debian: apt-get install -y python3-torch).
"""
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F
from torch.nn.utils import parameters_to_vector, vector_to_parameters


PAIRED = ("mini-paired", "conv-paired", "eval-paired")


def parse_args(argv):
    threads = int(argv[1]) if len(argv) > 1 else 1
    which = argv[2] if len(argv) > 2 else "all"
    samples = int(argv[3]) if len(argv) > 3 else 100
    if threads < 1 or samples < 3 or which not in ("conv", "mini", "mlp", "all") + PAIRED:
        sys.exit(__doc__.split("usage:")[1].strip())
    return threads, which, samples


def quantile(sorted_ms, q):
    return sorted_ms[min(len(sorted_ms) - 1, int(q * len(sorted_ms)))]


def measure(name, operation, samples, warmup):
    """Runs `operation` `warmup` times untimed, then `samples` times timed; prints one RESULT line."""
    for i in range(warmup):
        operation(i)
    ms = []
    for i in range(samples):
        start = time.perf_counter()
        operation(warmup + i)
        ms.append((time.perf_counter() - start) * 1000.0)
    ms.sort()
    print(f"RESULT {name:<50s} n={len(ms)} median={quantile(ms, 0.5):.4f} ms min={ms[0]:.4f} "
          f"p10={quantile(ms, 0.1):.4f} p90={quantile(ms, 0.9):.4f} max={ms[-1]:.4f}", flush=True)


def omniglot_net(classes=5):
    blocks = []
    channels = 1
    for _ in range(4):
        # padding 1 with stride 2 gives TensorFlow's 'same' sizes here: 28 -> 14 -> 7 -> 4 -> 2
        blocks += [nn.Conv2d(channels, 64, kernel_size=3, stride=2, padding=1),
                   nn.BatchNorm2d(64, eps=1e-3, momentum=0.01),
                   nn.ReLU()]
        channels = 64
    return nn.Sequential(*blocks, nn.Flatten(), nn.Linear(64 * 2 * 2, classes))


def mini_imagenet_net(classes=5):
    blocks = []
    channels = 3
    for _ in range(4):
        # padding 1, stride 1: 'same'; ceil_mode pools the odd 21 x 21 map to 11 x 11 as TensorFlow's 'same' does
        blocks += [nn.Conv2d(channels, 32, kernel_size=3, stride=1, padding=1),
                   nn.BatchNorm2d(32, eps=1e-3, momentum=0.01),
                   nn.MaxPool2d(kernel_size=2, stride=2, ceil_mode=True),
                   nn.ReLU()]
        channels = 32
    return nn.Sequential(*blocks, nn.Flatten(), nn.Linear(32 * 6 * 6, classes))


def random_images(count, batch, classes=5, shape=(1, 28, 28)):
    return [(torch.rand(batch, *shape), torch.randint(0, classes, (batch,))) for _ in range(count)]


def fitter(net):
    """One Adam step (beta1 = 0, as in the official Reptile code) on summed cross-entropy, as a function."""
    adam = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.0, 0.999), eps=1e-8)

    def fit(images, labels):
        adam.zero_grad(set_to_none=True)
        F.cross_entropy(net(images), labels, reduction="sum").backward()
        adam.step()

    return fit


def reptile_meta_iteration(net, fit, batches, tasks, steps, outer_step=0.5):
    """One meta-iteration as a function of its index: the optimizer state goes on from task to task, the
    parameters restart from the same point for each task, then move towards the tasks' mean."""
    def meta_iteration(i):
        with torch.no_grad():
            start = parameters_to_vector(net.parameters()).clone()
            adapted_sum = torch.zeros_like(start)
        for task in range(tasks):
            for step in range(steps):
                fit(*batches[(i * tasks * steps + task * steps + step) % len(batches)])
            with torch.no_grad():
                adapted_sum += parameters_to_vector(net.parameters())
                vector_to_parameters(start, net.parameters())
        with torch.no_grad():
            vector_to_parameters(start + outer_step * (adapted_sum / tasks - start), net.parameters())

    return meta_iteration


def mini_timings(samples):
    net = mini_imagenet_net()
    net.train()
    fit = fitter(net)
    shape = (3, 84, 84)
    tens = random_images(8, 10, shape=shape)
    measure("mini inner step (fit batch10)", lambda i: fit(*tens[i % len(tens)]), samples, warmup=5)
    measure("mini Reptile meta-iteration (5x8 steps + interp)", reptile_meta_iteration(net, fit, tens, 5, 8),
            max(3, samples // 4), warmup=1)
    fifteens = random_images(8, 15, shape=shape)
    measure("mini inner step (fit batch15, eval-style)", lambda i: fit(*fifteens[i % len(fifteens)]), samples,
            warmup=3)
    batch26 = torch.rand(26, *shape)
    with torch.no_grad():
        measure("mini forward 26 imgs (train-mode BN)", lambda i: net(batch26), samples, warmup=3)


def conv_timings(samples):
    net = omniglot_net()
    net.train()  # batch statistics in every forward pass, as the official code does
    fit = fitter(net)
    tens = random_images(50, 10)
    measure("conv inner step (fit batch10)", lambda i: fit(*tens[i % len(tens)]), samples, warmup=50)
    measure("conv Reptile meta-iteration (5x5 steps + interp)", reptile_meta_iteration(net, fit, tens, 5, 5),
            max(20, samples // 5), warmup=3)

    fives = random_images(50, 5)
    measure("conv inner step (fit batch5, eval-style)", lambda i: fit(*fives[i % len(fives)]), samples, warmup=20)

    batch26 = torch.rand(26, 1, 28, 28)
    with torch.no_grad():
        measure("conv forward 26 imgs (train-mode BN)", lambda i: net(batch26), samples, warmup=20)


def mlp_timings(samples):
    net = nn.Sequential(nn.Linear(1, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 1))
    sgd = torch.optim.SGD(net.parameters(), lr=0.02)
    points = []
    for _ in range(50):
        x = torch.rand(10, 1) * 10 - 5
        points.append((x, torch.sin(x)))

    def fit(x, y):
        sgd.zero_grad(set_to_none=True)
        F.mse_loss(net(x), y).backward()
        sgd.step()

    runs = max(samples, 1000)
    measure("mlp SGD step (fit batch10)", lambda i: fit(*points[i % len(points)]), runs, warmup=500)

    def outer_iteration(i, steps=5, outer_step=0.1):
        with torch.no_grad():
            start = parameters_to_vector(net.parameters()).clone()
        for step in range(steps):
            fit(*points[(i * steps + step) % len(points)])
        with torch.no_grad():
            adapted = parameters_to_vector(net.parameters())
            vector_to_parameters(start + outer_step * (adapted - start), net.parameters())

    measure("mlp outer iteration (5 steps + interp)", outer_iteration, max(200, runs // 5), warmup=50)

    grid = torch.linspace(-5, 5, 50).reshape(50, 1)
    with torch.no_grad():
        measure("mlp forward 50 pts", lambda i: net(grid), runs, warmup=200)


def eval_task(net, supports, queries):
    """One evaluation task as a function of its index: fine-tune from the same start with a new Adam (50 steps of
    5 images), then forward each of 5 queries together with the 25 support images (batch statistics)."""
    with torch.no_grad():
        start = parameters_to_vector(net.parameters()).clone()

    def task(i):
        with torch.no_grad():
            vector_to_parameters(start, net.parameters())
        fit = fitter(net)
        for step in range(50):
            fit(*supports[(i * 50 + step) % len(supports)])
        with torch.no_grad():
            for q in range(5):
                net(queries[(i * 5 + q) % len(queries)])

    return task


def paired(which):
    """One operation per "sample [N]" line on stdin (see the module's doc)."""
    if which == "mini-paired":
        net = mini_imagenet_net()
        operation = reptile_meta_iteration(net, fitter(net), random_images(8, 10, shape=(3, 84, 84)), 5, 8)
    elif which == "conv-paired":
        net = omniglot_net()
        operation = reptile_meta_iteration(net, fitter(net), random_images(50, 10), 5, 5)
    else:
        net = omniglot_net()
        operation = eval_task(net, random_images(50, 5), [torch.rand(26, 1, 28, 28) for _ in range(10)])
    net.train()
    operation(0)
    print("READY", flush=True)
    i = 1
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["quit"]:
            break
        count = int(words[1]) if len(words) > 1 else 1
        start = time.perf_counter()
        for _ in range(count):
            operation(i)
            i += 1
        print(f"SAMPLE {(time.perf_counter() - start) * 1000.0 / count:.4f}", flush=True)


def main():
    threads, which, samples = parse_args(sys.argv)
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    print(f"torch {torch.__version__} threads={torch.get_num_threads()}", flush=True)
    if which in PAIRED:
        paired(which)
    if which in ("conv", "all"):
        conv_timings(samples)
    if which in ("mini", "all"):
        mini_timings(samples)
    if which in ("mlp", "all"):
        mlp_timings(samples)


if __name__ == "__main__":
    main()
