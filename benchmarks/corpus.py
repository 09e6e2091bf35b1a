"""News articles and parallel pairs from ../shared/eval/parallel.

Articles: NTREX-128 is 123 news stories (WMT19 newstest) split into sentences, with a
document id per line. Each story becomes one Markdown article: its first line (the
headline) a heading, the rest grouped into paragraphs of 3–5 sentences (a fixed,
seeded pattern). If more articles are asked for than NTREX has, FLORES stories (grouped by
source URL) follow.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from urllib.parse import unquote

from benchmarks.common import PARALLEL, require_eval


@dataclasses.dataclass
class Article:
    id: str
    heading: str
    paragraphs: list[str]

    def markdown(self) -> str:
        body = "\n\n".join(self.paragraphs)
        return f"# {self.heading}\n\n{body}\n"

    def blocks(self) -> list[str]:
        """Heading and paragraphs: the texts argostranslate is called with, one at a time."""
        return [self.heading, *self.paragraphs]


def _lines(name: str) -> list[str]:
    return (PARALLEL / name).read_text(encoding="utf-8").splitlines()


def pairs(*names: str) -> list[tuple[str, str]]:
    """(English, Ukrainian) pairs of the named sets: ``flores`` (dev+devtest), ``ntrex``,
    ``wmt22``, ``wmt23``, ``wmt24`` (canary line dropped)."""
    require_eval()
    files = {
        "flores": [("flores200.dev.en", "flores200.dev.uk"),
                   ("flores200.devtest.en", "flores200.devtest.uk")],
        "ntrex": [("ntrex128.en", "ntrex128.uk")],
        "wmt22": [("wmt22.en-uk.en", "wmt22.en-uk.uk")],
        "wmt23": [("wmt23.en-uk.en", "wmt23.en-uk.uk")],
        "wmt24": [("wmt24.en-uk.en", "wmt24.en-uk.uk")],
    }
    out: list[tuple[str, str]] = []
    for name in names:
        for en, uk in files[name]:
            for e, u in zip(_lines(en), _lines(uk), strict=True):
                if e.startswith("CANARY") or not e.strip() or not u.strip():
                    continue
                out.append((e.strip(), u.strip()))
    return out


def _stories() -> Iterator[tuple[str, list[str]]]:
    ids = _lines("ntrex128.docids")
    text = _lines("ntrex128.en")
    for doc, rows in groupby(zip(ids, text, strict=True), key=lambda row: row[0]):
        yield f"ntrex:{doc}", [line.strip() for _, line in rows if line.strip()]
    for part in ("dev", "devtest"):
        urls = [row.split("\t")[0] for row in _lines(f"flores200.{part}.metadata.tsv")[1:]]
        lines = _lines(f"flores200.{part}.en")
        for url, rows in groupby(zip(urls, lines, strict=True), key=lambda row: row[0]):
            sentences = [line.strip() for _, line in rows]
            # FLORES has no headlines: the article's title is the URL's last path part.
            title = unquote(url.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ")
            yield f"flores:{part}:{title[:40]}", [title, *sentences]


def news_articles(count: int, *, max_sentences: int | None = None, seed: int = 6) -> list[Article]:
    """``count`` articles (NTREX first), each capped at ``max_sentences`` body sentences."""
    require_eval()
    rng = random.Random(seed)
    articles: list[Article] = []
    for doc_id, lines in _stories():
        if len(articles) == count:
            break
        if len(lines) < 3:
            continue
        heading, body = lines[0], lines[1:]
        if max_sentences:
            body = body[:max_sentences]
        sizes: list[int] = []
        left = len(body)
        while left > 5:
            n = rng.randint(3, 5)
            if left - n < 3:  # never leave a 1–2 sentence tail
                n = left - 3
            sizes.append(n)
            left -= n
        if left:
            sizes.append(left)
        paragraphs, i = [], 0
        for n in sizes:
            paragraphs.append(" ".join(body[i:i + n]))
            i += n
        articles.append(Article(doc_id, heading, paragraphs))
    return articles


def write_articles(articles: list[Article], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, article in enumerate(articles, 1):
        path = directory / f"article-{n:03d}.md"
        path.write_text(article.markdown(), encoding="utf-8")
        paths.append(path)
    return paths
