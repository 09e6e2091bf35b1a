"""The Argos package store: safe installs, listing, removal, routes, and agreement with Argos."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from translator import paths
from translator.engine import archive
from translator.engine.archive import open_package
from translator.engine.index import install_from_index
from translator.engine.routing import route
from translator.engine.store import install, installed, remove
from translator.errors import LanguageError, ModelNotFound, PackageError

TOP = "translate-en_uk-1_0"
GOOD_META = {"package_version": "1.0", "argos_version": "1.0", "from_code": "en",
             "from_name": "English", "to_code": "uk", "to_name": "Ukrainian"}


def layout(meta: dict | bytes | None = None, **overrides: bytes | None) -> dict[str, bytes]:
    """Members of a package-shaped archive (model files are placeholders, not a model)."""
    members: dict[str, bytes | None] = {
        f"{TOP}/metadata.json": meta if isinstance(meta, bytes)
        else json.dumps(meta or GOOD_META).encode(),
        f"{TOP}/model/config.json": b"{}",
        f"{TOP}/model/model.bin": b"not a model",
        f"{TOP}/sentencepiece.model": b"not a tokenizer",
    }
    for name, data in overrides.items():
        members[f"{TOP}/{name.replace('__', '/')}"] = data
    return {name: data for name, data in members.items() if data is not None}


def make_zip(path: Path, members: dict[str, bytes], symlinks: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


# --------------------------------------------------------------------------- store location

ENV_CASES = [
    {},
    {"XDG_DATA_HOME": "{tmp}/xdg"},
    {"ARGOS_PACKAGES_DIR": "{tmp}/explicit"},
    {"ARGOS_TRANSLATE_PACKAGE_DIR": "{tmp}/legacy"},
    {"ARGOS_TRANSLATE_PACKAGE_DIR": "{tmp}/legacy", "ARGOS_PACKAGES_DIR": "{tmp}/explicit"},
    {"settings.json": "{tmp}/from-settings"},
    {"settings.json": "{tmp}/from-settings", "ARGOS_PACKAGES_DIR": "{tmp}/explicit"},
]


@pytest.mark.parametrize("case", ENV_CASES, ids=lambda c: "+".join(c) or "defaults")
def test_store_dir_matches_argostranslate(case: dict[str, str], tmp_path: Path) -> None:
    """Our store is wherever argostranslate 1.x itself would install (checked against it)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ARGOS_", "XDG_", "SNAP"))}
    env["HOME"] = str(tmp_path / "home")
    for key, value in case.items():
        value = value.format(tmp=tmp_path)
        if key == "settings.json":
            config = tmp_path / "home" / ".config" / "argos-translate"
            config.mkdir(parents=True)
            (config / "settings.json").write_text(json.dumps({"ARGOS_PACKAGES_DIR": value}))
        else:
            env[key] = value
    code = "import argostranslate.settings as s; print(s.package_data_dir)"
    theirs = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, check=True).stdout.strip()
    code = "from translator.paths import argos_package_dir; print(argos_package_dir())"
    ours = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True).stdout.strip()
    assert ours == theirs


