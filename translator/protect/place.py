"""Put the source's protected pieces into a translation: whole, once each, between words.

The engine sees the pieces and usually copies them. What it loses or mangles is put back
here, in one pass for every kind: a piece the engine copied stays where it is; a mangled
copy (``$ {var}``, ``{var}`` for ``${var}``, ``% (n) d``) is replaced in place; a lost one
goes where the alignment points, snapped to the target's words — it replaces the words the
model made of it (most of whose characters are aligned to it) or sits between two words,
never inside one. Pieces the source has none of (invented by the model) are removed. At
the end, a piece glued to a letter on a side where the source's was not gets a space.

Word boundaries come from the text (``\\w+``), not from subword tokens: the alignment only
says *which* word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from translator.protect.patterns import Piece, find, touches

__all__ = ["Alignment", "Repaired", "clusters", "repair"]

Alignment = Callable[[int, int], "tuple[int, int] | None"]
_WORD = re.compile(r"\w+(?:['’ʼ-]\w+)*")
_END = ".!?…:;"
# Kinds a model may invent or leave half-mangled, which the target must not keep.
_REMOVABLE = frozenset({"printf", "brace", "variable", "template", "tag", "entity", "footnote"})
# Kinds that wrap prose: placed between words, never instead of them.
_POINTS = frozenset({"tag", "footnote", "control"})


@dataclass(frozen=True)
class Repaired:
    """The repaired target and where each of its old positions went."""

    text: str
    edits: tuple[tuple[int, int, int], ...] = ()  # (old start, old end, new length), sorted

    def moved(self, pos: int) -> int:
        """Position ``pos`` of the old target in the new one (the start of an edit it hit)."""
        shift = 0
        for start, end, length in self.edits:
            if pos < start:
                break
            if pos < end:
                return start + shift + min(pos - start, length)
            shift += length - (end - start)
        return pos + shift


@dataclass
class _Placed:
    piece: Piece  # a cluster of the source
    start: int  # in the old target
    end: int


def clusters(pieces: Sequence[Piece]) -> list[Piece]:
    """Pieces that touch each other (``%d%%``, ``<b>%s</b>``) as one: kept together."""
    out: list[Piece] = []
    for piece in pieces:
        if out and out[-1].end == piece.start:
            last = out[-1]
            out[-1] = Piece(last.kind, last.start, piece.end, last.text + piece.text)
        else:
            out.append(piece)
    return out


def repair(source: str, pieces: Sequence[Piece], target: str, map_span: Alignment | None,
           flags: Iterable[str] = ()) -> Repaired:
    """``target`` with every piece of ``source`` (found by ``patterns.find``) exactly once.

    >>> from translator.protect.patterns import find
    >>> src = "Visit the ${prodname} website"
    >>> repair(src, find(src), "Відвідайте сайт {prodname}", None).text
    'Відвідайте сайт ${prodname}'
    >>> src = "Reinstall version {VERSION} for all users."
    >>> repair(src, find(src), "не був на базі.", lambda a, b: (12, 14)).text  # «зі» of 4
    'не був на {VERSION}.'
    >>> repair(src, find(src), "не був на базі.", lambda a, b: (13, 14)).text  # «і» of 4
    'не був на базі {VERSION}.'
    """
    flags = tuple(flags)
    wanted = clusters(pieces)
    taken: list[tuple[int, int]] = []
    placed: list[_Placed] = []
    missing: list[Piece] = []
    # Copies the engine made, exact or with spaces let in; longest first, so "%s" is not
    # taken out of a URL ending in "%s".
    for cluster in sorted(wanted, key=lambda c: -len(c.text)):
        spot = _copy(target, cluster.text, taken)
        if spot is None:
            missing.append(cluster)
        else:
            taken.append(spot)
            placed.append(_Placed(cluster, *spot))
    texts = [piece.text for piece in pieces]
    junk = [(p.start, p.end) for p in find(target, flags)
            if (p.kind in _REMOVABLE or any(p.text in t or t in p.text for t in texts))
            and not any(a < p.end and p.start < b for a, b in taken)]
    for text in set(texts):  # extra copies, even glued into a word
        for match in re.finditer(re.escape(text), target):
            if not any(a < match.end() and match.start() < b for a, b in taken + junk):
                junk.append(match.span())
    for piece in pieces:  # what is left of a lost piece the engine spaced out ("% 1 $ s")
        if any(c.start <= piece.start and piece.end <= c.end for c in missing):
            spaced = r"\s?".join(map(re.escape, piece.text))
            for match in re.finditer(spaced, target):
                if not any(a < match.end() and match.start() < b for a, b in taken + junk):
                    junk.append(match.span())
    words = [m.span() for m in _WORD.finditer(target)]
    for cluster in missing:
        inside = [j for j in junk if target[j[0]:j[1]] in cluster.text]
        if inside:  # a piece of it survived ("{var}" of "${var}"): it goes there
            junk.remove(inside[0])
            spot = inside[0]
        else:
            spot = _aligned(source, cluster, target, words, map_span, taken + junk)
        taken.append(spot)
        placed.append(_Placed(cluster, *spot))
    _keep_pairs_in_order(placed)
    _keep_conversions_in_order(placed, pieces)
    return _apply(source, target, placed, junk, flags)


def _copy(target: str, text: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where the engine copied ``text``: verbatim, else with spaces it let in."""
    for regex in (re.escape(text), r"\s?".join(map(re.escape, text))):
        for match in re.finditer(regex, target):
            if not any(a < match.end() and match.start() < b for a, b in taken):
                return match.span()
    return None


