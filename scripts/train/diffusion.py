"""
Trains the course's diffusion checkpoint: the small U-Net of
playgrounds/generative/diffusion-train.ts, in PyTorch on a CPU, as a DDPM that predicts
the noise added to a digit (Ho et al. 2020), on the 8,000 training digits of the bundled
MNIST (the same seed-42 split as course.data.mnist()). The network is told which digit
it is denoising (a learned 7x7 picture per label, added where the U-Net is coarsest),
except for a
random 10% of examples where it is told "any digit": one network then gives both the
conditional and the unconditional noise estimate that classifier-free guidance (Ho &
Salimans 2022) mixes when sampling.

    python3 scripts/train/diffusion.py --steps 8000 --out .cache/diffusion
    npx node scripts/train/diffusion-convert.ts .cache/diffusion public/trained/diffusion

Every --save-every steps it writes the EMA weights in TF.js layout (weights.json +
weights.bin, one entry per TF.js layer) and check.json (a fixed input and this
network's output for it, so the Node test can check the TF.js forward pass). The log of
the committed run is scripts/train/diffusion.log.
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# Must match playgrounds/generative/diffusion-train.ts.
T = 200
TIME_DIM = 32
HIDDEN = 128
LABELS = 11  # the digits 0-9, and 10 for "any digit"
UNCONDITIONAL = 0.1  # share of training examples whose label is hidden


def schedule():
    # DDPM's linear schedule (1e-4..0.02 over 1,000 steps) rescaled to 200 steps.
    betas = torch.linspace(1e-4 * 1000 / T, 0.02 * 1000 / T, T, dtype=torch.float64)
    return betas.float(), torch.cumprod(1 - betas, 0).float()


def time_embedding(t):
    """Sinusoidal embedding of integer steps t [B] -> [B, TIME_DIM], as in the playground."""
    half = TIME_DIM // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    angles = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.sin(angles), torch.cos(angles)], 1)


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.time = nn.Linear(HIDDEN, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)

    def forward(self, x, te):
        h = F.silu(self.conv1(x)) + self.time(te)[:, :, None, None]
        return F.silu(self.conv2(h))


class UNet(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.time_mlp = nn.Linear(TIME_DIM, HIDDEN)
        self.label_map = nn.Linear(LABELS, 7 * 7 * 2 * c)
        self.down1 = Block(1, c)
        self.down2 = Block(c, 2 * c)
        self.mid = Block(2 * c, 2 * c)
        self.up2 = Block(4 * c, 2 * c)
        self.up1 = Block(3 * c, c)
        self.out = nn.Conv2d(c, 1, 1)

    def forward(self, x, temb, label):
        te = F.silu(self.time_mlp(temb))
        # TF.js reshapes the dense output channels-last: [7, 7, 2c].
        picture = self.label_map(F.one_hot(label, LABELS).float()).view(-1, 7, 7, 2 * self.c).permute(0, 3, 1, 2)
        h1 = self.down1(x, te)                                # 28x28
        h2 = self.down2(F.avg_pool2d(h1, 2), te)              # 14x14
        h3 = self.mid(F.avg_pool2d(h2, 2) + picture, te)      # 7x7
        u = self.up2(torch.cat([F.interpolate(h3, scale_factor=2), h2], 1), te)
        u = self.up1(torch.cat([F.interpolate(u, scale_factor=2), h1], 1), te)
        return self.out(u)


def mulberry32(seed):
    """src/course/data/shuffle.ts's seededRandom, bit for bit."""
    a = seed & 0xFFFFFFFF

    def rand():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t = (t ^ ((t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return rand


def train_split(count, seed=42, validation_split=0.2):
    rand = mulberry32(seed)
    p = list(range(count))
    for i in range(count - 1, 0, -1):
        j = math.floor(rand() * (i + 1))
        p[i], p[j] = p[j], p[i]
    return p[: count - round(count * validation_split)]


def load_digits(path):
    raw = open(path, 'rb').read()
    if raw[:4] != b'DLDS':
        sys.exit(f'{path}: not a course data set file; run `npm run data` first')
    count = int.from_bytes(raw[8:12], 'little')
    labels = np.frombuffer(raw, np.uint8, count, 20)
    pixels = np.frombuffer(raw, np.uint8, count * 784, 20 + count).reshape(count, 1, 28, 28)
    idx = train_split(count)
    x = torch.from_numpy(pixels[idx].astype(np.float32) / 127.5 - 1)  # [-1, 1]
    return x, torch.from_numpy(labels[idx].astype(np.int64))


def export(model, out):
    """Writes the weights in TF.js layout: conv [out,in,kh,kw] -> [kh,kw,in,out], dense transposed."""
    os.makedirs(out, exist_ok=True)
    entries, blobs, offset = [], [], 0
    for name, module in model.named_modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            w = module.weight.detach()
            w = w.permute(2, 3, 1, 0) if w.ndim == 4 else w.t()
            for kind, arr in (('kernel', w), ('bias', module.bias.detach())):
                a = arr.contiguous().numpy().astype('<f4')
                entries.append({'layer': name.replace('.', '_'), 'weight': kind, 'shape': list(a.shape), 'offset': offset})
                blobs.append(a.tobytes())
                offset += a.size
    with open(os.path.join(out, 'weights.bin'), 'wb') as f:
        f.write(b''.join(blobs))
    with open(os.path.join(out, 'weights.json'), 'w') as f:
        json.dump(entries, f)
    g = torch.Generator().manual_seed(7)
    x = torch.randn(2, 1, 28, 28, generator=g)
    t = torch.tensor([10, 150])
    label = torch.tensor([3, LABELS - 1])
    with torch.no_grad():
        y = model(x, time_embedding(t), label)
    with open(os.path.join(out, 'check.json'), 'w') as f:
        json.dump({'t': t.tolist(), 'label': label.tolist(), 'x': x.permute(0, 2, 3, 1).flatten().tolist(), 'y': y.permute(0, 2, 3, 1).flatten().tolist()}, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--steps', type=int, default=8000)
    ap.add_argument('--batch', type=int, default=128)
    ap.add_argument('--channels', type=int, default=32)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--log-every', type=int, default=100)
    ap.add_argument('--save-every', type=int, default=1000)
    ap.add_argument('--data', default='public/data/mnist/mnist-10k.bin')
    ap.add_argument('--out', default='.cache/diffusion')
    ap.add_argument('--print-split', action='store_true', help='print the first 10 training indices and exit')
    args = ap.parse_args()
    if args.print_split:
        print(json.dumps(train_split(10000)[:10]))
        return
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    data, labels = load_digits(args.data)
    _, alpha_bar = schedule()
    model = UNet(args.channels)
    ema = UNet(args.channels)
    ema.load_state_dict(model.state_dict())
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    # Short warm-up, then cosine decay to a tenth.
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1, (s + 1) / 200) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(s, args.steps) / args.steps))))
    params = sum(p.numel() for p in model.parameters())
    print(f'seed {args.seed}, {len(data)} digits, U-Net {args.channels} channels, {params} parameters, T={T}, batch {args.batch}, {args.steps} steps, conditional on the digit ({UNCONDITIONAL:.0%} hidden), torch {torch.__version__}, {args.threads} thread(s)', flush=True)
    start, running = time.time(), 0.0
    for step in range(1, args.steps + 1):
        pick = torch.randint(0, len(data), (args.batch,))
        x0 = data[pick]
        label = torch.where(torch.rand(args.batch) < UNCONDITIONAL, LABELS - 1, labels[pick])
        t = torch.randint(0, T, (args.batch,))
        noise = torch.randn_like(x0)
        ab = alpha_bar[t][:, None, None, None]
        xt = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
        loss = F.mse_loss(model(xt, time_embedding(t), label), noise)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        with torch.no_grad():
            decay = min(0.999, (1 + step) / (10 + step))
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm, alpha=1 - decay)
        running += loss.item()
        if step % args.log_every == 0:
            el = time.time() - start
            print(f'step {step} loss {running / args.log_every:.4f} lr {sched.get_last_lr()[0]:.2e} {el:.0f}s elapsed, {el / step * (args.steps - step):.0f}s left', flush=True)
            running = 0.0
        if step % args.save_every == 0 or step == args.steps:
            export(ema, args.out)
            print(f'saved EMA weights at step {step} to {args.out}', flush=True)


if __name__ == '__main__':
    main()
