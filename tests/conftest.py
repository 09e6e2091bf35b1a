"""Shared fixtures. Each section belongs to one area; keep additions in their own section."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# ----------------------------------------------------------------------------------------
# Models: fixture .argosmodel packages, a temporary Argos store, and isolation from the
# user's own Argos store and cache (tests never read or write ~/.local/share, ~/.cache).
# ----------------------------------------------------------------------------------------

MODELS = FIXTURES / "models"
MODEL_PAIRS = ("en_uk", "en_pl", "de_en")


@pytest.fixture(scope="session")
def _model_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One session-wide folder standing in for the user's home data, config and cache."""
    return tmp_path_factory.mktemp("model-sandbox")


@pytest.fixture(autouse=True)
def _isolate_model_dirs(_model_sandbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point Argos's store, settings and our cache at the sandbox for every test."""
    for variable, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("ARGOS_PACKAGES_DIR", "empty-store"),
    ):
        monkeypatch.setenv(variable, str(_model_sandbox / sub))
    monkeypatch.delenv("ARGOS_TRANSLATE_PACKAGE_DIR", raising=False)
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)


def model_file(pair: str) -> Path:
    """Path of a fixture package (``en_uk`` → tests/fixtures/models/en_uk.argosmodel)."""
    return MODELS / f"{pair}.argosmodel"


@pytest.fixture(scope="session")
def model_files() -> dict[str, Path]:
    """The fixture packages by pair; skips the test if they have not been built."""
    files = {pair: model_file(pair) for pair in MODEL_PAIRS}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        pytest.skip(f"fixture models not built: {', '.join(missing)}")
    return files


@pytest.fixture(scope="session")
def package_dir(
    model_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A session-wide Argos store with the three fixture packages installed by our install()."""
    from translator.engine.store import install

    store = tmp_path_factory.mktemp("argos-store") / "packages"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("install-cache")))
        for file in model_files.values():
            install(file, store)
    return store


@pytest.fixture
def argos_env(package_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make ``package_dir`` the default store (``ARGOS_PACKAGES_DIR``) for this test."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(package_dir))
    return package_dir


@pytest.fixture(scope="session")
def installed_packages(package_dir: Path) -> list:
    """``Package`` objects of the session store."""
    from translator.engine.store import installed

    return installed(package_dir)


@pytest.fixture(scope="session")
def engine(installed_packages: list) -> Iterator[object]:
    """One engine (greedy-free default beam 4) shared by the session: models load once."""
    from translator.engine.ctranslate import Engine

    yield Engine(installed_packages, threads=2)


# ----------------------------------------------------------------------------------------
# Hypothesis: local runs explore new examples; CI (CI=true) is derandomized so a red run
# is reproducible and a green one is not luck.
# ----------------------------------------------------------------------------------------

import os  # noqa: E402

from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")


# ----------------------------------------------------------------------------------------
# Translation memory: every test gets its own memory file under tmp_path (TRANSLATOR_TM),
# so no test ever reads or writes the user's real memory, nor another test's.
# ----------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolate_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    memory = tmp_path / "memory.sqlite"
    monkeypatch.setenv("TRANSLATOR_TM", str(memory))
    return memory


# ----------------------------------------------------------------------------------------
# Documents as a user translates them: the HTML and DOCX fixtures (tools/make_doc_fixtures)
# translated once per session by the demo model into ROOT/locales, sources in ROOT/docs, so
# the catalogues' X-Source-File leads back to them (checks, check --fix, LibreOffice tests).
# ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def translated_documents(tmp_path_factory: pytest.TempPathFactory, _model_sandbox: Path,
                         model_files: dict[str, Path]) -> dict[str, Path]:
    """``article.html``, ``report.docx`` and their catalogues ``article.po``, ``report.po``."""
    from tools.make_doc_fixtures import article_html, report_docx
    from translator.cli import main

    root = tmp_path_factory.mktemp("translated-documents")
    docs = root / "docs"
    docs.mkdir()
    (docs / "article.html").write_text(article_html(), encoding="utf-8")
    report_docx(docs / "report.docx")
    with pytest.MonkeyPatch.context() as patch:
        for variable, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                              ("XDG_CACHE_HOME", "cache"), ("ARGOS_PACKAGES_DIR", "store")):
            patch.setenv(variable, str(_model_sandbox / sub))
        code = main(["translate", str(docs), "--to", "uk", "--model", str(model_files["en_uk"]),
                     "--out", str(root / "locales"), "--no-tm", "-q"])
    assert code == 0
    catalogues = root / "locales" / "uk" / "LC_MESSAGES"
    return {"article.html": docs / "article.html", "report.docx": docs / "report.docx",
            "article.po": catalogues / "article.po", "report.po": catalogues / "report.po"}
