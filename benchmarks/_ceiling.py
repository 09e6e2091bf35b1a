"""Child process: the raw CTranslate2 ceiling — pre-tokenised sentences, one ``translate_batch``.

    python -m benchmarks._ceiling JOB.json
    # {"model_dir": ..., "sources": [[piece, ...], ...], "threads": 2, "beam_size": 4,
    #  "max_batch_tokens": 2048, "compute_type": "int8"}

Only the call is timed: no tokenising, no detokenising, no files. It runs twice — all
threads on one batch at a time (inter 1 × intra N), and one batch per thread (inter N ×
intra 1) — and the faster is the ceiling. Decoding options are
those of Argos and of our engine (``length_penalty=0.2``, ``replace_unknowns=True``,
256-token limit), so the three runs decode the same way.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(job_path: str) -> None:
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    import ctranslate2

    threads = job["threads"]
    runs = []
    # Both ways of spending the cores: one batch at a time on all of them, or one batch per
    # core at once (translate_batch spreads its sub-batches over inter_threads workers).
    for inter, intra in dict.fromkeys([(1, threads), (threads, 1)]):
        loaded = time.perf_counter()
        translator = ctranslate2.Translator(job["model_dir"], device="cpu",
                                            compute_type=job.get("compute_type", "int8"),
                                            inter_threads=inter, intra_threads=intra)
        load_seconds = time.perf_counter() - loaded
        started = time.perf_counter()
        results = translator.translate_batch(
            job["sources"],
            max_batch_size=job.get("max_batch_tokens", 2048),
            batch_type="tokens",
            beam_size=job["beam_size"],
            length_penalty=0.2,
            replace_unknowns=True,
            max_decoding_length=256,
        )
        runs.append({"inter_threads": inter, "intra_threads": intra,
                     "load_seconds": load_seconds, "seconds": time.perf_counter() - started,
                     "outputs": [r.hypotheses[0] for r in results]})
        del translator
    best = min(runs, key=lambda run: run["seconds"])
    print(json.dumps({
        "best": best,
        "all": [{k: v for k, v in run.items() if k != "outputs"} for run in runs],
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
