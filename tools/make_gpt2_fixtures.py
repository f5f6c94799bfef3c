#!/usr/bin/python3
"""Reference numbers for GPT-2, computed independently of AttentionLab.

1. GPT-2's byte-level BPE, written here after OpenAI's encoder.py (the pre-split through
   python3-regex, bytes_to_unicode, merges lowest rank first), over the bundled encoder.json and
   vocab.bpe: the ids of a list of tricky strings.
2. A tiny random GPT-2 in exactly the Hugging Face layout (config.json, model.safetensors with the
   real tensor names, Conv1D weights stored [in, out], the attn.bias / attn.masked_bias buffers, the
   real 50,257-piece vocabulary; 2 layers, 2 heads, width 8), and a second variant with the
   "transformer." prefix, an explicit lm_head.weight and F16 tensors. The forward pass is written out
   in PyTorch below (not Hugging Face's code): every layer's and head's attention weights and the
   next-token logits at the last position, saved as a safetensors file of F32 references.

    /usr/bin/python3 tools/make_gpt2_fixtures.py   # writes src/test/resources/fixtures-gpt2/
"""
import json
import math
import os
import struct

import regex
import torch

ROOT = os.path.join(os.path.dirname(__file__), "..")
VOCAB = os.path.join(ROOT, "src", "main", "resources", "dev", "attentionlab", "gpt2")
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures-gpt2")

TOKENIZER_STRINGS = [
    "Hello world", " leading space", "trailing space ", "double  space", "  two leading", "tabs\tand\nnewlines\r\n",
    "\n\n\nthree newlines", "it's, I'm, we've, they'll, she'd, you're, don't", "IT'S LOUD", "“curly quotes” and ‘single’",
    "déjà vu, naïve, Ångström", "日本語のテキスト", "中文字符和English混合", "emoji 👍🏽 and family 👨‍👩‍👧 and flag 🇫🇷",
    "digits 3.14159 and 1,000,000 and 2024-12-07", "https://example.com/path?q=1&x=y#frag", "a" * 10000,
    "tab\tsep\tvalues", "Ĭ weird ĭ letters", "mixed123numbers456", "   ", "", "x", "!!!???...",
    "The animal didn't cross the street because it was too tired.",
]
PROMPTS = ["The animal didn't cross the street because it was too tired.", "Hello world, hello world, hello"]


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


class Encoder:
    PAT = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")

    def __init__(self, encoder, merges):
        self.encoder = encoder
        self.ranks = {tuple(m): i for i, m in enumerate(merges)}
        self.byte_encoder = bytes_to_unicode()

    def bpe(self, token):
        word = tuple(token)
        while len(word) > 1:
            pairs = {(word[i], word[i + 1]) for i in range(len(word) - 1)}
            bigram = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if bigram not in self.ranks:
                break
            first, second = bigram
            new, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and word[i] == first and word[i + 1] == second:
                    new.append(first + second)
                    i += 2
                else:
                    new.append(word[i])
                    i += 1
            word = tuple(new)
        return word

    def encode(self, text):
        pieces = []
        for token in regex.findall(self.PAT, text):
            spelled = "".join(self.byte_encoder[b] for b in token.encode("utf-8"))
            pieces.extend(self.bpe(spelled))
        return pieces, [self.encoder[p] for p in pieces]


