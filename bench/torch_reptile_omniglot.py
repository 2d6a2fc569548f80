#!/usr/bin/env python3
"""Reptile on Omniglot in PyTorch, following the official supervised-reptile code step by step, as the
independent reference for the toolkit's Table 2 numbers at an equal budget (see docs/results.md, "Equal budget").

What it follows (docs/paper.md describes each point):
  data     both official zips pooled (50 alphabets, 1623 characters), alphabets and characters in sorted order,
           shuffled with Python's random seeded with SEED, first 1200 characters for meta-training (each at
           0/90/180/270 degrees as separate classes), the other 423 for meta-testing; images resized to 28x28
           with nearest neighbour, then rotated; pixel values 0/1 as read (white background = 1)
  net      4 x [conv 3x3, 64 filters, stride 2, TensorFlow 'same' padding (extra row/column at the bottom/right),
           batch norm on the batch's statistics (eps 1e-3), ReLU], dense to N logits; Glorot-uniform kernels,
           zero biases, BN gamma 1, beta 0
  inner    TensorFlow's Adam with beta1 = 0 (w -= lr*sqrt(1-beta2^t) * g / (sqrt(v) + 1e-8)) on the SUM of the
           batch's cross-entropies; its state (v, t) carries over from task to task during training; batches cut
           from the task's shuffled samples, reshuffled when used up
  outer    per meta-iteration, meta-batch tasks from the pre-task weights; then w += eps * (mean adapted - w),
           eps annealed linearly from 1.0 to 0 over the run
  eval     per test task N classes x (shots + 1) images, one query per class; fine-tune 50 steps of the
           evaluation batch from the trained weights and the training's Adam state (both restored after the
           task); queries predicted one at a time with the support set in the batch (or all together with
           --transductive); accuracy = correct / (tasks x N)

Prints one line per evaluated cell:
    CELL shots=<s> transductive=<0|1> tasks=<T> accuracy=<%> ci95=<%> seconds=<s>
with the 95 % interval of the mean over tasks, 1.96 * (sd of the per-task accuracies) / sqrt(T), as the toolkit
reports it.

usage: /usr/bin/python3 bench/torch_reptile_omniglot.py DATA_DIR [--iterations N] [--tasks T] [--seed S]
       [--threads K] [--ways N]
DATA_DIR holds images_background.zip and images_evaluation.zip (the official Omniglot zips).
Needs PyTorch, NumPy and Pillow (Debian: apt-get install -y python3-torch python3-pil).
"""
import argparse
import io
import math
import random
import time
import zipfile

import numpy as np
import torch
from PIL import Image
from torch.nn import functional as F

# Table 3 (5-way and 20-way columns): Adam lr, inner batch, inner iterations, eval batch
PRESETS = {5: dict(lr=1e-3, inner_batch=10, inner_iters=5, eval_batch=5),
           20: dict(lr=5e-4, inner_batch=20, inner_iters=10, eval_batch=10)}
TRAIN_SHOTS, META_BATCH, EVAL_ITERS, TRAIN_CHARACTERS = 10, 5, 50, 1200


def read_characters(data_dir):
    """Every character as a uint8 array (20, 28, 28), in sorted (alphabet, character) order over both zips."""
    drawings = {}
    for name in ("images_background.zip", "images_evaluation.zip"):
        with zipfile.ZipFile(f"{data_dir}/{name}") as z:
            for entry in z.namelist():
                parts = entry.split("/")
                if len(parts) != 4 or not parts[3].endswith(".png"):
                    continue
                img = Image.open(io.BytesIO(z.read(entry))).resize((28, 28), Image.NEAREST)
                drawings.setdefault((parts[1], parts[2]), []).append((parts[3], np.array(img, dtype=np.uint8)))
    return [np.stack([a for _, a in sorted(drawings[key])]) for key in sorted(drawings)]


def split(characters, seed):
    """The official split: Python's random shuffles the character list, the first 1200 train."""
    random.seed(seed)
    order = list(range(len(characters)))
    random.shuffle(order)
    train = [characters[i] for i in order[:TRAIN_CHARACTERS]]
    test = [characters[i] for i in order[TRAIN_CHARACTERS:]]
    # PIL's rotate by a multiple of 90 degrees (counter-clockwise) is np.rot90 on the (row, column) axes
    rotated = [np.rot90(c, k, axes=(1, 2)).copy() for c in train for k in range(4)]
    return rotated, test


def sample_task(classes, ways, shots):
    """N random classes, `shots` distinct images from each; labels in the order the classes were drawn."""
    chosen = random.sample(classes, ways)
    return [(c[i], label) for label, c in enumerate(chosen) for i in random.sample(range(len(c)), shots)]


def mini_batches(samples, batch, count):
    """`count` batches cut from the shuffled samples, reshuffling when they run out (a batch may straddle)."""
    pool, out, current = [], [], []
    while len(out) < count:
        if not pool:
            pool = list(samples)
            random.shuffle(pool)
        current.append(pool.pop())
        if len(current) == batch:
            out.append(current)
            current = []
    return out


def tensors(samples):
    x = torch.from_numpy(np.stack([s[0] for s in samples]).astype(np.float32)).unsqueeze(1)
    return x, torch.tensor([s[1] for s in samples])


def glorot(shape, fan_in, fan_out):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return (torch.rand(shape) * 2 - 1) * limit


