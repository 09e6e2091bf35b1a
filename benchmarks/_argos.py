"""Child process: argostranslate as its users call it, with our sentence splitter standing in.

    python -m benchmarks._argos install MODEL.argosmodel
    python -m benchmarks._argos translate JOB.json     # {"blocks": [...], "from": "en", "to": "uk"}
    python -m benchmarks._argos cli -f en -t uk TEXT   # the argos-translate command

argostranslate 1.11 splits sentences with MiniSBD (or Stanza/spaCy), and each of those
downloads a model at translate time, which fails offline. So the ``PackageTranslation``
objects get a sentencizer with the same ``split_sentences(text)`` method backed by
``translator.documents.sentences.split_sentences``. Everything else is argostranslate's own
code path: ``argostranslate.translate.translate(text, from, to)`` per paragraph, its settings
(``ARGOS_BATCH_SIZE``, beam size, threads, compute type) left at their defaults. Splitting
costs argostranslate what it costs us, so the measured gap is a lower bound.

The store is whatever ``XDG_DATA_HOME`` says (the benchmark points it at a scratch dir).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _stand_in() -> None:
    """Replace argostranslate's default (downloading) sentencizer with ours."""
    import argostranslate.translate as argos_translate
    from argostranslate.sbd import ISentenceBoundaryDetectionModel

    from translator.documents.sentences import split_sentences

    class StandInSentencizer(ISentenceBoundaryDetectionModel):
        def __init__(self, pkg):
            self.pkg = pkg

        def split_sentences(self, text: str) -> list[str]:
            return [text[a:b] for a, b in split_sentences(text, self.pkg.from_code)]

        def __str__(self) -> str:
            return "StandInSentencizer(translator.documents.sentences)"

    argos_translate.MiniSBDSentencizer = StandInSentencizer
    argos_translate.StanzaSentencizer = StandInSentencizer


def install(model: str) -> None:
    import argostranslate.package

    installed = {(p.from_code, p.to_code) for p in argostranslate.package.get_installed_packages()}
    argostranslate.package.install_from_path(Path(model))
    after = argostranslate.package.get_installed_packages()
    print(json.dumps({"installed": [str(p.package_path) for p in after],
                      "already": sorted(map(list, installed))}))


def translate(job_path: str) -> None:
    started = time.perf_counter()
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    import argostranslate.translate

    _stand_in()
    imported = time.perf_counter()
    outputs = []
    for block in job["blocks"]:
        outputs.append(argostranslate.translate.translate(block, job["from"], job["to"]))
    done = time.perf_counter()
    from argostranslate import settings

    print(json.dumps({
        "import_seconds": imported - started,
        "loop_seconds": done - imported,
        "outputs": outputs,
        "settings": {"batch_size": settings.batch_size, "beam_size": settings.beam_size,
                     "inter_threads": settings.inter_threads,
                     "intra_threads": settings.intra_threads,
                     "compute_type": settings.compute_type},
    }, ensure_ascii=False))


def cli(argv: list[str]) -> None:
    import argostranslate.cli

    _stand_in()
    sys.argv = ["argos-translate", *argv]
    argostranslate.cli.main()


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "install":
        install(rest[0])
    elif command == "translate":
        translate(rest[0])
    elif command == "cli":
        cli(rest)
    else:
        raise SystemExit(f"unknown command {command}")
