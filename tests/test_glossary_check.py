"""Checking targets: inflected terms pass, wrong ones are reported exactly once."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.glossary.check import Violation, check_entry, renderings
from translator.glossary.consistency import check_set
from translator.glossary.load import load_glossary
from translator.glossary.match import Matcher
from translator.glossary.morphology import transliterates
from translator.glossary.terms import Glossary, Term

NEWS = Path(__file__).parents[1] / "glossaries" / "ukraine-news.tsv"


@cache
def matcher(lang: str) -> Matcher:
    return Matcher(load_glossary(NEWS), lang)


def passes(source: str, target: str, lang: str = "uk") -> None:
    """The translation is right: nothing may be reported."""
    assert check_entry(source, target, lang, matcher(lang)) == []


def fails(source: str, target: str, kind: str, found: str, lang: str = "uk") -> Violation:
    """Exactly one problem, of this kind, at this text."""
    violations = check_entry(source, target, lang, matcher(lang))
    assert [(v.kind, v.found) for v in violations] == [(kind, found)]
    (violation,) = violations
    if found:
        assert target[violation.start : violation.end] == found
    return violation


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Details of the victory plan.", "Деталі Плану перемоги."),
        ("He spoke about the victory plan.", "Він говорив про План перемоги."),
        ("They met at Ramstein Air Base.", "Вони зустрілися на авіабазі Рамштайн."),
        ("Planes left Ramstein Air Base.", "Літаки вилетіли з авіабази Рамштайн."),
        ("Ramstein Air Base hosted them.", "Авіабаза Рамштайн прийняла їх."),
        ("He met Zelenskyy.", "Він зустрів Зеленського."),
        ("Sirens in Kharkiv.", "Сирени у Харкові."),
        ("He came to Kyiv.", "Він приїхав до Києва."),
        ("He met Mark Rutte.", "Він зустрівся з Марком Рютте."),
        ("Rutte arrived.", "Рютте прибув."),
        ("He met Volodymyr Zelenskyy.", "Він зустрівся з Володимиром Зеленським."),
        ("NATO Secretary-General Mark Rutte", "Генеральний секретар НАТО Марк Рютте"),
        ("with the Secretary-General", "з генеральним секретарем"),
        ("Ukraine asks for long-range weapons.", "Україна просить далекобійної зброї."),
        ("Russia attacked Kharkiv with glide bombs.",
         "Росія атакувала Харків керованими авіабомбами."),
        ("Air raid sirens sounded.", "Лунали сирени повітряної тривоги."),
        ("Drones attacked.", "Атакували дрони."),
        ("Drones attacked.", "Атакували безпілотники."),
        ("dozens of drones", "десятки дронів"),
        ("Iran attacked Israel.", "Іран атакував Ізраїль."),
        ("support for Israel", "підтримка Ізраїлю"),
        ("the war in the Middle East", "війна на Близькому Сході"),
        ("No glossary terms here.", "Тут немає термінів."),
    ],
)
def test_correct_ukrainian_in_any_case_passes(source: str, target: str) -> None:
    passes(source, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("He is in Kyiv.", "Jest w Kijowie."),
        ("He met Mark Rutte.", "Spotkał się z Markiem Rutte."),
        ("He met Zelenskyy.", "Spotkał się z Zełenskim."),
        ("Sirens in Kharkiv.", "Syreny alarmowe w Charkowie."),
        ("They met at Ramstein Air Base.", "Spotkali się w bazie lotniczej Ramstein."),
        ("Ukraine needs long-range weapons.", "Ukraina potrzebuje broni dalekiego zasięgu."),
        ("details of the victory plan", "szczegóły planu zwycięstwa"),
        ("war in the Middle East", "wojna na Bliskim Wschodzie"),
        ("hundreds of drones", "setki dronów"),
    ],
)
def test_correct_polish_in_any_case_passes(source: str, target: str) -> None:
    passes(source, target, "pl")


@pytest.mark.parametrize(
    ("source", "target", "found"),
    [
        ("He is in Kyiv.", "Він у Киеві.", "Киеві"),
        ("Kyiv", "КИЕВ", "КИЕВ"),
        ("He came to Kyiv.", "Він приїхав до Кієва.", "Кієва"),
        ("They met at Ramstein Air Base.", "Вони зустрілися на базі Рамштайн.", "базі Рамштайн"),
        ("Details of the victory plan.", "Деталі плану перемоги.", "плану перемоги"),
        ("He met Zelenskyy.", "Він зустрів Зеленского.", "Зеленского"),
        ("He met Volodymyr Zelenskyy.", "Він зустрів Владимира Зеленского.",
         "Владимира Зеленского"),
        ("Kharkiv", "у Харькові", "Харькові"),
    ],
)
def test_forbidden_renderings_are_reported_in_any_form(
    source: str, target: str, found: str
) -> None:
    fails(source, target, "forbidden", found)


def test_forbidden_rendering_is_reported_even_without_the_source_term() -> None:
    fails("The capital was shelled.", "Столицю, Киев, обстріляли.", "forbidden", "Киев")


def test_violation_carries_term_expected_and_glossary_form() -> None:
    violation = fails("At Ramstein Air Base.", "На базі Рамштайн.", "forbidden", "базі Рамштайн")
    assert violation == Violation("forbidden", "Ramstein Air Base", "авіабаза Рамштайн",
                                  "базі Рамштайн", 3, 16, "база Рамштайн", "uk")


@pytest.mark.parametrize(
    ("source", "target", "term"),
    [
        ("Ukraine needs long-range weapons.", "Україні потрібна зброя.", "long-range weapons"),
        ("Ukraine asks for long-range weapons.", "Україна просить далекобійного зброї.",
         "long-range weapons"),  # no agreement: not the term
        ("He met Zelenskyy.", "Він зустрів президента.", "Zelenskyy"),
    ],
)
def test_missing_terms_are_reported(source: str, target: str, term: str) -> None:
    violation = fails(source, target, "missing", "")
    assert violation.term == term and violation.start is None


@pytest.mark.parametrize(
    ("source", "target", "found"),
    [
        # one right rendering must not hide a wrong name for the other mention
        ("Zelenskyy met Rutte in Kyiv. Later Zelenskyy flew home.",
         "Зеленський зустрівся з Рютте у Києві. Пізніше Порошенко полетів додому.", "Порошенко"),
        ("Rutte praised Zelenskyy and thanked Zelenskyy again.",
         "Рютте похвалив Зеленського і знову подякував Порошенку.", "Порошенку"),
        # a single mention: the checker points at the name standing in its place
        ("He met Zelenskyy.", "Він зустрів Порошенка.", "Порошенка"),
        # not at a name the source has («Шея» is Shay)
        ("Zelenskyy met Shay.", "Порошенко зустрів Шея.", "Порошенко"),
    ],
)
def test_a_wrong_name_in_place_of_a_term_is_found(source: str, target: str, found: str) -> None:
    violation = fails(source, target, "missing", found)
    assert (violation.term, violation.expected) == ("Zelenskyy", "Зеленський")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Zelenskyy met Rutte. Later Zelenskyy flew home.",
         "Зеленський зустрівся з Рютте. Пізніше він полетів додому."),
        ("The US backs Zelenskyy. Zelenskyy thanked the US.",
         "США підтримують Зеленського. Він подякував американцям."),  # «США» is the "US"
        ("Sirens in Kharkiv and around Kharkiv.", "Сирени у Харкові та на Харківщині."),
        ("Volodymyr Zelenskyy and Zelenskyy's team", "Володимир Зеленський і його команда"),
        ("Zelenskyy met Oliver Shay. Zelenskyy left.",
         "Зеленський зустрів Олівера Шея. Він пішов."),
    ],
)
def test_a_term_said_once_for_two_mentions_is_no_error(source: str, target: str) -> None:
    passes(source, target)


def test_two_wrong_names_for_two_terms_are_reported_without_guessing_places() -> None:
    violations = check_entry("Zelenskyy met Rutte.", "Порошенко зустрів Столтенберга.", "uk",
                             matcher("uk"))
    assert sorted((v.term, v.start) for v in violations) == [("Rutte", None), ("Zelenskyy", None)]


@pytest.mark.parametrize(
    ("word", "source", "expected"),
    [("Даксбері", "Duxbury", True), ("Джорджія", "Georgia", True), ("Гінгріча", "Gingrich", True),
     ("Майкла", "Michael", True), ("Хьюстоні", "Houston", True), ("Шей", "Shay", True),
     ("Сандерса", "Stardust", False), ("Флориди", "Copernicus", False),
     ("Кенії", "Cromwell", False), ("Англію", "Japan", False)],
)
def test_transliterated_names_are_recognised(word: str, source: str, expected: bool) -> None:
    assert transliterates(word, source, "uk") is expected


def test_polish_forbidden_and_missing() -> None:
    fails("He is in Kyiv.", "Jest w Kijewie.", "forbidden", "Kijewie", "pl")
    fails("He met Zelenskyy.", "Spotkał prezydenta.", "missing", "", "pl")


PLAN = Term("victory plan", "uk", "План перемоги", flags=frozenset({"name"}))


def test_capitalised_name_in_lower_case_is_a_miss_even_without_a_forbidden_entry() -> None:
    m = Matcher(Glossary([PLAN]), "uk")
    (violation,) = check_entry("the victory plan", "плану перемоги", "uk", m)
    assert (violation.kind, violation.found, violation.expected) == (
        "missing", "плану перемоги", "План перемоги")


@pytest.mark.parametrize("target", ["плану перемоги", "Плану перемоги", "Обговорили план перемоги"])
def test_a_common_noun_capitalised_in_the_glossary_follows_the_sentence(target: str) -> None:
    common = Matcher(Glossary([Term("victory plan", "uk", "План перемоги")]), "uk")
    assert check_entry("the victory plan", target, "uk", common) == []


def test_same_entry_with_right_and_wrong_capitalisation_is_inconsistent() -> None:
    m = Matcher(Glossary([PLAN]), "uk")
    violations = check_entry("the victory plan", "План перемоги і плану перемоги", "uk", m)
    assert [(v.kind, v.found) for v in violations] == [("inconsistent", "плану перемоги")]


DNT = Glossary([Term("HackerOne", "uk", "HackerOne", flags=frozenset({"dnt"}))])


@pytest.mark.parametrize(
    ("target", "kind", "found"),
    [
        ("через HackerOne", None, ""),
        ("через HackerOne-програму", None, ""),
        ("через Хакерван", "dnt", ""),
        ("через hackerone", "dnt", "hackerone"),
        ("через HackerOnes", "dnt", ""),
    ],
)
def test_dnt_terms_must_appear_verbatim(target: str, kind: str | None, found: str) -> None:
    violations = check_entry("via HackerOne's programme", target, "uk", Matcher(DNT, "uk"))
    assert [(v.kind, v.found) for v in violations] == ([(kind, found)] if kind else [])


CASE = Glossary([
    Term("NATO", "uk", "НАТО", flags=frozenset({"case"})),
    Term("US", "uk", "США", flags=frozenset({"case"})),
    Term("drone", "uk", "дрон"),
])


@pytest.mark.parametrize(
    ("source", "target", "kinds"),
    [
        ("NATO summit", "саміт НАТО", []),
        ("NATO summit", "саміт Нато", ["missing"]),  # case flag: the acronym stays upper case
        ("the US said", "США заявили", []),
        ("let us go", "ходімо", []),  # "us" is not the case-sensitive "US"
        ("Drones flew", "Дрони летіли", []),  # lower-case term at the start of a sentence
    ],
)
def test_case_flag(source: str, target: str, kinds: list[str]) -> None:
    assert [v.kind for v in check_entry(source, target, "uk", Matcher(CASE, "uk"))] == kinds


def test_renderings_say_where_the_term_is() -> None:
    kyiv = next(t for t in matcher("uk").terms if t.source == "Kyiv")
    target = "Рютте прибув до Києва в четвер."
    [rendering] = renderings(target, kyiv, "uk")
    assert target[rendering.found.start : rendering.found.end] == "Києва"
    assert rendering.found.caps_ok and rendering.index == 0
    assert renderings("Рютте прибув до Киева.", kyiv, "uk") == []


def test_glossary_variants_used_inconsistently_across_a_set() -> None:
    items = [
        ("Drones attacked Kyiv.", "Дрони атакували Київ."),
        ("Drones attacked Kharkiv.", "Дрони атакували Харків."),
        ("Drones were shot down.", "Безпілотники збили."),
    ]
    results = check_set(items, "uk", matcher("uk"))
    assert [[(v.kind, v.found, v.expected) for v in r] for r in results] == [
        [], [], [("inconsistent", "Безпілотники", "дрони")]
    ]


def test_repeated_names_outside_the_glossary_learn_their_dominant_rendering() -> None:
    items = [
        ("Governor Oleh Syniehubov said.", "Сказав губернатор Олег Синєгубов."),
        ("Syniehubov reported injuries.", "Синєгубов повідомив про поранених."),
        ("Syniehubov said a school was hit.", "Синєгубов сказав, що влучили у школу."),
        ("Later, Syniehubov said two died.", "Пізніше Синегубов сказав, що двоє загинули."),
        ("Syniehubov thanked rescuers.", "Він подякував рятувальникам."),  # a pronoun: fine
    ]
    results = check_set(items, "uk", matcher("uk"))
    assert [[(v.kind, v.term, v.found) for v in r] for r in results] == [
        [], [], [], [("inconsistent", "Syniehubov", "Синегубов")], []
    ]


def test_names_rendered_the_same_way_everywhere_are_not_reported() -> None:
    items = [
        ("Governor Oleh Syniehubov said.", "Сказав губернатор Олег Синєгубов."),
        ("Syniehubov reported injuries in Kupiansk.",
         "Синєгубов повідомив про поранених у Куп'янську."),
        ("Syniehubov said Kupiansk was shelled.", "Синєгубова цитують: Куп'янськ обстріляли."),
        ("Kupiansk and Izium", "Куп'янськ та Ізюм"),
    ]
    assert check_set(items, "uk", matcher("uk")) == [[], [], [], []]


def test_a_capital_that_only_mirrors_the_source_is_style_not_a_requirement() -> None:
    ui = Matcher(Glossary([Term("Download", "uk", "Завантажити")]), "uk")
    assert check_entry("Download failed", "Не вдалося завантажити", "uk", ui) == []
    names = Matcher(Glossary([Term("Kyiv", "uk", "Київ", flags=frozenset({"name"}))]), "uk")
    assert [v.kind for v in check_entry("to Kyiv", "до києва", "uk", names)] == ["missing"]


WORDS = ["Київ", "Киев", "Києві", "база", "Рамштайн", "авіабазі", "План", "плану", "перемоги",
         "Зеленський", "ʼ", "-", ",", ".", "Рютте", "дронів", "КИЕВ", "й", "İ", "Ukraine"]


@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from(
    ["Kyiv", "victory plan at Ramstein Air Base", "Zelenskyy's drones", "nothing"]))
@settings(max_examples=150, deadline=None)
def test_violations_always_point_at_their_text(words: list[str], source: str) -> None:
    target = " ".join(words)
    for violation in check_entry(source, target, "uk", matcher("uk")):
        assert violation.kind in {"missing", "forbidden", "dnt", "inconsistent"}
        if violation.start is not None:
            assert target[violation.start : violation.end] == violation.found


def test_the_morphology_reads_its_dictionary_with_the_c_extension() -> None:
    # dawg2 is a dependency because pure-Python DAWG reading made checks 3-4x slower
    import pymorphy3.dawg

    assert pymorphy3.dawg.EXTENSION_AVAILABLE


def test_a_pronoun_form_is_no_rendering_of_a_name() -> None:
    # pymorphy3 reads «кім» as a form of «хто»: «хто» must not count as «Кім»
    m = Matcher(Glossary([Term("Kim", "uk", "Кім", flags=frozenset({"name"}))]), "uk")
    (violation,) = check_entry("Kim asked who came.", "Він запитав, хто прийшов.", "uk", m)
    assert (violation.kind, violation.term, violation.start) == ("missing", "Kim", None)


# Issue 10 §16: the same words in another Unicode form are the same words. NFD splits «ї»
# into «і» + U+0308 and «й» into «и» + U+0306; a stress mark is U+0301 after the vowel.
def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("target", "kinds", "found"),
    [
        (nfd("Рютте прибув до Києва."), [], []),
        ("Рютте прибув до Ки\u0301єва.", [], []),
        (nfd("Рютте прибу\u0301в до Ки\u0301єва."), [], []),
        (nfd("Рютте прибув до Киева."), ["forbidden"], [nfd("Киева")]),
        ("Рютте прибув до Кие\u0301ва.", ["forbidden"], ["Кие\u0301ва"]),
        (nfd("Рютте прибув до Зеленського."), ["missing"], []),
    ],
)
def test_unicode_forms_and_stress_marks_do_not_change_the_verdict(
    target: str, kinds: list[str], found: list[str]
) -> None:
    violations = check_entry("Rutte arrived in Kyiv.", target, "uk", matcher("uk"))
    assert [v.kind for v in violations] == kinds
    # what is reported is the text as written, at its offsets in it
    assert [v.found for v in violations if v.found] == found
    assert all(target[v.start : v.end] == v.found for v in violations if v.start is not None)


def test_a_decomposed_glossary_matches_a_composed_target() -> None:
    m = Matcher(Glossary([Term("Kyiv", "uk", nfd("Київ"), flags=frozenset({"name"}))]), "uk")
    assert check_entry("In Kyiv.", "У Києві.", "uk", m) == []


def test_dnt_term_is_found_verbatim_in_another_unicode_form() -> None:
    m = Matcher(Glossary([Term("Café Sacher", "uk", "Café Sacher", flags=frozenset({"dnt"}))]),
                "uk")
    assert check_entry("At Café Sacher.", nfd("У Café Sacher."), "uk", m) == []
    [violation] = check_entry("At Café Sacher.", nfd("У café sacher."), "uk", m)
    assert (violation.kind, violation.found) == ("dnt", nfd("café sacher"))
