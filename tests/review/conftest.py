"""Fixtures for the review app: a fresh copy of the sample catalogue, the sample glossary,
data dirs under tmp_path, and the eval catalogues (skipped when ../shared is absent)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "rutte.uk.po"
GLOSSARY = DATA / "ukraine-news.tsv"
# tests/review/conftest.py → parents[2] is the repository; ../shared sits beside it.
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EVAL_PO = SHARED / "eval" / "po"


def eval_catalogues() -> list[Path]:
    return sorted(EVAL_PO.glob("*.po")) if EVAL_PO.is_dir() else []


needs_eval = pytest.mark.skipif(
    not EVAL_PO.is_dir(), reason=f"eval catalogues not found at {EVAL_PO} (../shared/eval/po)"
)


def eval_params() -> list[object]:
    """One pytest param per eval catalogue, or one skipped param when they are absent."""
    paths = eval_catalogues()
    if not paths:
        skip = pytest.mark.skip(reason=f"no eval catalogues at {EVAL_PO}")
        return [pytest.param(None, marks=skip)]
    return [pytest.param(p, id=p.name, marks=pytest.mark.eval) for p in paths]


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Config, data, cache and the Argos package store under a temp dir: no real models."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        (home / name).mkdir()
        monkeypatch.setenv(name, str(home / name))
    packages = home / "argos-packages"
    packages.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))  # empty: no model installed
    return home


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A fresh copy of the sample article catalogue."""
    path = tmp_path / "rutte.uk.po"
    shutil.copyfile(SAMPLE, path)
    return path


@pytest.fixture
def glossary() -> Path:
    return GLOSSARY


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests are ``async``; anyio's pytest plugin runs them on asyncio."""
    return "asyncio"
