"""Checker accuracy on real Ukrainian (issue 6 §6).

The glossary is built from the FLORES/NTREX references themselves (``termbank.py``): names,
places and organisations with the renderings the human translators used. Then:

(a) false alarms: the untouched references, as a catalogue (msgid = English sentence,
    msgstr = human Ukrainian), checked with ``translator check --format json``. Only
    sentences in which every term the checker's own matcher finds was verified present in
    the reference are used, so any violation on a glossary term is a false alarm.
(b) detection: in each of those references, one term occurrence at a time is replaced by
    another glossary name inflected to the same case and number (pymorphy3), e.g.
    «з Трампом» → «з Меркель»/«з Пекіном». Checked twice: against the clean glossary (the
    expected term is now *missing*) and against the same glossary listing that substitute as
    *forbidden* for the term.
(c) ``--fix`` exactness: ``translator check --fix`` on both corrupted catalogues; an entry
    counts as restored when its msgstr is again exactly the reference.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
from collections import Counter
from pathlib import Path

import polib

from benchmarks import corpus, termbank
from benchmarks.common import (
    Context,
    Result,
    Skip,
    check,
    command_line,
    require_eval,
    run_measured,
    translator_cmd,
)

NAME = "checker_accuracy"
TITLE = "Checker accuracy on real Ukrainian (FLORES + NTREX references)"

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")


def _catalogue(entries: list[tuple[str, str, str | None]], path: Path) -> None:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": "benchmark", "Language": "uk",
                   "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit",
                   "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
                                   "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"}
    for msgid, msgstr, msgctxt in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, msgctxt=msgctxt))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def _run_check(ctx: Context, catalogue: Path, glossary: Path, *, fix: bool = False):
    cmd = [*translator_cmd(), "check", str(catalogue), "--glossary", str(glossary), "--lang", "uk",
           "--format", "json"] + (["--fix"] if fix else [])
    measured = check(run_measured(cmd, env=ctx.env()), "translator check", ok=(0, 1))
    try:
        data = json.loads(measured.stdout[measured.stdout.index("{"):])
    except ValueError as error:
        raise RuntimeError(f"translator check printed no JSON: {measured.stdout[:500]}") from error
    return data, cmd, measured.seconds


def _case_of(word: str, key: str) -> tuple[str, str] | None:
    """(case, number) of ``word`` read with the parse whose lemma is ``key`` (the first one)."""
    morph = termbank._morph()
    parses = [p for p in morph.parse(word.lower()) if p.is_known]
    mine = [p for p in parses if p.normal_form == key.lstrip("=~")] or parses
    for p in mine:
        case = next((c for c in _CASES if c in p.tag), None)
        if case:
            return case, "plur" if "plur" in p.tag else "sing"
    return None


def _inflect(rendering: str, case: str, number: str) -> str | None:
    """A one-word noun rendering in ``case``/``number`` (None if pymorphy3 cannot)."""
    morph = termbank._morph()
    parses = [p for p in morph.parse(rendering.lower()) if p.is_known and p.tag.POS == "NOUN"
              and "nomn" in p.tag]
    for p in parses:
        form = p.inflect({case, number}) or p.inflect({case})
        if form is not None:
            word = form.word
            if rendering.isupper():
                return word.upper()
            return word[:1].upper() + word[1:] if rendering[:1].isupper() else word
    return None


def _substitutes(terms: list[termbank.Term], rng: random.Random) -> dict[str, termbank.Term]:
    """One designated wrong rendering per term: another one-word, declinable glossary name."""
    pool = [t for t in terms if " " not in t.rendering and t.keys[0][:1] not in "~="
            and _inflect(t.rendering, "gent", "sing")]
    out = {}
    for t in terms:
        choices = [o for o in pool if o.rendering.lower() != t.rendering.lower()
                   and not set(o.keys) & set(t.keys)]
        out[t.source] = rng.choice(choices)
    return out


def _diff(a: str, b: str) -> str:
    """«…the reference's words» → «…the fixed words» around where two strings differ."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    lo = max(0, a.rfind(" ", 0, max(0, start - 12)) + 1)
    return f"{a[lo:len(a) - end + 12].strip()}» → fixed «{b[lo:len(b) - end + 12].strip()}"


def _hits(data, expected: dict[str, str]) -> set[str]:
    return {v["msgctxt"] for v in data["violations"] if expected.get(v["msgctxt"]) == v["term"]}


def _with_forbidden(path: Path, forbidden: dict[str, str], out: Path) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t"))
    header, body = rows[0], rows[1:]
    col = header.index("forbidden")
    for row in body:
        row[col] = forbidden.get(row[0], "")
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows([header, *body])
    out.write_text(buffer.getvalue(), encoding="utf-8")


