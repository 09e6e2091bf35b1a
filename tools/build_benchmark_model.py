"""Build the benchmark model: an en→uk Argos package of the shape of published Argos models.

Published Argos Translate packages are OpenNMT-py Transformers converted to CTranslate2:
pre-norm layers, sinusoidal positions, shared SentencePiece vocabulary, int8 weights. This
script trains one of the same shape (6 encoder + 6 decoder layers, d_model 512, 8 heads,
FFN 2048, an 8k SentencePiece vocabulary) just long enough that its decoding cost is
realistic: its outputs are about as long as its inputs. Translation quality does not matter
for throughput figures, so the task is the easiest one that makes the model attend to every
source token and stop at the right place: copying English to itself. Beam search, the
KV caches and the output projection then cost what they cost in a real model.

Recipe (see BENCHMARKS.md for what failed before it):
- our own PyTorch Transformer written to map 1:1 onto ``ctranslate2.specs.TransformerSpec``
  (pre-norm, final layer norms, tied input/output embeddings, sqrt(d) embedding scale,
  sinusoidal positions), no dropout, no label smoothing;
- copy task on English news sentences that are NOT used by the benchmarks (WMT22/23/24
  English sides; the benchmarks read NTREX and FLORES);
- curriculum: short random slices first, then whole sentences;
- AdamW, a high peak learning rate with a short warm-up, gradient clipping.

The package is cached under ``platformdirs.user_cache_dir("translator")/benchmark-model/``
keyed by a hash of the recipe, so re-runs reuse it. It is never committed (tens of MB).

Usage::

    python tools/build_benchmark_model.py            # build if not cached; print the path
    python tools/build_benchmark_model.py --force    # rebuild
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import logging
import math
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

log = logging.getLogger("build_benchmark_model")

REPO = Path(__file__).resolve().parent.parent
EVAL_DIR = REPO.parent / "shared" / "eval"

# Training text: WMT English sides. The benchmarks read NTREX and FLORES, so the model
# never sees the sentences it is measured on.
TRAIN_FILES = ("wmt22.en-uk.en", "wmt23.en-uk.en", "wmt24.en-uk.en")
# The tokenizer is trained on both languages so it can encode English and decode Cyrillic,
# like a joint Argos SentencePiece model.
TOKENIZER_FILES = TRAIN_FILES + ("wmt22.en-uk.uk", "wmt23.en-uk.uk", "wmt24.en-uk.uk")
# Held-out sentences for the length check.
CHECK_FILE = "ntrex128.en"

# x86 CPU flags (Linux /proc/cpuinfo) of native bf16 arithmetic. Without one, PyTorch
# emulates bf16 autocast on the CPU: measured ~400x slower than fp32 on a 2-core EPYC
# without them (244 s for 10 steps against 0.65 s a step), while native bf16 gains only
# ~1.7x. So fp32 is the safe default and bf16 is used only where a flag says it is native.
BF16_FLAGS = ("avx512_bf16", "amx_bf16")


def cpu_bf16_flags(cpuinfo: str | None = None) -> list[str]:
    """The native-bf16 flags this CPU reports (``cpuinfo``: the text of /proc/cpuinfo,
    read when not given); empty where there is no /proc/cpuinfo (macOS, Windows).

    >>> cpu_bf16_flags("flags\t: fpu avx2 avx512f avx512_bf16 avx512_vnni\n")
    ['avx512_bf16']
    >>> cpu_bf16_flags("flags\t: fpu avx2 avx512f avx512_vnni\n")
    []
    """
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
    flags = next((line.split(":", 1)[1].split() for line in cpuinfo.splitlines()
                  if line.startswith("flags") and ":" in line), [])
    return [flag for flag in BF16_FLAGS if flag in flags]


def cpu_has_bf16() -> bool:
    """Whether bf16 autocast runs natively here (see ``BF16_FLAGS``)."""
    return bool(cpu_bf16_flags())


@dataclasses.dataclass(frozen=True)
class Recipe:
    """Everything that determines the model; its hash names the cache entry."""

    vocab_size: int = 8000
    d_model: int = 512
    heads: int = 8
    ffn: int = 2048
    encoder_layers: int = 6
    decoder_layers: int = 6
    # seed model: this many layers per stack, trained through the curriculum ``phases``
    # ((steps, max tokens per example), ...), then grown to full depth and fine-tuned
    seed_layers: int = 1
    phases: tuple[tuple[int, int], ...] = ((150, 8), (150, 24), (200, 64), (250, 128))
    batch_tokens: int = 600
    lr: float = 1e-3
    warmup: int = 30
    grow_phases: tuple[tuple[int, int], ...] = ((60, 128),)
    grow_lr: float = 3e-4
    grow_warmup: int = 10
    random_fraction: float = 0.1
    align_weight: float = 1.0
    # bf16 autocast where the CPU has it natively, fp32 elsewhere; part of the cache key, as
    # the weights differ slightly
    bf16: bool = dataclasses.field(default_factory=cpu_has_bf16)
    seed: int = 1
    version: int = 1

    def key(self) -> str:
        blob = json.dumps(dataclasses.asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("translator")) / "benchmark-model"


def package_path(recipe: Recipe, cache_dir: Path | None = None) -> Path:
    folder = (cache_dir or default_cache_dir()) / recipe.key()
    return folder / "translate-en_uk-benchmark.argosmodel"


# --------------------------------------------------------------------------------------------
# Data


def read_lines(eval_dir: Path, names: Sequence[str]) -> list[str]:
    lines: list[str] = []
    for name in names:
        path = eval_dir / "parallel" / name
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("CANARY"):
                lines.append(line)
    return lines


def train_tokenizer(eval_dir: Path, vocab_size: int, out_prefix: Path) -> Path:
    import sentencepiece as spm

    text = read_lines(eval_dir, TOKENIZER_FILES)
    corpus = out_prefix.with_suffix(".txt")
    corpus.write_text("\n".join(text) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(out_prefix), vocab_size=vocab_size,
        model_type="unigram", character_coverage=0.9995, unk_id=0, bos_id=1, eos_id=2,
        pad_id=-1, input_sentence_size=200_000, shuffle_input_sentence=True,
        minloglevel=2, num_threads=2,
    )
    return out_prefix.with_suffix(".model")


def examples(sentences: list[list[int]], max_len: int, rng: random.Random,
             random_fraction: float = 0.0, vocab_size: int = 0) -> Iterator[list[int]]:
    """Endless copy examples: random slices of at most ``max_len`` tokens.

    A ``random_fraction`` of them are uniformly random token sequences: on those no language
    model shortcut lowers the loss, only attending to the source does.
    """
    while True:
        if random_fraction and rng.random() < random_fraction:
            n = rng.randint(2, max_len)
            yield [rng.randrange(3, vocab_size) for _ in range(n)]
            continue
        ids = sentences[rng.randrange(len(sentences))]
        if len(ids) > max_len:
            n = rng.randint(max(2, max_len // 2), max_len)
            start = rng.randrange(len(ids) - n + 1)
            ids = ids[start:start + n]
        elif max_len <= 16 and len(ids) > 2:
            n = rng.randint(2, len(ids))
            ids = ids[:n]
        yield ids


def batches(stream: Iterator[list[int]], batch_tokens: int) -> Iterator[list[list[int]]]:
    """Groups of similar length, about ``batch_tokens`` source tokens each."""
    while True:
        pool = sorted((next(stream) for _ in range(256)), key=len)
        chunk: list[list[int]] = []
        groups = []
        for ids in pool:
            longest = max(len(ids), max((len(c) for c in chunk), default=0))
            if chunk and longest * (len(chunk) + 1) > batch_tokens:
                groups.append(chunk)
                chunk = []
            chunk.append(ids)
        if chunk:
            groups.append(chunk)
        random.Random(len(pool[0])).shuffle(groups)
        yield from groups


# --------------------------------------------------------------------------------------------
# Model: maps 1:1 onto ctranslate2.specs.TransformerSpec (pre-norm)


def build_torch_model(recipe: Recipe, vocab_size: int):
    import torch
    import torch.nn.functional as F
    from torch import nn

    d, h = recipe.d_model, recipe.heads

    class Attention(nn.Module):
        def __init__(self, self_attention: bool):
            super().__init__()
            self.self_attention = self_attention
            self.norm = nn.LayerNorm(d, eps=1e-6)
            if self_attention:
                self.qkv = nn.Linear(d, 3 * d)
            else:
                self.q = nn.Linear(d, d)
                self.kv = nn.Linear(d, 2 * d)
            self.out = nn.Linear(d, d)
            self.keep_probs = False
            self.probs = None

        def forward(self, x, memory=None, mask=None, causal=False):
            y = self.norm(x)
            b, t, _ = y.shape
            if self.self_attention:
                q, k, v = self.qkv(y).split(d, dim=-1)
            else:
                q = self.q(y)
                k, v = self.kv(memory).split(d, dim=-1)

            def heads(z):
                return z.view(b, -1, h, d // h).transpose(1, 2)

            q, k, v = heads(q), heads(k), heads(v)
            if self.keep_probs:
                # explicit softmax so the guided-alignment loss can read the weights
                scores = (q @ k.transpose(-1, -2)) / math.sqrt(d // h)
                scores = scores.masked_fill(~mask, float("-inf"))
                probs = scores.float().softmax(-1)
                self.probs = probs.mean(dim=1)  # (batch, target, source), mean over heads
                a = probs.to(v.dtype) @ v
            else:
                a = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=causal)
            return x + self.out(a.transpose(1, 2).reshape(b, t, d))

    class FeedForward(nn.Module):
        def __init__(self):
            super().__init__()
            self.norm = nn.LayerNorm(d, eps=1e-6)
            self.w1 = nn.Linear(d, recipe.ffn)
            self.w2 = nn.Linear(recipe.ffn, d)

        def forward(self, x):
            return x + self.w2(F.relu(self.w1(self.norm(x))))

    class EncoderLayer(nn.Module):
        def __init__(self):
            super().__init__()
            self.attention = Attention(True)
            self.ffn = FeedForward()

        def forward(self, x, mask):
            return self.ffn(self.attention(x, mask=mask))

    class DecoderLayer(nn.Module):
        def __init__(self):
            super().__init__()
            self.self_attention = Attention(True)
            self.cross_attention = Attention(False)
            self.ffn = FeedForward()

        def forward(self, x, memory, memory_mask):
            x = self.self_attention(x, causal=True)
            x = self.cross_attention(x, memory=memory, mask=memory_mask)
            return self.ffn(x)

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.embeddings = nn.Embedding(vocab_size, d)
            nn.init.normal_(self.embeddings.weight, std=d ** -0.5)
            self.register_buffer("positions", sinusoids(1024, d), persistent=False)
            self.encoder = nn.ModuleList(EncoderLayer() for _ in range(recipe.encoder_layers))
            self.encoder_norm = nn.LayerNorm(d, eps=1e-6)
            self.decoder = nn.ModuleList(DecoderLayer() for _ in range(recipe.decoder_layers))
            self.decoder_norm = nn.LayerNorm(d, eps=1e-6)

        def embed(self, ids):
            return self.embeddings(ids) * math.sqrt(d) + self.positions[: ids.shape[1]]

        def forward(self, src, src_pad, tgt_in):
            # key padding mask, broadcast over heads and queries: True = attend
            mask = (~src_pad)[:, None, None, :]
            x = self.embed(src)
            for layer in self.encoder:
                x = layer(x, mask)
            memory = self.encoder_norm(x)
            y = self.embed(tgt_in)
            for layer in self.decoder:
                y = layer(y, memory, mask)
            return self.decoder_norm(y) @ self.embeddings.weight.T

    def sinusoids(length: int, depth: int):
        # CTranslate2's / tensor2tensor's layout: [sin(p·t_i) | cos(p·t_i)]
        half = depth // 2
        inv = torch.exp(torch.arange(half, dtype=torch.float32) * -(math.log(10000.0) / (half - 1)))
        scaled = torch.arange(length, dtype=torch.float32)[:, None] * inv[None, :]
        return torch.cat([torch.sin(scaled), torch.cos(scaled)], dim=1)

    return Model()


def make_batch(group: list[list[int]], bos: int, eos: int):
    import torch

    n = len(group)
    src_len = max(len(ids) for ids in group) + 1
    src = torch.zeros(n, src_len, dtype=torch.long)
    src_pad = torch.ones(n, src_len, dtype=torch.bool)
    tgt_in = torch.zeros(n, src_len, dtype=torch.long)
    tgt_out = torch.full((n, src_len), -100, dtype=torch.long)
    for i, ids in enumerate(group):
        k = len(ids)
        src[i, :k + 1] = torch.tensor(ids + [eos])
        src_pad[i, :k + 1] = False
        tgt_in[i, :k + 1] = torch.tensor([bos] + ids)
        tgt_out[i, :k + 1] = torch.tensor(ids + [eos])
    return src, src_pad, tgt_in, tgt_out


def guided_alignment_loss(model, mask):
    """Cross-entropy of the cross-attention against the copy alignment (target i ↔ source i).

    Guided alignment (Garg et al., 2019; ``lambda_align`` in OpenNMT-py, ``guided-alignment``
    in Marian) supervises attention with word alignments. For copying the alignment is the
    diagonal. Without it the model sits for hundreds of steps on a plateau where it
    predicts frequent tokens and cannot stop; with it attention is right within ~50 steps
    and the rest of the network learns to copy through it.
    """
    import torch

    total = 0
    for layer in model.decoder:
        probs = layer.cross_attention.probs  # (batch, target, source); target len == source len
        diagonal = torch.diagonal(probs, dim1=1, dim2=2)
        total = total - (torch.log(diagonal.clamp_min(1e-9)) * mask).sum() / mask.sum()
    return total / len(model.decoder)


def grow(seed, recipe: Recipe, vocab_size: int):
    """The full-depth model computing exactly what ``seed`` computes.

    Each trained seed layer keeps its place at the bottom of its stack; the layers added
    above it start as identities — their residual branches' output projections (attention
    ``out``, feed-forward ``w2``) start at zero, as in ReZero/Fixup-style initialisation —
    and everything else in them starts from the usual random initialisation. Fine-tuning
    then trains every weight of the full model.
    """
    import torch

    model = build_torch_model(recipe, vocab_size)
    with torch.no_grad():
        model.embeddings.weight.copy_(seed.embeddings.weight)
        model.encoder_norm.load_state_dict(seed.encoder_norm.state_dict())
        model.decoder_norm.load_state_dict(seed.decoder_norm.state_dict())
        for stack, seed_stack in ((model.encoder, seed.encoder), (model.decoder, seed.decoder)):
            for i, layer in enumerate(stack):
                if i < len(seed_stack):
                    layer.load_state_dict(seed_stack[i].state_dict())
                    continue
                for module in layer.modules():
                    for name in ("out", "w2"):
                        linear = getattr(module, name, None)
                        if isinstance(linear, torch.nn.Linear):
                            linear.weight.zero_()
                            linear.bias.zero_()
    return model


def run_phases(model, recipe: Recipe, phases, lr: float, warmup: int, sentences, vocab_size: int,
               bos: int, eos: int, rng: random.Random, history: list, started: float,
               stage: str):
    """Train ``model`` on copying through the curriculum ``phases`` ((steps, max length), ...)."""
    import torch
    import torch.nn.functional as F

    for layer in model.decoder:
        layer.cross_attention.keep_probs = bool(recipe.align_weight)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.98), eps=1e-9,
                                  weight_decay=0.0)
    total = sum(steps for steps, _ in phases)

    def lr_at(step: int) -> float:
        if step < warmup:
            return lr * (step + 1) / warmup
        return lr * (1.0 - 0.9 * (step - warmup) / max(1, total - warmup))  # to 10% at the end

    step = 0
    model.train()
    for steps, max_len in phases:
        stream = batches(examples(sentences, max_len, rng, recipe.random_fraction, vocab_size),
                         recipe.batch_tokens)
        for _ in range(steps):
            src, src_pad, tgt_in, tgt_out = make_batch(next(stream), bos, eos)
            for group in optimizer.param_groups:
                group["lr"] = lr_at(step)
            # bf16 autocast (only where native, see BF16_FLAGS); weights stay fp32
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=recipe.bf16):
                logits = model(src, src_pad, tgt_in)
            logits = logits.float()
            loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), tgt_out.view(-1))
            mask = tgt_out != -100
            align = guided_alignment_loss(model, mask) if recipe.align_weight else loss * 0
            optimizer.zero_grad(set_to_none=True)
            (loss + recipe.align_weight * align).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            with torch.no_grad():
                acc = (logits.argmax(-1)[mask] == tgt_out[mask]).float().mean().item()
            step += 1
            elapsed = time.perf_counter() - started
            history.append((stage, step, max_len, round(loss.item(), 4), round(align.item(), 4),
                            round(acc, 4), round(elapsed, 1)))
            if step % 10 == 0 or step == total:
                log.info("%s step %d/%d len≤%d loss %.3f align %.3f token acc %.3f  %.0fs",
                         stage, step, total, max_len, loss.item(), align.item(), acc, elapsed)
    for layer in model.decoder:
        layer.cross_attention.keep_probs = False
    return model


def train(recipe: Recipe, sentences: list[list[int]], vocab_size: int, bos: int, eos: int):
    """Seed model (``seed_layers`` deep) → grown to full depth → fine-tuned."""
    import torch

    torch.manual_seed(recipe.seed)
    rng = random.Random(recipe.seed)
    history: list = []
    started = time.perf_counter()
    seed_recipe = dataclasses.replace(recipe, encoder_layers=recipe.seed_layers,
                                      decoder_layers=recipe.seed_layers)
    model = build_torch_model(seed_recipe, vocab_size)
    run_phases(model, recipe, recipe.phases, recipe.lr, recipe.warmup, sentences, vocab_size,
               bos, eos, rng, history, started, "seed")
    if recipe.seed_layers < max(recipe.encoder_layers, recipe.decoder_layers):
        model = grow(model, recipe, vocab_size)
        run_phases(model, recipe, recipe.grow_phases, recipe.grow_lr, recipe.grow_warmup,
                   sentences, vocab_size, bos, eos, rng, history, started, "full")
    return model, history


# --------------------------------------------------------------------------------------------
# Export to CTranslate2 and pack as an Argos package


def to_ctranslate2(model, recipe: Recipe, tokens: list[str], out_dir: Path,
                   quantization: str = "int8") -> None:
    from ctranslate2.specs import transformer_spec

    def np(t):
        return t.detach().float().cpu().numpy()

    spec = transformer_spec.TransformerSpec.from_config(
        (recipe.encoder_layers, recipe.decoder_layers), recipe.heads, pre_norm=True)
    embeddings = np(model.embeddings.weight)
    positions = np(model.positions)

    def norm(s, m):
        s.gamma = np(m.weight)
        s.beta = np(m.bias)

    def linear(s, m):
        s.weight = np(m.weight)
        s.bias = np(m.bias)

    def attention(s, m):
        norm(s.layer_norm, m.norm)
        if m.self_attention:
            linear(s.linear[0], m.qkv)
        else:
            linear(s.linear[0], m.q)
            linear(s.linear[1], m.kv)
        linear(s.linear[-1], m.out)

    def ffn(s, m):
        norm(s.layer_norm, m.norm)
        linear(s.linear_0, m.w1)
        linear(s.linear_1, m.w2)

    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = embeddings
    enc.position_encodings.encodings = positions
    norm(enc.layer_norm, model.encoder_norm)
    for s, m in zip(enc.layer, model.encoder, strict=True):
        attention(s.self_attention, m.attention)
        ffn(s.ffn, m.ffn)
    dec.embeddings.weight = embeddings
    dec.position_encodings.encodings = positions
    norm(dec.layer_norm, model.decoder_norm)
    dec.projection.weight = embeddings
    for s, m in zip(dec.layer, model.decoder, strict=True):
        attention(s.self_attention, m.self_attention)
        attention(s.attention, m.cross_attention)
        ffn(s.ffn, m.ffn)

    spec.config.bos_token = "<s>"
    spec.config.eos_token = "</s>"
    spec.config.unk_token = "<unk>"
    spec.config.decoder_start_token = "<s>"
    spec.config.add_source_eos = True
    spec.config.layer_norm_epsilon = 1e-6
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    spec.validate()
    spec.optimize(quantization=quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def pack(folder: Path, archive: Path) -> None:
    tmp = archive.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, Path(folder.name) / path.relative_to(folder))
    os.replace(tmp, archive)


def length_check(package_dir: Path, lines: list[str], beam_size: int = 4,
                 threads: int = 0) -> dict:
    """Mean output/input token ratio (and exact-copy share) on held-out sentences."""
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(package_dir / "model"), compute_type="int8",
                                        inter_threads=1, intra_threads=threads)
    sources = [sp.encode(line, out_type=str) for line in lines]
    # Decoded as Argos and our engine decode (length_penalty 0.2, unknowns replaced).
    results = translator.translate_batch(sources, beam_size=beam_size, max_batch_size=1024,
                                         batch_type="tokens", length_penalty=0.2,
                                         replace_unknowns=True)
    outputs = [r.hypotheses[0] for r in results]
    ratios = [len(o) / len(s) for s, o in zip(sources, outputs, strict=True)]
    exact = sum(o == s for s, o in zip(sources, outputs, strict=True)) / len(sources)
    ratios_sorted = sorted(ratios)
    return {
        "sentences": len(lines),
        "source_tokens": sum(map(len, sources)),
        "output_tokens": sum(map(len, outputs)),
        "mean_ratio": round(sum(ratios) / len(ratios), 3),
        "median_ratio": round(ratios_sorted[len(ratios) // 2], 3),
        "total_ratio": round(sum(map(len, outputs)) / sum(map(len, sources)), 3),
        "exact_copies": round(exact, 3),
        "sample": [sp.decode(outputs[i]) for i in range(min(3, len(outputs)))],
    }


def build(recipe: Recipe | None = None, *, eval_dir: Path = EVAL_DIR,
          cache_dir: Path | None = None, force: bool = False, threads: int | None = 1) -> Path:
    """Return the cached package, training it first if needed."""
    recipe = recipe or Recipe()
    archive = package_path(recipe, cache_dir)
    if archive.exists() and not force:
        return archive
    if not (eval_dir / "parallel").is_dir():
        raise SystemExit(f"build_benchmark_model: {eval_dir / 'parallel'} not found "
                         "(the model is trained on the WMT English sides there)")
    import sentencepiece as spm
    import torch

    if threads:
        torch.set_num_threads(threads)
    started = time.perf_counter()
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=archive.parent) as tmp:
        tmp_dir = Path(tmp)
        folder = tmp_dir / "translate-en_uk-benchmark"
        folder.mkdir()
        sp_model = train_tokenizer(eval_dir, recipe.vocab_size, tmp_dir / "sentencepiece")
        shutil.copy(sp_model, folder / "sentencepiece.model")
        sp = spm.SentencePieceProcessor(model_file=str(sp_model))
        tokens = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        sentences = [ids for ids in sp.encode(read_lines(eval_dir, TRAIN_FILES)) if ids]
        tokenizer_s = time.perf_counter() - started
        model, history = train(recipe, sentences, len(tokens), sp.bos_id(), sp.eos_id())
        train_s = time.perf_counter() - started - tokenizer_s
        to_ctranslate2(model, recipe, tokens, folder / "model")
        check = length_check(folder, read_lines(eval_dir, (CHECK_FILE,))[:300])
        build = {
            "recipe": dataclasses.asdict(recipe),
            "recipe_key": recipe.key(),
            "torch_threads": torch.get_num_threads(),
            "training_precision": precision(recipe),
            "tokenizer_seconds": round(tokenizer_s, 1),
            "train_seconds": round(train_s, 1),
            "build_seconds": round(time.perf_counter() - started, 1),
            "parameters": sum(p.numel() for p in model.parameters()),
            "final_loss": history[-1][3],
            "final_alignment_loss": history[-1][4],
            "final_token_accuracy": history[-1][5],
            "length_check": check,
        }
        (folder / "metadata.json").write_text(json.dumps({
            "package_version": "1.0",
            "argos_version": "1.0",
            "from_code": "en",
            "from_name": "English",
            "to_code": "uk",
            "to_name": "Ukrainian",
            "type": "translate",
            "languages": [{"code": "en", "name": "English"}, {"code": "uk", "name": "Ukrainian"}],
            "links": [],
            "dependencies": [],
            "description": "Benchmark model (copies English; for timing only)",
        }, indent=2) + "\n", encoding="utf-8")
        (folder / "README.md").write_text(
            "Benchmark model built by tools/build_benchmark_model.py. It copies English text\n"
            "(its outputs are as long as its inputs); use it to time decoding, never to "
            "translate.\n",
            encoding="utf-8")
        (folder / "build.json").write_text(json.dumps(build, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
        (tmp_dir / "history.json").write_text(json.dumps(history))
        pack(folder, archive)
        shutil.copy(folder / "build.json", archive.with_name("build.json"))
        shutil.copy(tmp_dir / "history.json", archive.with_name("history.json"))
    return archive


def precision(recipe: Recipe) -> str:
    """How the model was trained and why, for build.json and the benchmark report."""
    flags = cpu_bf16_flags()
    if recipe.bf16:
        why = f"CPU has {', '.join(flags)}" if flags else "forced: the CPU emulates it"
        return f"bf16 autocast ({why})"
    if flags:
        return "fp32 (bf16 turned off)"
    return f"fp32 (CPU has none of {', '.join(BF16_FLAGS)}: bf16 would be emulated)"


def build_info(archive: Path) -> dict:
    path = archive.with_name("build.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads (default 1: the seed's small matrix products gain "
                             "little from a second thread, and with anything else running a "
                             "second OpenMP thread makes every step wait — 2.3 s instead of "
                             "0.75 s per seed step, measured here)")
    parser.add_argument("--phases", default=None,
                        help="curriculum as STEPS:MAXLEN,... (experiments; changes the cache key)")
    parser.add_argument("--lr", type=float, default=None)
    parser.add_argument("--layers", type=int, default=None, help="encoder = decoder layers")
    parser.add_argument("--seed-layers", type=int, default=None)
    parser.add_argument("--grow-phases", default=None)
    parser.add_argument("--batch-tokens", type=int, default=None)
    parser.add_argument("--random-fraction", type=float, default=None)
    parser.add_argument("--warmup", type=int, default=None)
    parser.add_argument("--precision", choices=("auto", "bf16", "fp32"), default="auto",
                        help="training precision (default auto: bf16 autocast only where the "
                             f"CPU has {' or '.join(BF16_FLAGS)}, as emulated bf16 is ~400x "
                             "slower than fp32)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    recipe = Recipe()
    changes: dict = {}
    if args.phases:
        changes["phases"] = tuple(tuple(int(x) for x in p.split(":"))
                                  for p in args.phases.split(","))
    if args.lr:
        changes["lr"] = args.lr
    if args.seed_layers:
        changes["seed_layers"] = args.seed_layers
    if args.grow_phases:
        changes["grow_phases"] = tuple(tuple(int(x) for x in p.split(":"))
                                       for p in args.grow_phases.split(","))
    if args.layers:
        changes["encoder_layers"] = changes["decoder_layers"] = args.layers
    if args.random_fraction is not None:
        changes["random_fraction"] = args.random_fraction
    if args.warmup is not None:
        changes["warmup"] = args.warmup
    if args.batch_tokens:
        changes["batch_tokens"] = args.batch_tokens
    if args.precision != "auto":
        changes["bf16"] = args.precision == "bf16"
    recipe = dataclasses.replace(recipe, **changes)
    archive = build(recipe, eval_dir=args.eval_dir, cache_dir=args.cache_dir, force=args.force,
                    threads=args.threads)
    info = build_info(archive)
    print(archive)
    if info:
        keys = ("build_seconds", "train_seconds", "training_precision", "length_check")
        print(json.dumps({k: info[k] for k in keys if k in info}, ensure_ascii=False, indent=2),
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
