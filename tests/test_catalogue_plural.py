"""Plural forms: labels for reviewers, and gettext.c2py agreeing with GNU gettext itself."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from translator.catalogue.plural import (
    Language,
    PluralForms,
    parse_plural_forms,
    plural_function,
)

UK_RULE = "n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2"
UK = f"nplurals=3; plural=({UK_RULE});"
UK4 = f"nplurals=4; plural=n==1 ? 3 : {UK_RULE};"
EVAL_PO = Path(__file__).parents[1].parent / "shared" / "eval" / "po"


@pytest.mark.parametrize(
    ("header", "lang", "labels"),
    [
        (UK, "uk", ["one (1, 21, 31…)", "few (2, 3, 4…)", "many (0, 5, 6…)"]),
        (UK, "uk_UA", ["one (1, 21, 31…)", "few (2, 3, 4…)", "many (0, 5, 6…)"]),
        (UK4, "uk", ["[0] (21, 31, 41…)", "[1] (2, 3, 4…)", "[2] (0, 5, 6…)", "[3] (1)"]),
        (UK, None, ["[0] (1, 21, 31…)", "[1] (2, 3, 4…)", "[2] (0, 5, 6…)"]),
        ("nplurals=2; plural=(n != 1);", "de", ["one (1)", "other (0, 2, 3…)"]),
        ("nplurals=1; plural=0;", "ja", ["other (0, 1, 2…)"]),
        (None, None, ["[0] (1)", "[1] (0, 2, 3…)"]),
    ],
)
def test_labels(header: str | None, lang: str | None, labels: list[str]) -> None:
    assert [str(label) for label in PluralForms.parse(header, lang).labels] == labels


@pytest.mark.parametrize(
    ("expression", "values"),
    [
        ("n != 1", {0: 1, 1: 0, 2: 1}),
        ("n>1", {0: 0, 1: 0, 2: 1}),
        ("n==1 ? 0 : n==2 ? 1 : 2", {1: 0, 2: 1, 3: 2}),
        ("!(n%10)", {10: 1, 11: 0}),
    ],
)
def test_expressions(expression: str, values: dict[int, int]) -> None:
    function = plural_function(expression)
    assert {n: function(n) for n in values} == values


def test_a_broken_expression_still_gives_labels() -> None:
    forms = PluralForms.parse("nplurals=3; plural=n ? ? 1;", "uk")
    assert forms.count == 3
    assert [label.name for label in forms.labels] == ["[0]", "[1]", "[2]"]


def test_a_catalogues_own_rule_is_kept() -> None:
    uk = Language("uk", "Ukrainian", 3, "n != 1")
    assert uk.with_header(UK4).nplurals == 4 and uk.with_header(None) is uk
    assert parse_plural_forms("nplurals=2; plural=n != 1; junk") == (2, "n != 1")


def _all_rules() -> dict[str, int]:
    """Every plural rule translate-toolkit knows, plus those of the eval catalogues."""
    from translate.lang import data

    rules = {plural: nplurals for _name, nplurals, plural in data.languages.values()}
    for path in sorted(EVAL_PO.glob("*.po")) if EVAL_PO.is_dir() else []:
        header = re.search(r'"Plural-Forms:\s*(.*?)\\n"', path.read_text(encoding="utf-8"))
        parsed = parse_plural_forms(header.group(1) if header else None)
        if parsed:
            rules[parsed[1]] = parsed[0]
    return rules


_GLIBC = """
import ctypes, json, os, sys
libc = ctypes.CDLL("libc.so.6")
libc.setlocale(6, b"")  # LC_ALL from the environment (C.UTF-8; LANGUAGE picks the catalogue)
libc.dngettext.restype = ctypes.c_char_p
libc.dngettext.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong]
root, count, ns = sys.argv[1].encode(), int(sys.argv[2]), json.loads(sys.argv[3])
out = []
for i in range(count):
    libc.bindtextdomain(f"d{i}".encode(), root)
    out.append([int(libc.dngettext(f"d{i}".encode(), b"x", b"y", n)) for n in ns])
print(json.dumps(out))
"""


@pytest.mark.skipif(
    shutil.which("msgfmt") is None or not sys.platform.startswith("linux"),
    reason="needs GNU gettext's msgfmt and glibc's dngettext",
)
def test_c2py_chooses_the_same_form_as_gnu_gettext(tmp_path: Path) -> None:
    """The reference is glibc's own evaluator, reading .mo files msgfmt compiled."""
    rules = list(_all_rules().items())
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for i, (plural, nplurals) in enumerate(rules):
        forms = "".join(f'msgstr[{k}] "{k}"\n' for k in range(nplurals))
        po = tmp_path / f"d{i}.po"
        po.write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Plural-Forms: nplurals={nplurals}; plural={plural};\\n"\n\n'
            f'msgid "x"\nmsgid_plural "y"\n{forms}',
            encoding="utf-8",
        )
        subprocess.run(["msgfmt", "-o", str(folder / f"d{i}.mo"), str(po)], check=True)
    ns = [*range(0, 230), *range(1000, 1025), 10**6, 10**6 + 1, 10**6 + 2]
    env = {"LANGUAGE": "xx", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", _GLIBC, str(tmp_path), str(len(rules)), json.dumps(ns)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    gnu = json.loads(done.stdout)
    assert len(rules) > 20
    for (plural, _), expected in zip(rules, gnu, strict=True):
        evaluate = plural_function(plural)
        assert [evaluate(n) for n in ns] == expected, plural
