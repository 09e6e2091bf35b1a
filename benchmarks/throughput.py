"""Throughput (issue 6 §3) and memory (§7): argostranslate vs ``translator translate`` vs raw
CTranslate2, same model, same beam size, same news articles.

(a) argostranslate: ``argostranslate.translate.translate(paragraph, "en", "uk")`` for every
    heading and paragraph, in a child process, our sentence splitter standing in for its
    downloading ones (see ``benchmarks/_argos.py``); timed over the loop (model load
    included, its 2.5–4.5 s import not).
(b) ``translator translate DIR --to uk --model M --out OUT -q``: a child process timed from
    fork to exit — imports, model load, parsing, decoding, catalogue writing, all of it.
    Segments are counted from the catalogues it wrote.
(b+g) the same with ``--glossary glossaries/ukraine-news.tsv`` (the shipped newsroom
    glossary; few of its terms occur in 2019 news). Worst case, on a few articles: the
    names verified in the NTREX/FLORES references (``termbank.py``), in about half the
    sentences; the copy model never renders a term in Ukrainian, so each of those sentences
    pays for enforcement.
(c) ceiling: the same sentences pre-tokenised, one ``translate_batch`` call, only the call
    timed (``benchmarks/_ceiling.py``).

Target tokens are the SentencePiece pieces of each output, counted the same way for all.
Peak RSS comes from ``wait4`` on each child.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import polib

from benchmarks import corpus, model, termbank
from benchmarks.common import (
    NEWS_GLOSSARY,
    Context,
    Result,
    check,
    command_line,
    python,
    require_eval,
    run_measured,
    translator_cmd,
)

NAME = "throughput"
TITLE = "Throughput and memory: argostranslate vs translator vs raw CTranslate2"

FULL_ARTICLES = 50
WORST_CASE_ARTICLES = 8
QUICK_ARTICLES = 2
QUICK_SENTENCES = 4


def _sentences(articles: list[corpus.Article]) -> list[str]:
    """The segments our pipeline translates: each block split by our splitter, deduplicated."""
    from translator.documents.sentences import split_sentences

    seen: dict[str, None] = {}
    for article in articles:
        for block in article.blocks():
            for a, b in split_sentences(block, "en"):
                seen.setdefault(block[a:b], None)
    return list(seen)


def _sentence_count(blocks: list[str]) -> int:
    """Sentences argostranslate translates: every block's, repeats included."""
    from translator.documents.sentences import split_sentences

    return sum(len(split_sentences(block, "en")) for block in blocks)


def _catalogue_outputs(out: Path) -> list[str]:
    texts = []
    for path in sorted(out.rglob("*.po")):
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and entry.msgid:
                texts.append(entry.msgstr)
    return texts


def _rates(segments: int, tokens: int, seconds: float) -> dict[str, float]:
    return {"segments": segments, "target_tokens": tokens, "seconds": round(seconds, 2),
            "segments_per_s": round(segments / seconds, 2) if seconds else 0.0,
            "tokens_per_s": round(tokens / seconds, 1) if seconds else 0.0}


def _glossary_run(ctx: Context, base: list[str], inputs: Path, glossary: Path, out: Path, sp,
                  source_tokens: int, sentences: list[str], result: Result) -> dict:
    cmd = [*base, str(inputs), "--out", str(out), "--glossary", str(glossary)]
    try:
        measured = check(run_measured(cmd, env=ctx.env()), "translator translate --glossary")
    except RuntimeError as error:
        result.notes.append(f"glossary run failed: {error}")
        return {"failed": str(error)[:300]}
    outputs = _catalogue_outputs(out)
    tokens = sum(len(sp.encode(o)) for o in outputs)
    result.commands.append(command_line(cmd))
    return _rates(len(outputs), tokens, measured.seconds) | {
        "output_input_ratio": round(tokens / max(1, source_tokens), 3),
        "max_rss_mb": round(measured.max_rss_mb), "glossary": glossary.name,
        "glossary_terms": termbank.term_count(glossary),
        "segments_with_terms": termbank.segments_with_terms(glossary, sentences)}


