"""HTML pages: segments, identity render byte for byte, translations keep the markup."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.make_doc_fixtures import article_html
from translator.documents import htmlinline, parse_document, parse_text, render
from translator.documents.htmltokens import INLINE, tokenize
from translator.errors import InputError

MODEL = Path(__file__).parent / "fixtures" / "models" / "en_uk.argosmodel"


def identity(document) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {segment.id: segment.text for segment in document.segments}


def test_article_segments_ids_and_kinds() -> None:
    document = parse_text(article_html(), "html")
    by_id = {s.id: s for s in document.segments}
    assert by_id["title1.1"].kind == "title"
    assert by_id["h1.1"].text == "NATO Secretary-General Mark Rutte visits Kyiv"
    assert by_id["p2.1"].text == (
        "NATO Secretary-General <strong>Mark Rutte</strong> arrived in Kyiv on Thursday.")
    assert by_id["p2.2"].text == "It was his first visit to Ukraine as Secretary-General."
    assert by_id["td1.2.1"].text == "Attack drones"
    assert by_id["cap1.1"].kind == "caption"
    assert by_id["alt@1"].text == "Rutte met President Volodymyr Zelenskyy in Kyiv."
    assert by_id["description@1"].text == "Rutte said that NATO will support Ukraine."
    assert by_id["aria-label@1"].text == "Main menu"
    assert by_id["title@1"].text == "News from around the world"
    texts = " ".join(s.text for s in document.segments)
    for kept in ("dataLayer", "Not a paragraph", "Georgia", "Olena Kovalenko", "curl",
                 "NewsArticle", "device-width"):
        assert kept not in texts
    assert "&uarr;" not in texts  # no words: not a segment
    lines = article_html().splitlines()
    for segment in document.segments:
        first = segment.text.split("\n")[0]
        assert first in lines[segment.line - 1], segment


def test_article_identity_render_is_byte_for_byte() -> None:
    document = parse_text(article_html(), "html")
    assert render(document, identity(document)) == article_html()
    assert render(document, {}) == article_html()


def test_translation_keeps_markup_attributes_and_untranslatable_parts() -> None:
    source = article_html()
    document = parse_text(source, "html")
    translations = {s.id: "ПЕРЕКЛАД " + s.text for s in document.segments}
    translations["alt@1"] = 'Рютте "і" Зеленський'
    translations["title@1"] = "Новини світу"
    out = render(document, translations, "uk")
    assert isinstance(out, str)
    assert '<html class="no-js" lang="uk">' in out
    assert 'alt="Рютте &quot;і&quot; Зеленський"' in out
    assert 'ПЕРЕКЛАД <a href="/world" title="Новини світу">World</a>' in out
    assert "ПЕРЕКЛАД NATO Secretary-General <strong>Mark Rutte</strong>" in out
    for kept in re.findall(r"<(script|style|pre)\b.*?</\1>", source, re.S):
        assert kept in out
    assert '<p class="byline" translate="no">By Olena Kovalenko &middot; Reuters</p>' in out
    assert _structure(out) == _structure(source)


def _structure(text: str) -> list[tuple[str, str]]:
    """Every tag's name and attributes except translated ones, in order."""
    return [(t.kind, t.tag) + tuple(sorted((k, v or "") for k, v in t.attrs
                                           if k not in ("alt", "title", "aria-label", "content",
                                                        "lang")))
            for t in tokenize(text) if t.kind in ("start", "end")]


def _blocks(text: str) -> list[tuple[str, str]]:
    return [(kind, tag, *rest) for kind, tag, *rest in _structure(text) if tag not in INLINE]


def test_lang_is_added_to_a_root_without_one_and_fragments_have_none() -> None:
    page = parse_text("<html><body><p>One.</p></body></html>", "html")
    assert render(page, {}, "pt_BR") == '<html lang="pt-BR"><body><p>One.</p></body></html>'
    fragment = parse_text("<p>One.</p>", "html")
    assert render(fragment, {"p1.1": "Один."}, "uk") == "<p>Один.</p>"


