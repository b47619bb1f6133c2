#!/usr/bin/python3
"""The PyTorch side of the LoRA-step benchmark (docs/benchmarks.md).

Reads what `LoraStepBenchmark prepare` wrote (HF config.json + model.safetensors, the initial
PEFT adapter, data.json with the batches of every step) and runs exactly the same steps as the
Java trainer: Llama forward (RMSNorm, rotate-half RoPE, GQA, SwiGLU, additive causal mask),
answer-only cross-entropy, backward, global-norm clipping, AdamW (weight decay 0) with linear
warm-up + cosine schedule. Writes result-python.json next to the inputs.
"""
import json
import math
import os
import struct
import sys
import time

import torch
import torch.nn.functional as F

DIR = sys.argv[1]
threads = int(os.environ.get("OMP_NUM_THREADS", "2"))
torch.set_num_threads(threads)
torch.set_num_interop_threads(1)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        base = 8 + n
        out = {}
        for name, info in header.items():
            if name == "__metadata__":
                continue
            assert info["dtype"] == "F32"
            begin, end = info["data_offsets"]
            f.seek(base + begin)
            buf = bytearray(f.read(end - begin))
            out[name] = torch.frombuffer(buf, dtype=torch.float32).reshape(info["shape"]).clone()
        return out


cfg = json.load(open(os.path.join(DIR, "model", "config.json")))
W = read_safetensors(os.path.join(DIR, "model", "model.safetensors"))
acfg = json.load(open(os.path.join(DIR, "adapter", "adapter_config.json")))
A = read_safetensors(os.path.join(DIR, "adapter", "adapter_model.safetensors"))
data = json.load(open(os.path.join(DIR, "data.json")))
H, NH, KV, HD = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
EPS, THETA = cfg["rms_norm_eps"], cfg["rope_theta"]
SCALE = acfg["lora_alpha"] / acfg["r"]
lora = {}
for name, t in A.items():
    t.requires_grad_(True)
    lora[name] = t
for t in W.values():
    t.requires_grad_(False)


def proj(x, module):
    y = F.linear(x, W[module + ".weight"])
    a = lora.get("base_model.model." + module + ".lora_A.weight")
    if a is not None:
        b = lora["base_model.model." + module + ".lora_B.weight"]
        y = y + F.linear(F.linear(x, a), b) * SCALE
    return y


def rms(x, w):
    return x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + EPS) * w


def rotate(x, cos, sin):
    half = x.shape[-1] // 2
    return x * cos + torch.cat((-x[..., half:], x[..., :half]), -1) * sin


def forward(tokens):
    b, t = tokens.shape
    x = F.embedding(tokens, W["model.embed_tokens.weight"])
    inv = 1.0 / (THETA ** (torch.arange(0, HD, 2, dtype=torch.float64) / HD))
    ang = torch.arange(t, dtype=torch.float64)[:, None] * inv[None, :]
    emb = torch.cat((ang, ang), -1)
    cos, sin = emb.cos().float(), emb.sin().float()
    mask = torch.full((t, t), -1e9).triu(1)
    for i in range(cfg["num_hidden_layers"]):
        p = "model.layers.%d." % i
        h = rms(x, W[p + "input_layernorm.weight"])
        q = proj(h, p + "self_attn.q_proj").view(b, t, NH, HD).transpose(1, 2)
        k = proj(h, p + "self_attn.k_proj").view(b, t, KV, HD).transpose(1, 2)
        v = proj(h, p + "self_attn.v_proj").view(b, t, KV, HD).transpose(1, 2)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        k = k.repeat_interleave(NH // KV, dim=1)
        v = v.repeat_interleave(NH // KV, dim=1)
        s = q @ k.transpose(-1, -2) / math.sqrt(HD) + mask
        ctx = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, NH * HD)
        x = x + proj(ctx, p + "self_attn.o_proj")
        h = rms(x, W[p + "post_attention_layernorm.weight"])
        g = proj(h, p + "mlp.gate_proj")
        x = x + proj(F.silu(g) * proj(h, p + "mlp.up_proj"), p + "mlp.down_proj")
    x = rms(x, W["model.norm.weight"])
    return F.linear(x, W["lm_head.weight"])


tr = data["training"]


def lr_at(step):
    if tr["warmup"] > 0 and step <= tr["warmup"]:
        return tr["lr"] * step / tr["warmup"]
    progress = min(1.0, (step - tr["warmup"]) / max(1, tr["total"] - tr["warmup"]))
    return tr["lr"] * (tr["min_lr_ratio"] + (1 - tr["min_lr_ratio"]) * 0.5 * (1 + math.cos(math.pi * progress)))


opt = torch.optim.AdamW(list(lora.values()), lr=tr["lr"], betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
seqs = data["sequences"]
P = data["prompt_length"]
losses, step_ms, tokens_per_step = [], [], 0
for step, batch in enumerate(data["order"], start=1):
    t0 = time.perf_counter()
    for g in opt.param_groups:
        g["lr"] = lr_at(step)
    tokens = torch.tensor([seqs[i] for i in batch], dtype=torch.long)
    logits = forward(tokens)
    logp = logits[:, :-1].log_softmax(-1)
    labels = tokens[:, 1:]
    mask = torch.zeros_like(labels, dtype=torch.float32)
    mask[:, P - 1:] = 1.0
    picked = logp.gather(-1, labels.unsqueeze(-1)).squeeze(-1)
    loss = -(picked * mask).sum() / mask.sum()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(list(lora.values()), tr["max_grad_norm"])
    opt.step()
    opt.zero_grad(set_to_none=False)
    dt = time.perf_counter() - t0
    losses.append(loss.item())
    if step >= tr["measure_from"]:
        step_ms.append(dt * 1000)
        tokens_per_step = tokens.numel()
    print("step %d loss %.4f %.0f ms" % (step, loss.item(), dt * 1000), flush=True)

peak = -1.0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1]) / 1024.0
result = {
    "impl": "PyTorch %s (Python)" % torch.__version__,
    "tokens_per_step": tokens_per_step,
    "median_step_ms": sorted(step_ms)[len(step_ms) // 2],
    "best_step_ms": min(step_ms),
    "tokens_per_s_median": tokens_per_step / (sorted(step_ms)[len(step_ms) // 2] / 1000),
    "tokens_per_s_best": tokens_per_step / (min(step_ms) / 1000),
    "step_ms": step_ms,
    "peak_rss_mb": peak,
    "losses": losses,
}
json.dump(result, open(os.path.join(DIR, "result-python.json"), "w"), indent=2)
print(json.dumps(result, indent=2))
