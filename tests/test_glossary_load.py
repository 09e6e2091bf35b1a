"""Loading glossaries: the shipped TSV, TBX and PO imports, and every malformed-file error."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from translator.errors import GlossaryError
from translator.glossary.load import load_glossary
from translator.glossary.terms import Glossary, Term

REPO = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "glossaries"
EVAL = Path(__file__).parents[1].parent / "shared" / "eval"
needs_eval = pytest.mark.skipif(
    not (EVAL / "glossaries").is_dir(), reason=f"evaluation kit not found at {EVAL}"
)
HEADER = "term\tlang\ttranslation\tvariants\tforbidden\tflags\tnote\n"


def shape(glossary: Glossary) -> list[tuple[object, ...]]:
    """What a term means, independent of where it was read from."""
    return sorted(
        (t.source, t.lang, t.translation, t.variants, t.forbidden, tuple(sorted(t.flags)), t.note)
        for t in glossary
    )


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- the shipped glossary ------------------------------------------------------------------

ISSUE_TERMS = [
    "Mark Rutte", "Volodymyr Zelenskyy", "Zelenskyy", "NATO", "Secretary-General", "Kyiv",
    "Kharkiv", "Ramstein Air Base", "victory plan", "long-range weapons", "glide bomb",
    "air raid sirens", "drones", "Iran", "Israel", "the Middle East",
]


@pytest.mark.parametrize("lang", ["uk", "pl"])
def test_shipped_glossary_has_every_term_of_the_article(lang: str) -> None:
    glossary = load_glossary(REPO / "glossaries" / "ukraine-news.tsv").for_lang(lang)
    assert set(ISSUE_TERMS) <= {t.source for t in glossary}


@pytest.mark.parametrize(
    ("source", "lang", "translation"),
    [
        ("Mark Rutte", "uk", "Марк Рютте"),
        ("Volodymyr Zelenskyy", "uk", "Володимир Зеленський"),
        ("Kyiv", "uk", "Київ"),
        ("Ramstein Air Base", "uk", "авіабаза Рамштайн"),
        ("victory plan", "uk", "План перемоги"),
        ("Kyiv", "pl", "Kijów"),
        ("Volodymyr Zelenskyy", "pl", "Wołodymyr Zełenski"),
        ("Kharkiv", "pl", "Charków"),
    ],
)
def test_shipped_glossary_translations(source: str, lang: str, translation: str) -> None:
    glossary = load_glossary(REPO / "glossaries" / "ukraine-news.tsv").for_lang(lang)
    assert next(t for t in glossary if t.source == source).translation == translation


def test_shipped_glossary_forbids_russian_spellings_of_kyiv() -> None:
    glossary = load_glossary(REPO / "glossaries" / "ukraine-news.tsv").for_lang("uk")
    kyiv = next(t for t in glossary if t.source == "Kyiv")
    assert {"Киев", "Кієв", "Киів"} <= set(kyiv.forbidden)


# --- TSV and CSV ---------------------------------------------------------------------------


def test_tsv_row_becomes_a_term_with_its_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "# comment\n" + HEADER +
                 "drones\tuk\tдрони\tбезпілотники| БПЛА \t\t\tplural\n")
    (term,) = load_glossary(path)
    assert term == Term("drones", "uk", "дрони", ("безпілотники", "БПЛА"), (), frozenset(),
                        "plural")
    assert (term.file, term.line) == (str(path), 3)


def test_unknown_columns_are_kept_and_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "Term\tLang\tTranslation\tReviewer\nKyiv\tuk\tКиїв\tolena\n")
    (term,) = load_glossary(path)
    assert term.translation == "Київ" and dict(term.extra) == {"reviewer": "olena"}


def test_dnt_without_translation_keeps_the_term(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", HEADER + "HackerOne\tuk\t\t\t\tdnt\t\n")
    (term,) = load_glossary(path)
    assert term.translation == "HackerOne" and term.dnt


def test_flags_are_parsed(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", HEADER + "US\tuk\tСША\t\t\tcase, name\t\n")
    (term,) = load_glossary(path)
    assert term.case_sensitive and term.is_name and not term.dnt


def test_csv_with_quoted_cells_loads_like_tsv(tmp_path: Path) -> None:
    rows = [line.split("\t") for line in (FIXTURES / "small.tsv").read_text().splitlines()]
    path = tmp_path / "small.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert shape(load_glossary(path)) == shape(load_glossary(FIXTURES / "small.tsv"))


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", ("\ufeff" + HEADER + "Kyiv\tuk\tКиїв\t\t\t\t\n").encode())
    assert [t.translation for t in load_glossary(path)] == ["Київ"]


MALFORMED = [
    pytest.param(HEADER + "Kyiv\tuk\tКиїв\t\t\n", 2, "expected 7 columns, found 5", id="columns"),
    pytest.param(HEADER + "Kyiv\tuk\tКиїв\t\t\t\t\t\n", 2, "found 8", id="extra-column"),
    pytest.param(HEADER + "Kyiv\tuk\tКиїв\t\t\t\t\n \tuk\tх\t\t\t\t\n", 3, "empty term",
                 id="empty-term"),
    pytest.param(HEADER + "Kyiv\tuk\tКиїв\t\t\tnmae\t\n", 2, "unknown flag 'nmae'",
                 id="unknown-flag"),
    pytest.param(HEADER + "Kyiv\tuk\tКиїв\t\t\t\t\nKyiv\tuk\tКиїв\t\t\t\t\n", 3,
                 "duplicate row for 'Kyiv' (uk): first at line 2", id="duplicate"),
    pytest.param(HEADER + "Kyiv\tuk\tКиїв\t\t\t\t\nkyiv\tuk\tКиев\t\t\t\t\n", 3,
                 "conflicting rows for 'kyiv' (uk): first at line 2", id="conflict"),
    pytest.param("term\tlang\tnote\nKyiv\tuk\t\n", 1, "header lacks column(s) translation",
                 id="missing-header-column"),
    pytest.param("term\tlang\tterm\ttranslation\n", 1, "column 'term' appears twice",
                 id="repeated-header-column"),
    pytest.param(HEADER + "Kyiv\tuk\t\t\t\t\t\n", 2, "empty translation", id="no-translation"),
    pytest.param(HEADER + "Kyiv\tukrainian\tКиїв\t\t\t\t\n", 2, "bad language code",
                 id="language"),
    pytest.param(HEADER + "Kyiv\tuk\tКиїв\t\tКиїв\t\t\n", 2, "both accepted and forbidden",
                 id="forbidden-preferred"),
    pytest.param("# only a comment\n", 1, "empty glossary", id="empty"),
    pytest.param((HEADER + "Kyiv\tuk\tКиїв\t\t\t\t\nKharkiv\tuk\tХарк\xa0в\t\t\t\t\n")
                 .encode("utf-8").replace(b"\xc2\xa0", b"\xd0"), 3, "invalid UTF-8",
                 id="invalid-utf8"),
]


@pytest.mark.parametrize(("content", "line", "message"), MALFORMED)
def test_malformed_tsv_names_file_and_line(
    tmp_path: Path, content: str | bytes, line: int, message: str
) -> None:
    path = write(tmp_path, "bad.tsv", content)
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert (caught.value.file, caught.value.line) == (str(path), line)
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_malformed_csv_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv", 'term,lang,translation\nKyiv,uk,"Київ\n')
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.file == str(path) and caught.value.line is not None


# --- TBX and PO ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["small.tbx", "small.tbx3.tbx"])
def test_tbx_loads_into_the_same_terms_as_tsv(name: str) -> None:
    assert shape(load_glossary(FIXTURES / name)) == shape(load_glossary(FIXTURES / "small.tsv"))


def test_tbx_min_loads_into_the_same_terms_as_tsv() -> None:
    tsv = [t for t in load_glossary(FIXTURES / "small.tsv").for_lang("uk") if not t.dnt]
    assert shape(load_glossary(FIXTURES / "small.min.tbx")) == shape(Glossary(tsv))


def test_po_glossary_takes_language_from_file_name() -> None:
    loaded = load_glossary(FIXTURES / "small.uk.po")
    assert shape(loaded) == shape(load_glossary(FIXTURES / "small-po.tsv"))
    assert loaded.terms[0].line == 10  # the entry's first line, as polib counts


def test_po_glossary_language_argument_wins(tmp_path: Path) -> None:
    path = write(tmp_path, "glossary.po", (FIXTURES / "small.uk.po").read_text())
    assert load_glossary(path, lang="pl").languages == {"pl"}
    with pytest.raises(GlossaryError, match="cannot tell the glossary's language"):
        load_glossary(path)


def test_weblate_excerpt_merges_repeated_terms_and_skips_empty_ones() -> None:
    glossary = load_glossary(FIXTURES / "weblate-excerpt.uk.tbx")
    terms = {t.source: t for t in glossary}
    assert terms["component"].renderings == ("компонент", "складник")
    assert terms["edit"].note == "Якщо стосується дати"
    assert "Gitee" not in terms and len(glossary) == 6  # 7 entries, "component" twice


TBX_PROBLEMS = [
    pytest.param(b"<martif>\n<text><body>\n<termEntry>\n</body></text></martif>", 4,
                 "malformed TBX", id="syntax"),
    pytest.param("<martif>\n<text><body><termEntry>\n<langSet xml:lang='en'><tig><term>Kyiv"
                 "</term></tig></langSet>\n<langSet xml:lang='uk'><tig><term>Ки\xa0в</term>"
                 "</tig></langSet>\n</termEntry></body></text></martif>".encode()
                 .replace(b"\xc2\xa0", b"\xd0"), 4, "malformed TBX", id="invalid-utf8"),
    pytest.param(b"<martif>\n<text><body><termEntry>\n<langSet xml:lang='en'>\n<tig><term> "
                 b"</term></tig></langSet></termEntry></body></text></martif>", 4,
                 "empty source term", id="empty-source"),
]


@pytest.mark.parametrize(("content", "line", "message"), TBX_PROBLEMS)
def test_malformed_tbx_names_file_and_line(
    tmp_path: Path, content: bytes, line: int, message: str
) -> None:
    path = write(tmp_path, "bad.tbx", content)
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert (caught.value.file, caught.value.line) == (str(path), line)
    assert message in caught.value.message


ENTRY = ("<martif type='TBX' xml:lang='en'><text><body><termEntry><langSet xml:lang='en'><tig>"
         "<term>Kyiv</term></tig></langSet><langSet xml:lang='uk'><tig><term>{}Київ</term>"
         "</tig></langSet></termEntry></body></text></martif>\n")


@pytest.mark.parametrize(
    ("doctype", "reference"),
    [
        pytest.param('<!ENTITY xxe SYSTEM "file://{secret}">', "&xxe;", id="external-file"),
        pytest.param('<!ENTITY net SYSTEM "http://127.0.0.1:9/x">', "&net;", id="external-url"),
        pytest.param('<!ENTITY % pe SYSTEM "file://{secret}">\n%pe;', "", id="parameter-entity"),
        pytest.param('<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
                     '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">', "&c;", id="billion-laughs"),
    ],
)
def test_tbx_with_entities_is_refused_without_expanding_them(
    tmp_path: Path, doctype: str, reference: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 10 §13: an XXE or entity-bomb TBX gives one line naming the file, nothing read."""
    from translator.cli import main

    secret = write(tmp_path, "secret.txt", "do-not-disclose")
    path = write(tmp_path, "evil.tbx", f"<?xml version='1.0'?>\n<!DOCTYPE martif [\n"
                 f"{doctype.format(secret=secret)}\n]>\n{ENTRY.format(reference)}")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert (caught.value.file, caught.value.line) == (str(path), 3)
    assert "declares entities" in caught.value.message
    catalogue = write(tmp_path, "x.uk.po", 'msgid ""\nmsgstr "Language: uk\\n"\n')
    code = main(["check", str(catalogue), "--glossary", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and f"{path}:3: TBX declares entities" in err
    assert "do-not-disclose" not in err and "Traceback" not in err


def test_tbx_with_an_external_dtd_loads_without_fetching_it(tmp_path: Path) -> None:
    """Real exports name their DTD (``TBXcoreStructV02.dtd``): it is never loaded."""
    path = write(tmp_path, "ok.tbx", "<?xml version='1.0'?>\n<!DOCTYPE martif SYSTEM "
                 "'http://127.0.0.1:9/TBXcoreStructV02.dtd'>\n" + ENTRY.format(""))
    assert [t.translation for t in load_glossary(path)] == ["Київ"]


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        pytest.param("page.tbx", "<?xml version='1.0'?>\n<html><head><title>Glossary</title>"
                     "</head><body><p>Kyiv</p></body></html>\n", 2,
                     "not a TBX glossary: no term entries in <html>", id="xhtml-named-tbx"),
        pytest.param("page.tbx", "<!DOCTYPE html>\n<html><body><p>Kyiv<br></p></body></html>\n",
                     None, "malformed TBX", id="html-named-tbx"),
        pytest.param("empty.tsv", HEADER, None, "no terms in this TSV glossary", id="header-only"),
        pytest.param("empty.uk.po", 'msgid ""\nmsgstr "Language: uk\\n"\n\nmsgid "Kyiv"\n'
                     'msgstr ""\n', None, "no terms in this PO glossary", id="untranslated-po"),
    ],
)
def test_a_glossary_without_terms_is_an_error(
    tmp_path: Path, name: str, content: str, line: int | None, message: str
) -> None:
    """Issue 10 §17: an empty glossary would make every check pass."""
    path = write(tmp_path, name, content)
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.file == str(path) and message in caught.value.message
    if line is not None:
        assert caught.value.line == line


