"""Terms that really occur in human Ukrainian translations, with the renderings they use.

Built from FLORES-200 (dev + devtest) and NTREX-128, English → Ukrainian, sentence-aligned:

1. English candidates: runs of capitalised words (names, places, organisations) of 1–3
   words, possessive ``'s`` dropped; a sentence-initial word counts only if the same word
   is also seen capitalised inside a sentence. Kept if seen in at least ``MIN_SENTENCES``
   sentences and not also written in lower case ("republic").
2. Ukrainian keys: every word of every reference, with its lemmas from pymorphy3's dictionary
   over *all* parses, plus the word itself; a word the dictionary does not know gets a crude
   stem (``~`` + the word minus a case ending) instead of a guessed lemma.
3. Alignment: for each candidate, the key with the best Dice coefficient between "sentence
   has the English term" and "reference has the key"; kept only if the key is in at least
   ``MIN_COVERAGE`` of the term's references and Dice ≥ ``MIN_DICE``. Ties go to a dictionary
   lemma, unless a form used as it is sounds clearly more like the English («Палу», not «пал»).
   A multi-word English term takes a second key that stands next to the first in at least
   the same share of its references (first name + surname, adjective + noun, noun + genitive).
   A Latin rendering must be the English word itself; a pairing that does not sound alike
   (romanised similarity < 0.45) needs ≥ 5 sentences and Dice ≥ 0.8 (Germany → Німеччина).
4. The rendering is the references' own words in the nominative (a form they use with the
   head in the nominative, or each word inflected by its own parse, so adjectives keep their
   gender), with their capitals; it must be written somewhere in the term's references as it
   is, or the term is dropped. Partial names ("Los" of "Los Angeles"), lower-case renderings
   (common nouns), verbs, and a few entries found wrong by reading the list (``REJECTED``,
   each with the reason) are dropped too.

Every occurrence used in a measurement is then *verified*: the reference must contain each
word of the rendering in one of its inflected forms, generated from the rendering with
pymorphy3 (``lexeme``; the stem for unknown words), not analysed by the checker's code. The
checker and this builder share pymorphy3's dictionary, so the false-alarm figure measures the
checker's own logic (multi-word terms, capitals, names, tokenisation), not the dictionary's
coverage.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from benchmarks import corpus
from benchmarks.common import Context

MIN_SENTENCES = 3
MIN_COVERAGE = 0.8
MIN_DICE = 0.6

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’.][A-Za-z0-9]+)*")
_UK_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised English words that are not names.
_EN_STOP = _words("""
A An The This That These Those It Its He She They We I You His Her Their Our My Your In On At
Of For From By With And But Or If When While After Before Since As Not No Yes To So Then There
Here What Which Who Whom Whose Where Why How All Any Some Many Most More Much One Two Three Mr
Mrs Ms Dr Sir St Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
March April May June July August September October November December According However Also
Although During Because Despite Until Unlike Like Among About Over Under Between Both Each
Every Other Such Only Even Just Last Next First Second Third Old Former Earlier Later Today
Yesterday Tomorrow Meanwhile Instead Still Now Yet Though Once Twice
""")
# Ukrainian function words never accepted as a rendering.
_UK_STOP = _words("""
і й та а але в у на з із зі до від по за про для як що це той цей який які де коли не ні так бо
чи же ж вже ще також його її їх він вона вони ми ви я ти свій свою своїх був була було були
бути є при над під між через після перед без може можна має мати рік року році роки років
""")

REJECTED: dict[str, str] = {
    # term → why it was dropped after reading the list
    "Vann": "aligned to «ванна» (bath): the dictionary reads the name as a common noun",
    "Manatee": "aligned to «манат» (a currency), not the county «Манаті»",
    "LSU": "the references spell out «Університет штату Луїзіана»; not one rendering",
    "Kim Jong-un": "«Кім Чен Ин» has three words; the two-word alignment keeps «Кім Чен»",
    "Ronaldo": "the dictionary reads the indeclinable «Роналду» as a form of the name «Роналд»",
    # names the dictionary lacks, seen only in oblique cases: no nominative to write
    "Brookline": "only «Бруклайні» (locative) in the references",
    "Burnaston": "only «Бернастоні» (locative) in the references",
    "Dolly Menga": "only «Доллі Менги» (genitive) in the references",
    "Baden-Wuerttemberg-class": "a ship class; the references name the state «Баден-Вюртемберг»",
}
_BAD_POS = {"VERB", "INFN", "ADVB", "PREP", "CONJ", "PRCL", "GRND", "PRTF", "PRTS", "NPRO"}


@dataclass
class Term:
    source: str
    rendering: str  # nominative, as written in the glossary
    keys: tuple[str, ...]  # lemma of each rendering word (lower case)
    sentences: int
    coverage: float
    dice: float
    forms: list[set[str]] = field(default_factory=list)  # inflected forms per word, lower


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


_ENDINGS = sorted(["а", "я", "у", "ю", "і", "ї", "е", "є", "о", "и", "ь", "ом", "ем", "єм", "ою",
                   "ею", "єю", "ів", "їв", "ей", "ам", "ям", "ами", "ями", "ах", "ях", "ові",
                   "еві", "єві", "ий", "ій", "ого", "ього", "ому", "ьому", "им", "ім", "их",
                   "іх", "ими", "іми", "ої", "ую", "юю", "ая", "яя"], key=len, reverse=True)


@lru_cache(maxsize=200_000)
def _keys(word: str) -> frozenset[str]:
    """Lemmas of ``word`` from pymorphy3's dictionary (all parses); for a word the dictionary
    does not know, a crude stem (``~`` + word minus a case ending) instead of a guess."""
    lower = word.lower()
    known = {p.normal_form for p in _morph().parse(lower) if p.is_known}
    if known:
        return frozenset({lower, *known})
    return frozenset({lower, "~" + _stem(lower)})


def _stem(lower: str) -> str:
    for ending in _ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            return lower[: -len(ending)]
    return lower


_ROMAN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
})


def similarity(english: str, ukrainian: str) -> float:
    """How much a Ukrainian rendering sounds like the English term (0–1), via romanisation."""
    from difflib import SequenceMatcher

    a = re.sub(r"[^a-z]", "", english.lower())
    b = re.sub(r"[^a-z]", "", ukrainian.lower().translate(_ROMAN))
    return SequenceMatcher(None, a, b).ratio()


def _uk_words(text: str) -> list[str]:
    return _UK_WORD.findall(text)


def _en_runs(sentence: str, capitalised_inside: set[str]) -> list[list[str]]:
    """Runs of capitalised words; the sentence-initial one only if seen capitalised inside."""
    runs: list[list[str]] = []
    run: list[str] = []
    previous_end = 0
    for n, match in enumerate(_EN_WORD.finditer(sentence)):
        word = match.group()
        for suffix in ("'s", "’s"):
            word = word.removesuffix(suffix)
        gap = sentence[previous_end:match.start()]
        previous_end = match.end()
        name_like = word[:1].isupper() and word not in _EN_STOP
        if n == 0 and word not in capitalised_inside:
            name_like = False
        if run and (not name_like or gap.strip()):  # punctuation breaks a run
            runs.append(run)
            run = []
        if name_like:
            run.append(word)
    if run:
        runs.append(run)
    return runs


def _capitalised_inside(pairs: list[tuple[str, str]]) -> set[str]:
    seen: set[str] = set()
    for en, _ in pairs:
        for n, match in enumerate(_EN_WORD.finditer(en)):
            if n and match.group()[:1].isupper():
                seen.add(match.group().removesuffix("'s").removesuffix("’s"))
    return seen


def _lemma_parses(word: str, key: str) -> list:
    """Dictionary parses of ``word`` with lemma ``key`` (or, if ``key`` is a surface form
    that is no lemma, all dictionary parses of ``word``)."""
    known = [p for p in _morph().parse(word.lower()) if p.is_known]
    with_key = [p for p in known if p.normal_form == key]
    return with_key or known


def _nominative(word: str, key: str) -> str:
    """``word`` (as a reference has it) in the nominative, by its dictionary parse with lemma
    ``key``; adjectives keep their own gender, plural-only words stay plural. Unknown
    words are left as they are."""
    parses = _lemma_parses(word, key)
    plural = bool(parses) and all("plur" in p.tag or "Pltm" in p.tag for p in parses)
    number = "plur" if plural else "sing"
    for p in parses:
        if "nomn" in p.tag and (number in p.tag or "Fixd" in p.tag):
            return word
    for p in parses:
        inflected = p.inflect({"nomn", number}) or p.inflect({"nomn"})
        if inflected is not None:
            return _copy_case(word, inflected.word)
    return word


def _copy_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    parts = re.split(r"(-)", word)
    model_parts = re.split(r"(-)", model)
    out = []
    for i, part in enumerate(parts):
        m = model_parts[i] if i < len(model_parts) else model_parts[-1]
        out.append(part[:1].upper() + part[1:] if m[:1].isupper() else part)
    return "".join(out)


@lru_cache(maxsize=50_000)
def _forms(word: str, key: str) -> frozenset[str]:
    """The forms (lower case) that count as ``word`` with lemma ``key``: every form of its
    dictionary lexeme(s) generated by pymorphy3, or for an unknown word, any word with the
    same crude stem (checked in ``occurrences``)."""
    forms = {word.lower()}
    for p in _morph().parse(word.lower()):
        if p.is_known and p.normal_form == key:
            forms.update(f.word for f in p.lexeme)
    return frozenset(forms)


def _same(word: str, rendering_word: str, key: str) -> bool:
    lower = word.lower()
    if key.startswith("="):
        return lower == key[1:]
    if key.startswith("~"):
        return _stem(lower) == key[1:] or lower == rendering_word.lower()
    return lower in _forms(rendering_word, key)


def extract(pairs: list[tuple[str, str]]) -> list[Term]:
    inside = _capitalised_inside(pairs)
    term_sentences: dict[str, set[int]] = defaultdict(set)
    for i, (en, _) in enumerate(pairs):
        for run in _en_runs(en, inside):
            for size in range(1, min(3, len(run)) + 1):
                for start in range(len(run) - size + 1):
                    term_sentences[" ".join(run[start:start + size])].add(i)
    ref_words = [_uk_words(uk) for _, uk in pairs]
    ref_keys = [[_keys(w) for w in words] for words in ref_words]
    key_sentences: dict[str, set[int]] = defaultdict(set)
    for i, keys in enumerate(ref_keys):
        for ks in keys:
            for k in ks:
                key_sentences[k].add(i)

    lowercase: Counter[str] = Counter()  # how often each candidate is written in lower case
    english_lower = [en.lower() for en, _ in pairs]
    for source in [t for t, ss in term_sentences.items() if len(ss) >= MIN_SENTENCES]:
        needle = re.compile(rf"(?<![\w-]){re.escape(source.lower())}(?![\w-])")
        lowercase[source] = sum(
            1 for en, low in zip((en for en, _ in pairs), english_lower, strict=True)
            if source.lower() in low
            for m in needle.finditer(low) if en[m.start():m.end()] != source
            and en[m.start():m.end()][:1].islower())

    candidates: list[Term] = []
    for source, sentences in term_sentences.items():
        if len(sentences) < MIN_SENTENCES:
            continue
        if lowercase[source] > 0.1 * len(sentences):
            continue  # also written in lower case ("republic", "congress"): not a name
        counts: Counter[str] = Counter()
        surfaces: Counter[str] = Counter()
        for i in sentences:
            counts.update({k for ks in ref_keys[i] for k in ks})
            surfaces.update({w.lower() for w in ref_words[i]})
        scored = []
        for key, c in counts.items():
            bare = key.lstrip("~")
            if key in _UK_STOP or len(bare) < 2:
                continue
            if bare.isascii() and bare not in source.lower().split():
                continue  # a Latin rendering must be the English word itself
            scored.append((round(2 * c / (len(sentences) + len(key_sentences[key])), 6), c, key))
        if not scored:
            continue
        dice, c = max(scored)[:2]
        key = _pick([k for d, n, k in scored if (d, n) == (dice, c)], source, surfaces)
        coverage = c / len(sentences)
        if coverage < MIN_COVERAGE or dice < MIN_DICE:
            continue
        keys = [key]
        if " " in source:
            second = _second_key(key, sentences, ref_keys)
            if second is not None:
                other, before = second
                keys = [other, key] if before else [key, other]
        rendering = _render(source, keys, sentences, ref_words, ref_keys)
        if rendering is None:
            continue
        if not _attested(rendering, sentences, pairs):
            continue  # the nominative we built is not a form the translators wrote
        keys = [_canonical(w, k) for w, k in zip(rendering.split(), keys, strict=True)]
        term = Term(source, rendering, tuple(keys), len(sentences), round(coverage, 3),
                    round(dice, 3))
        term.similarity = round(similarity(source, rendering), 2)  # type: ignore[attr-defined]
        candidates.append(term)
    return _prune(candidates, term_sentences)


_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


def _pick(tied: list[str], source: str, surfaces: Counter[str]) -> str:
    """Among keys that align equally well: a dictionary lemma («Ісландія», though every
    reference happens to say «Ісландії»), unless a form the references use as it is sounds
    clearly more like the English («Палу», not the common noun «пал» the dictionary finds in
    it); then the more frequent form, then sound-alike."""
    lemmas = [k for k in tied if _is_lemma(k)]
    others = [k for k in tied if not _is_lemma(k)]
    best_lemma = max(lemmas, key=lambda k: (k in surfaces, similarity(source, k), k),
                     default=None)  # «Гренландія» as written, not the dictionary's «Ґренландія»
    best_other = max(others, key=lambda k: (surfaces.get(k, 0), similarity(source, k.lstrip("~")),
                                            not k.startswith("~"), k), default=None)
    if best_lemma is None:
        return best_other
    if best_other is not None and (similarity(source, best_other.lstrip("~"))
                                   >= similarity(source, best_lemma) + 0.1):
        return best_other
    return best_lemma


@lru_cache(maxsize=200_000)
def _is_person(key: str) -> bool:
    """``key`` is the lemma of a first name or surname («сара», not «сари», saris)."""
    return any(p.is_known and p.normal_form == key and _NAME_TAGS & p.tag.grammemes
               for p in _morph().parse(key))


@lru_cache(maxsize=200_000)
def _is_lemma(key: str) -> bool:
    return any(p.is_known and p.normal_form == key for p in _morph().parse(key))


def _attested(rendering: str, sentences: set[int], pairs: list[tuple[str, str]]) -> bool:
    """The rendering occurs as written (case aside) in one of the term's references."""
    needle = re.compile(rf"(?<![\w'’ʼ-]){re.escape(rendering.lower())}(?![\w'’ʼ-])")
    return any(needle.search(pairs[i][1].lower()) for i in sentences)


