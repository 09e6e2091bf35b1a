"""Large documents: does a 5 MB HTML page or a 200-page DOCX segment, translate and render
in time and memory that grow with the document (issue 14 §4)?

    python -m benchmarks.documents [--sizes 1,5] [--pages 50,200] [--model FILE] [--work DIR]
    python -m benchmarks --only documents          # --quick: 0.02/0.1 MB and 2/6 pages

Builds an HTML page of news articles (a CMS head with scripts and styles and a navigation
bar, then ``<article>`` blocks with headings, paragraphs of one to six real sentences
carrying bold, italics, links and code, lists, figures with ``alt`` text, quotes and
tables) and a Word report (python-docx: headings, paragraphs with bold and italic runs,
numbered lists, tables, a page break per page). Sentences are English news from
../shared/eval/parallel when it is there (else the held-out benchmark sources), grouped at
random, so paragraphs vary as on a real page rather than one paragraph repeated (the
corpus has ~9,000 sentences: at 5 MB each comes back about four times, in other
paragraphs). For each document, each in a child process with empty XDG directories:
segmenting, ``translator translate … --no-tm`` and ``translator render`` of the catalogue
it wrote, with wall and CPU seconds and peak RSS (``wait4``). Translate memory is compared
with a one-paragraph page's, so the growth per MB shows.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import resource
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import (
    FIXTURE_MODEL,
    HELDOUT,
    PARALLEL,
    REPO,
    Context,
    Measured,
    Result,
    check,
    command_line,
    run_measured,
    translator_cmd,
)

NAME = "documents"
TITLE = "Large HTML and DOCX documents: segment, translate, render"
_PAGE_HEAD = """<!DOCTYPE html>
<html class="no-js" lang="en">
<head>
  <meta charset="utf-8">
  <title>World News: the week in review</title>
  <meta name="description" content="The news of the week from Ukraine and the world.">
  <link rel="stylesheet" href="/static/site.css?v=3">
  <style>.headline { font: 700 2rem/1.2 Georgia, serif; }</style>
  <script>window.dataLayer = window.dataLayer || []; if (a < b) { go(); }</script>
</head>
<body>
<nav class="site-nav" aria-label="Main menu"><ul>
  <li><a href="/">Home</a></li><li><a href="/world" title="News from the world">World</a></li>
</ul></nav>
<main>
"""
_PAGE_TAIL = "</main>\n<footer><p>&copy; 2024 World News.</p></footer>\n</body>\n</html>\n"


def sentences() -> list[str]:
    """Real English sentences: the evaluation kit's news, else the held-out sources."""
    found: list[str] = []
    if PARALLEL.is_dir():
        for path in sorted(PARALLEL.glob("*.en")):
            found += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("CANARY")]
    if not found:
        found = [line.split("\t")[0] for line in HELDOUT.read_text(encoding="utf-8")
                 .splitlines() if line.strip()]
    return found