def run(ctx: Context) -> Result:
    require_eval()
    from translator.glossary.load import load_glossary
    from translator.glossary.match import Matcher

    result = Result(NAME, TITLE)
    work = ctx.work_dir / NAME
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    terms = termbank.build(ctx)
    glossary = termbank.verified_glossary(ctx)
    by_source = {t.source: t for t in terms}
    pairs = corpus.pairs("flores", "ntrex")
    matcher = Matcher(load_glossary(glossary), "uk")

    clean: list[tuple[str, str, list[tuple[termbank.Term, tuple[int, int]]]]] = []
    unverified = Counter()
    seen_msgids: set[str] = set()
    occurrences = 0
    for en, uk in pairs:
        if en in seen_msgids:
            continue
        matches = matcher.find(en)
        if not matches:
            continue
        found = []
        ok = True
        nth: Counter = Counter()  # the n-th match of a term pairs with its n-th rendering
        for m in matches:
            term = by_source.get(m.term.source)
            spans = termbank.occurrences(term, uk) if term else []
            if not spans:
                ok = False
                unverified[m.term.source] += 1
                break
            found.append((term, spans[min(nth[term.source], len(spans) - 1)]))
            nth[term.source] += 1
        if ok:
            seen_msgids.add(en)
            clean.append((en, uk, found))
            occurrences += len(matches)
        if ctx.quick and len(clean) >= 12:
            break
    if not clean:
        raise Skip("no verified term occurrences")
    result.figures["glossary"] = {
        "terms": len(terms), "sentences_checked": len(clean), "term_occurrences": occurrences,
        "sentences_excluded_unverified": sum(unverified.values()),
        "file": str(glossary)}
    shutil.copy(glossary, ctx.out_dir / "checker-glossary.uk.tsv")

    # (a) false alarms on the untouched references
    catalogue_a = work / "references.po"
    _catalogue([(en, uk, None) for en, uk, _ in clean], catalogue_a)
    data, cmd, _ = _run_check(ctx, catalogue_a, glossary)
    result.commands.append(command_line(cmd) + "   # (a) untouched references")
    glossary_sources = set(by_source)
    on_terms = [v for v in data["violations"] if v["term"] in glossary_sources]
    other = [v for v in data["violations"] if v["term"] not in glossary_sources]
    result.figures["false_alarm_rate"] = round(len(on_terms) / occurrences, 4)
    result.figures["false_alarms"] = {
        "on_glossary_terms": len(on_terms),
        "by_kind": dict(Counter(v["kind"] for v in on_terms)),
        "name_consistency_reports_outside_glossary": len(other),
        "examples": [f"{v['kind']}: {v['term']} → «{v['expected']}», found «{v['found']}» in "
                     f"«{v['msgid'][:60]}»" for v in on_terms[:8]],
    }

    # (b) detection: one occurrence replaced by another name in the same case
    rng = random.Random(6)
    substitutes = _substitutes(terms, rng)
    indeclinable = [t for t in terms if " " not in t.rendering and t.keys[0].startswith("=")
                    and t.rendering[:1].isupper()]
    corrupted: list[tuple[str, str, str, str, str]] = []  # en, bad uk, ctx, term, original uk
    repeated: set[str] = set()  # corruptions whose term is rendered more than once
    skipped_case = 0
    for n, (en, uk, found) in enumerate(clean):
        counts = Counter(term.source for term, _ in found)
        for k, (term, (start, end)) in enumerate(found):
            words = uk[start:end].split()
            case = _case_of(words[-1], term.keys[-1])
            if case is not None:
                wrong = _inflect(substitutes[term.source].rendering, *case)
            else:
                # a name the dictionary does not inflect (Кавано, Палу): put another such
                # name in its place, which is then right in any case
                pool = [t for t in indeclinable if t.source != term.source]
                wrong = pool[(n + k) % len(pool)].rendering if pool else None
            if wrong is None:
                skipped_case += 1
                continue
            label = f"{term.source} #{n}.{k}"
            corrupted.append((en, uk[:start] + wrong + uk[end:], label, term.source, uk))
            if counts[term.source] > 1:
                repeated.add(label)
    if not corrupted:
        raise Skip("no occurrence could be corrupted")
    catalogue_b = work / "wrong.po"
    _catalogue([(en, bad, c) for en, bad, c, _, _ in corrupted], catalogue_b)
    forbidden_glossary = work / "forbidden.tsv"
    _with_forbidden(glossary, {s: t.rendering for s, t in substitutes.items()}, forbidden_glossary)
    catalogue_c = work / "forbidden.po"
    shutil.copy(catalogue_b, catalogue_c)
    expected = {c: term for _, _, c, term, _ in corrupted}

    def detection(data) -> tuple[float, dict]:
        hit: set[str] = set()
        kinds: Counter = Counter()
        for v in data["violations"]:
            if expected.get(v["msgctxt"]) == v["term"]:
                if v["msgctxt"] not in hit:
                    kinds[v["kind"]] += 1
                hit.add(v["msgctxt"])
        single = [c for c in expected if c not in repeated]
        detail = {
            "first_kind": dict(kinds),
            "single_occurrence": f"{sum(c in hit for c in single)}/{len(single)}",
            "term_rendered_twice_or_more": f"{sum(c in hit for c in repeated)}/{len(repeated)}",
            "missed_examples": [c for c in expected if c not in hit][:6],
        }
        return round(len(hit) / len(expected), 4), detail

    data_b, cmd, _ = _run_check(ctx, catalogue_b, glossary)
    result.commands.append(command_line(cmd) + "   # (b) a wrong name in the same case")
    rate_b, kinds_b = detection(data_b)
    data_c, cmd, _ = _run_check(ctx, catalogue_c, forbidden_glossary)
    result.commands.append(command_line(cmd) + "   # (b) the same, listed as forbidden")
    rate_c, kinds_c = detection(data_c)
    result.figures["detection_rate_wrong"] = rate_b
    result.figures["detection_rate_forbidden"] = rate_c
    single = [c for c in expected if c not in repeated]
    result.figures["detection_rate_wrong_single"] = round(
        sum(c in _hits(data_b, expected) for c in single) / max(1, len(single)), 4)
    result.figures["detection"] = {
        "corrupted_entries": len(corrupted), "occurrences_not_corruptible": skipped_case,
        "wrong": kinds_b, "forbidden": kinds_c,
        "examples": [f"{c}: «{bad[:80]}»" for _, bad, c, _, _ in corrupted[:5]],
    }

    # (c) --fix exactness
    original = {c: uk for _, _, c, _, uk in corrupted}

    bad_text = {c: bad for _, bad, c, _, _ in corrupted}

    def restored(path: Path) -> tuple[float, int, dict]:
        """Share restored exactly; entries marked fuzzy; what happened to the others."""
        po = polib.pofile(str(path))
        exact, changed = 0, 0
        outcome: Counter = Counter()
        misses: list[str] = []
        for entry in po:
            if entry.msgctxt not in original:
                continue
            changed += "fuzzy" in entry.flags
            if entry.msgstr == original[entry.msgctxt]:
                exact += 1
                continue
            term = by_source[expected[entry.msgctxt]]
            if entry.msgstr == bad_text[entry.msgctxt]:
                outcome["left unchanged"] += 1
            elif len(termbank.occurrences(term, entry.msgstr)) >= len(
                    termbank.occurrences(term, original[entry.msgctxt])):
                outcome["term restored, text differs from the reference"] += 1
            else:
                outcome["changed, term still wrong"] += 1
            if len(misses) < 6:
                diff = _diff(original[entry.msgctxt], entry.msgstr)
                misses.append(f"{entry.msgctxt}: reference «{diff}»")
        return round(exact / len(original), 4), changed, {"not_exact": dict(outcome),
                                                           "examples": misses}

    fix_b = work / "fix-wrong.po"
    fix_c = work / "fix-forbidden.po"
    shutil.copy(catalogue_b, fix_b)
    shutil.copy(catalogue_c, fix_c)
    _run_check(ctx, fix_b, glossary, fix=True)
    _, cmd_c, _ = _run_check(ctx, fix_c, forbidden_glossary, fix=True)
    result.commands.append(command_line(cmd_c) + "   # (c) repair in place")
    rate_fix_b, touched_b, misses_b = restored(fix_b)
    rate_fix_c, touched_c, misses_c = restored(fix_c)
    result.figures["fix_exact_forbidden"] = rate_fix_c
    result.figures["fix_exact_wrong"] = rate_fix_b
    result.figures["fix"] = {"entries_marked_fuzzy_forbidden": touched_c,
                             "entries_marked_fuzzy_wrong": touched_b,
                             "forbidden": misses_c, "wrong": misses_b}
    result.goals = {"false_alarm_rate": ("<", 0.01), "detection_rate_wrong": (">=", 0.98),
                    "detection_rate_forbidden": (">=", 0.98)}
    result.notes.append(
        "Glossary built from the same references it is checked on (names, places, "
        "organisations aligned by lemma co-occurrence; see benchmarks/termbank.py). "
        "Occurrences are verified with pymorphy3-generated forms, not with the checker's code; "
        "both use pymorphy3's dictionary, so dictionary gaps shared by both are not measured.")
    result.notes.append(
        "A sentence is used only if every term the checker's matcher finds in its English was "
        "verified in its reference; the others are excluded and counted.")
    return result