def _aligned(source: str, cluster: Piece, target: str, words: list[tuple[int, int]],
             map_span: Alignment | None, taken: list[tuple[int, int]]) -> tuple[int, int]:
    """Target range the lost ``cluster`` takes: whole words made of it, or a point between
    words next to where the alignment points; at the sentence edge without alignment."""
    found = map_span(cluster.start, cluster.end) if map_span is not None else None
    free = [w for w in words if not any(a < w[1] and w[0] < b for a, b in taken)]
    if found is not None and found[1] > found[0]:
        a, b = found
        if cluster.kind not in _POINTS:
            made = [w for w in free if _overlap(w, found) * 2 >= w[1] - w[0]]
            if made and len(words) > 1:  # one word, the most of it aligned; never all prose
                return max(made, key=lambda w: _overlap(w, found) / (w[1] - w[0]))
        hit = [w for w in words if w[0] < b and a < w[1]]
        if hit:
            first = hit[0]
            point = first[0] if a - first[0] <= first[1] - b else first[1]
            if not any(x < point < y for x, y in taken):
                return point, point
    if not source[:cluster.start].strip(" \t\"'«("):
        point = len(target) - len(target.lstrip())
        return point, point
    if cluster.kind == "control" and words:  # a column separator: as far in as it was
        share = cluster.start / max(len(source), 1)
        ends = [end for _, end in words[:-1] if not any(a <= end <= b for a, b in taken)]
        if ends:  # it takes the place of the space after that word
            point = min(ends, key=lambda end: abs(end - share * len(target)))
            return point, point + (target[point:point + 1] == " ")
    point = len(target.rstrip())
    while point > 0 and target[point - 1] in _END:
        point -= 1
    return point, point


def _overlap(word: tuple[int, int], span: tuple[int, int]) -> int:
    return max(0, min(word[1], span[1]) - max(word[0], span[0]))


def _keep_pairs_in_order(placed: list[_Placed]) -> None:
    """An opening tag placed after its closing one swaps places with it."""
    opens: dict[str, list[_Placed]] = {}
    for item in sorted(placed, key=lambda p: p.piece.start):
        name = re.match(r"</?([\w:.-]+)", item.piece.text) if item.piece.kind == "tag" else None
        if name is None:
            continue
        if not item.piece.text.startswith("</"):
            opens.setdefault(name.group(1), []).append(item)
        elif opens.get(name.group(1)):
            opener = opens[name.group(1)].pop()
            if (item.start, item.end) < (opener.start, opener.end):
                opener.piece, item.piece = item.piece, opener.piece