@pytest.mark.parametrize(
    ("source", "ids"),
    [
        ("<ul><li>One<li>Two</ul>", ["li1.1", "li2.1"]),  # implied end tags
        ("<p>A<p>B", ["p1.1", "p2.1"]),
        ("<div>Loose text <b>bold</b>.</div>", ["p1.1"]),
        ("<table><tr><td>a<table><tr><td>b</td></tr></table></td><td>c</td></tr></table>",
         ["td1.1.1", "td2.1.1", "td1.1.2"]),  # nested tables count on
        ("<dl><dt>Term<dd>Meaning.</dl>", ["dt1.1", "dd1.1"]),
        ("<blockquote>Said so. Twice.</blockquote>", ["q1.1", "q1.2"]),
        ("<p>Kept <span translate=no>as is</span> here.</p>", ["p1.1"]),
        ("<div class='x notranslate'><p>Never</p></div><p>Yes</p>", ["p1.1"]),
        ("<p><code>only code</code></p><pre>Text.</pre>", []),
    ],
)
def test_blocks_become_segments(source: str, ids: list[str]) -> None:
    document = parse_text(source, "html")
    assert [s.id for s in document.segments] == ids
    assert render(document, identity(document)) == source


def test_sentences_are_not_cut_inside_an_element() -> None:
    document = parse_text("<p><b>Kyiv. Kharkiv.</b> Next one. <a href=x>See it. There</a> now.</p>",
                          "html")
    assert [s.text for s in document.segments] == [
        "<b>Kyiv. Kharkiv.</b>", "Next one.", "<a href=x>See it. There</a> now."]


def test_parse_and_restore_carry_inline_html() -> None:
    tagged = htmlinline.parse('Read <a href="u">the plan</a> &amp; <code>x&lt;y</code> now')
    assert tagged.plain == "Read the plan & x<y now"
    target = "Читайте план & x<y зараз *_[a]_*"
    out = htmlinline.restore(tagged, target, [((0, 4), (0, 7)), ((5, 8), (8, 12)),
                                              ((9, 13), (8, 12)), ((14, 15), (13, 14))])
    assert out == ('Читайте <a href="u">план</a> &amp; <code>x&lt;y</code> зараз *_[a]_*')


def test_restore_never_loses_a_link_or_code() -> None:
    tagged = htmlinline.parse('See <a href="u">NATO</a> and <code>ls</code>.')
    out = htmlinline.restore(tagged, "Дивіться НАТО і лс.", [])  # no alignment at all
    assert '<a href="u">' in out and "</a>" in out and "<code>ls</code>" in out


def test_encodings_bom_and_meta_charset_round_trip(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="windows-1251"></head>'
            "<body><p>Привіт, світ.</p></body></html>")
    cp = tmp_path / "cp.html"
    cp.write_bytes(page.encode("cp1251"))
    document = parse_document(cp)
    assert document.segments[0].text == "Привіт, світ."
    assert render(document, {}) == cp.read_bytes()
    out = render(document, {"p1.1": "Hello — ü ✓."})
    assert isinstance(out, bytes)
    assert "Hello — ü ✓.".encode("cp1251", "xmlcharrefreplace") in out
    utf16 = tmp_path / "u16.html"
    utf16.write_bytes(b"\xff\xfe" + "<p>Text here.</p>".encode("utf-16-le"))
    document = parse_document(utf16)
    assert [s.text for s in document.segments] == ["Text here."]
    assert render(document, {}) == utf16.read_bytes()
    bom8 = tmp_path / "bom.html"
    bom8.write_bytes(b"\xef\xbb\xbf<p>Text here.</p>")
    assert render(parse_document(bom8), {}) == bom8.read_bytes()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'<meta charset="klingon-8"><p>x</p>', "test.html:1: unknown encoding 'klingon-8'"),
        (b"<p>caf\xe9</p>", "test.html:1: not valid utf-8 at byte 6"),
        (b"<!-- nothing -->", "test.html: no text to translate"),
    ],
)
def test_bad_html_is_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "test.html"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        parse_document(path)
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(message)


# --- round trip on generated pages ---------------------------------------------------------