def _canonical(word: str, key: str) -> str:
    """The lemma the rendering word is checked by: ``key`` if it is a lemma of ``word``,
    else the lemma of ``word``'s first dictionary parse, else a stem key."""
    if key.startswith("~"):
        return "~" + _stem(word.lower())
    parses = [p for p in _morph().parse(word.lower()) if p.is_known]
    if any(p.normal_form == key for p in parses):
        return key
    if key == word.lower():
        return "=" + key  # the references never inflect it: only this form counts
    nominative = [p for p in parses if "nomn" in p.tag]
    if nominative or parses:
        return (nominative or parses)[0].normal_form
    return "~" + _stem(word.lower())


def _second_key(key: str, sentences: set[int], ref_keys) -> tuple[str, bool] | None:
    """A key standing right before/after ``key`` in at least MIN_COVERAGE of the references."""
    neighbours: Counter[tuple[str, bool]] = Counter()
    for i in sentences:
        keys = ref_keys[i]
        found: set[tuple[str, bool]] = set()
        for n, ks in enumerate(keys):
            if key in ks:
                if n > 0:
                    found.update((k, True) for k in keys[n - 1] if k != key)
                if n + 1 < len(keys):
                    found.update((k, False) for k in keys[n + 1] if k != key)
        neighbours.update(found)
    if not neighbours:
        return None
    (other, before), c = max(neighbours.items(),
                             key=lambda kv: (kv[1], _is_person(kv[0][0]), _is_lemma(kv[0][0]),
                                             not kv[0][0].startswith("~"), kv[0][0]))
    if c / len(sentences) < MIN_COVERAGE or other in _UK_STOP:
        return None
    return other, before


