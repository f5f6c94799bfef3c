#!/usr/bin/env python3
"""Extra reference cases from PyTorch, in the shared/fixtures format, for other seeds, shapes and masks.

Run with Debian's torch and the AVX2 kernels (the primary flavour of the shared fixtures):
    ATEN_CPU_CAPABILITY=avx2 /usr/bin/python3 tools/make_fixtures.py src/test/resources/fixtures-extra
"""
import json
import math
import os
import struct
import sys
import zlib

import torch
import torch.nn.functional as F

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
torch.set_num_threads(1)


def num(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def tolist(t):
    if t is None:
        return None
    if t.dtype == torch.bool:
        return t.tolist()
    if t.dim() == 0:
        return num(t.item())
    return [tolist(r) if r.dim() > 0 else num(r.item()) for r in t]


def bits(t):
    flat = t.detach().reshape(-1)
    if flat.dtype == torch.float32:
        return ["0x%08x" % struct.unpack("<I", struct.pack("<f", v))[0] for v in flat.tolist()]
    return ["0x%016x" % struct.unpack("<Q", struct.pack("<d", v))[0] for v in flat.tolist()]


def crc(t):
    return "0x%08x" % (zlib.crc32(t.detach().contiguous().numpy().tobytes()) & 0xFFFFFFFF)


def tensor_entry(op_index, name, t):
    e = {"op_index": op_index, "name": name, "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", "")}
    flat = t.detach().reshape(-1)
    if t.dtype == torch.int64:
        e["values"] = flat.tolist()
        return e
    if flat.numel() > 4096:
        e["numel"] = flat.numel()
        e["values_head"] = [num(v) for v in flat[:48].tolist()]
        e["bits_head"] = bits(flat[:48])
        e["values_tail"] = [num(v) for v in flat[-48:].tolist()]
        e["bits_tail"] = bits(flat[-48:])
        e["crc32"] = crc(flat)
    else:
        e["values"] = [num(v) for v in flat.tolist()]
        e["bits"] = bits(flat)
    return e


def dt(name):
    return {"float32": torch.float32, "float64": torch.float64}[name]


def run_program(program):
    outs = []
    for i, op in enumerate(program):
        o = op["op"]
        if o == "seed":
            torch.manual_seed(op["seed"])
        elif o == "rand":
            outs.append(tensor_entry(i, "rand", torch.rand(*op["shape"], dtype=dt(op["dtype"]))))
        elif o == "randn":
            outs.append(tensor_entry(i, "randn", torch.randn(*op["shape"], dtype=dt(op["dtype"]))))
        elif o == "uniform_":
            outs.append(tensor_entry(i, "uniform_", torch.empty(*op["shape"], dtype=dt(op["dtype"])).uniform_(op["from"], op["to"])))
        elif o == "normal_":
            outs.append(tensor_entry(i, "normal_", torch.empty(*op["shape"], dtype=dt(op["dtype"])).normal_(op["mean"], op["std"])))
        elif o == "linear":
            m = torch.nn.Linear(op["in"], op["out"], bias=op["bias"])
            outs.append(tensor_entry(i, "weight", m.weight))
            if op["bias"]:
                outs.append(tensor_entry(i, "bias", m.bias))
        elif o == "embedding":
            outs.append(tensor_entry(i, "weight", torch.nn.Embedding(op["num"], op["dim"]).weight))
        elif o == "mha_init":
            m = torch.nn.MultiheadAttention(op["embed_dim"], op["num_heads"], batch_first=True)
            for name in ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"]:
                outs.append(tensor_entry(i, name, m.state_dict()[name]))
        elif o == "exponential_":
            outs.append(tensor_entry(i, "exponential_", torch.empty(op["n"], dtype=dt(op["dtype"])).exponential_(op["lambd"])))
        elif o == "multinomial":
            p = torch.tensor(op["probs"], dtype=torch.float32)
            outs.append(tensor_entry(i, "indices", torch.multinomial(p, op["num_samples"], op["replacement"])))
    return outs


def write(name, kind, desc, tol, inputs, expected, notes=""):
    d = {"name": name, "kind": kind, "description": desc, "tolerance": tol, "inputs": inputs,
         "expected": expected, "notes": notes}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(d, f)


def rng_program(name, program, desc):
    with torch.no_grad():
        write(name, "rng", desc, 0, {"program": program}, {"outputs": run_program(program)})


