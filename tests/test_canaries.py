"""Canaries for the private APIs of our dependencies.

Each use of a dependency's private API is pinned by an upper version bound in
pyproject.toml and checked here, so that raising a bound fails with a message naming
what changed and which of our modules depends on it, not with a traceback deep in a parse.
"""

from __future__ import annotations

import inspect
from importlib import metadata

import polib
import pytest
from markdown_it import MarkdownIt
from markdown_it.ruler import Ruler
from markdown_it.rules_inline import StateInline


def _changed(package: str, what: str, users: str) -> str:
    return (f"{package} {metadata.version(package)} changed {what}, which {users} relies on: "
            f"adapt it before raising the upper bound of {package} in pyproject.toml")


def test_markdown_it_ruler_rules_list() -> None:
    """translator/inline.py and translator/documents/markdown.py wrap every rule by walking
    ``Ruler.__rules__`` (objects with ``name``, ``fn``, ``alt``) and put the wrapper back with
    ``Ruler.at(name, fn, {"alt": ...})``."""
    md = MarkdownIt("commonmark")
    for ruler in (md.block.ruler, md.inline.ruler):
        assert isinstance(ruler, Ruler)
        rules = getattr(ruler, "__rules__", None)
        assert isinstance(rules, list) and rules, _changed(
            "markdown-it-py", "Ruler.__rules__", "translator/inline.py and documents/markdown.py")
        for rule in rules:
            assert all(hasattr(rule, a) for a in ("name", "fn", "alt", "enabled")), _changed(
                "markdown-it-py", "the Rule objects in Ruler.__rules__",
                "translator/inline.py and documents/markdown.py")
    first = md.block.ruler.__rules__[0]

    def wrapped(*args: object) -> bool:
        return bool(first.fn(*args))

    md.block.ruler.at(first.name, wrapped, {"alt": first.alt})
    assert md.block.ruler.__rules__[0].fn is wrapped, _changed(
        "markdown-it-py", "Ruler.at (it no longer replaces the rule's fn in __rules__)",
        "translator/documents/markdown.py")


def test_markdown_it_state_inline_pending_is_a_property() -> None:
    """translator/inline.py overrides ``StateInline.pending`` and calls the base property's
    ``fget``/``fset`` to learn where each text token starts."""
    pending = inspect.getattr_static(StateInline, "pending", None)
    assert isinstance(pending, property) and pending.fset is not None, _changed(
        "markdown-it-py", "StateInline.pending (no longer a settable property)",
        "translator/inline.py (_State)")
    md = MarkdownIt("commonmark")
    state = StateInline("ab", md, {}, [])
    state.pending = "a"
    state.append_pending("b")
    assert pending.fget(state) == "ab", _changed(
        "markdown-it-py", "how StateInline.pending and append_pending store text",
        "translator/inline.py (_State)")
    token = state.pushPending()
    assert token.type == "text" and token.content == "ab" and not state.pending, _changed(
        "markdown-it-py", "StateInline.pushPending", "translator/inline.py (_State)")


def test_polib_str_field_formats_a_field() -> None:
    """translator/catalogue/layout.py formats msgstr lines exactly as polib would with
    ``POEntry._str_field(fieldname, delflag, plural_index, field, wrapwidth)``."""
    method = getattr(polib.POEntry, "_str_field", None)
    assert method is not None, _changed("polib", "POEntry._str_field (removed)",
                                        "translator/catalogue/layout.py")
    params = list(inspect.signature(method).parameters)[1:6]
    assert params == ["fieldname", "delflag", "plural_index", "field", "wrapwidth"], _changed(
        "polib", f"the signature of POEntry._str_field (now {params})",
        "translator/catalogue/layout.py")
    lines = polib.POEntry()._str_field("msgstr", "", "[1]", 'say "hi"', 78)
    assert lines == ['msgstr[1] "say \\"hi\\""'], _changed(
        "polib", f"what POEntry._str_field returns (now {lines!r})",
        "translator/catalogue/layout.py")


def test_polib_unicode_serialises_a_catalogue() -> None:
    """translator/catalogue/write.py serialises a whole catalogue with ``__unicode__``."""
    entry = polib.POEntry(msgid="a", msgstr="б")
    catalogue = polib.POFile()
    catalogue.append(entry)
    assert catalogue.__unicode__().endswith('msgid "a"\nmsgstr "б"\n'), _changed(
        "polib", "POFile.__unicode__", "translator/catalogue/write.py")


def test_pymorphy3_dictionary_parses_are_named_dictionary_analyzer() -> None:
    """translator/glossary/morphology.py tells dictionary words from guesses by the class
    name of the first unit in ``Parse.methods_stack``."""
    pymorphy3 = pytest.importorskip("pymorphy3")
    parses = pymorphy3.MorphAnalyzer(lang="uk").parse("місто")
    assert parses and all(hasattr(p, "methods_stack") for p in parses), _changed(
        "pymorphy3", "Parse.methods_stack", "translator/glossary/morphology.py")
    names = {type(step[0]).__name__ for p in parses for step in p.methods_stack}
    assert "DictionaryAnalyzer" in names, _changed(
        "pymorphy3", f"its analyser unit names (now {sorted(names)})",
        "translator/glossary/morphology.py")
