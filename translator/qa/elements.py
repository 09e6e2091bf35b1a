"""Things the software reads, not the person: placeholders, tags, URLs, command-line options.

Each must come through translation character for character; a missing or altered one
breaks the program (``msgfmt -c`` rejects a wrong placeholder) or the document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from translator.qa.base import Pair, Problem, check, whole

_PRINTF = (r"%(?:\d+\$)?(?:\([A-Za-z_]\w*\))?[-+#0']*(?:\d+|\*)?(?:\.\d+)?"
           r"(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?[diouxXeEfFgGcsaAp@]")
_PLACEHOLDER = re.compile(
    r"\$\{[A-Za-z_]\w*\}|\{\{\s*[\w.]+\s*\}\}|\$[A-Za-z_]\w*"  # ${var} {{ var }} $VAR
    r"|\{[A-Za-z_0-9.\[\]]*(?:![rsa])?(?::[^{}\s]*)?\}"  # {0} {name} {:.2f}
    r"|%%|" + _PRINTF
)
_ANONYMOUS = re.compile(r"%[^\d(%]|%\d+[^$\d]|\{\}")  # order-sensitive conversions
_TAG = re.compile(r"</?([A-Za-z][\w:.-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);")
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_TRANSLATABLE_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "label", "placeholder"})
_VOID_ELEMENTS = frozenset({"br", "hr", "img", "input", "wbr", "meta", "link", "col", "area"})
_URL = re.compile(r"(?:\b(?:https?|ftp|file|sftp|smb|ssh)://|\bwww\.)[^\s<>\"«»]+"
                  r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_URL_TAIL = ".,;:!?)]}'’"
_OPTION = re.compile(r"(?<![\w/.\\%$)-])--?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![\w-])")


def placeholder_spans(text: str, *, printf: bool = True) -> list[tuple[int, int, str]]:
    """Placeholders of every kind in ``text``: ``(start, end, text)``, ``%%`` left out.

    >>> [p for *_, p in placeholder_spans("%(n)d of {total}, ${HOME}, 100%% and %1$s")]
    ['%(n)d', '{total}', '${HOME}', '%1$s']
    """
    found = []
    for match in _PLACEHOLDER.finditer(text):
        token = match.group()
        if token == "%%" or (not printf and token.startswith("%")):
            continue
        found.append((match.start(), match.end(), token))
    return found


def _printf_wanted(pair: Pair) -> bool:
    """printf conversions count unless the entry says the message is not a format."""
    return not any(flag.startswith("no-") and flag.endswith("-format") for flag in pair.flags)


def _compare(source: Iterable[tuple[int, int, str]], target: list[tuple[int, int, str]],
             what: str, text: str) -> Iterator[Problem]:
    """Missing and unexpected tokens, as multisets; spans point at the extra ones."""
    wanted = Counter(token for *_, token in source)
    have = Counter(token for *_, token in target)
    for token, count in (wanted - have).items():
        times = f" ({count}×)" if count > 1 else ""
        yield Problem(f"missing {what} {token}{times}", *whole(text))
    extra = have - wanted
    for start, end, token in target:
        if extra[token] > 0:
            extra[token] -= 1
            yield Problem(f"{what} {token} is not in the source", start, end)


@check("placeholders", "error")
def placeholders(pair: Pair) -> Iterator[Problem]:
    """Placeholders (%s, %(name)d, {0}, ${var}, {{ var }}) kept exactly, in order where unnumbered.

    >>> [p.message for p in placeholders(Pair("%d files in %s", "%d файлів"))]
    ['missing placeholder %s']
    """
    printf = _printf_wanted(pair)
    source = placeholder_spans(pair.source, printf=printf)
    target = placeholder_spans(pair.target, printf=printf)
    if pair.single:  # "one file" may drop the number: the form is for 1 only
        numeric = re.compile(r"%(?:\d+\$)?[-+#0']*\d*[diu]|\{0?\}|\{count\}|\{n\}")
        source = [p for p in source if not numeric.fullmatch(p[2])
                  or any(t[2] == p[2] for t in target)]
    problems = list(_compare(source, target, "placeholder", pair.target))
    yield from problems
    if not problems:
        order_source = [p for *_, p in source if _ANONYMOUS.match(p + " ")]
        order_target = [p for *_, p in target if _ANONYMOUS.match(p + " ")]
        if order_source != order_target:
            yield Problem("unnumbered placeholders in another order (number them: %1$s)",
                          *whole(pair.target))


def _tag_key(match: re.Match[str]) -> str:
    """A tag as the program sees it: name and attributes, translatable attributes aside."""
    attributes = sorted(f"{name}={value}" for name, value in _ATTRIBUTE.findall(match.group(2))
                        if name.lower() not in _TRANSLATABLE_ATTRIBUTES)
    closing = "/" if match.group().startswith("</") else ""
    return f"<{closing}{match.group(1)}{' ' if attributes else ''}{' '.join(attributes)}" \
           f"{match.group(3)}>"


def tag_spans(text: str) -> list[tuple[int, int, str]]:
    """XML/HTML tags and entities in ``text``; ``<file>`` alone is a metavariable, not a tag.

    A name counts as a tag when the text closes it, it closes itself, it has attributes, or
    it is an HTML void element (``<br>``); ``<disk device>`` is a metavariable too.

    >>> [t for *_, t in tag_spans('<b>B</b> <a href="x" title="t">a</a> <file> <disk dev> &amp;')]
    ['<b>', '</b>', '<a href="x">', '</a>', '&amp;']
    """
    matches = list(_TAG.finditer(text))
    closed = {m.group(1) for m in matches if m.group().startswith("</")}
    found = [(m.start(), m.end(), _tag_key(m)) for m in matches
             if m.group(1) in closed or m.group(3) or _ATTRIBUTE.search(m.group(2))
             or m.group(1).lower() in _VOID_ELEMENTS]
    found += [(m.start(), m.end(), m.group()) for m in _ENTITY.finditer(text)]
    return sorted(found)


@check("tags", "error")
def tags(pair: Pair) -> Iterator[Problem]:
    """XML/HTML tags and entities kept (translatable attributes such as title= aside)."""
    if pair.settings.tagged:  # a document's tags: the markup check
        return
    source = tag_spans(pair.source)
    if source or "<" in pair.target or "&" in pair.target:
        yield from _compare(source, tag_spans(pair.target), "tag", pair.target)


def url_spans(text: str) -> list[tuple[int, int, str]]:
    """URLs and e-mail addresses, without the sentence punctuation after them.

    >>> [u for *_, u in url_spans("See https://gnome.org/help. Mail me@x.org, www.kde.org!")]
    ['https://gnome.org/help', 'me@x.org', 'www.kde.org']
    """
    found = []
    for match in _URL.finditer(text):
        url = match.group().rstrip(_URL_TAIL)
        if url.count("(") > url.count(")") and match.group()[len(url):].startswith(")"):
            url += ")"
        found.append((match.start(), match.start() + len(url), url))
    return found


@check("urls", "error")
def urls(pair: Pair) -> Iterator[Problem]:
    """URLs and e-mail addresses kept character for character."""
    source = url_spans(pair.source)
    if source or "://" in pair.target or "@" in pair.target:
        yield from _compare(source, url_spans(pair.target), "URL", pair.target)


def option_spans(text: str) -> list[tuple[int, int, str]]:
    """Command-line options (``-h``, ``--map-users``), parameters (``=FILE``) aside.

    >>> [o for *_, o in option_spans("Use --map-users=FILE or -h; not e-mail, %d-byte, 3-5.")]
    ['--map-users', '-h']
    """
    masked = mask(text, url_spans(text) + placeholder_spans(text), "x")  # %s-sided: no option
    return [(m.start(), m.end(), m.group()) for m in _OPTION.finditer(masked)]


def mask(text: str, spans: Iterable[tuple[int, int, str]], filler: str = " ") -> str:
    """``text`` with the given spans overwritten by ``filler``, offsets unchanged."""
    chars = list(text)
    for start, end, _ in spans:
        chars[start:end] = filler * (end - start)
    return "".join(chars)


@check("options", "error")
def options(pair: Pair) -> Iterator[Problem]:
    """Command-line options (-h, --map-users) not translated or dropped."""
    if "-" not in pair.source:
        return
    have = Counter(option for *_, option in option_spans(pair.target))
    for option, count in (Counter(o for *_, o in option_spans(pair.source)) - have).items():
        times = f" ({count}× more in the source)" if have[option] else ""
        yield Problem(f"missing option {option}{times}", *whole(pair.target))