rng_program("x_rng_seed7_mixed", [
    {"op": "seed", "seed": 7},
    {"op": "randn", "shape": [17], "dtype": "float32"},
    {"op": "randn", "shape": [3], "dtype": "float32"},
    {"op": "randn", "shape": [33], "dtype": "float64"},
    {"op": "rand", "shape": [4, 5], "dtype": "float64"},
    {"op": "randn", "shape": [5], "dtype": "float64"},
    {"op": "uniform_", "shape": [40], "from": -0.37, "to": 1.5, "dtype": "float32"},
    {"op": "uniform_", "shape": [9], "from": -2.0, "to": 3.0, "dtype": "float64"},
    {"op": "normal_", "shape": [21], "mean": 0.5, "std": 2.5, "dtype": "float32"},
    {"op": "normal_", "shape": [7], "mean": -1.0, "std": 0.3, "dtype": "float32"},
    {"op": "exponential_", "n": 12, "lambd": 1.5, "dtype": "float32"},
    {"op": "exponential_", "n": 5, "lambd": 0.5, "dtype": "float64"},
], "mixed ops: vector and scalar normal paths, float64, uniform_ with FMA, normal_, exponential_")
rng_program("x_rng_seed_neg1_modules", [
    {"op": "seed", "seed": -1},
    {"op": "linear", "in": 7, "out": 5, "bias": True},
    {"op": "linear", "in": 16, "out": 3, "bias": False},
    {"op": "mha_init", "embed_dim": 12, "num_heads": 3},
    {"op": "embedding", "num": 1000, "dim": 7},
    {"op": "randn", "shape": [2, 3], "dtype": "float32"},
], "seed -1 (two's complement): Linear, MultiheadAttention init, a large Embedding (crc32 path)")
rng_program("x_rng_seed99_multinomial", [
    {"op": "seed", "seed": 99},
    {"op": "multinomial", "probs": [0.1, 0.2, 0.3, 0.4], "num_samples": 2, "replacement": False},
    {"op": "multinomial", "probs": [0.1, 0.2, 0.3, 0.4], "num_samples": 6, "replacement": True},
    {"op": "multinomial", "probs": [0.0, 5.0, 1.0, 0.0, 2.0], "num_samples": 1, "replacement": False},
    {"op": "multinomial", "probs": [0.0, 5.0, 1.0, 0.0, 2.0], "num_samples": 3, "replacement": True},
    {"op": "multinomial", "probs": [[0.5, 0.5, 0.0], [0.1, 0.1, 0.8]], "num_samples": 2, "replacement": False},
    {"op": "multinomial", "probs": [[0.5, 0.5, 0.0], [0.1, 0.1, 0.8]], "num_samples": 4, "replacement": True},
], "multinomial with and without replacement, unnormalised and 2-D")

# single-head attention: key padding mask + a custom mask with a fully masked row
torch.manual_seed(5)
X, Wq, Wk, Wv = torch.randn(6, 4), torch.randn(4, 3), torch.randn(4, 3), torch.randn(4, 7)
mask = torch.zeros(6, 6, dtype=torch.bool)
mask[0, :] = True
mask[2, 3] = True
kpm = torch.tensor([False, False, False, False, True, True])
full = mask | kpm.unsqueeze(0)
Q, K, V = X @ Wq, X @ Wk, X @ Wv
raw = Q @ K.T
scaled = raw / 3 ** 0.5
masked = scaled.masked_fill(full, float("-inf"))
w = torch.softmax(masked, -1)
write("x_attn_kpm_seed5", "attention_single_head", "single head with a custom mask (row 0 fully masked -> NaN) and key padding",
      1e-5, {"X": tolist(X), "W_q": tolist(Wq), "W_k": tolist(Wk), "W_v": tolist(Wv), "d_k": 3, "scale": 1 / math.sqrt(3),
             "mask": tolist(mask), "key_padding_mask": tolist(kpm)},
      {"Q": tolist(Q), "K": tolist(K), "V": tolist(V), "scores_raw": tolist(raw), "scores_scaled": tolist(scaled),
       "scores_masked": tolist(masked), "weights": tolist(w), "context": tolist(w @ V)})

# attention temperature
torch.manual_seed(11)
S, V2 = torch.randn(4, 4) * 2, torch.randn(4, 3)
causal = torch.triu(torch.ones(4, 4, dtype=torch.bool), 1)
by = []
for T in [0.25, 1.0, 3.0]:
    wt = torch.softmax(S.masked_fill(causal, float("-inf")) / T, -1)
    by.append({"temperature": T, "weights": tolist(wt), "context": tolist(wt @ V2)})
write("x_attn_temperature_seed11", "attention_temperature", "causal softmax at three temperatures", 1e-5,
      {"scores_scaled": tolist(S), "V": tolist(V2), "temperatures": [0.25, 1.0, 3.0], "mask": tolist(causal)},
      {"by_temperature": by})

# multi-head: batch of 2, attn_mask and key padding
torch.manual_seed(3)
E, H, L, B = 12, 3, 4, 2
mha = torch.nn.MultiheadAttention(E, H, batch_first=True)
with torch.no_grad():
    mha.in_proj_bias.uniform_(-0.5, 0.5)
    mha.out_proj.bias.uniform_(-0.5, 0.5)