def run(ctx: Context) -> Result:
    require_eval()
    result = Result(NAME, TITLE)
    sp = model.sentencepiece(ctx)
    count = QUICK_ARTICLES if ctx.quick else FULL_ARTICLES
    articles = corpus.news_articles(count, max_sentences=QUICK_SENTENCES if ctx.quick else None)
    work = ctx.work_dir / NAME
    shutil.rmtree(work, ignore_errors=True)
    inputs = work / "articles"
    corpus.write_articles(articles, inputs)
    sentences = _sentences(articles)
    sources = [sp.encode(s, out_type=str) for s in sentences]
    source_tokens = sum(map(len, sources))
    blocks = [block for article in articles for block in article.blocks()]
    result.figures["input"] = {
        "articles": len(articles), "blocks": len(blocks), "sentences": len(sentences),
        "source_tokens": source_tokens,
        "corpus": "NTREX-128 stories (English side), headline + paragraphs of 3–5 sentences",
    }
    env = ctx.env()

    def ratio(outputs: list[str]) -> float:
        tokens = [len(sp.encode(o)) for o in outputs]
        return round(sum(tokens) / max(1, source_tokens), 3)

    # (c) ceiling
    job = work / "ceiling.json"
    job.write_text(json.dumps({"model_dir": str(model.unpacked(ctx) / "model"),
                               "sources": sources, "threads": ctx.threads,
                               "beam_size": ctx.beam_size}), encoding="utf-8")
    cmd = [python(), "-m", "benchmarks._ceiling", str(job)]
    measured = check(run_measured(cmd, env=env), "raw CTranslate2 run")
    data = json.loads(measured.stdout)
    best = data["best"]
    c_tokens = sum(len(sp.encode(sp.decode(o))) for o in best["outputs"])
    result.figures["c_ceiling"] = _rates(len(sources), c_tokens, best["seconds"]) | {
        "output_input_ratio": round(c_tokens / max(1, source_tokens), 3),
        "max_rss_mb": round(measured.max_rss_mb),
        "threads": f"inter {best['inter_threads']} × intra {best['intra_threads']}",
        "configurations_s": {f"inter {r['inter_threads']} × intra {r['intra_threads']}":
                             round(r["seconds"], 2) for r in data["all"]}}
    result.commands.append(command_line(cmd) + "   # (c) one translate_batch per threading, "
                                                "call timed, the faster kept")

    # (b) translator translate, end to end (after one warm-up that unpacks the model)
    warm = work / "warm"
    warm.mkdir()
    (warm / "w.md").write_text("Warm-up.\n", encoding="utf-8")
    base = [*translator_cmd(), "translate", "--to", "uk", "--model", str(ctx.model),
            "--beam-size", str(ctx.beam_size), "--threads", str(ctx.threads), "-q"]
    check(run_measured([*base, str(warm), "--out", str(work / "warm-out")], env=env),
          "translator warm-up")
    out_b = work / "out-b"
    cmd = [*base, str(inputs), "--out", str(out_b)]
    measured_b = check(run_measured(cmd, env=env), "translator translate")
    outputs_b = _catalogue_outputs(out_b)
    b_tokens = sum(len(sp.encode(o)) for o in outputs_b)
    result.figures["b_translator"] = _rates(len(outputs_b), b_tokens, measured_b.seconds) | {
        "output_input_ratio": ratio(outputs_b), "max_rss_mb": round(measured_b.max_rss_mb)}
    result.commands.append(command_line(cmd) + "   # (b) wall time of the process")

    # (b+g) with the glossary: the shipped news glossary over all articles (what a newsroom
    # run looks like), and the worst case on a few articles: a glossary of names that fill
    # half the sentences, none of which the copy model ever renders in Ukrainian.
    result.figures["b_glossary"] = _glossary_run(ctx, base, inputs, NEWS_GLOSSARY,
                                                 work / "out-g", sp, source_tokens, sentences,
                                                 result)
    try:
        worst = termbank.verified_glossary(ctx)
    except termbank.Unavailable as why:
        result.notes.append(f"worst-case glossary run skipped: {why}")
    else:
        few = articles[:QUICK_ARTICLES if ctx.quick else WORST_CASE_ARTICLES]
        subset = work / "articles-few"
        corpus.write_articles(few, subset)
        few_sentences = _sentences(few)
        few_tokens = sum(len(sp.encode(s)) for s in few_sentences)
        cmd = [*base, str(subset), "--out", str(work / "out-few")]
        plain = check(run_measured(cmd, env=env), "translator translate (few articles)")
        result.commands.append(command_line(cmd) + "   # baseline for the worst case")
        run = _glossary_run(ctx, base, subset, worst, work / "out-few-g", sp, few_tokens,
                            few_sentences, result)
        run["articles"] = len(few)
        run["baseline_seconds"] = round(plain.seconds, 2)
        result.figures["b_glossary_worst_case"] = run
        result.figures["glossary_worst_case_time_ratio"] = round(
            run["seconds"] / plain.seconds, 2) if run.get("seconds") else None

    # (a) argostranslate
    check(run_measured([python(), "-m", "benchmarks._argos", "install", str(ctx.model)], env=env),
          "argostranslate install")
    job = work / "argos.json"
    job.write_text(json.dumps({"blocks": blocks, "from": "en", "to": "uk"}), encoding="utf-8")
    cmd = [python(), "-m", "benchmarks._argos", "translate", str(job)]
    measured_a = check(run_measured(cmd, env=env), "argostranslate")
    data = json.loads(measured_a.stdout)
    outputs_a = data["outputs"]
    a_tokens = sum(len(sp.encode(o)) for o in outputs_a)
    result.figures["a_argostranslate"] = _rates(_sentence_count(blocks), a_tokens,
                                                data["loop_seconds"]) | {
        "output_input_ratio": ratio(outputs_a), "max_rss_mb": round(measured_a.max_rss_mb),
        "import_seconds": round(data["import_seconds"], 2),
        "process_seconds": round(measured_a.seconds, 2), "settings": data["settings"]}
    result.commands.append(command_line(cmd) + "   # (a) translate() per heading/paragraph, "
                                                "loop timed")

    a, b, c = (result.figures[k] for k in ("a_argostranslate", "b_translator", "c_ceiling"))
    result.figures["b_over_a"] = round(b["tokens_per_s"] / a["tokens_per_s"], 2)
    result.figures["b_over_c"] = round(b["tokens_per_s"] / c["tokens_per_s"], 2)
    result.figures["b_over_a_segments"] = round(b["segments_per_s"] / a["segments_per_s"], 2)
    result.figures["b_over_c_segments"] = round(b["segments_per_s"] / c["segments_per_s"], 2)
    if result.figures["b_glossary"].get("seconds"):
        result.figures["glossary_time_ratio"] = round(
            result.figures["b_glossary"]["seconds"] / b["seconds"], 2)
    result.figures["rss_b_over_a"] = round(b["max_rss_mb"] / a["max_rss_mb"], 2)
    result.goals = {"b_over_a": (">=", 3.0), "b_over_c": (">=", 0.85)}
    result.notes.append(
        "argostranslate cannot split sentences offline here (MiniSBD/Stanza/spaCy download "
        "models): its PackageTranslation gets a sentencizer backed by "
        "translator.documents.sentences. Its own splitter would cost more, so b/a is a lower "
        "bound.")
    result.notes.append(
        "(a) is timed over its translate() loop only (not its import); (b) over the whole "
        "process (start-up, model load, parsing, catalogue writing); (c) over the call only.")
    result.notes.append(f"threads: {ctx.threads} for (b) and (c); argostranslate's defaults "
                        f"for (a) (inter 1, intra 0 = all cores); beam {ctx.beam_size} in all.")
    if os.environ.get("ARGOS_BATCH_SIZE"):
        result.notes.append(f"ARGOS_BATCH_SIZE={os.environ['ARGOS_BATCH_SIZE']} was set")
    return result
