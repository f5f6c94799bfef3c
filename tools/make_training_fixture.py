#!/usr/bin/env python3
"""One training step of AttentionLab's tiny language model, computed by PyTorch.

The model is written out functionally so its parameters have exactly the engine's names, shapes and
layout (x·W, not nn.Linear's W·x): token + learned position embedding, pre-LayerNorm blocks of causal
multi-head attention and a GELU (tanh) MLP, a final LayerNorm and the token embedding reused as the
output projection. Initialisation draws normal_ in parameter order from torch.manual_seed(seed), which
the engine's torch-compatible generator reproduces bit for bit.

    ATEN_CPU_CAPABILITY=avx2 /usr/bin/python3 tools/make_training_fixture.py \
        src/test/resources/training/train_step.json
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

torch.set_num_threads(1)

CFG = dict(vocab=7, d_model=8, heads=2, layers=2, context=6)
SEED = 7
LR = 3e-3
CLIP = 1.0
TOKENS = [[0, 3, 1, 4, 1, 5, 2], [6, 5, 3, 5, 0, 2, 1]]  # two sequences of context + 1


def spec(c):
    """(name, shape, init) in the engine's order: init is a std for normal_, 'ones' or 'zeros'."""
    d, v, t, layers = c["d_model"], c["vocab"], c["context"], c["layers"]
    proj = 0.02 / math.sqrt(2 * layers)
    out = [("tok_emb", [v, d], 0.02), ("pos_emb", [t, d], 0.02)]
    for l in range(layers):
        p = f"blocks.{l}."
        out += [
            (p + "ln1.weight", [d], "ones"), (p + "ln1.bias", [d], "zeros"),
            (p + "attn.w_q", [d, d], 0.02), (p + "attn.b_q", [d], "zeros"),
            (p + "attn.w_k", [d, d], 0.02), (p + "attn.b_k", [d], "zeros"),
            (p + "attn.w_v", [d, d], 0.02), (p + "attn.b_v", [d], "zeros"),
            (p + "attn.w_o", [d, d], proj), (p + "attn.b_o", [d], "zeros"),
            (p + "ln2.weight", [d], "ones"), (p + "ln2.bias", [d], "zeros"),
            (p + "mlp.w_1", [d, 4 * d], 0.02), (p + "mlp.b_1", [4 * d], "zeros"),
            (p + "mlp.w_2", [4 * d, d], proj), (p + "mlp.b_2", [d], "zeros"),
        ]
    out += [("ln_f.weight", [d], "ones"), ("ln_f.bias", [d], "zeros")]
    return out


def init(c, seed):
    torch.manual_seed(seed)
    params = {}
    for name, shape, how in spec(c):
        t = torch.empty(shape)
        if how == "ones":
            t.fill_(1.0)
        elif how == "zeros":
            t.fill_(0.0)
        else:
            t.normal_(0.0, how)
        params[name] = t.requires_grad_()
    return params


def forward(p, c, idx):
    b, t = idx.shape
    d, h = c["d_model"], c["heads"]
    dk = d // h
    x = p["tok_emb"][idx] + p["pos_emb"][:t]
    causal = torch.triu(torch.ones(t, t, dtype=torch.bool), 1)
    for l in range(c["layers"]):
        q = f"blocks.{l}."
        a = F.layer_norm(x, (d,), p[q + "ln1.weight"], p[q + "ln1.bias"], 1e-5)
        Q = (a @ p[q + "attn.w_q"] + p[q + "attn.b_q"]).view(b, t, h, dk).transpose(1, 2)
        K = (a @ p[q + "attn.w_k"] + p[q + "attn.b_k"]).view(b, t, h, dk).transpose(1, 2)
        V = (a @ p[q + "attn.w_v"] + p[q + "attn.b_v"]).view(b, t, h, dk).transpose(1, 2)
        s = (Q @ K.transpose(-2, -1)) / math.sqrt(dk)
        w = torch.softmax(s.masked_fill(causal, float("-inf")), dim=-1)
        ctx = (w @ V).transpose(1, 2).reshape(b, t, d)
        x = x + ctx @ p[q + "attn.w_o"] + p[q + "attn.b_o"]
        m = F.layer_norm(x, (d,), p[q + "ln2.weight"], p[q + "ln2.bias"], 1e-5)
        hid = F.gelu(m @ p[q + "mlp.w_1"] + p[q + "mlp.b_1"], approximate="tanh")
        x = x + hid @ p[q + "mlp.w_2"] + p[q + "mlp.b_2"]
    x = F.layer_norm(x, (d,), p["ln_f.weight"], p["ln_f.bias"], 1e-5)
    return x @ p["tok_emb"].t()


def flat(params, attr=None):
    return {n: (t.grad if attr == "grad" else t).detach().reshape(-1).tolist() for n, t in params.items()}


def main():
    c = CFG
    params = init(c, SEED)
    initial = flat(params)
    data = torch.tensor(TOKENS)
    inputs, targets = data[:, :-1], data[:, 1:]
    opt = torch.optim.Adam(params.values(), lr=LR)

    logits = forward(params, c, inputs)
    loss = F.cross_entropy(logits.reshape(-1, c["vocab"]), targets.reshape(-1))
    loss.backward()
    grads = flat(params, "grad")
    norm = torch.nn.utils.clip_grad_norm_(list(params.values()), CLIP)
    opt.step()
    updated = flat(params)

    opt.zero_grad()
    loss2 = F.cross_entropy(forward(params, c, inputs).reshape(-1, c["vocab"]), targets.reshape(-1))
    loss2.backward()
    torch.nn.utils.clip_grad_norm_(list(params.values()), CLIP)
    opt.step()

    out = dict(
        source="tools/make_training_fixture.py, torch " + torch.__version__,
        config=c, seed=SEED, lr=LR, clip=CLIP, tokens=TOKENS,
        names=[n for n, _, _ in spec(c)], shapes=[s for _, s, _ in spec(c)],
        initial=initial, loss=loss.item(), grad_norm=norm.item(), grads=grads, updated=updated,
        loss_after_step=loss2.item(), updated_twice=flat(params),
    )
    with open(sys.argv[1], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