def init_params(ways):
    params, channels = [], 1
    for _ in range(4):
        params += [glorot((64, channels, 3, 3), 9 * channels, 9 * 64), torch.zeros(64),  # conv kernel, bias
                   torch.ones(64), torch.zeros(64)]                                       # BN gamma, beta
        channels = 64
    params += [glorot((ways, 256), 256, ways), torch.zeros(ways)]
    return [p.requires_grad_() for p in params]


def forward(params, x):
    for b in range(4):
        kernel, bias, gamma, beta = params[4 * b:4 * b + 4]
        size = x.shape[-1]
        out = (size + 1) // 2
        pad = max((out - 1) * 2 + 3 - size, 0)  # TensorFlow 'same': the odd row/column goes bottom/right
        x = F.conv2d(F.pad(x, (pad // 2, pad - pad // 2, pad // 2, pad - pad // 2)), kernel, bias, stride=2)
        x = F.batch_norm(x, None, None, gamma, beta, training=True, eps=1e-3)
        x = F.relu(x)
    return F.linear(x.flatten(1), params[16], params[17])


class TfAdam:
    """TensorFlow 1.x Adam with beta1 = 0: its step differs from torch.optim.Adam in where epsilon sits."""

    def __init__(self, params, lr, beta2=0.999, eps=1e-8):
        self.params, self.lr, self.beta2, self.eps = params, lr, beta2, eps
        self.v = [torch.zeros_like(p) for p in params]
        self.t = 0

    def state(self):
        return [v.clone() for v in self.v], self.t

    def restore(self, state):
        self.v, self.t = [v.clone() for v in state[0]], state[1]

    def step(self, x, y):
        loss = F.cross_entropy(forward(self.params, x), y, reduction="sum")
        grads = torch.autograd.grad(loss, self.params)
        self.t += 1
        lr_t = self.lr * math.sqrt(1 - self.beta2 ** self.t)
        with torch.no_grad():
            for p, g, v in zip(self.params, grads, self.v):
                v.mul_(self.beta2).addcmul_(g, g, value=1 - self.beta2)
                p.sub_(lr_t * g / (v.sqrt() + self.eps))
        return loss.item()


def snapshot(params):
    return [p.detach().clone() for p in params]


def load(params, values):
    with torch.no_grad():
        for p, v in zip(params, values):
            p.copy_(v)


def train(params, adam, classes, ways, preset, iterations):
    for i in range(iterations):
        eps = 1.0 - i / iterations  # linear from meta-step 1.0 to final 0
        start = snapshot(params)
        total = [torch.zeros_like(p) for p in start]
        for _ in range(META_BATCH):
            task = sample_task(classes, ways, TRAIN_SHOTS)
            for batch in mini_batches(task, preset["inner_batch"], preset["inner_iters"]):
                adam.step(*tensors(batch))
            for t, p in zip(total, params):
                t += p.detach()
            load(params, start)
        load(params, [s + eps * (t / META_BATCH - s) for s, t in zip(start, total)])
        if (i + 1) % 500 == 0:
            print(f"iteration {i + 1} of {iterations}", flush=True)


def evaluate(params, adam, classes, ways, shots, transductive, tasks, eval_batch):
    per_task = []
    for _ in range(tasks):
        correct = 0
        trained, adam_state = snapshot(params), adam.state()
        task = sample_task(classes, ways, shots + 1)
        queries, support = [], []
        for label in range(ways):
            members = [s for s in task if s[1] == label]
            queries.append(members[0])
            support += members[1:]
        for batch in mini_batches(support, eval_batch, EVAL_ITERS):
            adam.step(*tensors(batch))
        with torch.no_grad():
            if transductive:
                x, y = tensors(queries)
                correct += (forward(params, x).argmax(1) == y).sum().item()
            else:
                for q in queries:
                    x, y = tensors(support + [q])
                    correct += int(forward(params, x)[-1].argmax().item() == q[1])
        load(params, trained)
        adam.restore(adam_state)
        per_task.append(correct / ways)
    return per_task


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir")
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--ways", type=int, default=5, choices=sorted(PRESETS))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    preset = PRESETS[args.ways]
    started = time.time()
    train_classes, test_classes = split(read_characters(args.data_dir), args.seed)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, {len(train_classes)} training classes, "
          f"{len(test_classes)} test classes, read in {time.time() - started:.0f} s", flush=True)
    params = init_params(args.ways)
    adam = TfAdam(params, preset["lr"])
    started = time.time()
    train(params, adam, train_classes, args.ways, preset, args.iterations)
    print(f"TRAINED iterations={args.iterations} seconds={time.time() - started:.1f}", flush=True)
    for shots in (1, 5):
        for transductive in (False, True):
            started = time.time()
            per_task = evaluate(params, adam, test_classes, args.ways, shots, transductive, args.tasks,
                                preset["eval_batch"])
            acc = float(np.mean(per_task))
            ci = 1.96 * float(np.std(per_task, ddof=1)) / math.sqrt(len(per_task)) if len(per_task) > 1 else 0.0
            print(f"CELL shots={shots} transductive={int(transductive)} tasks={args.tasks} "
                  f"accuracy={100 * acc:.2f} ci95={100 * ci:.2f} seconds={time.time() - started:.1f}", flush=True)


if __name__ == "__main__":
    main()
