"""The batch job's re-runs and language fallback, on the real fixture model."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from translator import documents, pipeline
from translator.engine import ctranslate
from translator.pipeline import Options

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rutte-kyiv.md"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return Path(shutil.copyfile(EXAMPLE, tmp_path / "rutte-kyiv.md"))


def _options(tmp_path: Path, model_files: dict[str, Path], lang: str = "uk",
             **more: object) -> Options:
    return Options(targets=[lang], out_dir=tmp_path / "out", models=[model_files["en_uk"]],
                   **more)  # type: ignore[arg-type]


def _forbid(monkeypatch: pytest.MonkeyPatch, *where: tuple[object, str]) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("called on a re-run with nothing to do")

    for owner, name in where:
        monkeypatch.setattr(owner, name, refuse)


def test_a_rerun_with_nothing_to_do_reads_no_source_and_loads_no_model(
    article: Path, tmp_path: Path, model_files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    options = _options(tmp_path, model_files)
    first = pipeline.run([article], options)
    [catalogue] = first.catalogues
    written = catalogue.read_bytes()
    with monkeypatch.context() as patch:
        _forbid(patch, (documents, "parse_document"), (ctranslate, "Engine"))
        again = pipeline.run([article], options)
    assert again.catalogues == [catalogue] and again.segments == 0 and again.documents == 1
    assert catalogue.read_bytes() == written


def test_a_rerun_with_nothing_to_translate_still_loads_no_model(
    article: Path, tmp_path: Path, model_files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a record (another machine, a cleared cache) the source is read, the engine not."""
    options = _options(tmp_path, model_files)
    [catalogue] = pipeline.run([article], options).catalogues
    written = catalogue.read_bytes()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-cache"))
    options = _options(tmp_path, model_files)
    with monkeypatch.context() as patch:
        _forbid(patch, (ctranslate, "Engine"))
        again = pipeline.run([article], options)
    assert again.segments == 0 and catalogue.read_bytes() == written


def test_after_a_review_save_the_unchanged_source_is_not_segmented_again(
    article: Path, tmp_path: Path, model_files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    options = _options(tmp_path, model_files)
    [catalogue] = pipeline.run([article], options).catalogues
    po = polib.pofile(str(catalogue))
    edited = next(e for e in po if e.msgstr)
    edited.msgstr, edited.flags = "Рютте у Києві.", []
    cleared = next(e for e in po if e.msgstr and e is not edited)
    cleared.msgstr = ""
    po.save()
    with monkeypatch.context() as patch:
        _forbid(patch, (documents, "parse_document"))
        again = pipeline.run([article], options)
    assert again.segments == 1 and again.kept == 1
    after = {e.msgid: e for e in polib.pofile(str(catalogue))}
    assert after[edited.msgid].msgstr == "Рютте у Києві." and after[cleared.msgid].msgstr
    # the same units as segmenting gives: a full run over a fresh cache changes nothing
    written = catalogue.read_bytes()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-cache"))
    pipeline.run([article], options)
    assert catalogue.read_bytes() == written


@pytest.mark.parametrize("change", ["source", "catalogue", "refresh"])
def test_any_change_goes_the_whole_way(
    change: str, article: Path, tmp_path: Path, model_files: dict[str, Path]
) -> None:
    options = _options(tmp_path, model_files)
    [catalogue] = pipeline.run([article], options).catalogues
    if change == "source":
        article.write_text(article.read_text() + "\nNATO supports Ukraine.\n")
        wanted = 1
    elif change == "catalogue":  # a reviewer cleared a translation and saved
        po = polib.pofile(str(catalogue))
        next(e for e in po if e.msgstr).msgstr = ""
        po.save()
        wanted = 1
    else:
        options.refresh = True
        wanted = len([e for e in polib.pofile(str(catalogue)) if e.fuzzy])
    again = pipeline.run([article], options)
    assert again.segments == wanted
    assert all(e.msgstr for e in polib.pofile(str(catalogue)) if not e.obsolete)


def test_a_regional_target_uses_the_language_model_and_keeps_its_code(
    article: Path, tmp_path: Path, model_files: dict[str, Path]
) -> None:
    report = pipeline.run([article], _options(tmp_path, model_files, lang="uk_UA"))
    [catalogue] = report.catalogues
    assert catalogue.parts[-3:] == ("uk_UA", "LC_MESSAGES", "rutte-kyiv.po")
    po = polib.pofile(str(catalogue))
    assert po.metadata["Language"] == "uk_UA"
    translated = [e.msgstr for e in po if e.msgstr]
    assert translated and any(re.search("[а-яіїє]", t) for t in translated)