class _Writer:
    """Draws sentences in order, grouped at random, with random inline markup."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pool = sentences()
        self.at = self.rng.randrange(len(self.pool))

    def sentence(self) -> str:
        self.at = (self.at + 1) % len(self.pool)
        return self.pool[self.at]

    def words(self, count: int) -> list[str]:
        return [self.sentence() for _ in range(count)]

    def marked(self, text: str) -> str:
        """HTML-escaped text with bold, italics, a link or code on a word or two."""
        words = html.escape(text, quote=False).split(" ")
        for _ in range(self.rng.choice((0, 0, 1, 2))):
            i = self.rng.randrange(len(words))
            if not words[i].isalpha():
                continue
            kind = self.rng.choice(("strong", "em", "a", "code"))
            if kind == "a":
                href = f"https://example.org/{self.rng.randrange(999)}"
                words[i] = f'<a href="{href}">{words[i]}</a>'
            else:
                words[i] = f"<{kind}>{words[i]}</{kind}>"
        return " ".join(words)

    def article(self, number: int) -> Iterator[str]:
        rng = self.rng
        heading = self.marked(self.sentence())
        yield f'<article id="a{number}">\n<h2 class="headline">{heading}</h2>\n'
        for _ in range(rng.randint(4, 9)):
            shape = rng.random()
            if shape < 0.70:
                body = "\n  ".join(self.marked(s) for s in self.words(rng.randint(1, 6)))
                yield f"<p>{body}</p>\n"
            elif shape < 0.80:
                items = "".join(f"  <li>{self.marked(s)}</li>\n" for s in self.words(3))
                yield f"<ul>\n{items}</ul>\n"
            elif shape < 0.88:
                alt = html.escape(self.sentence())
                yield (f'<figure><img src="/img/{number}.jpg" alt="{alt}">'
                       f"<figcaption>{self.marked(self.sentence())}</figcaption></figure>\n")
            elif shape < 0.94:
                yield f"<blockquote><p>{self.marked(self.sentence())}</p></blockquote>\n"
            else:
                rows = "".join(f"<tr><td>{self.marked(s)}</td><td>{rng.randrange(9999):,}</td>"
                               "</tr>\n" for s in self.words(3))
                yield f'<table class="data">\n{rows}</table>\n'
        yield "</article>\n"


def html_page(megabytes: float, seed: int = 1) -> str:
    """A news page of about ``megabytes`` MB (UTF-8)."""
    writer = _Writer(seed)
    parts, size, number = [_PAGE_HEAD], len(_PAGE_HEAD), 0
    while size < megabytes * 1_000_000:
        number += 1
        for piece in writer.article(number):
            parts.append(piece)
            size += len(piece.encode())
    parts.append(_PAGE_TAIL)
    return "".join(parts)


def docx_report(pages: int, path: Path, seed: int = 1) -> Path:
    """A Word report of ``pages`` pages (~450 words each, a page break after each)."""
    import docx

    writer = _Writer(seed)
    rng = writer.rng
    document = docx.Document()
    document.add_heading("World News: the year in review", level=0)
    for page in range(pages):
        if page % 3 == 0:
            document.add_heading(writer.sentence()[:80], level=1 + page % 2)
        words = 0
        while words < 450:
            shape = rng.random()
            if shape < 0.80:
                paragraph = document.add_paragraph()
                for sentence in writer.words(rng.randint(1, 5)):
                    head, _, tail = sentence.partition(" ")
                    paragraph.add_run(head + " ").bold = rng.random() < 0.2
                    run = paragraph.add_run(tail + " ")
                    run.italic = rng.random() < 0.1
                    words += sentence.count(" ") + 1
            elif shape < 0.90:
                for sentence in writer.words(3):
                    document.add_paragraph(sentence, style="List Number")
                    words += sentence.count(" ") + 1
            else:
                table = document.add_table(rows=3, cols=2)
                table.style = "Table Grid"
                for row in table.rows:
                    row.cells[0].text = writer.sentence()
                    row.cells[1].text = f"{rng.randrange(9999):,}"
                words += 60
        document.add_page_break()
    document.save(str(path))
    return path


_SEGMENT = """
import sys, time
from translator.documents import parse_document
began = time.perf_counter()
document = parse_document(sys.argv[1])
print(time.perf_counter() - began, len(document.segments))
"""


def measure(path: Path, work: Path, model: Path) -> dict[str, float]:
    """Segmenting, translate and render figures of one document, each in a child process
    (a child's peak RSS counts what it inherited at fork: this process stays small). CPU
    seconds are given besides wall seconds: on a shared machine they say more."""
    env = _environment(work)
    segmented, segment_cpu = _timed([sys.executable, "-c", _SEGMENT, str(path)], env,
                                    f"segment {path.name}")
    seconds, segments = segmented.stdout.split()
    out = work / f"{path.stem}-locales"
    translate, translate_cpu = _timed(
        [*translator_cmd(), "translate", str(path), "--to", "uk", "--model", str(model),
         "--out", str(out), "--no-tm", "--quiet"], env, f"translate {path.name}")
    catalogue = out / "uk" / "LC_MESSAGES" / f"{path.stem}.po"
    rendered = work / f"{path.stem}.uk{path.suffix}"
    render, render_cpu = _timed([*translator_cmd(), "render", str(catalogue), "--source",
                                 str(path), "-o", str(rendered)], env, f"render {path.name}")
    return {"mb": path.stat().st_size / 1e6, "segments": int(segments),
            "segment_s": float(seconds), "segment_cpu_s": segment_cpu,
            "segment_rss_mb": segmented.max_rss_mb,
            "translate_s": translate.seconds, "translate_cpu_s": translate_cpu,
            "translate_rss_mb": translate.max_rss_mb,
            "render_s": render.seconds, "render_cpu_s": render_cpu,
            "render_rss_mb": render.max_rss_mb}


def _timed(cmd: list[str], env: dict[str, str], what: str) -> tuple[Measured, float]:
    """The finished child and the CPU seconds (user + system) it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    measured = check(run_measured(cmd, env=env), what)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return measured, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _environment(work: Path) -> dict[str, str]:
    """No user configuration, cache or freshness records: every run starts cold."""
    home = work / "home"
    return {**os.environ, "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO),
                                                        os.environ.get("PYTHONPATH", "")]))}


