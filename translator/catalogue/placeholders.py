"""Format placeholders as gettext's format flags know them (c-format, python-format,
python-brace-format): what a translation must carry over from its msgid.

    >>> placeholders("%(count)d files in {folder!r}, 100%% done")
    ['%(count)d', '{folder!r}']
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-+ #0']*(?:\d+|\*)?(?:\.\d+)?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaAp%]"
    r"|\{[A-Za-z_0-9.\[\]]*(?:![rsa])?(?::[^{}]*)?\}"
)


def placeholder_spans(text: str) -> list[re.Match[str]]:
    """printf / Python / brace placeholders in ``text``, in order (``%%`` excluded)."""
    return [m for m in _PLACEHOLDER.finditer(text) if m.group(0) != "%%"]


def placeholders(text: str) -> list[str]:
    """The placeholders of ``text`` as written, in order."""
    return [m.group(0) for m in placeholder_spans(text)]