x = torch.randn(B, L, E)
am = torch.triu(torch.ones(L, L, dtype=torch.bool), 1)
kp = torch.tensor([[False, False, False, True], [False, False, False, False]])
with torch.no_grad():
    out, wts = mha(x, x, x, attn_mask=am, key_padding_mask=kp, need_weights=True, average_attn_weights=False)
    _, avg = mha(x, x, x, attn_mask=am, key_padding_mask=kp, need_weights=True, average_attn_weights=True)
    qkv = x @ mha.in_proj_weight.T + mha.in_proj_bias
    q, k, v = qkv.split(E, -1)
    split = lambda t: t.reshape(B, L, H, E // H).transpose(1, 2)
    q, k, v = split(q), split(k), split(v)
    qs = q / math.sqrt(E // H)
    full = am.unsqueeze(0).unsqueeze(0) | kp.unsqueeze(1).unsqueeze(2)
    sc = (qs @ k.transpose(-1, -2)).masked_fill(full, float("-inf"))
    ctx = torch.softmax(sc, -1) @ v
    cat = ctx.transpose(1, 2).reshape(B, L, E)
sd = mha.state_dict()
write("x_mha_e12_h3_b2_masks", "multi_head_attention", "MultiheadAttention(12, 3), batch 2, causal attn_mask + key padding", 1e-5,
      {"embed_dim": E, "num_heads": H, "head_dim": E // H, "batch_size": B, "seq_len": L, "batch_first": True,
       "x": tolist(x), "in_proj_weight": tolist(sd["in_proj_weight"]), "in_proj_bias": tolist(sd["in_proj_bias"]),
       "out_proj_weight": tolist(sd["out_proj.weight"]), "out_proj_bias": tolist(sd["out_proj.bias"]),
       "attn_mask": tolist(am), "key_padding_mask": tolist(kp)},
      {"output": tolist(out), "attn_weights": tolist(wts), "attn_weights_avg": tolist(avg),
       "intermediates": {"q": tolist(q), "k": tolist(k), "v": tolist(v), "q_scaled": tolist(qs), "scores_masked": tolist(sc),
                         "context_heads": tolist(ctx), "context_concat": tolist(cat)}})

# sampling
logits = torch.tensor([0.3, -1.2, 4.0, 3.9, 0.0, 2.2, -0.7])
by = []
for T in [0.05, 0.5, 1.0, 2.0]:
    p = torch.softmax(logits / T, -1)
    top = torch.topk(logits, 4)
    masked = torch.full_like(logits, float("-inf"))
    masked[top.indices] = logits[top.indices]
    by.append({"temperature": T, "probs": tolist(p), "topk_probs": tolist(torch.softmax(masked / T, -1))})
top = torch.topk(logits, 4)
write("x_sampling_logits7_topk4", "sampling_distribution", "7 logits, top-4", 1e-5,
      {"logits": tolist(logits), "temperatures": [0.05, 0.5, 1.0, 2.0], "top_k": 4},
      {"argmax": int(torch.argmax(logits)), "topk_indices": top.indices.tolist(), "topk_logits": tolist(top.values),
       "by_temperature": by})

# pipeline with another prompt, seed and sizes
prompt = "the quick brown fox jumps over the lazy dog The end"
vocab = {s.lower(): i for i, s in enumerate(sorted(prompt.split(" ")))}
ids = [vocab[s.lower()] for s in prompt.split(" ")]
torch.manual_seed(2024)
emb = torch.nn.Embedding(3000, 4)
wq, wk, wv = torch.rand(4, 5), torch.rand(4, 5), torch.rand(4, 6)
with torch.no_grad():
    X = emb(torch.tensor(ids))
    Q, K, V = X @ wq, X @ wk, X @ wv
    raw = Q @ K.T
    sc = raw / 5 ** 0.5
    w = torch.softmax(sc, -1)
    ew = emb.weight
    write("x_pipeline_fox_seed2024", "pipeline", "another prompt, seed 2024, Embedding(3000, 4)", 1e-5,
          {"prompt": prompt, "seed": 2024, "vocab_size": 3000, "embed_dim": 4, "d_q": 5, "d_k": 5, "d_v": 6,
           "program": [{"op": "seed", "seed": 2024}, {"op": "embedding", "num": 3000, "dim": 4},
                       {"op": "rand", "shape": [4, 5], "dtype": "float32"}, {"op": "rand", "shape": [4, 5], "dtype": "float32"},
                       {"op": "rand", "shape": [4, 6], "dtype": "float32"}]},
          {"vocab": vocab, "tokens": ids, "embedding_weight_rows_0_to_9": tolist(ew[:10]),
           "embedding_weight_rows_0_to_9_bits": bits(ew[:10]), "embedding_weight_crc32": crc(ew),
           "mt_draws_consumed_by_embedding": 12000, "token_embedding": tolist(X), "token_embedding_bits": bits(X),
           "w_query": tolist(wq), "w_query_bits": bits(wq), "w_key": tolist(wk), "w_key_bits": bits(wk),
           "w_value": tolist(wv), "w_value_bits": bits(wv), "Q": tolist(Q), "K": tolist(K), "V": tolist(V),
           "scores_raw": tolist(raw), "scores_scaled": tolist(sc), "weights": tolist(w), "context": tolist(w @ V)})
print("wrote", len(os.listdir(OUT)), "files to", OUT)
