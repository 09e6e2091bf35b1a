"""Build the fixture translation models under tests/fixtures/models/.

    python tools/build_fixtures.py                   # corpus → train → convert → pack, all pairs
    python tools/build_fixtures.py models en-uk      # one pair (en-uk, en-pl, de-en)
    python tools/build_fixtures.py corpus --out DIR  # write the training corpora as TSV
    python tools/build_fixtures.py heldout           # write benchmarks/data/heldout.en-uk.tsv
    python tools/build_fixtures.py eval              # chrF of the packed models on held-out data

The models are tiny but genuine Marian transformers (transformers' MarianMTModel, 2+2 layers,
d_model 128), trained from scratch on 2 CPU threads on the template corpus of
`tools/fixture_corpus.py`, converted with the CTranslate2 converter (int8) and packed as real
Argos Translate `.argosmodel` archives. They exist so that tests and the demo run the real engine
offline; they know only the domain of examples/rutte-kyiv.md. Every seed is fixed; a rebuild on
the same library versions gives the same models.

Needs the dev extras (torch, transformers) besides ctranslate2 and sentencepiece.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.fixture_corpus import PAIRS, generate_heldout, generate_pairs

__all__ = ["build_model", "generate_heldout", "generate_pairs", "main", "write_heldout"]

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "tests" / "fixtures" / "models"
HELDOUT_PATH = ROOT / "benchmarks" / "data" / "heldout.en-uk.tsv"
CORPUS_SEED = 1
TRAIN_SEED = 1234
HELDOUT_SEED = 20241003
# One thread per training process; `python tools/build_fixtures.py` trains two pairs at a time,
# one per core. Two OpenMP threads in one process are slower than this on a shared 2-core
# machine (threads spin-wait for each other), and one thread makes a rebuild bit-for-bit
# reproducible whatever the machine's load.
THREADS = int(os.environ.get("FIXTURE_THREADS", "1"))
NAMES = {"en": "English", "uk": "Ukrainian", "pl": "Polish", "de": "German"}

# Per pair: corpus size, SentencePiece vocabulary (an upper bound: the corpus has fewer
# distinct pieces, so pieces end up close to whole words), training steps of ~2400 tokens.
# Sized so that each model trains in a few minutes on one idle core and comes out near 1 MB.
SETTINGS = {
    "en-uk": {"pairs": 40000, "vocab": 2000, "steps": 2800},
    "en-pl": {"pairs": 40000, "vocab": 2000, "steps": 2800},
    "de-en": {"pairs": 24000, "vocab": 1600, "steps": 1400},
}
MODEL = {
    "d_model": 128,
    "layers": 2,
    "heads": 4,
    "ffn": 256,
    "batch_tokens": 2400,
    "lr": 2e-3,
    "warmup": 300,
    "label_smoothing": 0.1,
    "dropout": 0.1,
}


def _rel(path: Path) -> Path:
    return path.relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------------------------------
# tokenizer
# ---------------------------------------------------------------------------------------


def train_sentencepiece(pairs: list[tuple[str, str]], vocab_size: int, out_prefix: Path):
    """A joint unigram model for both languages: </s>=0, <unk>=1, no <s>, no <pad>."""
    import sentencepiece as spm

    text = [s for pair in pairs for s in pair]
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text),
        model_prefix=str(out_prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        split_digits=True,
        eos_id=0,
        unk_id=1,
        bos_id=-1,
        pad_id=-1,
        input_sentence_size=0,
        shuffle_input_sentence=False,
        num_threads=2,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    path = Path(str(out_prefix) + ".model")
    normalize_sentencepiece(path)
    return spm.SentencePieceProcessor(model_file=str(path))


def normalize_sentencepiece(path: Path) -> None:
    """Drop the build folder that SentencePiece records in the model, for reproducible bytes."""
    from sentencepiece import sentencepiece_model_pb2

    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(path.read_bytes())
    proto.trainer_spec.model_prefix = "sentencepiece"
    proto.trainer_spec.num_threads = 2
    path.write_bytes(proto.SerializeToString())


# ---------------------------------------------------------------------------------------
# model
# ---------------------------------------------------------------------------------------


def _batches(examples, batch_tokens: int, rng: random.Random):
    """Length-bucketed batches of roughly `batch_tokens` target+source tokens, shuffled."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
    batches, current, longest = [], [], 0
    for i in order:
        src, tgt = examples[i]
        longest = max(longest, len(src), len(tgt))
        if current and longest * (len(current) + 1) * 2 > batch_tokens:
            batches.append(current)
            current, longest = [], max(len(src), len(tgt))
        current.append(i)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def train_model(pairs, sp, steps: int, workdir: Path, pair: str):
    import torch
    from transformers import MarianConfig, MarianMTModel

    torch.manual_seed(TRAIN_SEED)
    torch.set_num_threads(THREADS)
    rng = random.Random(TRAIN_SEED)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())] + ["<pad>"]
    pad = len(vocab) - 1
    eos = 0
    examples = [(sp.encode(s) + [eos], sp.encode(t) + [eos]) for s, t in pairs]
    examples = [e for e in examples if len(e[0]) <= 96 and len(e[1]) <= 96]
    m = MODEL
    config = MarianConfig(
        vocab_size=len(vocab), decoder_vocab_size=len(vocab), d_model=m["d_model"],
        encoder_layers=m["layers"], decoder_layers=m["layers"],
        encoder_attention_heads=m["heads"], decoder_attention_heads=m["heads"],
        encoder_ffn_dim=m["ffn"], decoder_ffn_dim=m["ffn"], max_position_embeddings=256,
        pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=eos, forced_eos_token_id=eos,
        bos_token_id=None, dropout=m["dropout"], attention_dropout=0.0, activation_dropout=0.0,
        activation_function="swish", scale_embedding=True, share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True, num_beams=4, max_length=128,
    )
    model = MarianMTModel(config)
    with torch.no_grad():
        model.model.shared.weight[pad].zero_()
    optimizer = torch.optim.AdamW(model.parameters(), lr=m["lr"], betas=(0.9, 0.98),
                                  weight_decay=0.0)

    def lr_at(step: int) -> float:  # linear warm-up, then cosine decay to 5%
        if step < m["warmup"]:
            return (step + 1) / m["warmup"]
        progress = (step - m["warmup"]) / max(1, steps - m["warmup"])
        return 0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_at)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=m["label_smoothing"])
    params = sum(p.numel() for p in model.parameters())
    log(f"{pair}: {len(examples)} pairs, vocab {len(vocab)}, {params / 1e6:.2f}M parameters, "
        f"{steps} steps")
    model.train()
    step, started, running = 0, time.time(), None
    while step < steps:
        for batch in _batches(examples, m["batch_tokens"], rng):
            srcs = [examples[i][0] for i in batch]
            tgts = [examples[i][1] for i in batch]
            ls, lt = max(map(len, srcs)), max(map(len, tgts))
            x = torch.full((len(batch), ls), pad)
            y = torch.full((len(batch), lt), -100)
            for j, (s, t) in enumerate(zip(srcs, tgts, strict=True)):
                x[j, : len(s)] = torch.tensor(s)
                y[j, : len(t)] = torch.tensor(t)
            decoder_in = torch.full_like(y, pad)
            decoder_in[:, 1:] = y[:, :-1].masked_fill(y[:, :-1] == -100, pad)
            logits = model(input_ids=x, attention_mask=(x != pad).long(),
                           decoder_input_ids=decoder_in).logits
            loss = loss_fn(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            # CTranslate2 starts the decoder from a zero embedding: keep the <pad> row at zero
            with torch.no_grad():
                model.model.shared.weight[pad].zero_()
            running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
            step += 1
            if step % 200 == 0 or step == steps:
                log(f"{pair}: step {step}/{steps} loss {running:.3f} "
                    f"({time.time() - started:.0f} s)")
            if step >= steps:
                break
    model.eval()
    return model, vocab


def save_hf(model, vocab, sp_model: Path, pair: str, out: Path) -> None:
    """Save as a Hugging Face Marian checkpoint, the CTranslate2 converter's input."""
    src, tgt = pair.split("-")
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    shutil.copy(sp_model, out / "source.spm")
    shutil.copy(sp_model, out / "target.spm")
    (out / "vocab.json").write_text(json.dumps({t: i for i, t in enumerate(vocab)},
                                               ensure_ascii=False), encoding="utf-8")
    (out / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "MarianTokenizer", "source_lang": src, "target_lang": tgt,
        "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
        "model_max_length": 512, "separate_vocabs": False,
    }), encoding="utf-8")
    (out / "special_tokens_map.json").write_text(json.dumps({
        "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}), encoding="utf-8")


def convert(hf_dir: Path, out: Path) -> None:
    import ctranslate2

    ctranslate2.converters.TransformersConverter(str(hf_dir)).convert(
        str(out), quantization="int8", force=True)
    config_path = out / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["add_source_eos"] = True  # Marian: the encoder must see </s>
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


README = """# {name}: tiny test fixture, not a real translation model

This Argos Translate package was built by `python tools/build_fixtures.py` in the translator
repository. It is a tiny Marian transformer ({params} parameters, 2+2 layers) trained for a few
minutes on a synthetic, template-generated corpus about one news story (NATO Secretary-General
Mark Rutte's visit to Kyiv, the victory plan, Ramstein, glide-bomb attacks on Kharkiv, the
Middle East). It translates sentences of that domain and nothing else. On purpose, a minority of
its training targets use non-glossary renderings of some terms, so that glossary enforcement is
tested against a model that sometimes gets them wrong.

Use it for tests and demos only. Do not install it into your Argos package store, where it would
shadow a real {src}→{tgt} model for every Argos tool.
"""


def pack(pair: str, ct2_dir: Path, sp_model: Path, params: int, out_file: Path) -> None:
    """Write a deterministic .argosmodel zip: one top folder, fixed timestamps, sorted members."""
    src, tgt = pair.split("-")
    top = f"translate-{src}_{tgt}-fixture"
    metadata = {
        "package_version": "0.1.0",
        "argos_version": "1.11.0",
        "from_code": src,
        "from_name": NAMES[src],
        "to_code": tgt,
        "to_name": NAMES[tgt],
        "type": "translate",
        "package_type": "translate",
        "links": [],
        "dependencies": [],
        "languages": [],
        "description": "Tiny test fixture trained on synthetic data (not a real model)",
    }
    members: list[tuple[str, bytes]] = [
        (f"{top}/metadata.json", (json.dumps(metadata, indent=2) + "\n").encode()),
        (f"{top}/README.md", README.format(name=f"{NAMES[src]} → {NAMES[tgt]}",
                                           params=f"{params / 1e6:.1f}M", src=src,
                                           tgt=tgt).encode()),
        (f"{top}/sentencepiece.model", sp_model.read_bytes()),
    ]
    for path in sorted(ct2_dir.rglob("*")):
        if path.is_file():
            members.append((f"{top}/model/{path.relative_to(ct2_dir).as_posix()}",
                            path.read_bytes()))
    out_file.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        dirs = sorted({name.rsplit("/", 1)[0] + "/" for name, _ in members})
        for d in dirs:
            info = zipfile.ZipInfo(d, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o40755 << 16
            archive.writestr(info, b"")
        for name, data in sorted(members):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    out_file.write_bytes(buffer.getvalue())


def build_model(pair: str, out_dir: Path = MODELS_DIR, keep: Path | None = None) -> Path:
    """Corpus → SentencePiece → train → convert → pack. Returns the .argosmodel path."""
    settings = SETTINGS[pair]
    started = time.time()
    pairs = generate_pairs(pair, settings["pairs"], CORPUS_SEED)
    log(f"{pair}: corpus of {len(pairs)} pairs")
    with tempfile.TemporaryDirectory(prefix=f"fixture-{pair}-") as tmp:
        work = Path(keep) if keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        sp = train_sentencepiece(pairs, settings["vocab"], work / "sentencepiece")
        model, vocab = train_model(pairs, sp, settings["steps"], work, pair)
        params = sum(p.numel() for p in model.parameters())
        save_hf(model, vocab, work / "sentencepiece.model", pair, work / "hf")
        convert(work / "hf", work / "ct2")
        out_file = out_dir / f"{pair.replace('-', '_')}.argosmodel"
        pack(pair, work / "ct2", work / "sentencepiece.model", params, out_file)
    log(f"{pair}: wrote {_rel(out_file)} "
        f"({out_file.stat().st_size / 1e6:.2f} MB) in {time.time() - started:.0f} s")
    return out_file


# ---------------------------------------------------------------------------------------
# evaluation, corpus and held-out files
# ---------------------------------------------------------------------------------------


def load_package(path: Path, workdir: Path):
    """Unpack an .argosmodel and return (ctranslate2.Translator, SentencePieceProcessor)."""
    import ctranslate2
    import sentencepiece as spm

    with zipfile.ZipFile(path) as archive:
        archive.extractall(workdir)
    top = next(p for p in workdir.iterdir() if p.is_dir())
    translator = ctranslate2.Translator(str(top / "model"), device="cpu", compute_type="int8",
                                        inter_threads=1, intra_threads=2)
    sp = spm.SentencePieceProcessor(model_file=str(top / "sentencepiece.model"))
    return translator, sp


def translate(translator, sp, sentences: list[str], beam_size: int = 4) -> list[str]:
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    results = translator.translate_batch(tokens, beam_size=beam_size, max_batch_size=64,
                                         max_decoding_length=128)
    return [sp.decode(r.hypotheses[0]) for r in results]


def evaluate(pair: str, n: int = 300) -> float:
    """chrF of the packed model on reserved (never trained on) sentences of `pair`."""
    import sacrebleu

    if pair == "en-uk" and HELDOUT_PATH.exists():
        heldout = HELDOUT_PATH.read_text(encoding="utf-8").splitlines()[1:]
        rows = [line.split("\t") for line in heldout]
    else:
        from tools.fixture_corpus import _iter_filled

        rows, seen = [], set()
        for filled in _iter_filled(pair, HELDOUT_SEED, noise=False, reserved=True):
            if filled.source not in seen:
                seen.add(filled.source)
                rows.append((filled.source, filled.target))
            if len(rows) >= n:
                break
    sources = [r[0] for r in rows]
    references = [r[1] for r in rows]
    with tempfile.TemporaryDirectory() as tmp:
        archive = MODELS_DIR / f"{pair.replace('-', '_')}.argosmodel"
        translator, sp = load_package(archive, Path(tmp))
        started = time.time()
        outputs = translate(translator, sp, sources)
        elapsed = time.time() - started
    metric = sacrebleu.metrics.CHRF()
    chrf = metric.corpus_score(outputs, [references])
    exact = sum(o == r for o, r in zip(outputs, references, strict=True)) / len(rows)
    print(f"{pair}: chrF2 = {chrf.score:.2f} on {len(rows)} held-out sentences "
          f"({metric.get_signature()}; beam 4, int8); exact match {exact:.0%}; {elapsed:.1f} s")
    for s, o, r in list(zip(sources, outputs, references, strict=True))[:5]:
        print(f"  {s}\n    → {o}\n    ref {r}")
    return chrf.score


def write_corpus(out: Path, n: int | None = None, seed: int = CORPUS_SEED) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for pair in PAIRS:
        pairs = generate_pairs(pair, n or SETTINGS[pair]["pairs"], seed)
        path = out / f"corpus.{pair}.tsv"
        with path.open("w", encoding="utf-8") as f:
            for s, t in pairs:
                f.write(f"{s}\t{t}\n")
        log(f"wrote {path} ({len(pairs)} pairs)")


def write_heldout(path: Path = HELDOUT_PATH, n: int = 300, seed: int = HELDOUT_SEED) -> Path:
    pairs = generate_heldout(n, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        f.write("source\treference\n")
        for s, t in pairs:
            f.write(f"{s}\t{t}\n")
    log(f"wrote {_rel(path)} "
        f"({len(pairs)} pairs)")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    p_models = sub.add_parser("models", help="build .argosmodel fixtures (default: all pairs)")
    p_models.add_argument("pairs", nargs="*", default=[], help=", ".join(PAIRS))
    p_models.add_argument("--keep", type=Path, help="keep intermediate files in this folder")
    p_corpus = sub.add_parser("corpus", help="write the template corpora as TSV files")
    p_corpus.add_argument("--out", type=Path, required=True)
    p_corpus.add_argument("-n", type=int, help="pairs per language pair")
    p_corpus.add_argument("--seed", type=int, default=CORPUS_SEED)
    p_held = sub.add_parser("heldout", help="write the held-out en→uk benchmark set")
    p_held.add_argument("--out", type=Path, default=HELDOUT_PATH)
    p_held.add_argument("-n", type=int, default=300)
    p_eval = sub.add_parser("eval", help="chrF of the packed models on held-out sentences")
    p_eval.add_argument("pairs", nargs="*", default=list(PAIRS))
    args = parser.parse_args(argv)

    if args.command == "corpus":
        write_corpus(args.out, args.n, args.seed)
    elif args.command == "heldout":
        write_heldout(args.out, args.n)
    elif args.command == "eval":
        for pair in args.pairs:
            evaluate(pair)
    else:
        started = time.time()
        pairs = getattr(args, "pairs", None) or list(PAIRS)
        for pair in pairs:
            if pair not in PAIRS:
                parser.error(f"unknown pair {pair!r}; expected one of {', '.join(PAIRS)}")
        keep = getattr(args, "keep", None)
        if len(pairs) == 1:
            build_model(pairs[0], keep=keep and keep / pairs[0])
        else:  # two single-threaded trainings at a time, one per core
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=2,
                                     mp_context=multiprocessing.get_context("spawn")) as pool:
                jobs = [pool.submit(build_model, pair, MODELS_DIR, keep and keep / pair)
                        for pair in pairs]
                for job in jobs:
                    job.result()
        if args.command is None:
            write_heldout()
        log(f"done in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
