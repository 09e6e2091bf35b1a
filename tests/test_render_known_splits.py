"""Large documents stay fast without changing a split: the fast paths of sentence splitting
give pysbd's spans, and ``render`` reuses the catalogue's sentences instead of splitting
again, with exactly the segments and bytes a fresh split gives."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.documents import docx_report, html_page
from tools.make_doc_fixtures import article_html
from translator.documents import Document, parse_document, render, sentences
from translator.documents.htmlinline import for_splitting
from translator.documents.htmltokens import tokenize

REPO = Path(__file__).resolve().parents[1]
PARALLEL = REPO.parent / "shared" / "eval" / "parallel"


def _paragraphs(path: Path, count: int, seed: int) -> list[str]:
    """Paragraphs of one to six consecutive sentences of a news corpus file."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("CANARY")]
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        at = rng.randrange(len(lines))
        found.append(" ".join(lines[at:at + rng.randint(1, 6)]))
    return found


def _pysbd_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """What pysbd gives with the repairs, without the fast path or the cache."""
    first, last = len(text) - len(text.lstrip()), len(text.rstrip())
    if first >= last:
        return []
    return list(sentences._split.__wrapped__(text, lang, first, last))


@pytest.mark.eval
@pytest.mark.skipif(not PARALLEL.is_dir(), reason="../shared/eval is absent")
@pytest.mark.parametrize("name,lang", [("ntrex128.en", "en"), ("wmt24.en-uk.en", "en"),
                                       ("flores200.dev.uk", "uk")])
def test_fast_path_and_cache_split_real_paragraphs_as_pysbd(name: str, lang: str) -> None:
    paragraphs = _paragraphs(PARALLEL / name, 150, seed=14)
    paragraphs += [p.split(". ")[0] for p in paragraphs]  # one sentence, or a fragment
    sentences._split.cache_clear()
    for text in paragraphs * 2:  # the second round comes from the cache
        assert sentences.split_sentences(text, lang) == _pysbd_spans(text, lang), text


def test_fast_path_splits_fixture_paragraphs_as_pysbd() -> None:
    texts = [segment.text for segment in _html(article_html()).segments]
    texts.append(" ".join(texts))
    sentences._split.cache_clear()
    for text in texts:
        assert sentences.split_sentences(text, "en") == _pysbd_spans(text, "en"), text


@pytest.mark.parametrize("text", ["A &amp; B > C.", "x &#8212; y &nbsp; z", "plain", " a >b "])
def test_text_without_a_tag_is_only_text_and_references(text: str) -> None:
    """Why ``for_splitting`` and the sentence trimming skip the tokenizer without ``<``."""
    assert {token.kind for token in tokenize(text)} <= {"data", "ref"}
    assert for_splitting(text) == (text, [])


def _html(text: str, known: dict[str, str] | None = None) -> Document:
    from translator.documents import html

    return html.parse(text, "en", "page.html", known)


def _known(document: Document) -> dict[str, str]:
    return {segment.id: segment.text for segment in document.segments}


def _no_pysbd(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(lang: str) -> None:
        raise AssertionError("the sentence splitter ran")

    sentences._split.cache_clear()
    monkeypatch.setattr(sentences, "_segmenter", refuse)


def test_known_sentences_give_the_same_document_without_splitting(
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = html_page(0.03, seed=3)
    fresh = _html(page)
    assert sum(segment.id.endswith(".2") for segment in fresh.segments) > 10
    _no_pysbd(monkeypatch)
    again = _html(page, _known(fresh))
    assert again.segments == fresh.segments
    translations = {s.id: f"[{s.text}]" for s in fresh.segments}
    assert render(again, translations, "uk") == render(fresh, translations, "uk")
    assert render(again, {}) == page


def test_a_changed_paragraph_is_split_again(monkeypatch: pytest.MonkeyPatch) -> None:
    page = "<p>Rutte came to Kyiv. He met Zelenskyy. They spoke.</p>"
    known = {"p1.1": "Rutte came to Kyiv.", "p1.2": "He met Zelenskyy."}  # one sentence short
    assert [s.text for s in _html(page, known).segments] == [
        "Rutte came to Kyiv.", "He met Zelenskyy.", "They spoke."]



@pytest.mark.parametrize("page,known", [
    ("<p>Rutte came to Kyiv. He met Zelenskyy.</p>",  # a cut where no sentence ends
     {"p1.1": "Rutte came", "p1.2": "to Kyiv. He met Zelenskyy."}),
    ("<p>Rutte came to <b>Kyiv. He met</b> Zelenskyy.</p>",  # a cut through a tag pair
     {"p1.1": "Rutte came to <b>Kyiv.", "p1.2": "He met</b> Zelenskyy."}),
])
def test_a_split_the_splitter_could_not_make_is_not_taken(page: str,
                                                          known: dict[str, str]) -> None:
    assert _html(page, known).segments == _html(page).segments


def _docx_and_markdown(tmp_path: Path) -> Iterator[Path]:
    yield docx_report(2, tmp_path / "report.docx", seed=5)
    yield REPO / "examples" / "rutte-kyiv.md"
    text = tmp_path / "notes.txt"
    text.write_text("Rutte came to Kyiv. He met Zelenskyy.\n\nThey spoke. It rained.\n",
                    encoding="utf-8")
    yield text


def test_known_sentences_in_every_format(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for path in _docx_and_markdown(tmp_path):
        fresh = parse_document(path)
        with monkeypatch.context() as patched:
            _no_pysbd(patched)
            again = parse_document(path, known=_known(fresh))
        assert again.segments == fresh.segments, path.name
        translations = {s.id: s.text.upper() for s in fresh.segments}
        assert render(again, translations, "uk") == render(fresh, translations, "uk")