def _render(source: str, keys: list[str], sentences: set[int], ref_words,
            ref_keys) -> str | None:
    """The glossary form: the references' words for the term, in the nominative, with the
    capitals the references use; ``None`` if it does not look like a name or term."""
    surfaces: Counter[tuple[str, ...]] = Counter()
    capitals = 0
    for i in sentences:
        words, kss = ref_words[i], ref_keys[i]
        for n in range(len(words) - len(keys) + 1):
            if all(keys[j] in kss[n + j] for j in range(len(keys))):
                found = tuple(words[n:n + len(keys)])
                surfaces[found] += 1
                capitals += found[0][:1].isupper() or not found[0][:1].isalpha()
                break
    if not surfaces:
        return None
    if capitals < 0.8 * sum(surfaces.values()):
        return None  # lower case in the references: a common noun, not a name
    english = source.split()
    if len(english) > len(keys) and not (len(keys) == 1 and "-" in keys[0].lstrip("~")):
        return None  # only part of a multi-word name was found
    if all(k.lstrip("~").isascii() for k in keys) and len(keys) != len(english):
        return None
    # A form the references use with the first word in the nominative is taken as it is
    # («Кубок Райдера», not «Кубок Райдер»).
    def only_bad(word: str) -> bool:
        known = [p for p in _morph().parse(word.lower()) if p.is_known]
        return bool(known) and all(p.tag.POS in _BAD_POS for p in known)

    def parses(word: str, key: str) -> list:
        return [p for p in _morph().parse(word.lower()) if p.is_known and p.normal_form == key]

    def nominative(word: str, key: str) -> bool:
        return any("nomn" in p.tag and ("sing" in p.tag or "Fixd" in p.tag or "Pltm" in p.tag)
                   for p in parses(word, key))

    def genitive(word: str, key: str) -> bool:
        return any("gent" in p.tag and p.tag.POS == "NOUN" for p in parses(word, key))

    def unknown(word: str, key: str) -> bool:
        return key[:1] in "~=" or not parses(word, key)

    for found, _ in surfaces.most_common():
        if len(keys) < 2 or only_bad(found[0]) or not nominative(found[0], keys[0]):
            continue
        rest = list(zip(found[1:], keys[1:], strict=True))
        if any(_NAME_TAGS & p.tag.grammemes for p in parses(found[0], keys[0])):
            # first name + surname agree («Сара Пейлін»; a surname the dictionary lacks is
            # taken as written)
            ok = all(nominative(w, k) or unknown(w, k) for w, k in rest)
        else:
            # a head noun and its complement («Кубок Райдера», «Гран-прі Сінгапуру»)
            ok = all(nominative(w, k) or genitive(w, k) or unknown(w, k) for w, k in rest)
        if ok and not any(only_bad(w) for w in found[1:]):
            return " ".join(found)
    out = []
    for j, key in enumerate(keys):
        column = Counter()
        for found, n in surfaces.items():
            column[found[j]] += n
        if key.startswith("~"):
            # an unknown word: of the forms seen, the one that sounds most like the English
            word_en = english[min(j, len(english) - 1)] if len(keys) == len(english) else source
            out.append(max(column, key=lambda w: (similarity(word_en, w), column[w], -len(w))))
            continue
        word = column.most_common(1)[0][0]
        if not any(p.normal_form == key for p in _morph().parse(word.lower())):
            if only_bad(word):
                return None  # «Уявіть» ("Imagine"): a verb, not a name
            lemmas = sorted({p.normal_form for p in _morph().parse(word.lower()) if p.is_known})
            word_en = english[min(j, len(english) - 1)] if len(keys) == len(english) else source
            if lemmas and similarity(word_en, word) < max(similarity(word_en, m)
                                                          for m in lemmas) + 0.1:
                # an inflected form of a dictionary word («Шарлотти»): its nominative
                lemma = max(lemmas, key=lambda m: similarity(word_en, m))
                out.append(_nominative(word, lemma))
                continue
            out.append(word)  # one unchanging form in every reference («Палу», «Кавано»)
            continue
        parses = _lemma_parses(word, key)
        if parses and all(p.tag.POS in _BAD_POS for p in parses):
            return None  # a verb, an adverb… is not (part of) a term's rendering
        if len(keys) == 1 and parses and not any(p.tag.POS == "NOUN" for p in parses):
            return None
        out.append(_nominative(word, key))
    return " ".join(out)


