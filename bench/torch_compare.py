#!/usr/bin/env python3
"""Time the same attention computations in PyTorch and in AttentionLab, on this machine, in one run.

Run from the project root after `mvn -q package -DskipTests` (or `mvn verify`):

    /usr/bin/python3 bench/torch_compare.py            # Debian's python3-torch
    /usr/bin/python3 bench/torch_compare.py --quick    # fewer samples

Needs Debian's `python3-torch` and `libopenblas0-pthread`: without OpenBLAS, Debian's torch falls back
to the reference BLAS and is ~25x slower, which would make the comparison meaningless (the script
says so and stops).

Cases (the same sizes as `java -jar target/attentionlab.jar bench`):
  notebook   the seed notebook: X[10,3] @ W_q/W_k/W_v [3,24|24|28], softmax(QK^T/sqrt(24)) V
  classroom  nn.MultiheadAttention(64, 4),  32 tokens, causal mask
  medium     nn.MultiheadAttention(256, 8), 64 tokens, causal mask
  gpt2       nn.MultiheadAttention(768, 12), 128 tokens, causal mask (one GPT-2-small layer)
PyTorch runs the forward pass in torch.no_grad() with need_weights=True (per-head weights), once with
one thread and once with one thread per core. The ratio compares AttentionLab's attention
forward (bench case *_forward) with single-thread PyTorch.
"""
import json
import math
import os
import subprocess
import sys
import time

import torch

QUICK = "--quick" in sys.argv
SAMPLES = 15 if QUICK else 40
WARMUP_S = 0.5 if QUICK else 1.5
JAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "attentionlab.jar")


def blas_check():
    probe = torch.randn(512, 512)
    t0 = time.perf_counter()
    for _ in range(10):
        probe @ probe
    gflops = 10 * 2 * 512 ** 3 / (time.perf_counter() - t0) / 1e9
    if gflops < 10:
        sys.exit(f"PyTorch matmul runs at {gflops:.1f} GFLOP/s: this torch uses the reference BLAS. "
                 "Install libopenblas0-pthread (apt-get install -y libopenblas0-pthread) and run again.")
    return gflops


def timed(fn):
    """Median and p10/p90 in ms of fn(), each sample at least 2 ms (tiny cases batched), after warm-up."""
    end = time.perf_counter() + WARMUP_S
    calls, start = 0, time.perf_counter()
    while time.perf_counter() < end or calls < 3:
        fn()
        calls += 1
    per_call = (time.perf_counter() - start) / calls
    batch = max(1, math.ceil(0.002 / max(per_call, 1e-7)))
    samples = []
    for _ in range(SAMPLES):
        t0 = time.perf_counter()
        for _ in range(batch):
            fn()
        samples.append((time.perf_counter() - t0) * 1e3 / batch)
    samples.sort()
    pick = lambda p: samples[min(len(samples) - 1, int(round(p * (len(samples) - 1))))]
    return pick(0.5), pick(0.1), pick(0.9)


def notebook_case():
    torch.manual_seed(123)
    x = torch.nn.Embedding(50000, 3)(torch.tensor([0, 3, 2, 4, 5, 7, 9, 2, 8, 7])).detach()
    wq, wk, wv = torch.rand(3, 24), torch.rand(3, 24), torch.rand(3, 28)

    def run():
        q, k, v = x @ wq, x @ wk, x @ wv
        w = torch.softmax(q @ k.T / 24 ** 0.5, dim=-1)
        return w @ v
    return run


def mha_case(e, h, l):
    torch.manual_seed(0)
    mha = torch.nn.MultiheadAttention(e, h, batch_first=True).eval()
    x = torch.randn(1, l, e)
    mask = torch.triu(torch.ones(l, l, dtype=torch.bool), 1)

    def run():
        return mha(x, x, x, attn_mask=mask, need_weights=True, average_attn_weights=False)
    return run


CASES = [("notebook", notebook_case), ("classroom", lambda: mha_case(64, 4, 32)),
         ("medium", lambda: mha_case(256, 8, 64)), ("gpt2", lambda: mha_case(768, 12, 128))]