WORDS = ["alpha", "bravo", "kyiv", "rutte", "київ", "Drones."]
word = st.sampled_from(WORDS)
inline = st.one_of(
    word,
    st.builds("<b>{}</b>".format, word),
    st.builds('<a href="u?a=1&amp;b=2" title="{}">{}</a>'.format, word, word),
    st.builds("<code>{}</code>".format, word),
    st.builds("<span class='notranslate'>{}</span>".format, word),
    st.sampled_from(["<br>", "<br/>", "&amp;", "&nbsp;", "&#8212;", "&bogus", "<!-- c -->",
                     "<img src=x alt='{}'>".format("kyiv photo"), "<i>", "</u>", "a < b",
                     "\n   ", "\t"]),
)
text_run = st.lists(inline, min_size=1, max_size=6).map(" ".join)
block = st.one_of(
    st.builds("<p>{}</p>".format, text_run),
    st.builds("<p class=lead>{}".format, text_run),
    st.builds("<h2 id='x'>{}</h2>".format, text_run),
    st.builds("<ul><li>{}<li>{}</ul>".format, text_run, text_run),
    st.builds("<blockquote>{}</blockquote>".format, text_run),
    st.builds("<table><tr><th>{}</th><td>{}</td></tr></table>".format, text_run, text_run),
    st.builds("<script>var s = '{}';</script>".format, text_run),
    st.builds("<pre>{}</pre>".format, text_run),
    st.builds('<div translate="no">{}</div>'.format, text_run),
    st.sampled_from(["<!DOCTYPE html>", "<!-- note -->", "<?php echo 1 ?>", "\r\n", "\n\n",
                     "<![CDATA[x]]>", "<hr>"]),
    text_run,
)
page = st.lists(block, max_size=8).map("".join)
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(page)
def test_identity_render_of_generated_pages(source: str) -> None:
    document = parse_text(source, "html")
    assert render(document, identity(document)) == source
    assert render(document, {}) == source


@SETTINGS
@given(page)
def test_translation_changes_only_segments(source: str) -> None:
    document = parse_text(source, "html")
    out = render(document, {s.id: "зміна" for s in document.segments if s.kind != "attribute"})
    assert isinstance(out, str)
    kept = [t.raw for t in tokenize(source) if t.kind in ("start", "end") and
            not _inside_segment(t.start, document, source)]
    for tag in kept:
        assert tag in out


def _inside_segment(offset: int, document, source: str) -> bool:  # type: ignore[no-untyped-def]
    layout = document.layout
    return any(r.start <= offset < r.end for r in layout.regions if r.id is not None)


@given(st.text(max_size=80))
@settings(max_examples=200, deadline=None)
def test_any_text_round_trips(source: str) -> None:
    document = parse_text(source, "html")
    assert render(document, identity(document)) == source


# --- the command line, with the demo model ------------------------------------------------

@pytest.mark.slow
def test_translate_and_render_an_article(tmp_path: Path) -> None:
    source = tmp_path / "article.html"
    source.write_text(article_html(), encoding="utf-8")
    run = [sys.executable, "-m", "translator"]
    subprocess.run([*run, "translate", str(source), "--to", "uk", "--model", str(MODEL),
                    "--out", str(tmp_path / "locales"), "-q"], check=True)
    catalogue = tmp_path / "locales" / "uk" / "LC_MESSAGES" / "article.po"
    assert "#. segment: alt@1" in catalogue.read_text(encoding="utf-8")
    output = tmp_path / "article.uk.html"
    subprocess.run([*run, "render", str(catalogue), "-o", str(output)], check=True,
                   capture_output=True)
    out = output.read_text(encoding="utf-8")
    original = article_html()
    assert '<html class="no-js" lang="uk">' in out
    assert "Київ" in out or "Києв" in out
    assert _blocks(out) == _blocks(original)  # inline tags may move with the words
    inline_out, inline_source = (Counter(t for t in _structure(text) if t[1] in INLINE)
                                 for text in (out, original))
    assert inline_out <= inline_source  # emphasis may be dropped (as in Markdown), never made up
    kept = ("a", "code", "br", "img", "span")  # links, code, breaks, images: never lost
    assert {t: n for t, n in inline_source.items() if t[1] in kept} == {
        t: n for t, n in inline_out.items() if t[1] in kept}
    for kept in re.findall(r"<(script|style|pre)\b.*?</\1>", original, re.S):
        assert kept in out
    for href in re.findall(r'href="([^"]+)"', original):
        assert f'href="{href}"' in out
    assert '<span class="notranslate">NATO Summit</span>' in out
    assert "<code>nato --help</code>" in out


@pytest.mark.parametrize(("source", "target", "links", "expected"), [
    # the engine dropped the space the source had beside a field or note reference
    ("<x1/> Rutte took office.", "Рютте обійняв посаду.", [((1, 6), (0, 5))],
     "<x1/> Рютте обійняв посаду."),
    ("Page <x1/>", "Сторінка", [((0, 4), (0, 8))], "Сторінка <x1/>"),
    # unaligned marks that show nothing go to the edge without spaces of their own
    ("Key <x1/><x2/> text.", "Ключ текст.", [], "Ключ текст<x1/><x2/>."),
])
def test_point_tags_keep_the_sources_spacing(source: str, target: str,
                                             links: list[tuple[tuple[int, int], tuple[int, int]]],
                                             expected: str) -> None:
    assert htmlinline.restore(htmlinline.parse(source), target, links) == expected