def documents(work: Path, html_sizes: list[float], pages: list[int]) -> list[Path]:
    """The inputs: a one-paragraph page (the memory baseline), the pages and the reports."""
    work.mkdir(parents=True, exist_ok=True)
    tiny = work / "tiny.html"
    tiny.write_text("<p>Rutte arrived in Kyiv on Thursday.</p>\n", encoding="utf-8")
    paths = [tiny]
    for size in html_sizes:
        path = work / f"page-{size:g}mb.html"
        path.write_text(html_page(size), encoding="utf-8")
        paths.append(path)
    paths += [docx_report(count, work / f"report-{count}p.docx") for count in pages]
    return paths


def generated(work: Path, html_sizes: list[float], pages: list[int]) -> list[Path]:
    """``documents`` built in a child process, so that this one stays small."""
    listed = check(run_measured([sys.executable, "-m", "benchmarks.documents", "--generate",
                                 "--work", str(work), "--sizes", _joined(html_sizes),
                                 "--pages", _joined(pages)], env=_environment(work)),
                   "generating the documents")
    return [Path(line) for line in listed.stdout.splitlines() if line.strip()]


def _joined(values: list[float] | list[int]) -> str:
    return ",".join(f"{value:g}" for value in values)


def table(figures: dict[str, dict[str, float]]) -> str:
    """A Markdown table of the figures: seconds as wall (CPU), peak RSS in MB, and the
    translate RSS above the one-paragraph page's per MB of input."""
    base = figures["tiny.html"]["translate_rss_mb"]
    lines = ["| document | MB | segments | segment s | segment RSS | translate s | "
             "translate RSS (above tiny, per input MB) | render s | render RSS |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, row in figures.items():
        growth = (row["translate_rss_mb"] - base) / row["mb"] if name != "tiny.html" else 0
        lines.append(f"| {name} | {row['mb']:.2f} | {row['segments']:,} | "
                     f"{row['segment_s']:.1f} | {row['segment_rss_mb']:.0f} | "
                     f"{row['translate_s']:.1f} ({row['translate_cpu_s']:.1f}) | "
                     f"{row['translate_rss_mb']:.0f} ({growth:+.0f}/MB) | "
                     f"{row['render_s']:.1f} ({row['render_cpu_s']:.1f}) | "
                     f"{row['render_rss_mb']:.0f} |")
    return "\n".join(lines)


def run(ctx: Context) -> Result:
    """The benchmark runner's entry: quick runs use small inputs. Always the fixture model:
    what is measured is the document handling around the engine, and a real model would
    take ~20 min per 40,000 segments here."""
    sizes, pages = ([0.02, 0.1], [2, 6]) if ctx.quick else ([1, 5], [50, 200])
    result = Result(NAME, TITLE)
    work = ctx.work_dir / "documents"
    figures = {path.name: measure(path, work, FIXTURE_MODEL)
               for path in generated(work, sizes, pages)}
    for name, row in figures.items():
        for key, value in row.items():
            result.figures[f"{name} {key}"] = round(value, 3)
    result.notes.append("Seconds wall (CPU), peak RSS in MB:\n\n" + table(figures))
    result.commands.append(command_line([sys.executable, "-m", "benchmarks.documents"]))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.documents",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,5", help="HTML page sizes in MB")
    parser.add_argument("--pages", default="50,200", help="DOCX page counts")
    parser.add_argument("--model", type=Path, default=FIXTURE_MODEL)
    parser.add_argument("--work", type=Path, help="keep the inputs and outputs here")
    parser.add_argument("--generate", action="store_true",
                        help="only write the documents into --work and list them")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    pages = [int(p) for p in args.pages.split(",")]
    if args.generate:
        print("\n".join(map(str, documents(args.work, sizes, pages))))
        return 0
    with tempfile.TemporaryDirectory(prefix="translator-docs-") as scratch:
        work = args.work or Path(scratch)
        figures = {}
        for path in generated(work, sizes, pages):
            figures[path.name] = measure(path, work, args.model)
            print(path.name, {k: round(v, 2) for k, v in figures[path.name].items()},
                  flush=True)
        print(table(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