def test_checking_a_language_the_glossary_lacks_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from translator.cli import main

    polish = write(tmp_path, "pl.tsv", HEADER + "Kyiv\tpl\tKijów\t\t\tname\t\n")
    catalogue = write(tmp_path, "x.uk.po", 'msgid ""\nmsgstr "Language: uk\\n"\n\n'
                      'msgid "Kyiv"\nmsgstr "Київ"\n')
    assert main(["check", str(catalogue), "--glossary", str(polish)]) == 2
    err = capsys.readouterr().err
    assert f"{polish}: no terms for language 'uk' (languages in the glossary: pl)" in err
    assert err.count("\n") == 1


def test_malformed_po_glossary_is_a_glossary_error(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.uk.po", 'msgid "Kyiv"\nmsgstr "Київ"\nmsgstr "again"\n')
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.file == str(path)


def test_missing_file_is_a_glossary_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="cannot read glossary"):
        load_glossary(tmp_path / "nope.tsv")


@pytest.mark.eval
@needs_eval
def test_real_weblate_tbx_loads() -> None:
    glossary = load_glossary(EVAL / "glossaries" / "weblate-glossary.uk.tbx")
    # 99 distinct English terms, two of them with an empty Ukrainian term
    assert len(glossary) == 97 and glossary.languages == {"uk"}


@pytest.mark.eval
@needs_eval
def test_real_gnome_po_glossary_loads_with_language_from_file_name() -> None:
    glossary = load_glossary(EVAL / "glossaries" / "gnome-glossary.uk.po")
    assert len(glossary) == 407 and glossary.languages == {"uk"}
    assert next(t for t in glossary if t.source == "Add").translation == "Додати"


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A named pipe given as the glossary must not block `check` waiting for a writer."""
    fifo = tmp_path / "terms.tsv"
    os.mkfifo(fifo)
    with pytest.raises(GlossaryError, match="not a regular file"):
        load_glossary(fifo)