def main():
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing: build it first with `mvn -q package -DskipTests`.")
    # Debian's build starts with one thread; "all cores" sets it explicitly so the column means something.
    default_threads = max(torch.get_num_threads(), os.cpu_count() or 1)
    blas = blas_check()
    torch_ms = {}
    with torch.no_grad():
        torch.set_num_threads(1)
        a, b = torch.randn(128, 768), torch.randn(768, 768)
        torch_ms["matmul"] = timed(lambda: a @ b)
        for threads in (1, default_threads):
            torch.set_num_threads(threads)
            for name, make in CASES:
                torch_ms[(name, threads)] = timed(make())
    torch.set_num_threads(default_threads)

    # The README's way of starting the jar with the fast path: the Vector API module added.
    java = subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-jar", JAR, "bench", "--json", "--reps", str(SAMPLES),
                           "--cases", "notebook,classroom,medium,gpt2,matmul"], capture_output=True, text=True, check=True)
    jb = {r["case"]: r for r in json.loads(java.stdout)}

    print(f"PyTorch {torch.__version__} (matmul {blas:.0f} GFLOP/s on 512x512), 1 thread and {default_threads} threads; "
          f"AttentionLab {os.path.basename(JAR)} ({next(iter(jb.values())).get('kernel', '?')} kernel); medians in ms (p10-p90)")
    head = f"{'case':<10} {'PyTorch 1 thr':>20} {'PyTorch ' + str(default_threads) + ' thr':>20} {'Java forward':>20} {'Java trace':>10} {'Java/PyTorch(1)':>16}"
    print(head)
    print("-" * len(head))
    rows = []
    for name, _ in CASES:
        t1, t1lo, t1hi = torch_ms[(name, 1)]
        tn, tnlo, tnhi = torch_ms[(name, default_threads)]
        f = jb[name + "_forward"]
        tr = jb[name + "_trace"]
        ratio = f["median_ms"] / t1
        print(f"{name:<10} {t1:8.3f} ({t1lo:.3f}-{t1hi:.3f}) {tn:8.3f} ({tnlo:.3f}-{tnhi:.3f}) "
              f"{f['median_ms']:8.3f} ({f['p10_ms']:.3f}-{f['p90_ms']:.3f}) {tr['median_ms']:10.3f} {ratio:16.2f}")
        rows.append({"case": name, "torch_1thread_ms": t1, "torch_default_ms": tn, "java_forward_ms": f["median_ms"],
                     "java_trace_ms": tr["median_ms"], "ratio_java_over_torch_1thread": ratio,
                     "java_gflops": f.get("gflops")})
    g = jb["gpt2_forward"]
    mm_flops = 2 * 128 * 768 * 768
    torch_mm = mm_flops / (torch_ms["matmul"][0] / 1e3) / 1e9
    java_mm = jb["matmul_128x768x768_1thread"]["gflops"]
    print(f"\nmatmul 128x768 @ 768x768, one thread: PyTorch (OpenBLAS) {torch_mm:.0f} GFLOP/s, AttentionLab {java_mm:.0f} GFLOP/s: "
          f"ratio {java_mm / torch_mm:.2f} (goal >= 0.6)")
    print(f"Java gpt2 forward: {g['gflops']:.1f} GFLOP/s attained on both cores.")
    gpt2_small(default_threads)
    if "--json" in sys.argv:
        print(json.dumps(rows))


def gpt2_small(threads):
    """GPT-2 small with random weights, in PyTorch: a 64-token forward with the logits of the last
    position, and 32 tokens generated with a key/value cache; beside AttentionLab's bench gpt2small."""
    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(0)
    d, heads, layers, vocab = 768, 12, 12, 50257
    hd = d // heads

    def w(*shape):
        return torch.randn(*shape, generator=g) * 0.02

    wte, wpe = w(vocab, d), w(1024, d)
    blocks = [dict(qkv=w(d, 3 * d), bqkv=torch.zeros(3 * d), proj=w(d, d), bproj=torch.zeros(d),
                   fc=w(d, 4 * d), bfc=torch.zeros(4 * d), out=w(4 * d, d), bout=torch.zeros(d)) for _ in range(layers)]
    ln = torch.nn.functional.layer_norm

    def step(ids, start, cache):
        """ids at positions start…; cache[l] = (K, V) [heads, T, hd]; returns the last position's logits."""
        t = len(ids)
        x = wte[ids] + wpe[start:start + t]
        for l, b in enumerate(blocks):
            a = ln(x, (d,))
            q, k, v = (a @ b["qkv"] + b["bqkv"]).split(d, dim=-1)
            q, k, v = (z.view(t, heads, hd).transpose(0, 1) for z in (q, k, v))
            if cache[l] is not None:
                k = torch.cat([cache[l][0], k], 1)
                v = torch.cat([cache[l][1], v], 1)
            cache[l] = (k, v)
            s = q @ k.transpose(-1, -2) / math.sqrt(hd)
            n = k.shape[1]
            mask = torch.ones(t, n, dtype=torch.bool).tril(n - t)
            z = torch.softmax(s.masked_fill(~mask, float("-inf")), -1) @ v
            x = x + z.transpose(0, 1).reshape(t, d) @ b["proj"] + b["bproj"]
            m = ln(x, (d,)) @ b["fc"] + b["bfc"]
            x = x + torch.nn.functional.gelu(m, approximate="tanh") @ b["out"] + b["bout"]
        return ln(x[-1], (d,)) @ wte.T

    prompt = list(range(1000, 1064))

    def forward():
        return step(prompt, 0, [None] * layers)

    def generate():
        cache = [None] * layers
        logits = step(prompt, 0, cache)
        for n in range(32):
            nxt = int(torch.multinomial(torch.softmax(logits, -1), 1, generator=g))
            logits = step([nxt], len(prompt) + n, cache)
        return logits

    with torch.no_grad():
        tf = timed(forward)
        tg = timed(generate)
    java = subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-jar", JAR, "bench", "--json", "--reps", "10",
                           "--cases", "gpt2small"], capture_output=True, text=True, check=True)
    jb = {r["case"]: r for r in json.loads(java.stdout)}
    jt, jg, jp = jb["gpt2small_64_trace"]["median_ms"], jb["gpt2small_generate_32"]["median_ms"], jb["gpt2small_prefill_64"]["median_ms"]
    print(f"\nGPT-2 small (random weights, {threads} threads): 64-token forward PyTorch {tf[0]:.1f} ms, "
          f"AttentionLab full trace {jt:.1f} ms ({jt / tf[0]:.2f}x); prompt + 32 tokens with a cache: PyTorch {tg[0]:.0f} ms, "
          f"AttentionLab {jg:.0f} ms ({jg / tg[0]:.2f}x), {32 / ((jg - jp) / 1000):.1f} tokens/s")


if __name__ == "__main__":
    main()