def _prune(terms: list[Term], term_sentences: dict[str, set[int]]) -> list[Term]:
    """Drop partial names ("Los" of "Los Angeles"), doubtful pairings, rejected terms."""
    keep = []
    for t in terms:
        if t.source in REJECTED:
            continue
        mine = term_sentences[t.source]
        inside_longer = any(
            other != t.source and f" {t.source} " in f" {other} "
            and len(sentences) >= 0.8 * len(mine)
            for other, sentences in term_sentences.items() if len(sentences) >= MIN_SENTENCES)
        if inside_longer:
            continue
        sounds_alike = getattr(t, "similarity", 0.0) >= 0.45
        if not sounds_alike and not (t.sentences >= 5 and t.dice >= 0.8):
            continue  # a translated (not transliterated) name needs more evidence
        keep.append(t)
    return sorted(keep, key=lambda t: (-t.sentences, t.source))


def occurrences(term: Term, reference: str) -> list[tuple[int, int]]:
    """Character spans of the rendering (each word in any inflected form) in ``reference``."""
    words = list(_UK_WORD.finditer(reference))
    rendering = term.rendering.split()
    spans = []
    for n in range(len(words) - len(rendering) + 1):
        if all(_same(words[n + j].group(), rendering[j], term.keys[j])
               for j in range(len(rendering))):
            spans.append((words[n].start(), words[n + len(rendering) - 1].end()))
    return spans


