"""``translator render`` of a catalogue from someone else (issue 10, items 2, 4, 7 and 8):
it reads only its own source inside the project, never overwrites its inputs, publishes no
link the source did not have, and does not quietly leave segments untranslated."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from translator import fsutil
from translator.cli import main
from translator.documents import parse_document

REPO = Path(__file__).resolve().parents[1]
ARTICLE = """\
# Rutte in Kyiv

Rutte met [Zelenskyy](https://www.president.gov.ua/) in Kyiv. He spoke to the press.

Read the [statement][nato] or write to <mailto:press@example.org>.

[nato]: https://www.nato.int/cps/en/natohq/news.htm
"""


class Project:
    """``root/article.md`` and its catalogue ``root/locales/uk/LC_MESSAGES/article.po``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.source = root / "article.md"
        self.source.write_text(ARTICLE, encoding="utf-8")
        self.catalogue = root / "locales" / "uk" / "LC_MESSAGES" / "article.po"
        self.catalogue.parent.mkdir(parents=True)
        self.segments = {s.id: s.text for s in parse_document(self.source).segments}

    def write(self, header: str = "../../../article.md",
              translate: Callable[[str, str], str] | None = None) -> None:
        """A catalogue of every segment, translated as ``translate(id, text)`` (default: the
        text marked, links as they are)."""
        catalogue = polib.POFile()
        catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "uk",
                              "X-Source-File": header, "X-Source-Language": "en"}
        for sid, text in self.segments.items():
            msgstr = translate(sid, text) if translate else f"УК {text}"
            catalogue.append(polib.POEntry(msgid=text, msgstr=msgstr, occurrences=[(sid, "")]))
        catalogue.save(str(self.catalogue))

    def render(self, capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
        code = main(["render", str(self.catalogue), *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "news").mkdir()
    return Project(tmp_path / "news")


def test_a_clean_catalogue_renders_without_a_word(project: Project,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    project.write()
    code, out, err = project.render(capsys)
    assert (code, err) == (0, "")
    assert "УК Rutte met [Zelenskyy](https://www.president.gov.ua/) in Kyiv." in out
    assert out.endswith("[nato]: https://www.nato.int/cps/en/natohq/news.htm\n")


# -- item 2: which source a catalogue may name -------------------------------------------


@pytest.mark.parametrize(("header", "message"), [
    ("/etc/hostname", "X-Source-File is an absolute path (/etc/hostname)"),
    ("~/notes.md", "X-Source-File is an absolute path"),
    ("../../../../../../../../etc/hostname", "leads outside the project root"),
    ("../../../../article.md", "leads outside the project root"),  # a sibling project
])
def test_a_header_naming_a_file_outside_the_project_is_refused(
    project: Project, capsys: pytest.CaptureFixture[str], header: str, message: str
) -> None:
    (project.root.parent / "article.md").write_text(ARTICLE, encoding="utf-8")
    project.write(header=header)
    code, out, err = project.render(capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"translator: {project.catalogue}: ") and message in err
    assert "--source" in err and err.count("\n") == 1


def test_a_symlink_inside_the_project_does_not_lead_out_of_it(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = project.root.parent / "secret.md"
    secret.write_text("The secret.\n", encoding="utf-8")
    (project.root / "innocent.md").symlink_to(secret)
    project.write(header="../../../innocent.md")
    code, out, err = project.render(capsys)
    assert code == 1 and "secret" not in out and "leads outside the project root" in err


def test_the_user_may_name_any_source(project: Project, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text(ARTICLE, encoding="utf-8")
    project.write(header="/etc/hostname")
    code, out, err = project.render(capsys, "--source", elsewhere)
    assert code == 0 and out.startswith("# УК Rutte in Kyiv"), err


def test_a_catalogue_outside_the_gettext_layout_keeps_to_its_own_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = Project(tmp_path)
    flat = tmp_path / "sub" / "article.uk.po"
    flat.parent.mkdir()
    project.catalogue, old = flat, project.catalogue
    project.write(header="../article.md")
    code, _, err = project.render(capsys)
    assert code == 1 and "leads outside the project root" in err
    project.catalogue = old
    project.write()
    assert project.render(capsys)[0] == 0


def test_devices_and_fifos_are_refused_without_hanging(project: Project,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    project.write()
    code, out, err = project.render(capsys, "--source", "/dev/zero")
    assert (code, out) == (1, "") and "/dev/zero: cannot read: not a regular file" in err
    fifo = project.root / "pipe.md"
    os.mkfifo(fifo)
    project.write(header="../../../pipe.md")
    # in a child process: a regression would block on open() until a writer came
    done = subprocess.run([sys.executable, "-m", "translator", "render", str(project.catalogue)],
                          capture_output=True, text=True, timeout=60, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 1 and "pipe.md: cannot read: not a regular file" in done.stderr


def test_a_source_past_the_size_limit_is_one_line(project: Project,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    project.write()
    limit = project.catalogue.stat().st_size  # the catalogue itself is within it
    big = ARTICLE + "\nMore words.\n" * (limit // 10)
    project.source.write_text(big, encoding="utf-8")
    monkeypatch.setattr(fsutil, "MAX_INPUT_BYTES", limit)
    code, out, err = project.render(capsys)
    assert code == 1 and out == ""
    assert err == (f"translator: {project.source}: too large "
                   f"({len(big.encode()):,} bytes; the limit is {limit:,})\n")


# -- item 4: -o onto an input ------------------------------------------------------------


@pytest.mark.parametrize("how", ["catalogue", "source", "symlink to source",
                                 "hard link to catalogue", "relative path to catalogue"])
def test_the_output_may_not_be_an_input(project: Project, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    project.write()
    before = {p: p.read_bytes() for p in (project.source, project.catalogue)}
    output = {"catalogue": project.catalogue, "source": project.source,
              "symlink to source": project.root / "out.md",
              "hard link to catalogue": project.root / "out.po",
              "relative path to catalogue": Path("locales/uk/../uk/LC_MESSAGES/article.po")}[how]
    if how == "symlink to source":
        output.symlink_to(project.source)
    elif how == "hard link to catalogue":
        os.link(project.catalogue, output)
    monkeypatch.chdir(project.root)
    code, out, err = project.render(capsys, "-o", output)
    assert code == 1 and out == ""
    assert "is the catalogue being rendered" in err or "is the source being rendered" in err
    assert {p: p.read_bytes() for p in before} == before


# -- item 7: links -----------------------------------------------------------------------


def _with(old: str, new: str) -> Callable[[str, str], str]:
    return lambda sid, text: "УК " + text.replace(old, new)


@pytest.mark.parametrize("translation", [
    _with("https://www.president.gov.ua/", "javascript:alert(1)"),
    _with("https://www.president.gov.ua/", "JaVa%0aScript:alert(1)".replace("%0a", "")),
    _with("https://www.president.gov.ua/", "&#106;avascript:alert(1)"),  # entity-encoded
    _with("https://www.president.gov.ua/", "data:text/html;base64,PHNjcmlwdD4="),
    _with("https://www.president.gov.ua/", "file:///etc/passwd"),
    _with("[statement][nato]", "[statement](vbscript:msgbox)"),
    _with("Rutte met", '<a href="javascript:go()">Рютте</a> met'),
    _with("Rutte met", '<img src="x.png" onerror="go()"> met'),
    _with("He spoke", "<script>go()</script> He spoke"),
    _with("<mailto:press@example.org>", "<javascript:alert(1)>"),  # autolink
])
def test_a_link_scheme_the_source_does_not_have_is_refused(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    translation: Callable[[str, str], str],
) -> None:
    project.write(translate=translation)
    output = tmp_path / "out.md"
    code, out, err = project.render(capsys, "-o", output)
    assert code == 1 and not output.exists()
    line = next(line for line in err.splitlines() if "refusing a link" in line)
    assert line.startswith(f"translator: {project.catalogue}:")  # file:line of the entry
    assert "segment p" in line


@pytest.mark.parametrize(("translation", "said"), [
    (_with("https://www.president.gov.ua/", "https://evil.example/"),
     "adds https://evil.example/; drops https://www.president.gov.ua/"),
    (_with("[Zelenskyy](https://www.president.gov.ua/)", "Zelenskyy"),
     "drops https://www.president.gov.ua/"),
    (_with("[statement][nato]", "[statement](https://www.nato.int/other)"),
     "adds https://www.nato.int/other; drops https://www.nato.int/cps/en/natohq/news.htm"),
    (_with("the press", "[the press](/wiki/Press)"), "adds /wiki/Press"),
])
def test_a_changed_link_is_reported_and_rendered(
    project: Project, capsys: pytest.CaptureFixture[str],
    translation: Callable[[str, str], str], said: str,
) -> None:
    project.write(translate=translation)
    code, out, err = project.render(capsys)
    assert code == 0 and out.startswith("# УК Rutte")
    [warning] = err.splitlines()
    assert warning.startswith(f"translator: {project.catalogue}:")
    assert "warning: segment p" in warning
    assert f"link targets differ from the source's ({said})" in warning


def test_moved_links_and_schemes_the_source_has_are_fine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = Project(tmp_path)
    project.source.write_text("Get [it](ftp://a.example/x) and [that](https://b.example/).\n",
                              encoding="utf-8")
    project.segments = {s.id: s.text for s in parse_document(project.source).segments}
    project.write(translate=lambda sid, text: "Візьміть [те](https://b.example/) і "
                                              "[це](ftp://a.example/y).")
    code, _, err = project.render(capsys)
    assert code == 0
    assert "adds ftp://a.example/y; drops ftp://a.example/x" in err  # reported, not refused
    assert "refusing" not in err


# -- item 8: a source changed since translation ------------------------------------------


def test_segments_missing_from_the_catalogue_are_named_and_refused(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write()
    project.source.write_text(ARTICLE.replace("He spoke to the press.",
                                              "He also met soldiers in Kharkiv."),
                              encoding="utf-8")
    output = tmp_path / "out.md"
    code, out, err = project.render(capsys, "-o", output)
    assert code == 1 and out == "" and not output.exists()
    changed = next(s for s in parse_document(project.source).segments
                   if s.text.startswith("He also met"))
    assert (f"translator: {project.source}:{changed.line}: segment {changed.id} not in the "
            "catalogue (the source changed since translation): «He also met soldiers in "
            "Kharkiv.»") in err
    assert err.splitlines()[-1] == (
        f"translator: {project.catalogue}: 1 segment(s) would stay untranslated; translate "
        "the source again or pass --allow-untranslated")

    code, out, err = project.render(capsys, "-o", output, "--allow-untranslated")
    assert code == 0 and out == f"{output}\n"
    assert "He also met soldiers in Kharkiv." in output.read_text(encoding="utf-8")
    assert f"segment {changed.id} not in the catalogue" in err  # still said


def test_the_catalogue_itself_must_be_a_regular_file(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The sibling of a hostile X-Source-File: ``render /dev/zero`` must not read forever."""
    assert main(["render", "/dev/zero"]) == 1
    assert capsys.readouterr().err == "translator: /dev/zero: cannot read: not a regular file\n"