def write_safetensors(path, tensors, dtype=torch.float32):
    names = list(tensors)
    header, blobs, offset = {}, [], 0
    for name in names:
        t = tensors[name].detach().to(dtype).contiguous()
        raw = t.numpy().tobytes() if dtype != torch.bfloat16 else t.view(torch.int16).numpy().tobytes()
        header[name] = {"dtype": {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16"}[dtype],
                        "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * ((8 - len(head) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)


def tiny_gpt2(cfg, seed):
    """State dict of a random GPT-2 with the Hugging Face names (Conv1D weights [in, out])."""
    g = torch.Generator().manual_seed(seed)
    d, v, p = cfg["n_embd"], cfg["vocab_size"], cfg["n_positions"]

    def rnd(*shape, std=0.2):
        return torch.randn(*shape, generator=g) * std

    sd = {"wte.weight": rnd(v, d), "wpe.weight": rnd(p, d)}
    for l in range(cfg["n_layer"]):
        h = f"h.{l}."
        sd[h + "ln_1.weight"] = 1 + rnd(d, std=0.1)
        sd[h + "ln_1.bias"] = rnd(d, std=0.1)
        sd[h + "attn.c_attn.weight"] = rnd(d, 3 * d)
        sd[h + "attn.c_attn.bias"] = rnd(3 * d, std=0.1)
        sd[h + "attn.c_proj.weight"] = rnd(d, d)
        sd[h + "attn.c_proj.bias"] = rnd(d, std=0.1)
        sd[h + "ln_2.weight"] = 1 + rnd(d, std=0.1)
        sd[h + "ln_2.bias"] = rnd(d, std=0.1)
        sd[h + "mlp.c_fc.weight"] = rnd(d, 4 * d)
        sd[h + "mlp.c_fc.bias"] = rnd(4 * d, std=0.1)
        sd[h + "mlp.c_proj.weight"] = rnd(4 * d, d)
        sd[h + "mlp.c_proj.bias"] = rnd(d, std=0.1)
        # The buffers real checkpoints carry: the causal mask and its fill.
        sd[h + "attn.bias"] = torch.tril(torch.ones(p, p)).view(1, 1, p, p)
        sd[h + "attn.masked_bias"] = torch.tensor(-1e4)
    sd["ln_f.weight"] = 1 + rnd(d, std=0.1)
    sd["ln_f.bias"] = rnd(d, std=0.1)
    return sd


def gelu_new(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    return (x - mu) / torch.sqrt(var + eps) * w + b


def forward(sd, cfg, ids):
    """GPT-2's forward pass: returns each layer's attention weights [heads, T, T] and the last position's logits."""
    d, nh, eps = cfg["n_embd"], cfg["n_head"], cfg["layer_norm_epsilon"]
    t = len(ids)
    x = sd["wte.weight"][ids] + sd["wpe.weight"][:t]
    weights = []
    causal = torch.tril(torch.ones(t, t, dtype=torch.bool))
    for l in range(cfg["n_layer"]):
        h = f"h.{l}."
        a = layer_norm(x, sd[h + "ln_1.weight"], sd[h + "ln_1.bias"], eps)
        qkv = a @ sd[h + "attn.c_attn.weight"] + sd[h + "attn.c_attn.bias"]
        q, k, v = qkv.split(d, dim=-1)
        hd = d // nh
        q = q.view(t, nh, hd).transpose(0, 1)
        k = k.view(t, nh, hd).transpose(0, 1)
        v = v.view(t, nh, hd).transpose(0, 1)
        s = q @ k.transpose(-1, -2) / math.sqrt(hd)
        s = s.masked_fill(~causal, float("-inf"))
        w = torch.softmax(s, dim=-1)
        weights.append(w)
        z = (w @ v).transpose(0, 1).reshape(t, d)
        x = x + z @ sd[h + "attn.c_proj.weight"] + sd[h + "attn.c_proj.bias"]
        m = layer_norm(x, sd[h + "ln_2.weight"], sd[h + "ln_2.bias"], eps)
        m = gelu_new(m @ sd[h + "mlp.c_fc.weight"] + sd[h + "mlp.c_fc.bias"])
        x = x + m @ sd[h + "mlp.c_proj.weight"] + sd[h + "mlp.c_proj.bias"]
    x = layer_norm(x, sd["ln_f.weight"], sd["ln_f.bias"], eps)
    return weights, x[-1] @ sd["wte.weight"].T


def main():
    torch.set_num_threads(1)
    encoder = json.load(open(os.path.join(VOCAB, "encoder.json"), encoding="utf-8"))
    merges = [tuple(line.split()) for line in open(os.path.join(VOCAB, "vocab.bpe"), encoding="utf-8").read().split("\n")[1:] if line]
    enc = Encoder(encoder, merges)
    os.makedirs(OUT, exist_ok=True)

    cases = []
    for s in TOKENIZER_STRINGS:
        pieces, ids = enc.encode(s)
        cases.append({"text": s, "ids": ids} if len(s) > 200 else {"text": s, "pieces": pieces, "ids": ids})
    json.dump(cases, open(os.path.join(OUT, "tokenizer.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)

    cfg = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "n_layer": 2, "n_head": 2, "n_embd": 8,
           "n_positions": 32, "n_ctx": 32, "vocab_size": len(encoder), "layer_norm_epsilon": 1e-5,
           "activation_function": "gelu_new"}
    sd = {k: v.float() for k, v in tiny_gpt2(cfg, seed=7).items()}

    plain = os.path.join(OUT, "tiny-gpt2")
    os.makedirs(plain, exist_ok=True)
    json.dump(cfg, open(os.path.join(plain, "config.json"), "w"), indent=2)
    write_safetensors(os.path.join(plain, "model.safetensors"), sd)
    for name, src in (("vocab.json", "encoder.json"), ("merges.txt", "vocab.bpe")):
        with open(os.path.join(VOCAB, src), "rb") as f, open(os.path.join(plain, name), "wb") as g:
            g.write(f.read())

    # The second variant: "transformer." names, an explicit lm_head.weight, F16 numbers; no vocabulary files.
    half = {k: v.half().float() for k, v in sd.items()}
    variant = os.path.join(OUT, "tiny-gpt2-f16")
    os.makedirs(variant, exist_ok=True)
    json.dump(cfg, open(os.path.join(variant, "config.json"), "w"), indent=2)
    named = {"transformer." + k: v for k, v in half.items()}
    named["lm_head.weight"] = half["wte.weight"]
    write_safetensors(os.path.join(variant, "model.safetensors"), named, torch.float16)

    refs = {}
    with torch.no_grad():
        for tag, weights_sd in (("f32", sd), ("f16", half)):
            for p, prompt in enumerate(PROMPTS):
                _, ids = enc.encode(prompt)
                weights, logits = forward(weights_sd, cfg, ids)
                refs[f"{tag}.p{p}.ids"] = torch.tensor([ids], dtype=torch.float32)
                refs[f"{tag}.p{p}.logits"] = logits.view(1, -1)
                for l, w in enumerate(weights):
                    for h in range(w.shape[0]):
                        refs[f"{tag}.p{p}.l{l}.h{h}.weights"] = w[h]
    write_safetensors(os.path.join(OUT, "references.safetensors"), refs)
    print("wrote", OUT, "with", len(cases), "tokenizer cases and", len(refs), "reference tensors")


if __name__ == "__main__":
    main()