def test_importing_packages_is_cheap() -> None:
    """Listing models must not pay for CTranslate2, SentencePiece or argostranslate."""
    code = ("import sys, translator.engine.store, translator.engine.index; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'ctranslate2', 'sentencepiece', 'argostranslate', 'torch'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


# --------------------------------------------------------------------------- bad archives

BAD_ARCHIVES = [
    ("zip-slip", lambda d: make_zip(d / "x.argosmodel", {**layout(), f"{TOP}/../../evil": b"x"}),
     "escapes the package"),
    ("absolute", lambda d: make_zip(d / "x.argosmodel", {**layout(), "/tmp/evil": b"x"}),
     "escapes the package"),
    ("symlink", lambda d: make_zip(d / "x.argosmodel", layout(),
                                   symlinks={f"{TOP}/model/link": "/etc/passwd"}),
     "symbolic link"),
    ("no-metadata", lambda d: make_zip(d / "x.argosmodel", layout(**{"metadata.json": None})),
     "no metadata.json"),
    ("no-model", lambda d: make_zip(d / "x.argosmodel", layout(**{"model__model.bin": None})),
     "no model/model.bin"),
    ("no-tokenizer",
     lambda d: make_zip(d / "x.argosmodel", layout(**{"sentencepiece.model": None})),
     "no tokenizer"),
    ("bad-json", lambda d: make_zip(d / "x.argosmodel", layout(meta=b"{not json")),
     "invalid metadata.json"),
    ("no-codes", lambda d: make_zip(d / "x.argosmodel", layout(meta=b'{"from_code": "en"}')),
     "no to_code"),
    ("two-tops", lambda d: make_zip(d / "x.argosmodel", {**layout(), "other/file": b"x"}),
     "expected one top folder"),
    ("loose-file", lambda d: make_zip(d / "x.argosmodel", {**layout(), "README.md": b"x"}),
     "outside the package folder"),
    ("not-a-zip", lambda d: (d / "x.argosmodel").write_bytes(b"hello, not a zip") and
     d / "x.argosmodel", "not a zip archive"),
    ("truncated", lambda d: _truncated(d), "not a zip archive"),
    ("unloadable", lambda d: make_zip(d / "x.argosmodel", layout()), "does not load"),
    ("bpe", lambda d: make_zip(d / "x.argosmodel", {
        **layout(**{"sentencepiece.model": None}), f"{TOP}/bpe.model": b"x"}),
     "BPE tokenizer"),
    # metadata codes end up in paths and messages: language-code syntax only
    ("code-path", lambda d: make_zip(d / "x.argosmodel", layout(
        meta=json.dumps({**GOOD_META, "to_code": "../../../../etc/x"}).encode())),
     "to_code '../../../../etc/x' is not a language code"),
    ("code-tab", lambda d: make_zip(d / "x.argosmodel", layout(
        meta=json.dumps({**GOOD_META, "from_code": "en\t"}).encode())),
     r"from_code 'en\\t' is not a language code"),
    # zip bombs: a member that unpacks far beyond its compressed size, or too much in all
    ("bomb-ratio", lambda d: _deflated(d, {"model__model.bin": bytes(8 << 20)}), "zip bomb"),
    ("bomb-total", lambda d: _bomb_total(d), "more than 4,294,967,296 \\(a zip bomb"),
]


def _deflated(directory: Path, overrides: dict[str, bytes]) -> Path:
    path = directory / "x.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in layout(**overrides).items():
            zf.writestr(name, data)
    return path


def _bomb_total(directory: Path) -> Path:
    """Central-directory headers declaring more than MAX_UNPACKED bytes in all, at a
    plausible ratio each (nothing that large is written)."""
    path = make_zip(directory / "x.argosmodel", layout())
    data = bytearray(path.read_bytes())
    big = [f"{TOP}/model/model.bin".encode(), f"{TOP}/sentencepiece.model".encode()]
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if bytes(data[at + 46:at + 46 + length]) in big:
            data[at + 20:at + 24] = (0xFFFF0000 // 50).to_bytes(4, "little")  # compressed
            data[at + 24:at + 28] = (0xFFFF0000).to_bytes(4, "little")  # uncompressed
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def _truncated(directory: Path) -> Path:
    path = make_zip(directory / "full.argosmodel", layout())
    cut = directory / "x.argosmodel"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    path.unlink()
    return cut


@pytest.mark.parametrize("name,build,message", BAD_ARCHIVES, ids=[c[0] for c in BAD_ARCHIVES])
def test_bad_archive_is_refused_and_leaves_nothing(name, build, message, tmp_path: Path) -> None:
    """A refused archive raises one clear error and writes nothing, in or out of the store."""
    sources = tmp_path / "in"
    sources.mkdir()
    archive = build(sources)
    root = tmp_path / "data"
    store = root / "argos-translate" / "packages"
    store.mkdir(parents=True)
    with pytest.raises(PackageError, match=message) as caught:
        install(archive, store)
    assert str(archive) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert tree(root) == {"argos-translate", "argos-translate/packages"}
    assert tree(sources) == {"x.argosmodel"}
    assert not (tmp_path / "evil").exists() and not Path("/tmp/evil").exists()


OPEN_CASES = [c for c in BAD_ARCHIVES if c[0] in ("zip-slip", "absolute", "symlink",
                                                    "code-path", "bomb-ratio", "bomb-total")]


@pytest.mark.parametrize("name,build,message", OPEN_CASES, ids=[c[0] for c in OPEN_CASES])
def test_bad_archive_is_refused_by_open_package(
    name, build, message, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--model FILE`` goes through the same checks and leaves the cache clean."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    archive = build(tmp_path)
    with pytest.raises(PackageError, match=message):
        open_package(archive)
    cache = paths.cache_dir() / "packages"
    assert not cache.exists() or not any(p for p in cache.iterdir())


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="no such"):
        install(tmp_path / "nope.argosmodel", tmp_path / "store")


def test_store_listing_skips_foreign_folders(tmp_path: Path, caplog) -> None:
    """A junk folder in the shared store is skipped with a warning, not a crash."""
    (tmp_path / "junk").mkdir()
    (tmp_path / ".hidden").mkdir()
    assert installed(tmp_path) == []
    assert "junk" in caplog.text and "no metadata.json" in caplog.text


def test_empty_or_missing_store(tmp_path: Path) -> None:
    assert installed(tmp_path / "nowhere") == []


# --------------------------------------------------------------------------- real packages


def test_install_makes_the_folder_argos_would(model_files, tmp_path: Path) -> None:
    """Same folder name as argostranslate's install_from_path, and nothing else left over."""
    store = tmp_path / "packages"
    package = install(model_files["en_uk"], store)
    with zipfile.ZipFile(model_files["en_uk"]) as zf:
        top = zf.namelist()[0].split("/")[0]
    assert package.path == store / top
    assert (package.from_code, package.to_code) == ("en", "uk")
    assert package.size_bytes > 0 and package.model_dir == package.path / "model"
    assert package.tokenizer.name == "sentencepiece.model"
    assert os.listdir(tmp_path) == ["packages"]  # the staging folder is gone too
    argos = tmp_path / "argos"
    _argos("import argostranslate.package as p; "
           f"p.install_from_path({str(model_files['en_uk'])!r})",
           argos, tmp_path / "home")
    assert tree(argos) == tree(store)


def test_argostranslate_sees_our_packages(package_dir: Path, tmp_path: Path) -> None:
    """What we install, Argos lists (run in a subprocess: its settings act at import)."""
    out = _argos("import argostranslate.package as p; "
                 "print(sorted(f'{x.from_code}-{x.to_code}' for x in p.get_installed_packages()))",
                 package_dir, tmp_path / "home")
    assert out == "['de-en', 'en-pl', 'en-uk']"


def test_we_see_argostranslate_packages(model_files, tmp_path: Path) -> None:
    """What argospm/argostranslate installs, we list and can use."""
    store = tmp_path / "store"
    _argos("import argostranslate.package as p; "
           f"p.install_from_path({str(model_files['de_en'])!r})",
           store, tmp_path / "home")
    [package] = installed(store)
    assert package.pair == "de→en"


def _argos(code: str, store: Path, home: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    env.update(HOME=str(home), ARGOS_PACKAGES_DIR=str(store))
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_list_and_remove(model_files, tmp_path: Path) -> None:
    store = tmp_path / "packages"
    for pair in ("en_uk", "en_pl"):
        install(model_files[pair], store)
    assert [p.pair for p in installed(store)] == ["en→pl", "en→uk"]
    removed = remove("en", "pl", store)
    assert not removed.exists()
    assert [p.pair for p in installed(store)] == ["en→uk"]
    with pytest.raises(ModelNotFound, match="no installed en→pl package.*installed: en→uk"):
        remove("en", "pl", store)
    assert os.listdir(tmp_path) == ["packages"]


def test_default_store_is_argos_packages_dir(model_files, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "env-store"))
    package = install(model_files["en_pl"])
    assert package.path.parent == tmp_path / "env-store"
    assert [p.pair for p in installed()] == ["en→pl"]
    remove("en", "pl")
    assert installed() == []


def test_reinstall_replaces_the_pair(model_files, tmp_path: Path) -> None:
    """Installing a package for an installed pair replaces it: one package per pair."""
    store = tmp_path / "packages"
    first = install(model_files["en_uk"], store)
    (store / "old-en-uk").mkdir()
    for item in first.path.iterdir():
        target = store / "old-en-uk" / item.name
        if item.is_dir():
            import shutil
            shutil.copytree(item, target)
        else:
            target.write_bytes(item.read_bytes())
    assert len(installed(store)) == 2
    again = install(model_files["en_uk"], store)
    assert [p.path for p in installed(store)] == [again.path]


def _repacked(source: Path, target: Path, *, top: str | None = None,
              meta: dict[str, str] | None = None, zero_model: bool = False,
              damaged: str | None = None) -> Path:
    """A copy of a fixture archive with another top folder, other metadata, a model.bin of
    zeros (same size, so it passes every check but loading) or another member zeroed."""
    zeroed = "model/model.bin" if zero_model else damaged
    with zipfile.ZipFile(source) as zin, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            old_top, _, rest = info.filename.partition("/")
            data = zin.read(info)
            if rest == "metadata.json" and meta:
                data = json.dumps({**json.loads(data), **meta}).encode()
            if rest == zeroed:
                data = bytes(len(data))
            zout.writestr(f"{top or old_top}/{rest}", data)
    return target


@pytest.mark.parametrize("member,message", [
    ("model/config.json", "model/model.bin or its config or vocabulary is damaged"),
    ("model/shared_vocabulary.json", "model/model.bin or its config or vocabulary is damaged"),
    ("sentencepiece.model", "cannot load the SentencePiece model: .* from sentencepiece.model$"),
])
def test_any_damaged_model_file_is_one_line(model_files, tmp_path: Path, member: str,
                                            message: str) -> None:
    damaged = _repacked(model_files["en_uk"], tmp_path / "d.argosmodel", damaged=member)
    with pytest.raises(PackageError, match=message) as caught:
        install(damaged, tmp_path / "store")
    assert "\n" not in str(caught.value) and "staging" not in str(caught.value)
    assert installed(tmp_path / "store") == []


def test_install_never_replaces_another_pairs_package_of_the_same_name(
    model_files, tmp_path: Path
) -> None:
    """An archive named like the installed en→uk package but holding en→pl leaves en→uk."""
    store = tmp_path / "packages"
    en_uk = install(model_files["en_uk"], store)
    clash = _repacked(model_files["en_pl"], tmp_path / "clash.argosmodel", top=en_uk.path.name)
    with pytest.raises(PackageError, match=r"is the en→uk package, this archive is en→pl") as e:
        install(clash, store)
    assert str(clash) in str(e.value) and "\n" not in str(e.value)
    assert [p.pair for p in installed(store)] == ["en→uk"]
    assert tree(store) == {en_uk.path.name, *(f"{en_uk.path.name}/{p}" for p in
                                              tree(en_uk.path))}


def test_install_never_replaces_a_folder_that_is_not_a_package(model_files, tmp_path: Path) -> None:
    store = tmp_path / "packages"
    top = open_package(model_files["en_uk"]).path.name
    mine = store / top
    mine.mkdir(parents=True)
    (mine / "notes.txt").write_text("a user's own folder")
    with pytest.raises(PackageError, match="is not an Argos package; not replaced"):
        install(model_files["en_uk"], store)
    assert (mine / "notes.txt").read_text() == "a user's own folder"
    (mine / "notes.txt").unlink()
    mine.rmdir()
    mine.write_text("a file")
    with pytest.raises(PackageError, match="is not a package folder; not replaced"):
        install(model_files["en_uk"], store)
    assert mine.read_text() == "a file"


def test_a_model_of_zeros_is_one_line_naming_model_bin_everywhere(
    model_files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """install, --model and a package already in the store: no traceback, the file named."""
    from translator.engine.ctranslate import Engine

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    zeros = _repacked(model_files["en_uk"], tmp_path / "zeros.argosmodel", zero_model=True)
    wanted = r"the model does not load: model/model.bin or .* \(IndexError"
    with pytest.raises(PackageError, match=wanted) as caught:
        install(zeros, tmp_path / "store")
    assert str(caught.value).startswith(f"{zeros}: ")
    with pytest.raises(PackageError, match=wanted):
        open_package(zeros)
    # In the store already (copied in by another tool): the engine says the same.
    package = open_package(zeros, verify=False)
    with pytest.raises(PackageError, match=wanted) as caught:
        Engine([package], threads=1).translate(["Hello."], "en", "uk")
    assert str(caught.value).startswith(f"{package.path}: ")
    done = subprocess.run(
        [sys.executable, "-m", "translator", "models", "install", str(zeros)],
        env={**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "store")},
        capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "model/model.bin" in done.stderr


def test_install_from_folder(model_files, tmp_path: Path) -> None:
    unpacked = open_package(model_files["en_pl"])
    package = install(unpacked.path, tmp_path / "packages")
    assert package.path == tmp_path / "packages" / unpacked.path.name
    assert package.pair == "en→pl"


def test_interrupted_install_leaves_nothing(model_files, tmp_path, monkeypatch) -> None:
    """Ctrl-C in the middle of unpacking: no half package in the store, staging cleaned."""
    calls = []

    def interrupt(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    real = archive.shutil.copyfileobj
    monkeypatch.setattr(archive.shutil, "copyfileobj", interrupt)
    store = tmp_path / "packages"
    with pytest.raises(KeyboardInterrupt):
        install(model_files["en_uk"], store)
    assert os.listdir(tmp_path) == ["packages"] and os.listdir(store) == []


def test_open_package_unpacks_once_into_the_cache(model_files, tmp_path, monkeypatch) -> None:
    """``--model FILE`` never touches the store, and re-opening reuses the unpacked copy."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = open_package(model_files["en_uk"])
    assert first.path.is_relative_to(paths.cache_dir())
    stamp = first.path.stat().st_mtime_ns
    again = open_package(model_files["en_uk"])
    assert again.path == first.path and again.path.stat().st_mtime_ns == stamp
    assert installed() == []


# --------------------------------------------------------------------------- routes


def test_route_direct_and_pivot(installed_packages) -> None:
    assert [p.pair for p in route(installed_packages, "en", "uk")] == ["en→uk"]
    assert [p.pair for p in route(installed_packages, "de", "uk")] == ["de→en", "en→uk"]
    assert [p.pair for p in route(installed_packages, "DE", "pl")] == ["de→en", "en→pl"]


@pytest.mark.parametrize("src,tgt,pairs", [
    ("en", "uk_UA", ["en→uk"]), ("en", "uk-UA", ["en→uk"]), ("en_US", "pl", ["en→pl"]),
    ("de_AT", "uk_UA", ["de→en", "en→uk"]),
])
def test_a_regional_code_falls_back_to_its_language(installed_packages, src, tgt, pairs) -> None:
    assert [p.pair for p in route(installed_packages, src, tgt)] == pairs


def test_a_regional_package_wins_over_the_language_one(installed_packages) -> None:
    from dataclasses import replace

    regional = replace(installed_packages[-1], to_code="uk_UA")
    assert route([*installed_packages, regional], "en", "uk_UA") == [regional]
    assert route([*installed_packages, regional], "en", "uk")[0].to_code == "uk"


@pytest.mark.parametrize("src,tgt", [("uk", "en"), ("fr", "uk"), ("en", "de")])
def test_route_missing_pair_says_what_and_how(installed_packages, src: str, tgt: str) -> None:
    with pytest.raises(ModelNotFound) as caught:
        route(installed_packages, src, tgt)
    message = str(caught.value)
    assert f"{src}→{tgt}" in message
    assert "installed: de→en, en→pl, en→uk" in message
    assert f"translator models install {src} {tgt}" in message
    assert "translator models install FILE.argosmodel" in message


def test_route_prefers_the_first_package_for_a_pair(installed_packages) -> None:
    """``--model`` packages come first and win over installed ones."""
    import dataclasses

    en_uk = next(p for p in installed_packages if p.pair == "en→uk")
    explicit = dataclasses.replace(en_uk, version="0.0.1")
    assert route([explicit, *installed_packages], "en", "uk") == [explicit]
    assert route([*installed_packages, explicit], "en", "uk") == [en_uk]


def test_route_same_language(installed_packages) -> None:
    with pytest.raises(LanguageError):
        route(installed_packages, "en", "en")


def test_route_with_nothing_installed() -> None:
    with pytest.raises(ModelNotFound, match="installed: none"):
        route([], "en", "uk")


# --------------------------------------------------------------------------- the index


def test_index_unreachable_is_one_clean_line(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    with pytest.raises(PackageError, match="^cannot reach the Argos package index: ") as caught:
        install_from_index("en", "uk", directory=tmp_path / "store", timeout=5)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "store").exists()


def test_install_from_index_with_progress(model_files, monkeypatch, tmp_path: Path) -> None:
    """The index flow end to end, offline: a file:// index whose link is a fixture."""
    index = tmp_path / "index"
    index.mkdir()
    entry = {**GOOD_META, "to_code": "pl", "to_name": "Polish",
             "links": [model_files["en_pl"].as_uri()]}
    (index / "index.json").write_text(json.dumps([entry]))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index.as_uri() + "/")
    seen: list[tuple[int, int | None]] = []
    package = install_from_index(
        "en", "pl", directory=tmp_path / "store", progress=lambda d, t: seen.append((d, t)))
    assert package.pair == "en→pl"
    assert seen[-1][0] == model_files["en_pl"].stat().st_size
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(ModelNotFound, match="no en→de package"):
        install_from_index("en", "de", directory=tmp_path / "store")


def test_the_index_cannot_steer_the_download_path(model_files, monkeypatch,
                                                 tmp_path: Path) -> None:
    """A version like ../../x in the (network) index names no file outside the cache."""
    index = tmp_path / "index"
    index.mkdir()
    entry = {**GOOD_META, "to_code": "pl", "package_version": "../../../escaped",
             "links": [model_files["en_pl"].as_uri()]}
    (index / "index.json").write_text(json.dumps([entry]))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index.as_uri() + "/")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "deep" / "er" / "cache"))
    real = archive.open_zip
    opened: list[Path] = []
    monkeypatch.setattr("translator.engine.store.open_zip",
                        lambda path: opened.append(path) or real(path))
    assert install_from_index("en", "pl", directory=tmp_path / "store").pair == "en→pl"
    [downloaded] = opened
    assert downloaded.parent == paths.cache_dir() / "downloads"
    assert not list(tmp_path.rglob("*escaped*.argosmodel*"))
    with pytest.raises(LanguageError, match="not a language code"):
        install_from_index("en", "../x", directory=tmp_path / "store")


def test_a_model_installed_while_a_session_is_open_is_used(
    model_files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The review asks the shared service again and again; its cache must notice a model
    # installed in between (translator models install in another terminal).
    from translator.service import MESSAGE, shared_service

    def retranslate(text: str) -> str:
        return shared_service().translate([(MESSAGE, text)], "en", "uk")[MESSAGE, text].text

    store = tmp_path / "store"
    store.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(store))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(ModelNotFound):
        retranslate("Drones attacked Kyiv.")
    first = shared_service()
    install(model_files["en_uk"], store)
    assert retranslate("Drones attacked Kyiv.")
    assert shared_service() is not first and shared_service() is shared_service()
