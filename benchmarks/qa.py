"""QA checks on real Ukrainian catalogues (issue 12 §5 a, b, d).

(a) False alarms: every QA check on the approved entries (translated, not fuzzy) of the six
    real catalogues in ../shared/eval/po, beside ``pofilter --language=uk`` on the same
    entries. Counted as (entry, check) pairs, as pofilter reports one line per failing test
    per entry. Approved entries are mostly right, so nearly everything found there is a false
    alarm; the few real mistakes are listed in BENCHMARKS.md.
(b) Detection: approved entries corrupted one fault at a time, the way translators and
    engines break them (drop a placeholder, a tag, a ``\\n``, an accelerator, a URL, an
    option, a trailing colon; change a number; double a word; swap a Cyrillic letter for a
    Latin look-alike; drop the second half of a sentence). A fault is found when a check
    meant for it reports something on the corrupted entry that it did not on the clean one
    (a dropped half: any check, since what it breaks varies — length, final punctuation, a
    placeholder that was in the dropped half).
    Each catalogue keeps its other entries, so what the checks infer from it (accelerator,
    apostrophe, length ratio) is what a user's run would infer.
(d) Speed: ``translator check --format json`` on a catalogue of 10,000 real entries,
    start-up included.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import polib

from benchmarks.common import (
    EVAL_DIR,
    Context,
    Result,
    Skip,
    check,
    command_line,
    run_measured,
    translator_cmd,
)

NAME = "qa"
TITLE = "QA checks: false alarms beside pofilter, planted faults, speed"
PO_DIR = EVAL_DIR / "po"
SEED = 12

_LOOKALIKE = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
              "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
              "С": "C", "Т": "T", "Х": "X", "І": "I"}


# pofilter's tests that answer the same question as one of ours ("family"); the rest of its
# 47 tests (capitalisation, quoting, spacing, acronyms…) have no counterpart here.
POFILTER_FAMILY = {
    "placeholders": ("printf", "pythonbraceformat", "variables", "functions"),
    "tags": ("xmltags",), "urls": ("urls", "emails"), "options": ("options",),
    "accelerator": ("accelerators",), "newlines": ("newlines", "escapes", "tabs"),
    "whitespace": ("startwhitespace", "endwhitespace"), "end-punctuation": ("endpunc",),
    "brackets": ("brackets",), "numbers": ("numbers",), "double-word": ("doublewords",),
    "untranslated": ("unchanged", "untranslated"), "plurals": ("nplurals", "simpleplurals"),
    "length": ("short", "long"), "apostrophe": ("singlequoting",),
}


def _approved(path: Path) -> polib.POFile:
    """A copy of the catalogue with its approved entries only."""
    source = polib.pofile(str(path), wrapwidth=0)
    out = polib.POFile(wrapwidth=0)
    out.metadata = source.metadata
    for entry in source:
        if not entry.obsolete and entry.msgid and "fuzzy" not in entry.flags \
                and entry.translated():
            out.append(entry)
    return out


# --- (b) the faults: each returns the corrupted target, or None when the entry has no
# such element to break. They read the target only: that is what a translator edits.

def _drop(pattern: str, flags: int = 0) -> Callable[[str, str, random.Random], str | None]:
    regex = re.compile(pattern, flags)

    def fault(source: str, target: str, rng: random.Random) -> str | None:
        found = [m for m in regex.finditer(target) if m.group() in source]
        if not found:
            return None
        m = rng.choice(found)
        return target[:m.start()] + target[m.end():]

    return fault


def _drop_tag(source: str, target: str, rng: random.Random) -> str | None:
    """Drop an XML/HTML tag or entity (a ``<file>`` metavariable is not one: translators
    translate those, «<файл>»)."""
    from translator.qa.elements import tag_spans

    found = [t for t in tag_spans(target) if target[t[0]:t[1]] in source]
    if not found:
        return None
    start, end, _ = rng.choice(found)
    return target[:start] + target[end:]


def _drop_newline(source: str, target: str, rng: random.Random) -> str | None:
    inner = [i for i, c in enumerate(target) if c == "\n"]
    if not inner or "\n" not in source:
        return None
    i = rng.choice(inner)
    return target[:i] + (" " if 0 < i < len(target) - 1 else "") + target[i + 1:]


def _drop_accelerator(marker: str | None) -> Callable[[str, str, random.Random], str | None]:
    def fault(source: str, target: str, rng: random.Random) -> str | None:
        if not marker:
            return None
        from translator.qa.accelerator import accelerator_spans

        at = accelerator_spans(target, marker)  # not the _ of {old_name}
        if len(at) != 1 or marker not in source:
            return None
        return target[:at[0]] + target[at[0] + 1:]
    return fault


def _drop_colon(source: str, target: str, rng: random.Random) -> str | None:
    stripped = target.rstrip()
    if not (source.rstrip().endswith(":") and stripped.endswith(":")):
        return None
    return stripped[:-1] + target[len(stripped):]


def _change_number(source: str, target: str, rng: random.Random) -> str | None:
    found = [m for m in re.finditer(r"(?<![\w%$.,{])\d+(?![\w$}])", target)
             if m.group() in source]
    if not found:
        return None
    m = rng.choice(found)
    new = str(int(m.group()) + rng.choice([1, 2, 5, 10]))
    return target[:m.start()] + new + target[m.end():]


def _double_word(source: str, target: str, rng: random.Random) -> str | None:
    words = list(re.finditer(r"(?<![\w%$&_'’ʼ-])(?:[^\W\d_]+['’ʼ])*[^\W\d_]{2,}(?![\w'’ʼ-])",
                             target))  # whole words: «п'ять», not «ять»
    if not words:
        return None
    m = rng.choice(words)
    return target[:m.end()] + " " + m.group() + target[m.end():]


def _lookalike(source: str, target: str, rng: random.Random) -> str | None:
    words = [m for m in re.finditer(r"[\u0400-\u04ff]{2,}", target)
             if any(c in _LOOKALIKE for c in m.group())]
    if not words:
        return None
    m = rng.choice(words)
    spots = [m.start() + i for i, c in enumerate(m.group()) if c in _LOOKALIKE]
    i = rng.choice(spots)
    return target[:i] + _LOOKALIKE[target[i]] + target[i + 1:]


def _drop_half(source: str, target: str, rng: random.Random) -> str | None:
    """A translator's truncation: the text stops after its middle word, mark and all."""
    body = target.rstrip()
    words = list(re.finditer(r"\S+", body))
    if len(words) < 6 or len(source.split()) < 6:
        return None
    cut = body[:words[len(words) // 2 - 1].end()].rstrip(",;:—- ")  # the text as written
    return cut + target[len(body):]


_CONJUNCTION = frozenset("і й та або чи але а що які який яка яке якого яких якій якщо коли "
                         "щоб бо ніж де куди поки доки хоча".split())


def _drop_clause(source: str, target: str, rng: random.Random) -> str | None:
    """An engine's omission: the second half goes at the sentence or clause boundary nearest
    the middle (a sentence end, then , ; : — or a bracket, then a conjunction; the middle
    word when there is none), and the output still ends with the source's final mark."""
    body = target.rstrip()
    words = list(re.finditer(r"\S+", body))
    n = len(words)
    if n < 6 or len(source.split()) < 6:
        return None
    best: tuple[tuple[int, float], int] | None = None
    for i in range(max(2, n // 3), min(n, (2 * n + 2) // 3)):  # keep words[:i]
        before, after = words[i - 1].group(), words[i].group()
        clause = re.search(r"[,;:)]$", before) or after in ("—", "–", "-") or after[0] in "(["
        rank = (0 if re.search(r"[.!?…][\"»”)]*$", before) else 1 if clause
                else 2 if after.lower() in _CONJUNCTION else None)
        if rank is not None and (best is None or (rank, abs(i - n / 2)) < best[0]):
            best = ((rank, abs(i - n / 2)), i)
    i = best[1] if best else n // 2
    cut = body[:words[i - 1].end()].rstrip(",;:—–- ([")
    final = re.search(r"[.!?…:;]+$", body)
    if final and not cut.endswith(tuple(".!?…")):
        cut += final.group()
    return cut + target[len(body):]


def _faults(marker: str | None) -> dict[str, tuple[Callable[[str, str, random.Random],
                                                            str | None], tuple[str, ...]]]:
    """Fault kind → (how to plant it, the checks meant to find it)."""
    from translator.qa.elements import _OPTION, _PLACEHOLDER, _URL

    return {
        "placeholder": (_drop(_PLACEHOLDER.pattern), ("placeholders",)),
        "tag": (_drop_tag, ("tags",)),
        "newline": (_drop_newline, ("newlines",)),
        "accelerator": (_drop_accelerator(marker), ("accelerator",)),
        "url": (_drop(_URL.pattern), ("urls",)),
        "option": (_drop(_OPTION.pattern), ("options",)),
        "trailing colon": (_drop_colon, ("end-punctuation",)),
        "number": (_change_number, ("numbers", "urls", "placeholders")),
        "double word": (_double_word, ("double-word",)),
        "look-alike letter": (_lookalike, ("mixed-script",)),
        "second half dropped": (_drop_half, ()),  # whatever it breaks: length, end, %s
        "clause dropped (engine)": (_drop_clause, ()),
    }


def _pofilter(directory: Path, out: Path) -> Counter[str]:
    """pofilter's findings per test on every catalogue in ``directory``."""
    pofilter = shutil.which("pofilter")
    if not pofilter:
        raise Skip("pofilter (translate-toolkit) is not installed")
    subprocess.run([pofilter, "--language=uk", "--progress=none", str(directory), str(out)],
                   check=True, capture_output=True)
    found: Counter[str] = Counter()
    for path in out.glob("*.po"):
        found.update(re.findall(r"^# \(pofilter\) (\w+):", path.read_text(encoding="utf-8"),
                                re.MULTILINE))
    return found


def run(ctx: Context) -> Result:
    if not PO_DIR.is_dir():
        raise Skip(f"{PO_DIR} not found: the evaluation kit (../shared/eval) is absent")
    import translator.qa  # noqa: F401 - registers the checks
    from translator.qa.run import check_catalogue, entry_problems, select_checks, settings_for

    result = Result(NAME, TITLE)
    work = ctx.work_dir / NAME
    approved_dir = work / "approved"
    approved_dir.mkdir(parents=True, exist_ok=True)
    checks = select_checks()
    catalogues = {}
    paths = sorted(PO_DIR.glob("*.po"))
    if ctx.quick:  # the smoke test: the three smallest catalogues
        paths = sorted(sorted(paths, key=lambda p: p.stat().st_size)[:3])
    for path in paths:
        catalogue = _approved(path)
        catalogue.save(str(approved_dir / path.name))
        catalogues[path.name] = catalogue

    # (a) false alarms, ours and pofilter's, as (entry, check) pairs
    ours: Counter[str] = Counter()
    entries = 0
    for name, catalogue in catalogues.items():
        entries += len(catalogue)
        pairs = {(f.line, f.check) for f in check_catalogue(catalogue, checks, file=name)}
        ours.update(check_id for _, check_id in pairs)
    theirs = _pofilter(approved_dir, work / "pofilter")
    total_ours, total_theirs = sum(ours.values()), sum(theirs.values())
    result.figures["approved entries"] = entries
    result.figures["our findings"] = total_ours
    result.figures["pofilter findings"] = total_theirs
    result.figures["ours / pofilter"] = round(total_ours / max(total_theirs, 1), 4)
    result.goals["ours / pofilter"] = ("<=", 0.10)
    for check_id in sorted(c.id for c in checks):
        result.figures[f"ours: {check_id}"] = ours.get(check_id, 0)
    for check_id, tests in POFILTER_FAMILY.items():
        result.figures[f"{check_id}: ours / pofilter's {'+'.join(tests)}"] = \
            f"{ours.get(check_id, 0)} / {sum(theirs.get(t, 0) for t in tests)}"
    for test, count in theirs.most_common():
        result.figures[f"pofilter: {test}"] = count
    result.commands.append(f"pofilter --language=uk {approved_dir.name} out  # same entries")

    # (b) planted faults
    # Every entry that has the element, once per kind (a sample of a few hundred moved the
    # rate by a point from one seed to the next); the smoke test takes ~40 per kind.
    per_kind = 40 if ctx.quick else None
    planted: Counter[str] = Counter()
    found: Counter[str] = Counter()
    missed: dict[str, list[str]] = {}
    for name, catalogue in catalogues.items():
        settings = settings_for(catalogue)
        for kind, (plant, meant) in _faults(settings.accelerator).items():
            rng = random.Random(f"{SEED} {kind} {name}")  # a new kind moves no sample
            meant_checks = [c for c in checks if c.id in meant or not meant]
            candidates = [e for e in catalogue if not e.msgid_plural]
            rng.shuffle(candidates)
            budget = per_kind // len(catalogues) + 1 if per_kind else len(candidates)
            for entry in candidates:
                if budget <= 0:
                    break
                clean = Counter(p.message for _, p in entry_problems(entry, settings,
                                                                     meant_checks))
                corrupted = plant(entry.msgid, entry.msgstr, rng)
                if corrupted is None or corrupted == entry.msgstr:
                    continue
                budget -= 1
                planted[kind] += 1
                twin = polib.POEntry(msgid=entry.msgid, msgstr=corrupted, msgctxt=entry.msgctxt,
                                     flags=list(entry.flags))
                after = Counter(p.message for _, p in entry_problems(twin, settings, meant_checks))
                if after - clean:
                    found[kind] += 1
                else:
                    missed.setdefault(kind, []).append(f"{entry.msgid!r} → {corrupted!r}")
    for kind in _faults(None):
        rate = found[kind] / planted[kind] if planted[kind] else 0.0
        result.figures[f"found: {kind}"] = f"{found[kind]}/{planted[kind]}"
        result.figures[f"detection: {kind}"] = round(rate, 4)
        result.goals[f"detection: {kind}"] = (">=", 0.98)
    for kind, examples in missed.items():
        result.notes.append(f"missed {kind}: " + "; ".join(examples[:3]))

    # (d) speed on 10,000 real entries, as the user runs it
    size = 1_000 if ctx.quick else 10_000
    big = polib.POFile(wrapwidth=0)
    big.metadata = next(iter(catalogues.values())).metadata
    pool = [e for c in catalogues.values() for e in c]
    seen: set[tuple[str | None, str]] = set()
    for n in range(size):
        e = pool[n % len(pool)]
        context = e.msgctxt if (e.msgctxt, e.msgid) not in seen else f"copy {n}"
        seen.add((context, e.msgid))
        big.append(polib.POEntry(msgid=e.msgid, msgid_plural=e.msgid_plural, msgstr=e.msgstr,
                                 msgstr_plural=e.msgstr_plural, flags=list(e.flags),
                                 msgctxt=context))
    big_path = work / "qa-10000.po"
    big.save(str(big_path))
    cmd = [*translator_cmd(), "check", str(big_path), "--format", "json"]
    measured = check(run_measured(cmd, env=ctx.env()), "translator check", ok=(0, 1))
    result.figures[f"seconds for {size} entries"] = round(measured.seconds, 2)
    result.figures["entries per second"] = round(size / measured.seconds)
    result.figures["peak RSS (MB)"] = round(measured.max_rss_mb)
    result.commands.append(command_line(cmd))
    return result