def glossary_tsv(terms: list[Term], *, forbidden: dict[str, str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(["term", "lang", "translation", "variants", "forbidden", "flags", "note"])
    for t in terms:
        flags = "name" if t.rendering[:1].isupper() else ""
        note = f"{t.sentences} sentences, coverage {t.coverage}, dice {t.dice}"
        writer.writerow([t.source, "uk", t.rendering, "", (forbidden or {}).get(t.source, ""),
                         flags, note])
    return out.getvalue()


class Unavailable(Exception):
    pass


def build(ctx: Context) -> list[Term]:
    cache = ctx.work_dir / "termbank" / "terms.tsv"
    if getattr(ctx, "_terms", None) is None:
        pairs = corpus.pairs("flores", "ntrex")
        if ctx.quick:
            pairs = pairs[:400] + pairs[-600:]  # some FLORES, some NTREX: seconds, not tens
        ctx._terms = extract(pairs)  # type: ignore[attr-defined]
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(glossary_tsv(ctx._terms), encoding="utf-8")  # type: ignore[attr-defined]
    return ctx._terms  # type: ignore[attr-defined]


def verified_glossary(ctx: Context) -> Path:
    terms = build(ctx)
    if not terms:
        raise Unavailable("no terms could be extracted")
    return ctx.work_dir / "termbank" / "terms.tsv"


def term_count(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip())


def segments_with_terms(path: Path, sentences: list[str]) -> int:
    from translator.glossary.load import load_glossary
    from translator.glossary.match import Matcher

    matcher = Matcher(load_glossary(path), "uk")
    return sum(1 for s in sentences if matcher.find(s))