_UNNUMBERED = re.compile(r"%(?![(%]|\d+\$)")


def _keep_conversions_in_order(placed: list[_Placed], pieces: Sequence[Piece]) -> None:
    """printf conversions without a position (``%s``, ``%d``) are read in order: they
    keep the source's order whatever the engine did with them (msgfmt checks it)."""
    ordered = [p for p in placed if any(
        p.piece.start <= q.start < p.piece.end and q.text != "%%"
        and (q.kind == "printf" and _UNNUMBERED.match(q.text)
             or q.kind == "path" and re.match(r"%[sd]", q.text))
        for q in pieces)]
    pieces = sorted((p.piece for p in ordered), key=lambda piece: piece.start)
    for spot, piece in zip(sorted(ordered, key=lambda p: (p.start, p.end, p.piece.start)),
                           pieces, strict=True):
        spot.piece = piece


def _apply(source: str, target: str, placed: list[_Placed], junk: list[tuple[int, int]],
           flags: tuple[str, ...]) -> Repaired:
    """Write the placements and drop the junk; a piece touching a letter on a side where
    the source's touched none is spaced off it."""
    edits: list[tuple[int, int, str, Piece | None]] = [
        (p.start, p.end, p.piece.text, p.piece) for p in placed]
    points = {p.start for p in placed} | {p.end for p in placed}
    for a, b in junk:
        if any(p.start < b and a < p.end for p in placed if p.start < p.end):
            continue  # a placement took these words: it wins
        # with one space next to it, so no double space is left (unless a piece goes there)
        if b < len(target) and target[b] == " " and (a == 0 or target[a - 1] in " (") \
                and b + 1 not in points and b not in points:
            b += 1
        elif a > 0 and target[a - 1] == " " and a not in points and a - 1 not in points:
            a -= 1
        edits.append((a, b, "", None))
    # Pieces put at one point go in source order.
    edits.sort(key=lambda e: (e[0], e[1], e[3].start if e[3] is not None else -1))
    out: list[str] = []
    moves: list[tuple[int, int, int]] = []
    cursor = 0
    written = -1  # where the last piece written ends in the output
    for index, (start, end, text, piece) in enumerate(edits):
        # Overlaps what was written already: junk loses that part, a piece moves after it
        # (never dropped).
        start, end = max(start, cursor), max(end, cursor)
        if piece is None and start == end:
            continue
        out.append(target[cursor:start])
        if piece is not None:
            glued = touches(source, piece.start, piece.end)
            before = "".join(out)[-1:]
            after = _next_char(target, end, edits[index + 1:])
            beside = written == len("".join(out)) and start == end  # two pieces at a point
            pad = ((before.isalnum() or beside and bool(before.strip())) and not glued[0],
                   after.isalnum() and not glued[1])
            window = "".join(out)[-24:] + text + after + target[end + 1:end + 24]
            if not _whole(window, text, flags):  # "--a--" + "--b", "(URL" + ")d" are one
                pad = (pad[0] or bool(before.strip()) and not glued[0],
                       pad[1] or bool(after.strip()) and not glued[1])
            text = " " * pad[0] + text + " " * pad[1]
            written = len("".join(out)) + len(text.rstrip(" "))
        out.append(text)
        moves.append((start, end, len(text)))
        cursor = end
    out.append(target[cursor:])
    return Repaired("".join(out), tuple(moves))


def _whole(window: str, text: str, flags: tuple[str, ...]) -> bool:
    """Whether ``text`` inside ``window`` still reads as the same pieces (nothing around
    it extends one: ``-`` after an option, a letter after a URL)."""
    return not Counter(p.text for p in find(text, flags)) - Counter(
        p.text for p in find(window, flags))


def _next_char(target: str, pos: int, later: list[tuple[int, int, str, Piece | None]]) -> str:
    """The character that will follow position ``pos`` once the later edits are made."""
    for start, end, text, _ in later:
        if start > pos:
            break
        if text:
            return text[0]
        pos = end
    return target[pos:pos + 1]
