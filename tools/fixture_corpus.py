"""Template-generated parallel corpus for the fixture models (en→uk, en→pl, de→en).

Every target sentence is written by hand as a template; every slot filler carries its
inflected forms per case, written by hand in the tables below (Ukrainian forms checked with
pymorphy3). Nothing is machine-translated.

    >>> from tools.fixture_corpus import generate_pairs
    >>> generate_pairs("en-uk", 2, seed=1)          # doctest: +SKIP
    [('Rutte met Zelenskyy in Kharkiv.', 'Рютте зустрівся із Зеленським у Харкові.'), ...]

Two deliberate properties:

* **Noise.** A minority of training pairs use a non-glossary rendering of a term (uk «база
  Рамштайн», «план перемоги», «Киів»/«Кієва», «генсек», «безпілотники»; pl «baza Ramstein»,
  «Zelenski», «Plan Zwycięstwa»). Noise is tied to templates: a quarter of the templates are
  "noisy" (a noisy term is rendered wrongly there about two times in three, NOISY_RATE), the
  rest use the wrong rendering rarely (QUIET_RATE). A model trained on this corpus therefore
  produces the wrong rendering in some contexts and keeps the right one among its n-best
  alternatives: glossary enforcement has real work to do. Held-out references never contain
  noise.
* **Reserved combinations.** About 4% of filled sentences (chosen by a hash of the source text)
  are never emitted by `generate_pairs`; the held-out benchmark set is drawn only from them, so
  a corpus of any size and seed never contains a held-out source sentence.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from dataclasses import dataclass, field

PAIRS = ("en-uk", "en-pl", "de-en")
CASES_UK = ("nom", "gen", "dat", "acc", "ins", "loc")
CASES_PL = ("nom", "gen", "dat", "acc", "ins", "loc")
CASES_DE = ("nom", "gen", "dat", "acc")
# agreement classes, by language: a marker {S~a|b|...} picks by the slot's gender
AGREE = {
    "en": ("s", "p"),
    "de": ("s", "p"),
    "uk": ("m", "f", "n", "p"),
    "pl": ("m", "f", "n", "pv", "pn"),  # pv: virile plural, pn: non-virile plural
}
RESERVE_PERCENT = 4
# Share of targets with a non-glossary rendering in "noisy" templates (a quarter of them) and
# in the others. Above one half, the model prefers the wrong rendering in those contexts and
# keeps the right one close behind in its n-best list.
NOISY_RATE = 0.65
QUIET_RATE = 0.03


# ---------------------------------------------------------------------------------------
# entities
# ---------------------------------------------------------------------------------------


@dataclass
class Entity:
    key: str
    classes: tuple[str, ...]
    forms: dict[str, dict[str, str]]  # lang -> form name -> text
    gender: dict[str, str]  # lang -> agreement class
    noise: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> forms
    terms: tuple[str, ...] = ()  # glossary terms this filler contains
    case_of: dict[str, str] = field(default_factory=dict)  # uk form name -> case


def _cases(text: str, names: tuple[str, ...]) -> dict[str, str]:
    parts = [p.strip() for p in text.split("|")]
    assert len(parts) == len(names), (text, names)
    return dict(zip(names, parts, strict=True))


def _derive(lang: str, forms: dict[str, str], patterns: dict[str, str]) -> dict[str, str]:
    out = dict(forms)
    for name, pattern in patterns.items():
        out[name] = re.sub(r"\{(nom|gen|dat|acc|ins|loc)\}", lambda m: forms[m.group(1)], pattern)
    return out


DEFAULT_PATTERNS = {
    "uk": {"in": "{у} {loc}", "to": "до {gen}", "from": "{з} {gen}"},
    "pl": {"in": "{w} {loc}", "to": "do {gen}", "from": "{z} {gen}"},
    "de": {"in": "in {nom}", "to": "nach {nom}", "from": "aus {dat}"},
}


def ent(key, classes, en, uk, pl, de, g, *, terms=(), uk_noise=None, pl_noise=None,
        term_case=None, **extra):
    """One slot filler. `uk`/`pl`: six cases nom|gen|dat|acc|ins|loc; `de`: nom|gen|dat|acc.

    `g`: agreement classes "en uk pl de", e.g. "s m m s". Extra keyword arguments override or
    add forms: `uk_in="на {loc}"` (a pattern over the case forms), `en_p="Kyiv's"`, `de_in=...`.
    """
    if isinstance(en, str):
        en = {"s": en}
    en = dict(en)
    base = en["s"]
    en.setdefault("o", base)
    en.setdefault("p", base + ("'" if base.endswith("s") else "'s"))
    en.setdefault("in", "in " + base)
    en.setdefault("to", "to " + base)
    en.setdefault("from", "from " + base)
    en.setdefault("bare", base)
    gl = g.split()
    gender = dict(zip(("en", "uk", "pl", "de"), gl, strict=True))
    patterns = {lang: dict(DEFAULT_PATTERNS[lang]) for lang in ("uk", "pl", "de")}
    literal = {"uk": {}, "pl": {}, "de": {}}
    for name, value in extra.items():
        lang, form = name.split("_", 1)
        if lang == "en":
            en[form] = value
        elif "{" in value:
            patterns[lang][form] = value
        else:
            literal[lang][form] = value
    forms = {"en": en}
    noise = {}
    for lang, text, names, nz in (
        ("uk", uk, CASES_UK, uk_noise),
        ("pl", pl, CASES_PL, pl_noise),
        ("de", de, CASES_DE, None),
    ):
        if text is None:
            continue
        cases = _cases(text, names)
        forms[lang] = _derive(lang, cases, patterns[lang]) | literal[lang]
        if nz:
            noise[lang] = _derive(lang, _cases(nz, names), patterns[lang]) | literal[lang]
    case_of = {c: c for c in CASES_UK}
    for name, pattern in patterns["uk"].items():
        m = re.search(r"\{(nom|gen|dat|acc|ins|loc)\}", pattern)
        if m:
            case_of[name] = m.group(1)
    if term_case:  # the term sits in a fixed case inside the phrase («війна на Близькому Сході»)
        case_of = {name: term_case for name in list(case_of) + ["in", "to", "from"]}
    return Entity(key, tuple(classes.split()), forms, gender, noise, tuple(terms), case_of)


# Persons. All of them take masculine agreement (verbs in templates are masculine).
# PS = subject slot (may be the pronoun), P = any position, Z = Zelenskyy (possessive plan).
_RUTTE_UK = "Марк Рютте|Марка Рютте|Марку Рютте|Марка Рютте|Марком Рютте|Маркові Рютте"
_SG_UK = "генеральний секретар НАТО|генерального секретаря НАТО|генеральному секретареві НАТО|генерального секретаря НАТО|генеральним секретарем НАТО|генеральному секретареві НАТО"
_SG_UK_NOISE = "генсек НАТО|генсека НАТО|генсекові НАТО|генсека НАТО|генсеком НАТО|генсекові НАТО"
_SG_PL = "sekretarz generalny NATO|sekretarza generalnego NATO|sekretarzowi generalnemu NATO|sekretarza generalnego NATO|sekretarzem generalnym NATO|sekretarzu generalnym NATO"


def _join(a: str, b: str) -> str:
    return "|".join(f"{x} {y}" for x, y in zip(a.split("|"), b.split("|"), strict=True))


_MR_PL = "Mark Rutte|Marka Ruttego|Markowi Ruttemu|Marka Ruttego|Markiem Ruttem|Marku Ruttem"

PERSONS = [
    ent("rutte_full", "P PS SGP", "Mark Rutte", _RUTTE_UK, _MR_PL,
        "Mark Rutte|Mark Ruttes|Mark Rutte|Mark Rutte", "s m m s", terms=("Mark Rutte",)),
    ent("rutte", "P PS SGP", "Rutte", "Рютте|Рютте|Рютте|Рютте|Рютте|Рютте",
        "Rutte|Ruttego|Ruttemu|Ruttego|Ruttem|Ruttem", "Rutte|Ruttes|Rutte|Rutte", "s m m s",
        terms=("Mark Rutte",)),
    ent("sg_rutte", "P PS SGP", "NATO Secretary-General Mark Rutte", _join(_SG_UK, _RUTTE_UK),
        _join(_SG_PL, _MR_PL),
        "NATO-Generalsekretär Mark Rutte|des NATO-Generalsekretärs Mark Rutte|NATO-Generalsekretär Mark Rutte|NATO-Generalsekretär Mark Rutte",
        "s m m s", terms=("Secretary-General", "NATO", "Mark Rutte"),
        uk_noise=_join(_SG_UK_NOISE, _RUTTE_UK)),
    ent("sg_nato", "P PS SGP", {"s": "the NATO Secretary-General"}, _SG_UK, _SG_PL,
        "der NATO-Generalsekretär|des NATO-Generalsekretärs|dem NATO-Generalsekretär|den NATO-Generalsekretär",
        "s m m s", terms=("Secretary-General", "NATO"), uk_noise=_SG_UK_NOISE),
    ent("sg", "P PS SGP", {"s": "the Secretary-General"},
        "генеральний секретар|генерального секретаря|генеральному секретареві|генерального секретаря|генеральним секретарем|генеральному секретареві",
        "sekretarz generalny|sekretarza generalnego|sekretarzowi generalnemu|sekretarza generalnego|sekretarzem generalnym|sekretarzu generalnym",
        "der Generalsekretär|des Generalsekretärs|dem Generalsekretär|den Generalsekretär",
        "s m m s", terms=("Secretary-General",),
        uk_noise="генсек|генсека|генсекові|генсека|генсеком|генсекові"),
    ent("vz", "P PS Z", "Volodymyr Zelenskyy",
        "Володимир Зеленський|Володимира Зеленського|Володимиру Зеленському|Володимира Зеленського|Володимиром Зеленським|Володимирові Зеленському",
        "Wołodymyr Zełenski|Wołodymyra Zełenskiego|Wołodymyrowi Zełenskiemu|Wołodymyra Zełenskiego|Wołodymyrem Zełenskim|Wołodymyrze Zełenskim",
        "Wolodymyr Selenskyj|Wolodymyr Selenskyjs|Wolodymyr Selenskyj|Wolodymyr Selenskyj",
        "s m m s", terms=("Volodymyr Zelenskyy",),
        pl_noise="Wołodymyr Zelenski|Wołodymyra Zelenskiego|Wołodymyrowi Zelenskiemu|Wołodymyra Zelenskiego|Wołodymyrem Zelenskim|Wołodymyrze Zelenskim"),
    ent("z", "P PS Z", "Zelenskyy",
        "Зеленський|Зеленського|Зеленському|Зеленського|Зеленським|Зеленському",
        "Zełenski|Zełenskiego|Zełenskiemu|Zełenskiego|Zełenskim|Zełenskim",
        "Selenskyj|Selenskyjs|Selenskyj|Selenskyj", "s m m s", terms=("Volodymyr Zelenskyy",),
        pl_noise="Zelenski|Zelenskiego|Zelenskiemu|Zelenskiego|Zelenskim|Zelenskim"),
    ent("pvz", "P PS Z", "President Volodymyr Zelenskyy",
        "президент Володимир Зеленський|президента Володимира Зеленського|президентові Володимиру Зеленському|президента Володимира Зеленського|президентом Володимиром Зеленським|президентові Володимирові Зеленському",
        "prezydent Wołodymyr Zełenski|prezydenta Wołodymyra Zełenskiego|prezydentowi Wołodymyrowi Zełenskiemu|prezydenta Wołodymyra Zełenskiego|prezydentem Wołodymyrem Zełenskim|prezydencie Wołodymyrze Zełenskim",
        "Präsident Wolodymyr Selenskyj|des Präsidenten Wolodymyr Selenskyj|Präsident Wolodymyr Selenskyj|Präsident Wolodymyr Selenskyj",
        "s m m s", terms=("Volodymyr Zelenskyy",)),
    ent("pz", "P PS Z", "President Zelenskyy",
        "президент Зеленський|президента Зеленського|президентові Зеленському|президента Зеленського|президентом Зеленським|президентові Зеленському",
        "prezydent Zełenski|prezydenta Zełenskiego|prezydentowi Zełenskiemu|prezydenta Zełenskiego|prezydentem Zełenskim|prezydencie Zełenskim",
        "Präsident Selenskyj|des Präsidenten Selenskyj|Präsident Selenskyj|Präsident Selenskyj",
        "s m m s", terms=("Volodymyr Zelenskyy",)),
    ent("upres", "P PS Z", {"s": "the Ukrainian president"},
        "український президент|українського президента|українському президентові|українського президента|українським президентом|українському президентові",
        "ukraiński prezydent|ukraińskiego prezydenta|ukraińskiemu prezydentowi|ukraińskiego prezydenta|ukraińskim prezydentem|ukraińskim prezydencie",
        "der ukrainische Präsident|des ukrainischen Präsidenten|dem ukrainischen Präsidenten|den ukrainischen Präsidenten",
        "s m m s"),
    ent("pres", "P PS", {"s": "the president"},
        "президент|президента|президентові|президента|президентом|президентові",
        "prezydent|prezydenta|prezydentowi|prezydenta|prezydentem|prezydencie",
        "der Präsident|des Präsidenten|dem Präsidenten|den Präsidenten", "s m m s"),
    ent("umerov", "P PS", "Defence Minister Rustem Umerov",
        "міністр оборони Рустем Умєров|міністра оборони Рустема Умєрова|міністрові оборони Рустему Умєрову|міністра оборони Рустема Умєрова|міністром оборони Рустемом Умєровим|міністрові оборони Рустемові Умєрову",
        "minister obrony Rustem Umierow|ministra obrony Rustema Umierowa|ministrowi obrony Rustemowi Umierowowi|ministra obrony Rustema Umierowa|ministrem obrony Rustemem Umierowem|ministrze obrony Rustemie Umierowie",
        "Verteidigungsminister Rustem Umerow|des Verteidigungsministers Rustem Umerow|Verteidigungsminister Rustem Umerow|Verteidigungsminister Rustem Umerow",
        "s m m s"),
    ent("austin", "P PS", "US Defense Secretary Lloyd Austin",
        "міністр оборони США Ллойд Остін|міністра оборони США Ллойда Остіна|міністрові оборони США Ллойду Остіну|міністра оборони США Ллойда Остіна|міністром оборони США Ллойдом Остіном|міністрові оборони США Ллойдові Остіну",
        "sekretarz obrony USA Lloyd Austin|sekretarza obrony USA Lloyda Austina|sekretarzowi obrony USA Lloydowi Austinowi|sekretarza obrony USA Lloyda Austina|sekretarzem obrony USA Lloydem Austinem|sekretarzu obrony USA Lloydzie Austinie",
        "US-Verteidigungsminister Lloyd Austin|des US-Verteidigungsministers Lloyd Austin|US-Verteidigungsminister Lloyd Austin|US-Verteidigungsminister Lloyd Austin",
        "s m m s"),
    ent("scholz", "P PS", "German Chancellor Olaf Scholz",
        "канцлер Німеччини Олаф Шольц|канцлера Німеччини Олафа Шольца|канцлерові Німеччини Олафу Шольцу|канцлера Німеччини Олафа Шольца|канцлером Німеччини Олафом Шольцом|канцлерові Німеччини Олафові Шольцу",
        "kanclerz Niemiec Olaf Scholz|kanclerza Niemiec Olafa Scholza|kanclerzowi Niemiec Olafowi Scholzowi|kanclerza Niemiec Olafa Scholza|kanclerzem Niemiec Olafem Scholzem|kanclerzu Niemiec Olafie Scholzu",
        "Bundeskanzler Olaf Scholz|des Bundeskanzlers Olaf Scholz|Bundeskanzler Olaf Scholz|Bundeskanzler Olaf Scholz",
        "s m m s"),
    # Polish drops the subject pronoun: «Spotkał się z ...»
    ent("he", "PS", {"s": "he"}, "він|його|йому|його|ним|ньому", "|jego|mu|jego|nim|nim",
        "er|seiner|ihm|ihn", "s m m s"),
]

# Roles ("as Secretary-General", "became Secretary-General").
ROLES = [
    ent("r_sg", "R", "Secretary-General",
        "генеральний секретар|генерального секретаря|генеральному секретареві|генерального секретаря|генеральним секретарем|генеральному секретареві",
        "sekretarz generalny|sekretarza generalnego|sekretarzowi generalnemu|sekretarza generalnego|sekretarzem generalnym|sekretarzu generalnym",
        "Generalsekretär|Generalsekretärs|Generalsekretär|Generalsekretär", "s m m s",
        terms=("Secretary-General",), uk_noise="генсек|генсека|генсекові|генсека|генсеком|генсекові"),
    ent("r_sgn", "R", "NATO Secretary-General", _SG_UK, _SG_PL,
        "NATO-Generalsekretär|NATO-Generalsekretärs|NATO-Generalsekretär|NATO-Generalsekretär",
        "s m m s", terms=("Secretary-General", "NATO"), uk_noise=_SG_UK_NOISE),
    ent("r_dm", "R", "defence minister",
        "міністр оборони|міністра оборони|міністрові оборони|міністра оборони|міністром оборони|міністрові оборони",
        "minister obrony|ministra obrony|ministrowi obrony|ministra obrony|ministrem obrony|ministrze obrony",
        "Verteidigungsminister|Verteidigungsministers|Verteidigungsminister|Verteidigungsminister",
        "s m m s"),
    ent("r_pm", "R", "prime minister",
        "прем'єр-міністр|прем'єр-міністра|прем'єр-міністрові|прем'єр-міністра|прем'єр-міністром|прем'єр-міністрові",
        "premier|premiera|premierowi|premiera|premierem|premierze",
        "Regierungschef|Regierungschefs|Regierungschef|Regierungschef", "s m m s"),
]

# Vocatives in quotes.
VOCS = [
    ent("v_sg", "V", "Mr Secretary-General", "пане генеральний секретарю|||||",
        "panie sekretarzu generalny|||||", "Herr Generalsekretär|||", "s m m s",
        terms=("Secretary-General",)),
    ent("v_p", "V", "Mr President", "пане президенте|||||", "panie prezydencie|||||",
        "Herr Präsident|||", "s m m s"),
    ent("v_m", "V", "Minister", "пане міністре|||||", "panie ministrze|||||", "Herr Minister|||",
        "s m m s"),
]

_KYIV_NOISE = "Киів|Кієва|Кієву|Киів|Кієвом|Кієві"
UCITIES = [
    ent("kyiv", "C UC L LX", "Kyiv", "Київ|Києва|Києву|Київ|Києвом|Києві",
        "Kijów|Kijowa|Kijowowi|Kijów|Kijowem|Kijowie", "Kiew|Kiews|Kiew|Kiew", "s m m s",
        terms=("Kyiv",), uk_noise=_KYIV_NOISE),
    ent("kharkiv", "C UC L LX", "Kharkiv", "Харків|Харкова|Харкову|Харків|Харковом|Харкові",
        "Charków|Charkowa|Charkowowi|Charków|Charkowem|Charkowie",
        "Charkiw|Charkiws|Charkiw|Charkiw", "s m m s", terms=("Kharkiv",)),
    ent("odesa", "C UC L LX", "Odesa", "Одеса|Одеси|Одесі|Одесу|Одесою|Одесі",
        "Odessa|Odessy|Odessie|Odessę|Odessą|Odessie", "Odessa|Odessas|Odessa|Odessa", "s f f s"),
    ent("lviv", "C UC L", "Lviv", "Львів|Львова|Львову|Львів|Львовом|Львові",
        "Lwów|Lwowa|Lwowowi|Lwów|Lwowem|Lwowie", "Lwiw|Lwiws|Lwiw|Lwiw", "s m m s"),
    ent("dnipro", "C UC L", "Dnipro", "Дніпро|Дніпра|Дніпру|Дніпро|Дніпром|Дніпрі",
        "Dniepr|Dniepru|Dnieprowi|Dniepr|Dnieprem|Dnieprze", "Dnipro|Dnipros|Dnipro|Dnipro",
        "s n m s"),
    ent("zap", "C UC L", "Zaporizhzhia", "Запоріжжя|Запоріжжя|Запоріжжю|Запоріжжя|Запоріжжям|Запоріжжі",
        "Zaporoże|Zaporoża|Zaporożu|Zaporoże|Zaporożem|Zaporożu",
        "Saporischschja|Saporischschjas|Saporischschja|Saporischschja", "s n n s"),
]
OCITIES = [
    ent("brussels", "C L", "Brussels", "Брюссель|Брюсселя|Брюсселю|Брюссель|Брюсселем|Брюсселі",
        "Bruksela|Brukseli|Brukseli|Brukselę|Brukselą|Brukseli", "Brüssel|Brüssels|Brüssel|Brüssel",
        "s m f s"),
    ent("washington", "C L", "Washington", "Вашингтон|Вашингтона|Вашингтону|Вашингтон|Вашингтоном|Вашингтоні",
        "Waszyngton|Waszyngtonu|Waszyngtonowi|Waszyngton|Waszyngtonem|Waszyngtonie",
        "Washington|Washingtons|Washington|Washington", "s m m s"),
    ent("berlin", "C L", "Berlin", "Берлін|Берліна|Берліну|Берлін|Берліном|Берліні",
        "Berlin|Berlina|Berlinowi|Berlin|Berlinem|Berlinie", "Berlin|Berlins|Berlin|Berlin",
        "s m m s"),
]
_RB_UK = "авіабаза Рамштайн|авіабази Рамштайн|авіабазі Рамштайн|авіабазу Рамштайн|авіабазою Рамштайн|авіабазі Рамштайн"
_RB_UK_NOISE = "база Рамштайн|бази Рамштайн|базі Рамштайн|базу Рамштайн|базою Рамштайн|базі Рамштайн"
_RB_PL = "baza lotnicza Ramstein|bazy lotniczej Ramstein|bazie lotniczej Ramstein|bazę lotniczą Ramstein|bazą lotniczą Ramstein|bazie lotniczej Ramstein"
_RB_PL_NOISE = "baza Ramstein|bazy Ramstein|bazie Ramstein|bazę Ramstein|bazą Ramstein|bazie Ramstein"
_RB_DE = "der Luftwaffenstützpunkt Ramstein|des Luftwaffenstützpunkts Ramstein|dem Luftwaffenstützpunkt Ramstein|den Luftwaffenstützpunkt Ramstein"
_RB_EXTRA = {
    "en_in": "at Ramstein Air Base", "uk_in": "на {loc}", "uk_to": "на {acc}",
    "de_in": "auf dem Luftwaffenstützpunkt Ramstein",
    "de_to": "zum Luftwaffenstützpunkt Ramstein", "de_from": "vom Luftwaffenstützpunkt Ramstein",
}
PLACES = [
    ent("ramstein", "L RB LX", "Ramstein Air Base", _RB_UK, _RB_PL, _RB_DE, "s f f s",
        terms=("Ramstein Air Base",), uk_noise=_RB_UK_NOISE, pl_noise=_RB_PL_NOISE, **_RB_EXTRA),
    ent("ramstein_de", "L LX", "Ramstein Air Base in Germany",
        _join(_RB_UK, "|".join(["у Німеччині"] * 6)), _join(_RB_PL, "|".join(["w Niemczech"] * 6)),
        _join(_RB_DE, "|".join(["in Deutschland"] * 4)), "s f f s", terms=("Ramstein Air Base",),
        uk_noise=_join(_RB_UK_NOISE, "|".join(["у Німеччині"] * 6)),
        pl_noise=_join(_RB_PL_NOISE, "|".join(["w Niemczech"] * 6)),
        en_in="at Ramstein Air Base in Germany", uk_in="на {loc}", uk_to="на {acc}",
        de_in="auf dem Luftwaffenstützpunkt Ramstein in Deutschland",
        de_to="zum Luftwaffenstützpunkt Ramstein in Deutschland",
        de_from="vom Luftwaffenstützpunkt Ramstein in Deutschland"),
    ent("me", "L ME LX", {"s": "the Middle East"},
        "Близький Схід|Близького Сходу|Близькому Сходу|Близький Схід|Близьким Сходом|Близькому Сході",
        "Bliski Wschód|Bliskiego Wschodu|Bliskiemu Wschodowi|Bliski Wschód|Bliskim Wschodem|Bliskim Wschodzie",
        "der Nahe Osten|des Nahen Ostens|dem Nahen Osten|den Nahen Osten", "s m m s",
        terms=("the Middle East",), uk_in="на {loc}", uk_to="на {acc}", pl_in="na {loc}",
        pl_to="na {acc}", de_in="im Nahen Osten", de_to="in den Nahen Osten",
        de_from="aus dem Nahen Osten"),
    ent("europe", "L", "Europe", "Європа|Європи|Європі|Європу|Європою|Європі",
        "Europa|Europy|Europie|Europę|Europą|Europie", "Europa|Europas|Europa|Europa", "s f f s"),
]
COUNTRIES = [
    ent("ukraine", "L CT UA LX", "Ukraine", "Україна|України|Україні|Україну|Україною|Україні",
        "Ukraina|Ukrainy|Ukrainie|Ukrainę|Ukrainą|Ukrainie",
        "die Ukraine|der Ukraine|der Ukraine|die Ukraine", "s f f s", de_in="in der Ukraine",
        de_to="in die Ukraine", de_from="aus der Ukraine"),
    ent("russia", "L CT RU ATK", "Russia", "Росія|Росії|Росії|Росію|Росією|Росії",
        "Rosja|Rosji|Rosji|Rosję|Rosją|Rosji", "Russland|Russlands|Russland|Russland", "s f f s"),
    ent("iran", "L CT IR LX", "Iran", "Іран|Ірану|Ірану|Іран|Іраном|Ірані",
        "Iran|Iranu|Iranowi|Iran|Iranem|Iranie", "der Iran|des Iran|dem Iran|den Iran", "s m m s",
        terms=("Iran",), de_in="im Iran", de_to="in den Iran", de_from="aus dem Iran"),
    ent("israel", "L CT IL LX", "Israel", "Ізраїль|Ізраїлю|Ізраїлю|Ізраїль|Ізраїлем|Ізраїлі",
        "Izrael|Izraela|Izraelowi|Izrael|Izraelem|Izraelu", "Israel|Israels|Israel|Israel",
        "s m m s", terms=("Israel",)),
    ent("germany", "L CT", "Germany", "Німеччина|Німеччини|Німеччині|Німеччину|Німеччиною|Німеччині",
        "Niemcy|Niemiec|Niemcom|Niemcy|Niemcami|Niemczech", "Deutschland|Deutschlands|Deutschland|Deutschland",
        "s f pn s"),
    ent("poland", "L CT", "Poland", "Польща|Польщі|Польщі|Польщу|Польщею|Польщі",
        "Polska|Polski|Polsce|Polskę|Polską|Polsce", "Polen|Polens|Polen|Polen", "s f f s"),
]
# Organisations and countries as subjects of present/future verbs.
ORGS = [
    ent("nato", "ORG", "NATO", "НАТО|НАТО|НАТО|НАТО|НАТО|НАТО", "NATO|NATO|NATO|NATO|NATO|NATO",
        "die NATO|der NATO|der NATO|die NATO", "s n n s", terms=("NATO",)),
    ent("allies", "ORG", {"s": "the allies"}, "союзники|союзників|союзникам|союзників|союзниками|союзниках",
        "sojusznicy|sojuszników|sojusznikom|sojuszników|sojusznikami|sojusznikach",
        "die Verbündeten|der Verbündeten|den Verbündeten|die Verbündeten", "p p pv p"),
    ent("usa", "ORG", {"s": "the United States"}, "США|США|США|США|США|США",
        "Stany Zjednoczone|Stanów Zjednoczonych|Stanom Zjednoczonym|Stany Zjednoczone|Stanami Zjednoczonymi|Stanach Zjednoczonych",
        "die USA|der USA|den USA|die USA", "p p pn p"),
    ent("germany_o", "ORG", "Germany", "Німеччина|Німеччини|Німеччині|Німеччину|Німеччиною|Німеччині",
        "Niemcy|Niemiec|Niemcom|Niemcy|Niemcami|Niemczech", "Deutschland|Deutschlands|Deutschland|Deutschland",
        "s f pn s"),
    ent("eu", "ORG", {"s": "the European Union"},
        "Європейський Союз|Європейського Союзу|Європейському Союзу|Європейський Союз|Європейським Союзом|Європейському Союзі",
        "Unia Europejska|Unii Europejskiej|Unii Europejskiej|Unię Europejską|Unią Europejską|Unii Europejskiej",
        "die Europäische Union|der Europäischen Union|der Europäischen Union|die Europäische Union",
        "s m f s"),
]
ATTACKERS = [
    ent("russia_a", "ATK", "Russia", "Росія|Росії|Росії|Росію|Росією|Росії",
        "Rosja|Rosji|Rosji|Rosję|Rosją|Rosji", "Russland|Russlands|Russland|Russland", "s f f s"),
    ent("rarmy", "ATK", {"s": "the Russian army"},
        "російська армія|російської армії|російській армії|російську армію|російською армією|російській армії",
        "rosyjska armia|rosyjskiej armii|rosyjskiej armii|rosyjską armię|rosyjską armią|rosyjskiej armii",
        "die russische Armee|der russischen Armee|der russischen Armee|die russische Armee", "s f f s"),
]

_DRONES_UK_NOISE = "безпілотники|безпілотників|безпілотникам|безпілотники|безпілотниками|безпілотниках"
# Weapons Ukraine asks for (XA) and weapons used in attacks (XK; all plural everywhere).
WEAPONS = [
    ent("lrw", "XA", "long-range weapons",
        "далекобійна зброя|далекобійної зброї|далекобійній зброї|далекобійну зброю|далекобійною зброєю|далекобійній зброї",
        "broń dalekiego zasięgu|broni dalekiego zasięgu|broni dalekiego zasięgu|broń dalekiego zasięgu|bronią dalekiego zasięgu|broni dalekiego zasięgu",
        "Langstreckenwaffen|Langstreckenwaffen|Langstreckenwaffen|Langstreckenwaffen", "p f f p",
        terms=("long-range weapons",)),
    ent("ads", "XA", "air defence systems",
        "системи протиповітряної оборони|систем протиповітряної оборони|системам протиповітряної оборони|системи протиповітряної оборони|системами протиповітряної оборони|системах протиповітряної оборони",
        "systemy obrony powietrznej|systemów obrony powietrznej|systemom obrony powietrznej|systemy obrony powietrznej|systemami obrony powietrznej|systemach obrony powietrznej",
        "Luftabwehrsysteme|Luftabwehrsysteme|Luftabwehrsystemen|Luftabwehrsysteme", "p p pn p"),
    ent("ad", "XA", "air defence",
        "протиповітряна оборона|протиповітряної оборони|протиповітряній обороні|протиповітряну оборону|протиповітряною обороною|протиповітряній обороні",
        "obrona powietrzna|obrony powietrznej|obronie powietrznej|obronę powietrzną|obroną powietrzną|obronie powietrznej",
        "Luftabwehr|Luftabwehr|Luftabwehr|Luftabwehr", "s f f s"),
    ent("f16", "XA", "F-16 fighter jets",
        "винищувачі F-16|винищувачів F-16|винищувачам F-16|винищувачі F-16|винищувачами F-16|винищувачах F-16",
        "myśliwce F-16|myśliwców F-16|myśliwcom F-16|myśliwce F-16|myśliwcami F-16|myśliwcach F-16",
        "F-16-Kampfjets|F-16-Kampfjets|F-16-Kampfjets|F-16-Kampfjets", "p p pn p"),
    ent("shells", "XA", "artillery shells",
        "артилерійські снаряди|артилерійських снарядів|артилерійським снарядам|артилерійські снаряди|артилерійськими снарядами|артилерійських снарядах",
        "pociski artyleryjskie|pocisków artyleryjskich|pociskom artyleryjskim|pociski artyleryjskie|pociskami artyleryjskimi|pociskach artyleryjskich",
        "Artilleriegranaten|Artilleriegranaten|Artilleriegranaten|Artilleriegranaten", "p p pn p"),
    ent("patriot", "XA", "Patriot systems",
        "системи Patriot|систем Patriot|системам Patriot|системи Patriot|системами Patriot|системах Patriot",
        "systemy Patriot|systemów Patriot|systemom Patriot|systemy Patriot|systemami Patriot|systemach Patriot",
        "Patriot-Systeme|Patriot-Systeme|Patriot-Systemen|Patriot-Systeme", "p p pn p"),
    ent("drones", "XA XK", "drones", "дрони|дронів|дронам|дрони|дронами|дронах",
        "drony|dronów|dronom|drony|dronami|dronach", "Drohnen|Drohnen|Drohnen|Drohnen", "p p pn p",
        terms=("drones",), uk_noise=_DRONES_UK_NOISE),
    ent("gb", "XK", "glide bombs",
        "керовані авіабомби|керованих авіабомб|керованим авіабомбам|керовані авіабомби|керованими авіабомбами|керованих авіабомбах",
        "bomby szybujące|bomb szybujących|bombom szybującym|bomby szybujące|bombami szybującymi|bombach szybujących",
        "Gleitbomben|Gleitbomben|Gleitbomben|Gleitbomben", "p p pn p", terms=("glide bombs",)),
    ent("missiles", "XK", "missiles", "ракети|ракет|ракетам|ракети|ракетами|ракетах",
        "rakiety|rakiet|rakietom|rakiety|rakietami|rakietach", "Raketen|Raketen|Raketen|Raketen",
        "p p pn p"),
    ent("bm", "XK", "ballistic missiles",
        "балістичні ракети|балістичних ракет|балістичним ракетам|балістичні ракети|балістичними ракетами|балістичних ракетах",
        "pociski balistyczne|pocisków balistycznych|pociskom balistycznym|pociski balistyczne|pociskami balistycznymi|pociskach balistycznych",
        "ballistische Raketen|ballistischer Raketen|ballistischen Raketen|ballistische Raketen", "p p pn p"),
    ent("adrones", "XK", "attack drones",
        "ударні дрони|ударних дронів|ударним дронам|ударні дрони|ударними дронами|ударних дронах",
        "drony uderzeniowe|dronów uderzeniowych|dronom uderzeniowym|drony uderzeniowe|dronami uderzeniowymi|dronach uderzeniowych",
        "Kampfdrohnen|Kampfdrohnen|Kampfdrohnen|Kampfdrohnen", "p p pn p", terms=("drones",),
        uk_noise="ударні безпілотники|ударних безпілотників|ударним безпілотникам|ударні безпілотники|ударними безпілотниками|ударних безпілотниках"),
]
# German plural dative differs from the table above only for a few nouns: handled by "dat".
PLANS = [
    ent("vplan", "PL", {"s": "the victory plan", "bare": "victory plan"},
        "План перемоги|Плану перемоги|Плану перемоги|План перемоги|Планом перемоги|Плані перемоги",
        "plan zwycięstwa|planu zwycięstwa|planowi zwycięstwa|plan zwycięstwa|planem zwycięstwa|planie zwycięstwa",
        "der Siegesplan|des Siegesplans|dem Siegesplan|den Siegesplan", "s m m s",
        terms=("victory plan",),
        uk_noise="план перемоги|плану перемоги|плану перемоги|план перемоги|планом перемоги|плані перемоги",
        pl_noise="Plan Zwycięstwa|Planu Zwycięstwa|Planowi Zwycięstwa|Plan Zwycięstwa|Planem Zwycięstwa|Planie Zwycięstwa",
        de_in="im Siegesplan"),
    ent("pformula", "PL", {"s": "the peace formula", "bare": "peace formula"},
        "Формула миру|Формули миру|Формулі миру|Формулу миру|Формулою миру|Формулі миру",
        "formuła pokoju|formuły pokoju|formule pokoju|formułę pokoju|formułą pokoju|formule pokoju",
        "die Friedensformel|der Friedensformel|der Friedensformel|die Friedensformel", "s f f s",
        de_in="in der Friedensformel"),
]
SIRENS = [
    ent("sirens", "SIR", "air raid sirens",
        "сирени повітряної тривоги|сирен повітряної тривоги|сиренам повітряної тривоги|сирени повітряної тривоги|сиренами повітряної тривоги|сиренах повітряної тривоги",
        "syreny alarmowe|syren alarmowych|syrenom alarmowym|syreny alarmowe|syrenami alarmowymi|syrenach alarmowych",
        "die Luftschutzsirenen|der Luftschutzsirenen|den Luftschutzsirenen|die Luftschutzsirenen",
        "p p pn p", terms=("air raid sirens",)),
]
CONFLICTS = [
    ent("war_me", "ZC", {"s": "the war in the Middle East"},
        "війна на Близькому Сході|війни на Близькому Сході|війні на Близькому Сході|війну на Близькому Сході|війною на Близькому Сході|війні на Близькому Сході",
        "wojna na Bliskim Wschodzie|wojny na Bliskim Wschodzie|wojnie na Bliskim Wschodzie|wojnę na Bliskim Wschodzie|wojną na Bliskim Wschodzie|wojnie na Bliskim Wschodzie",
        "der Krieg im Nahen Osten|des Krieges im Nahen Osten|dem Krieg im Nahen Osten|den Krieg im Nahen Osten",
        "s f f s", terms=("the Middle East",), term_case="loc"),
    ent("conf_me", "ZC", {"s": "the conflict in the Middle East"},
        "конфлікт на Близькому Сході|конфлікту на Близькому Сході|конфлікту на Близькому Сході|конфлікт на Близькому Сході|конфліктом на Близькому Сході|конфлікті на Близькому Сході",
        "konflikt na Bliskim Wschodzie|konfliktu na Bliskim Wschodzie|konfliktowi na Bliskim Wschodzie|konflikt na Bliskim Wschodzie|konfliktem na Bliskim Wschodzie|konflikcie na Bliskim Wschodzie",
        "der Konflikt im Nahen Osten|des Konflikts im Nahen Osten|dem Konflikt im Nahen Osten|den Konflikt im Nahen Osten",
        "s m m s", terms=("the Middle East",), term_case="loc"),
    ent("esc_me", "ZC", {"s": "the escalation in the Middle East"},
        "ескалація на Близькому Сході|ескалації на Близькому Сході|ескалації на Близькому Сході|ескалацію на Близькому Сході|ескалацією на Близькому Сході|ескалації на Близькому Сході",
        "eskalacja na Bliskim Wschodzie|eskalacji na Bliskim Wschodzie|eskalacji na Bliskim Wschodzie|eskalację na Bliskim Wschodzie|eskalacją na Bliskim Wschodzie|eskalacji na Bliskim Wschodzie",
        "die Eskalation im Nahen Osten|der Eskalation im Nahen Osten|der Eskalation im Nahen Osten|die Eskalation im Nahen Osten",
        "s f f s", terms=("the Middle East",), term_case="loc"),
]
BUILDINGS = [
    ent("house", "OB", {"s": "a residential building"},
        "житловий будинок|житлового будинку|житловому будинку|житловий будинок|житловим будинком|житловому будинку",
        "budynek mieszkalny|budynku mieszkalnego|budynkowi mieszkalnemu|budynek mieszkalny|budynkiem mieszkalnym|budynku mieszkalnym",
        "ein Wohnhaus|eines Wohnhauses|einem Wohnhaus|ein Wohnhaus", "s m m s"),
    ent("school", "OB", {"s": "a school"}, "школа|школи|школі|школу|школою|школі",
        "szkoła|szkoły|szkole|szkołę|szkołą|szkole", "eine Schule|einer Schule|einer Schule|eine Schule",
        "s f f s"),
    ent("hospital", "OB", {"s": "a hospital"}, "лікарня|лікарні|лікарні|лікарню|лікарнею|лікарні",
        "szpital|szpitala|szpitalowi|szpital|szpitalem|szpitalu",
        "ein Krankenhaus|eines Krankenhauses|einem Krankenhaus|ein Krankenhaus", "s f m s"),
    ent("kg", "OB", {"s": "a kindergarten"},
        "дитячий садок|дитячого садка|дитячому садку|дитячий садок|дитячим садком|дитячому садку",
        "przedszkole|przedszkola|przedszkolu|przedszkole|przedszkolem|przedszkolu",
        "einen Kindergarten|eines Kindergartens|einem Kindergarten|einen Kindergarten", "s m n s"),
    ent("shop", "OB", {"s": "a shop"}, "магазин|магазину|магазину|магазин|магазином|магазині",
        "sklep|sklepu|sklepowi|sklep|sklepem|sklepie", "ein Geschäft|eines Geschäfts|einem Geschäft|ein Geschäft",
        "s m m s"),
]
SOURCES = [
    ent("gov", "SRC", "regional governor Oleh Syniehubov",
        "голова обласної адміністрації Олег Синєгубов|||||",
        "gubernator obwodu Ołeh Syniehubow|||||", "Gouverneur Oleh Synjehubow|||", "s m m s"),
    ent("af", "SRC", {"s": "the Ukrainian Air Force"}, "Повітряні сили України|||||",
        "Siły Powietrzne Ukrainy|||||", "die ukrainische Luftwaffe|||", "s p pn s"),
    ent("police", "SRC", {"s": "the police"}, "поліція|||||", "policja|||||", "die Polizei|||",
        "s f f s"),
    ent("mayor", "SRC", {"s": "the mayor of Kharkiv Ihor Terekhov"},
        "міський голова Харкова Ігор Терехов|||||", "mer Charkowa Ihor Terechow|||||",
        "der Bürgermeister von Charkiw Ihor Terechow|||", "s m m s", terms=("Kharkiv",), term_case="gen"),
]
SAYS = [
    ent("said", "SAY", "said", "заявив|||||", "powiedział|||||", "sagte|||", "s m m s"),
    ent("stressed", "SAY", "stressed", "наголосив|||||", "podkreślił|||||", "betonte|||", "s m m s"),
    ent("noted", "SAY", "noted", "зазначив|||||", "zaznaczył|||||", "erklärte|||", "s m m s"),
]

WEEKDAYS = [
    ("Monday", "{у} понеділок", "{w} poniedziałek", "am Montag"),
    ("Tuesday", "{у} вівторок", "{w} wtorek", "am Dienstag"),
    ("Wednesday", "{у} середу", "{w} środę", "am Mittwoch"),
    ("Thursday", "{у} четвер", "{w} czwartek", "am Donnerstag"),
    ("Friday", "{у} п'ятницю", "{w} piątek", "am Freitag"),
    ("Saturday", "{у} суботу", "{w} sobotę", "am Samstag"),
    ("Sunday", "{у} неділю", "{w} niedzielę", "am Sonntag"),
]
MONTHS = [  # en, uk gen, uk loc, pl gen, pl loc, de
    ("January", "січня", "січні", "stycznia", "styczniu", "Januar"),
    ("February", "лютого", "лютому", "lutego", "lutym", "Februar"),
    ("March", "березня", "березні", "marca", "marcu", "März"),
    ("April", "квітня", "квітні", "kwietnia", "kwietniu", "April"),
    ("May", "травня", "травні", "maja", "maju", "Mai"),
    ("June", "червня", "червні", "czerwca", "czerwcu", "Juni"),
    ("July", "липня", "липні", "lipca", "lipcu", "Juli"),
    ("August", "серпня", "серпні", "sierpnia", "sierpniu", "August"),
    ("September", "вересня", "вересні", "września", "wrześniu", "September"),
    ("October", "жовтня", "жовтні", "października", "październiku", "Oktober"),
    ("November", "листопада", "листопаді", "listopada", "listopadzie", "November"),
    ("December", "грудня", "грудні", "grudnia", "grudniu", "Dezember"),
]
KILLED = [  # number words for "N people were killed"
    ("Two people", "Двоє людей", "Dwie osoby", "Zwei Menschen", "pn"),
    ("Three people", "Троє людей", "Trzy osoby", "Drei Menschen", "pn"),
    ("Four people", "Четверо людей", "Cztery osoby", "Vier Menschen", "pn"),
    ("Five people", "П'ятеро людей", "Pięć osób", "Fünf Menschen", "n"),
    ("Six people", "Шестеро людей", "Sześć osób", "Sechs Menschen", "n"),
]
COUNTED = {  # noun: (en sg, en pl, uk one/few/many, pl one/few/many, de sg/pl)
    "people": ("person", "people", ("людина", "людини", "людей"), ("osoba", "osoby", "osób"),
               ("Mensch", "Menschen")),
    "drones": ("drone", "drones", ("дрон", "дрони", "дронів"), ("dron", "drony", "dronów"),
               ("Drohne", "Drohnen")),
    "adrones": ("attack drone", "attack drones", ("ударний дрон", "ударні дрони", "ударних дронів"),
                ("dron uderzeniowy", "drony uderzeniowe", "dronów uderzeniowych"),
                ("Kampfdrohne", "Kampfdrohnen")),
    "gb": ("glide bomb", "glide bombs", ("керована авіабомба", "керовані авіабомби", "керованих авіабомб"),
           ("bomba szybująca", "bomby szybujące", "bomb szybujących"), ("Gleitbombe", "Gleitbomben")),
    "missiles": ("missile", "missiles", ("ракета", "ракети", "ракет"), ("rakieta", "rakiety", "rakiet"),
                 ("Rakete", "Raketen")),
}
COUNTED_TERMS = {"drones": ("drones",), "adrones": ("drones",), "gb": ("glide bombs",)}


def _num_class(n: int, lang: str = "uk") -> str:
    if lang == "pl":
        if n == 1:
            return "one"
        if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
            return "few"
        return "many"
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "few"
    return "many"


def _num_text(n: int, lang: str) -> str:
    if n < 1000:
        return str(n)
    if lang == "en":
        return f"{n:,}"
    if n < 10000:
        return str(n)
    s = f"{n:,}"
    return s.replace(",", "." if lang == "de" else " ")


def number_entity(n: int, noun: str | None = None, cls: str = "Q") -> Entity:
    """A number, or a number with a counted noun ("12 people", «12 людей», «12 osób»)."""
    forms = {lang: {} for lang in ("en", "uk", "pl", "de")}
    if noun is None:
        for lang in forms:
            forms[lang] = {k: _num_text(n, lang) for k in ("s", "nom", "gen", "acc", "dat")}
        return Entity(f"n{n}", (cls,), forms, {"en": "p", "uk": "p", "pl": "pn", "de": "p"})
    en_sg, en_pl, uk3, pl3, de2 = COUNTED[noun]
    idx = {"one": 0, "few": 1, "many": 2}
    k = idx[_num_class(n, "uk")]
    kp = idx[_num_class(n, "pl")]
    forms["en"] = {"s": f"{_num_text(n, 'en')} {en_sg if n == 1 else en_pl}"}
    forms["uk"] = {"nom": f"{_num_text(n, 'uk')} {uk3[k]}"}
    forms["pl"] = {"nom": f"{_num_text(n, 'pl')} {pl3[kp]}"}
    forms["de"] = {"nom": f"{_num_text(n, 'de')} {de2[0] if n == 1 else de2[1]}"}
    pl_gender = {0: "f", 1: "pn", 2: "n"}[kp]
    return Entity(f"n{n}{noun}", (cls,), forms,
                  {"en": "s" if n == 1 else "p", "uk": "f" if k == 0 else "p", "pl": pl_gender,
                   "de": "s" if n == 1 else "p"}, terms=COUNTED_TERMS.get(noun, ()),
                  case_of={"nom": "gen" if k == 2 else "nom"})


def time_entity(rng: random.Random) -> Entity:
    """A time adverbial: a weekday, a date, a month, 'on the same day', 'last night'."""
    r = rng.random()
    if r < 0.4:
        en, uk, pl, de = rng.choice(WEEKDAYS)
        forms = {"en": {"s": "on " + en}, "uk": {"s": uk}, "pl": {"s": pl}, "de": {"s": de}}
    elif r < 0.7:
        forms = date_entity(rng).forms
    elif r < 0.8:
        m = rng.choice(MONTHS)
        forms = {"en": {"s": "in " + m[0]}, "uk": {"s": "{у} " + m[2]}, "pl": {"s": "{w} " + m[4]},
                 "de": {"s": "im " + m[5]}}
    elif r < 0.9:
        forms = {"en": {"s": "on the same day"}, "uk": {"s": "того ж дня"},
                 "pl": {"s": "tego samego dnia"}, "de": {"s": "am selben Tag"}}
    else:
        forms = {"en": {"s": "last night"}, "uk": {"s": "минулої ночі"},
                 "pl": {"s": "ostatniej nocy"}, "de": {"s": "in der vergangenen Nacht"}}
    return Entity("time", ("T",), forms, {"en": "s", "uk": "m", "pl": "m", "de": "s"})


def date_entity(rng: random.Random) -> Entity:
    m = rng.randrange(12)
    d = rng.randint(1, 28)
    en, ukg, _, plg, _, de = MONTHS[m]
    forms = {"en": {"s": f"on {d} {en}", "bare": f"{d} {en}"}, "uk": {"s": f"{d} {ukg}"},
             "pl": {"s": f"{d} {plg}"}, "de": {"s": f"am {d}. {de}", "bare": f"{d}. {de}"}}
    return Entity("date", ("D",), forms, {"en": "s", "uk": "m", "pl": "m", "de": "s"})


def month_entity(rng: random.Random) -> Entity:
    m = rng.choice(MONTHS)
    forms = {"en": {"s": "in " + m[0]}, "uk": {"s": "{у} " + m[2]}, "pl": {"s": "{w} " + m[4]},
             "de": {"s": "im " + m[5]}}
    return Entity("month", ("M",), forms, {"en": "s", "uk": "m", "pl": "m", "de": "s"})


def dateline_entity(rng: random.Random) -> Entity:
    m = rng.randrange(12)
    d = rng.randint(1, 28)
    y = rng.choice((2022, 2023, 2024, 2025))
    en, ukg, _, plg, _, de = MONTHS[m]
    forms = {"en": {"s": f"{d} {en} {y}"}, "uk": {"s": f"{d} {ukg} {y} року"},
             "pl": {"s": f"{d} {plg} {y} r."}, "de": {"s": f"{d}. {de} {y}"}}
    return Entity("dateline", ("DL",), forms, {"en": "s", "uk": "m", "pl": "m", "de": "s"})


def killed_entity(rng: random.Random) -> Entity:
    en, uk, pl, de, g = rng.choice(KILLED)
    forms = {"en": {"s": en}, "uk": {"nom": uk}, "pl": {"nom": pl}, "de": {"nom": de}}
    return Entity("killed", ("K",), forms, {"en": "p", "uk": "p", "pl": g, "de": "p"})


ALL_ENTITIES = (PERSONS + ROLES + VOCS + UCITIES + OCITIES + PLACES + COUNTRIES + ORGS + ATTACKERS
                + WEAPONS + PLANS + SIRENS + CONFLICTS + BUILDINGS + SOURCES + SAYS)
BY_CLASS: dict[str, list[Entity]] = {}
for _e in ALL_ENTITIES:
    for _c in _e.classes:
        BY_CLASS.setdefault(_c, []).append(_e)
# nominal phrases that may stand alone as a heading or a table cell
BY_CLASS["NP"] = [e for e in ALL_ENTITIES
                  if set(e.classes) & {"P", "L", "XA", "XK", "PL", "SIR", "ZC", "ORG"}
                  and e.key not in ("he", "germany_o", "russia_a")]
BY_CLASS["TOPIC"] = [e for e in ALL_ENTITIES if set(e.classes) & {"LX", "PL", "XA", "ZC"}]


# ---------------------------------------------------------------------------------------
# templates
# ---------------------------------------------------------------------------------------


@dataclass
class Template:
    slots: dict[str, str]  # slot name -> class (or "N:lo:hi", "Q:noun", "T", "D", ...)
    text: dict[str, str | None]  # en, uk, pl, de
    weight: float = 1.0
    de_sub: str | None = None  # German subordinate-clause word order (clauses only)
    ident: str = ""
    item: bool = False  # a list item: written in lower case half of the time


def T(slots, en, uk, pl, de=None, w=1.0, de_sub=None, item=False):
    spec = dict(s.split("=") for s in slots.split()) if slots else {}
    return Template(spec, {"en": en, "uk": uk, "pl": pl, "de": de}, w, de_sub, item=item)


# Clauses, usable alone and after "X said that ..." / inside quotes.
CLAUSES = [
    T("O=ORG C=UA", "{O} will support {C.o}", "{O.nom} {O~підтримуватиме|підтримуватиме|підтримуватиме|підтримуватимуть} {C.acc}",
      "{O.nom} {O~będzie|będzie|będzie|będą|będą} wspierać {C.acc}", "{O.nom} {O~wird|werden} {C.acc} unterstützen",
      de_sub="{O.nom} {C.acc} unterstützen {O~wird|werden}"),
    T("C=UA|UC X=XA", "{C} needs {X.o} now", "{C.nom} потребує {X.gen} вже зараз",
      "{C.nom} potrzebuje {X.gen} już teraz", "{C.nom} braucht jetzt {X.acc}",
      de_sub="{C.nom} jetzt {X.acc} braucht", w=2),
    T("O=ORG P=PL", "{O} will study {P.o}", "{O.nom} {O~вивчить|вивчить|вивчить|вивчать} {P.acc}",
      "{O.nom} {O~przeanalizuje|przeanalizuje|przeanalizuje|przeanalizują|przeanalizują} {P.acc}",
      "{O.nom} {O~wird|werden} {P.acc} prüfen", de_sub="{O.nom} {P.acc} prüfen {O~wird|werden}", w=2),
    T("A=IR|ORG X=XK Y=XK B=RU|UA|IL", "{A} {A~supplies|supply} {X.o} and {Y.o} to {B.o}",
      "{A.nom} {A~постачає|постачає|постачає|постачають} {B.dat} {X.acc} і {Y.acc}",
      "{A.nom} {A~dostarcza|dostarcza|dostarcza|dostarczają|dostarczają} {B.dat} {X.acc} i {Y.acc}",
      "{A.nom} {A~liefert|liefern} {X.acc} und {Y.acc} an {B.acc}",
      de_sub="{A.nom} {X.acc} und {Y.acc} an {B.acc} {A~liefert|liefern}", w=2),
    T("Z=ZC C=UA", "{Z} must not distract the world from {C.o}",
      "{Z.nom} не {Z~повинен|повинна|повинно|повинні} відволікати світ від {C.gen}",
      "{Z.nom} nie może odwracać uwagi świata od {C.gen}",
      "{Z.nom} darf die Welt nicht von {C.dat} ablenken",
      de_sub="{Z.nom} die Welt nicht von {C.dat} ablenken darf", w=2),
    T("C=UA", "{C} is closer to NATO than ever before", "{C.nom} ближча до НАТО, ніж будь-коли",
      "{C.nom} jest bliżej NATO niż kiedykolwiek wcześniej",
      "{C.nom} ist der NATO so nah wie nie zuvor", de_sub="{C.nom} der NATO so nah wie nie zuvor ist", w=2),
    T("A=RU|ATK C=UC X=XK", "{A} attacked {C.o} with {X.o}",
      "{A.nom} {A~атакував|атакувала|атакувало|атакували} {C.acc} {X.ins}",
      "{A.nom} {A~zaatakował|zaatakowała|zaatakowało|zaatakowali|zaatakowały} {C.acc} {X.ins}",
      "{A.nom} hat {C.acc} mit {X.dat} angegriffen", de_sub="{A.nom} {C.acc} mit {X.dat} angegriffen hat"),
    T("X=XK C=UC", "{X} are the main threat to {C.o}", "{X.nom} є головною загрозою для {C.gen}",
      "{X.nom} są głównym zagrożeniem dla {C.gen}", "{X.nom} sind die größte Gefahr für {C.acc}",
      de_sub="{X.nom} die größte Gefahr für {C.acc} sind"),
    T("C=UA X=XA", "{C} must receive {X.o} as soon as possible",
      "{C.nom} має якнайшвидше отримати {X.acc}", "{C.nom} musi jak najszybciej otrzymać {X.acc}",
      "{C.nom} muss so schnell wie möglich {X.acc} erhalten",
      de_sub="{C.nom} so schnell wie möglich {X.acc} erhalten muss"),
    T("O=ORG X=XA", "{O} will decide on {X.o} soon",
      "{O.nom} незабаром {O~ухвалить|ухвалить|ухвалить|ухвалять} рішення щодо {X.gen}",
      "{O.nom} wkrótce {O~podejmie|podejmie|podejmie|podejmą|podejmą} decyzję w sprawie {X.gen}",
      "{O.nom} {O~wird|werden} bald über {X.acc} entscheiden",
      de_sub="{O.nom} bald über {X.acc} entscheiden {O~wird|werden}"),
    T("P=PL", "{P} is realistic", "{P.nom} {P~є реалістичним|є реалістичною|є реалістичним|є реалістичними}",
      "{P.nom} jest {P~realistyczny|realistyczna|realistyczne|realistyczni|realistyczne}",
      "{P.nom} ist realistisch", de_sub="{P.nom} realistisch ist"),
    T("C=UA", "{C} will join NATO", "{C.nom} вступить до НАТО", "{C.nom} wejdzie do NATO",
      "{C.nom} wird der NATO beitreten", de_sub="{C.nom} der NATO beitreten wird"),
    T("C=UC S=SIR", "{S} sounded {C.in} all night", "{C.in} всю ніч лунали {S.nom}",
      "{C.in} przez całą noc wyły {S.nom}", "{C.in} heulten die ganze Nacht {S.nom}",
      de_sub="{C.in} die ganze Nacht {S.nom} heulten"),
    T("O=ORG C=UA", "{O} {O~stands|stand} with {C.o}", "{O.nom} {O~на боці|на боці|на боці|на боці} {C.gen}",
      "{O.nom} {O~stoi|stoi|stoi|stoją|stoją} po stronie {C.gen}",
      "{O.nom} {O~steht|stehen} an der Seite {C.gen}", de_sub="{O.nom} an der Seite {C.gen} {O~steht|stehen}"),
    T("A=IR X=XK", "{A} supports Russia with {X.o}", "{A.nom} підтримує Росію {X.ins}",
      "{A.nom} wspiera Rosję {X.ins}", "{A.nom} unterstützt Russland mit {X.dat}",
      de_sub="{A.nom} Russland mit {X.dat} unterstützt"),
    T("C=UA X=XA", "{C} needs more {X.o}", "{C.nom} потребує більше {X.gen}",
      "{C.nom} potrzebuje więcej {X.gen}", "{C.nom} braucht mehr {X.acc}", de_sub="{C.nom} mehr {X.acc} braucht"),
    # rarer cases of the glossary terms, as clauses so that they combine with many speakers
    T("P=PL", "the details of {P.o} remain secret", "деталі {P.gen} залишаються таємними",
      "szczegóły {P.gen} pozostają tajne", "die Details {P.gen} bleiben geheim",
      de_sub="die Details {P.gen} geheim bleiben"),
    T("P=PL", "thanks to {P.o}, Ukraine can win the war", "завдяки {P.dat} Україна може перемогти у війні",
      "dzięki {P.dat} Ukraina może wygrać wojnę", "dank {P.dat} kann die Ukraine den Krieg gewinnen",
      de_sub="die Ukraine dank {P.dat} den Krieg gewinnen kann"),
    T("P=PL", "there are five points in {P.o}", "{у} {P.loc} п'ять пунктів",
      "{w} {P.loc} jest pięć punktów", "{P.in} gibt es fünf Punkte", de_sub="es {P.in} fünf Punkte gibt"),
    T("P=PL", "many countries are interested in {P.o}", "багато країн цікавляться {P.ins}",
      "wiele krajów interesuje się {P.ins}", "viele Länder interessieren sich für {P.acc}",
      de_sub="sich viele Länder für {P.acc} interessieren"),
    T("C=UC S=SIR", "the sound of {S.o} woke the residents of {C.o}", "звук {S.gen} розбудив мешканців {C.gen}",
      "dźwięk {S.gen} obudził mieszkańców {C.gen}", "der Klang {S.gen} weckte die Einwohner von {C.dat}",
      de_sub="der Klang {S.gen} die Einwohner von {C.dat} weckte"),
    T("C=UC S=SIR", "{C} lives with {S.o} every day", "{C.nom} щодня живе {з} {S.ins}",
      "{C.nom} codziennie żyje {z} {S.ins}", "{C.nom} lebt jeden Tag mit {S.dat}",
      de_sub="{C.nom} jeden Tag mit {S.dat} lebt"),
    T("C=UC", "Russia caused great damage to {C.o}", "Росія завдала великої шкоди {C.dat}",
      "Rosja wyrządziła wielkie szkody {C.dat}", "Russland hat {C.dat} großen Schaden zugefügt",
      de_sub="Russland {C.dat} großen Schaden zugefügt hat"),
    T("C=UC", "the residents of {C.o} spent the night in shelters", "мешканці {C.gen} провели ніч в укриттях",
      "mieszkańcy {C.gen} spędzili noc w schronach", "die Einwohner von {C.dat} verbrachten die Nacht in Schutzräumen",
      de_sub="die Einwohner von {C.dat} die Nacht in Schutzräumen verbrachten"),
    T("X=XA", "Ukraine defends itself with {X.o}", "Україна захищається {X.ins}", "Ukraina broni się {X.ins}",
      "die Ukraine verteidigt sich mit {X.dat}", de_sub="die Ukraine sich mit {X.dat} verteidigt"),
    T("X=XA", "thanks to {X.o}, Ukraine can protect its cities", "завдяки {X.dat} Україна може захищати свої міста",
      "dzięki {X.dat} Ukraina może bronić swoich miast", "dank {X.dat} kann die Ukraine ihre Städte schützen",
      de_sub="die Ukraine dank {X.dat} ihre Städte schützen kann"),
    T("X=XA", "the need for {X.o} is growing", "потреба в {X.loc} зростає", "zapotrzebowanie na {X.acc} rośnie",
      "der Bedarf an {X.dat} wächst", de_sub="der Bedarf an {X.dat} wächst"),
    T("X=XA", "{X} {X~is|are} important for Ukraine", "{X.nom} {X~важливий|важлива|важливе|важливі} для України",
      "{X.nom} {X~jest ważny|jest ważna|jest ważne|są ważni|są ważne} dla Ukrainy",
      "{X.nom} {X~ist|sind} wichtig für die Ukraine", de_sub="{X.nom} wichtig für die Ukraine {X~ist|sind}"),
    T("R=RB", "{R} is located in Germany", "{R.nom} розташована в Німеччині", "{R.nom} znajduje się w Niemczech",
      "{R.nom} liegt in Deutschland", de_sub="{R.nom} in Deutschland liegt"),
    T("R=RB", "{R} is more than 70 years old", "{R.dat} понад 70 років", "{R.nom} ma ponad 70 lat",
      "{R.nom} ist über 70 Jahre alt", de_sub="{R.nom} über 70 Jahre alt ist"),
    T("R=RB", "the US Air Force controls {R.o}", "Повітряні сили США керують {R.ins}",
      "Siły Powietrzne USA kontrolują {R.acc}", "die US-Luftwaffe kontrolliert {R.acc}",
      de_sub="die US-Luftwaffe {R.acc} kontrolliert"),
    T("R=RB", "journalists are waiting near {R.o}", "журналісти чекають біля {R.gen}",
      "dziennikarze czekają w pobliżu {R.gen}", "Journalisten warten in der Nähe {R.gen}",
      de_sub="Journalisten in der Nähe {R.gen} warten"),
]

SENTENCES = [
    # arrivals, meetings, visits
    T("A=PS L=L T=T", "{A} arrived {L.in} {T}.", "{A.nom} {T} прибув {L.to}.", "{A.nom} przybył {T} {L.to}.",
      "{A.nom} ist {T} {L.in} eingetroffen.", w=3),
    T("A=PS L=L", "{A} arrived {L.in}.", "{A.nom} прибув {L.to}.", "{A.nom} przybył {L.to}.",
      "{A.nom} ist {L.in} eingetroffen."),
    T("A=PS B=P L=L", "{A} met {B.o} {L.in}.", "{A.nom} зустрівся {з} {B.ins} {L.in}.",
      "{A.nom} spotkał się {z} {B.ins} {L.in}.", "{A.nom} traf {B.acc} {L.in}.", w=3),
    T("A=PS B=P T=T", "{A} met {B.o} {T}.", "{A.nom} {T} зустрівся {з} {B.ins}.",
      "{A.nom} {T} spotkał się {z} {B.ins}.", "{A.nom} traf {T} {B.acc}."),
    T("A=PS B=P", "{A} thanked {B.o} for the support.", "{A.nom} подякував {B.dat} за підтримку.",
      "{A.nom} podziękował {B.dat} za wsparcie.", "{A.nom} dankte {B.dat} für die Unterstützung.", w=2),
    T("A=PS B=P L=L", "{A} welcomed {B.o} {L.in}.", "{A.nom} привітав {B.acc} {L.in}.",
      "{A.nom} powitał {B.acc} {L.in}.", "{A.nom} begrüßte {B.acc} {L.in}.", w=2),
    T("A=PS B=P", "{A} spoke with {B.o} by phone.", "{A.nom} провів телефонну розмову {з} {B.ins}.",
      "{A.nom} rozmawiał telefonicznie {z} {B.ins}.", "{A.nom} telefonierte mit {B.dat}."),
    T("A=PS B=P L=L", "{A} invited {B.o} {L.to}.", "{A.nom} запросив {B.acc} {L.to}.",
      "{A.nom} zaprosił {B.acc} {L.to}.", "{A.nom} lud {B.acc} {L.to} ein."),
    T("A=P L=L", "{A} visits {L.o}", "{A.nom} відвідує {L.acc}", "{A.nom} odwiedza {L.acc}",
      "{A.nom} besucht {L.acc}", w=2),
    T("A=PS L=L T=T", "{A} visited {L.o} {T}.", "{A.nom} {T} відвідав {L.acc}.",
      "{A.nom} odwiedził {L.acc} {T}.", "{A.nom} besuchte {T} {L.acc}."),
    T("A=PS L=L D=D", "{A} will visit {L.o} {D}.", "{A.nom} відвідає {L.acc} {D}.",
      "{A.nom} odwiedzi {L.acc} {D}.", "{A.nom} wird {D} {L.acc} besuchen."),
    T("A=PS L=L", "{A} returned {L.from}.", "{A.nom} повернувся {L.from}.", "{A.nom} wrócił {L.from}.",
      "{A.nom} kehrte {L.from} zurück."),
    T("A=PS L=L M=L", "{A} flew {L.from} {M.to}.", "{A.nom} вилетів {L.from} {M.to}.",
      "{A.nom} poleciał {L.from} {M.to}.", "{A.nom} flog {L.from} {M.to}."),
    T("B=P L=L", "{B.p} visit {L.to} lasted two days.", "Візит {B.gen} {L.to} тривав два дні.",
      "Wizyta {B.gen} {L.in} trwała dwa dni.", "Der Besuch {B.gen} {L.in} dauerte zwei Tage."),
    T("L=L R=R", "It was his first visit {L.to} as {R.o}.",
      "Це був його перший візит {L.to} на посаді {R.gen}.",
      "Była to jego pierwsza wizyta {L.in} jako {R.nom}.",
      "Es war sein erster Besuch {L.in} als {R.nom}.", w=2),
    T("A=PS D=D", "{A} took office {D}.", "{A.nom} обійняв посаду {D}.", "{A.nom} objął urząd {D}.",
      "{A.nom} trat {D} sein Amt an.", w=2),
    T("A=PS R=R D=D", "{A} became {R.o} {D}.", "{A.nom} {D} став {R.ins}.", "{A.nom} {D} został {R.ins}.",
      "{A.nom} wurde {D} {R.nom}."),
    T("A=P R=R", "{A} is the new {R.o}.", "{A.nom} — новий {R.nom}.", "{A.nom} jest nowym {R.ins}.",
      "{A.nom} ist der neue {R.nom}."),
    T("L=L D=D", "The meeting will take place {L.in} {D}.", "Зустріч відбудеться {L.in} {D}.",
      "Spotkanie odbędzie się {L.in} {D}.", "Das Treffen findet {D} {L.in} statt.", w=2),
    T("L=RB|C D=D", "The next Ramstein meeting will take place {L.in} {D}.",
      "Наступне засідання у форматі Рамштайн відбудеться {L.in} {D}.",
      "Następne spotkanie w formacie Ramstein odbędzie się {L.in} {D}.",
      "Das nächste Ramstein-Treffen findet {D} {L.in} statt."),
    T("N=N:20,25,30,40,45,50,55 C=UA|IL", "About {N} countries support {C.o} in the Ramstein format.",
      "Близько {N.nom} країн підтримують {C.acc} у форматі Рамштайн.",
      "Około {N.nom} państw wspiera {C.acc} w formacie Ramstein.",
      "Rund {N.nom} Länder unterstützen {C.acc} im Ramstein-Format.", w=2),
    # the plan
    T("A=PS P=PL B=P", "{A} presented {P.o} to {B.o}.", "{A.nom} представив {B.dat} {P.acc}.",
      "{A.nom} przedstawił {B.dat} {P.acc}.", "{A.nom} stellte {B.dat} {P.acc} vor.", w=3),
    T("A=PS P=PL L=L T=T", "{A} presented {P.o} {L.in} {T}.", "{A.nom} {T} представив {P.acc} {L.in}.",
      "{A.nom} przedstawił {P.acc} {L.in} {T}.", "{A.nom} stellte {T} {P.acc} {L.in} vor."),
    T("A=PS P=PL", "{A} will present {P.o} at the Ramstein meeting.",
      "{A.nom} представить {P.acc} на засіданні у форматі Рамштайн.",
      "{A.nom} przedstawi {P.acc} na spotkaniu w formacie Ramstein.",
      "{A.nom} wird {P.acc} beim Ramstein-Treffen vorstellen.", w=2),
    T("A=PS P=PL", "{A} has studied {P.o} in detail.", "{A.nom} детально ознайомився {з} {P.ins}.",
      "{A.nom} szczegółowo zapoznał się {z} {P.ins}.", "{A.nom} hat sich ausführlich mit {P.dat} befasst."),
    T("A=PS P=PL B=P", "{A} discussed {P.o} with {B.o}.", "{A.nom} обговорив {P.acc} {з} {B.ins}.",
      "{A.nom} omówił {P.acc} {z} {B.ins}.", "{A.nom} besprach {P.acc} mit {B.dat}.", w=2),
    T("A=PS X=XA B=P L=L", "{A} discussed {X.o} with {B.o} {L.in}.", "{A.nom} обговорив {X.acc} {з} {B.ins} {L.in}.",
      "{A.nom} omówił {X.acc} {z} {B.ins} {L.in}.", "{A.nom} besprach {L.in} {X.acc} mit {B.dat}."),
    T("A=PS P=PL", "{A} supported the main points of {P.o}.", "{A.nom} підтримав основні пункти {P.gen}.",
      "{A.nom} poparł główne punkty {P.gen}.", "{A.nom} unterstützte die wichtigsten Punkte {P.gen}."),
    T("P=PL", "{P} has several key points:", "{P.nom} має кілька ключових пунктів:",
      "{P.nom} ma kilka kluczowych punktów:", "{P.nom} hat mehrere wichtige Punkte:"),
    T("P=PL", "{P} has several key points.", "{P.nom} має кілька ключових пунктів.",
      "{P.nom} ma kilka kluczowych punktów.", "{P.nom} hat mehrere wichtige Punkte."),
    T("B=Z P=PL", "{B.p} {P.bare} has five points.", "{P.nom} {B.gen} складається з п'яти пунктів.",
      "{P.nom} {B.gen} składa się z pięciu punktów.", "{P.nom} {B.gen} besteht aus fünf Punkten."),
    T("A=PS P=PL", "{A} paid great attention to {P.o}.", "{A.nom} приділив велику увагу {P.dat}.",
      "{A.nom} poświęcił dużo uwagi {P.dat}.", "{A.nom} widmete {P.dat} große Aufmerksamkeit."),
    T("P=PL X=XA", "In {P.o}, Ukraine asks the allies for {X.o}.", "У {P.loc} Україна просить союзників про {X.acc}.",
      "W {P.loc} Ukraina prosi sojuszników o {X.acc}.", "{P.in} bittet die Ukraine die Verbündeten um {X.acc}.", w=2),
    T("X=XA", "Ukraine asks the allies for {X.o}.", "Україна просить союзників про {X.acc}.",
      "Ukraina prosi sojuszników o {X.acc}.", "Die Ukraine bittet die Verbündeten um {X.acc}."),
    # reported speech
    T("A=PS S=SAY C=CLS", "{A} {S} that {C}.", "{A.nom} {S.nom}, що {C}.", "{A.nom} {S.nom}, że {C}.",
      "{A.nom} {S.nom}, dass {C}.", w=8),
    T("B=P C=CL", "According to {B.o}, {C}.", "За словами {B.gen}, {C}.", "Według {B.gen} {C}.",
      "{C}, so {B.nom}.", w=3),
    T("A=P C=CL", "\"{C},\" {A} said.", "«{C}», — сказав {A.nom}.", "„{C}” – powiedział {A.nom}.",
      "„{C}“, sagte {A.nom}.", w=2),
    T("A=P C=CL", "\"{C},\" {A} told journalists.", "«{C}», — сказав журналістам {A.nom}.",
      "„{C}” – powiedział dziennikarzom {A.nom}.", "„{C}“, sagte {A.nom} vor Journalisten.", w=2),
    T("A=P X=XA Y=XA", "\"We need {X.o} and {Y.o}, not only words,\" {A} said.",
      "«Нам потрібні {X.nom} і {Y.nom}, а не лише слова», — сказав {A.nom}.",
      "„Potrzebujemy {X.gen} i {Y.gen}, a nie tylko słów” – powiedział {A.nom}.",
      "„Wir brauchen {X.acc} und {Y.acc}, nicht nur Worte“, sagte {A.nom}.", w=2),
    T("A=P V=V", "\"Thank you, {V.o},\" {A} said.", "«Дякую, {V.nom}», — сказав {A.nom}.",
      "„Dziękuję, {V.nom}” – powiedział {A.nom}.", "„Danke, {V.nom}“, sagte {A.nom}."),
    T("A=P C=UA", "\"We stand with {C.o},\" {A} said.", "«Ми на боці {C.gen}», — сказав {A.nom}.",
      "„Stoimy po stronie {C.gen}” – powiedział {A.nom}.", "„Wir stehen an der Seite {C.gen}“, sagte {A.nom}."),
    # lists and headings
    T("X=XA C=UA|UC", "{X.o} for {C.o};", "{X.nom} для {C.gen};", "{X.nom} dla {C.gen};", "{X.nom} für {C.acc};", w=2, item=True),
    T("X=XA Y=XA", "more {X.o} and {Y.o};", "більше {X.gen} і {Y.gen};", "więcej {X.gen} i {Y.gen};",
      "mehr {X.nom} und {Y.nom};", w=2, item=True),
    T("", "an invitation to join NATO.", "запрошення вступити до НАТО.", "zaproszenie do wstąpienia do NATO.",
      "eine Einladung zum NATO-Beitritt.", item=True),
    T("", "an invitation to join NATO;", "запрошення вступити до НАТО;", "zaproszenie do wstąpienia do NATO;",
      "eine Einladung zum NATO-Beitritt;", item=True),
    T("X=XK C=UC", "{X.o} on {C.o}", "Удари {X.ins} по {C.dat}", "Ataki {X.ins} na {C.acc}",
      "{X.nom} auf {C.acc}", w=2),
    T("A=L B=L C=L", "{A}, {B.o} and {C.o}", "{A.nom}, {B.nom} і {C.nom}", "{A.nom}, {B.nom} i {C.nom}",
      "{A.nom}, {B.nom} und {C.nom}"),
    T("E=NP", "{E}", "{E.nom}", "{E.nom}", "{E.nom}", w=8),
    T("C=C DL=DL", "{C}, {DL}", "{C.nom}, {DL}", "{C.nom}, {DL}", "{C.nom}, {DL}", w=1),
    T("N=N:2,9000", "{N}", "{N.nom}", "{N.nom}", "{N.nom}", w=10),
    # attacks
    T("T=T A=ATK C=UC X=XK", "{T}, {A.o} attacked {C.o} with {X.o}.",
      "{T} {A.nom} {A~атакував|атакувала|атакувало|атакували} {C.acc} {X.ins}.",
      "{T} {A.nom} {A~zaatakował|zaatakowała|zaatakowało|zaatakowali|zaatakowały} {C.acc} {X.ins}.",
      "{T} griff {A.nom} {C.acc} mit {X.dat} an.", w=3),
    T("T=T A=IR B=IL X=XK", "{T}, {A.o} attacked {B.o} with {X.o}.",
      "{T} {A.nom} атакував {B.acc} {X.ins}.", "{T} {A.nom} zaatakował {B.acc} {X.ins}.",
      "{T} griff {A.nom} {B.acc} mit {X.dat} an.", w=2),
    T("T=T C=UC D=UC S=SIR", "{S} sounded {C.in} and {D.in} {T}.", "{T} {C.in} та {D.in} лунали {S.nom}.",
      "{T} {C.in} i {D.in} wyły {S.nom}.", "{T} heulten {C.in} und {D.in} {S.nom}."),
    T("C=UC D=UC S=SIR", "{S} sounded {C.in} and {D.in}.", "{C.in} та {D.in} лунали {S.nom}.",
      "{C.in} i {D.in} wyły {S.nom}.", "{C.in} und {D.in} heulten {S.nom}.", w=2),
    T("C=UC|L S=SIR", "{S} sounded {C.in}.", "{C.in} лунали {S.nom}.", "{C.in} wyły {S.nom}.",
      "{C.in} heulten {S.nom}."),
    T("C=UC S=SIR", "People {C.in} heard {S.o} at night.", "Люди {C.in} вночі почули {S.acc}.",
      "Ludzie {C.in} w nocy usłyszeli {S.acc}.", "Die Menschen {C.in} hörten in der Nacht {S.acc}."),
    T("C=UC S=SIR", "Nobody {C.in} pays attention to {S.o} any more.", "{C.in} вже ніхто не звертає уваги на {S.acc}.",
      "{C.in} nikt już nie zwraca uwagi na {S.acc}.", "{C.in} achtet niemand mehr auf {S.acc}."),
    T("O=OB P=OB", "The attack damaged {O.o} and {P.o}.", "Внаслідок атаки пошкоджено {O.acc} та {P.acc}.",
      "Atak uszkodził {O.acc} i {P.acc}.", "Der Angriff beschädigte {O.acc} und {P.acc}.", w=2),
    T("K=K Q=Q:people:2,40 S=SRC", "{K} were killed and {Q} were injured, {S.o} said.",
      "{K.nom} загинули, ще {Q.nom} {Q~отримав|отримала|отримало|отримали} поранення, {S~повідомив|повідомила|повідомило|повідомили} {S.nom}.",
      "{K.nom} {K~zginął|zginęła|zginęło|zginęli|zginęły}, a {Q.nom} {Q~został ranny|została ranna|zostało rannych|zostali ranni|zostały ranne}, {S~poinformował|poinformowała|poinformowało|poinformowali|poinformowały} {S.nom}.",
      "{K.nom} wurden getötet und {Q.nom} verletzt, teilte {S.nom} mit.", w=2),
    T("Q=Q:people:2,40 C=UC", "{Q} were injured {C.in}.", "{C.in} {Q.nom} {Q~отримав|отримала|отримало|отримали} поранення.",
      "{C.in} {Q.nom} {Q~został ranny|została ranna|zostało rannych|zostali ranni|zostały ranne}.",
      "{C.in} wurden {Q.nom} verletzt."),
    T("A=ATK X=XK C=UC", "{A} {A~uses|use} {X.o} against {C.o} every day.",
      "{A.nom} щодня {A~застосовує|застосовує|застосовує|застосовують} {X.acc} проти {C.gen}.",
      "{A.nom} codziennie {A~używa|używa|używa|używają|używają} {X.gen} przeciwko {C.dat}.",
      "{A.nom} {A~setzt|setzen} jeden Tag {X.acc} gegen {C.acc} ein.", w=2),
    T("X=XK", "{X} also attack Ukrainian cities every night.", "{X.nom} також щоночі атакують українські міста.",
      "{X.nom} również każdej nocy atakują ukraińskie miasta.", "{X.nom} greifen außerdem jede Nacht ukrainische Städte an.", w=2),
    T("X=XK C=UC", "{X} attacked {C.o} last night.", "Минулої ночі {X.nom} атакували {C.acc}.",
      "Ostatniej nocy {X.nom} zaatakowały {C.acc}.", "In der vergangenen Nacht griffen {X.nom} {C.acc} an."),
    T("B=P A=ATK C=UA M=M", "According to {B.o}, {A.o} launched these weapons against {C.o} {M}:",
      "За словами {B.gen}, {M} {A.nom} {A~застосував|застосувала|застосувало|застосували} проти {C.gen} таку зброю:",
      "Według {B.gen} {M} {A.nom} {A~użył|użyła|użyło|użyli|użyły} przeciwko {C.dat} takiej broni:",
      "Laut {B.dat} setzte {A.nom} {M} diese Waffen gegen {C.acc} ein:", w=2),
    T("A=ATK Q=Q:adrones:50,2000 M=M", "{M}, {A.o} launched {Q} against Ukraine.",
      "{M} {A.nom} {A~запустив|запустила|запустило|запустили} по Україні {Q.nom}.",
      "{M} {A.nom} {A~wystrzelił|wystrzeliła|wystrzeliło|wystrzelili|wystrzeliły} w kierunku Ukrainy {Q.nom}.",
      "{M} startete {A.nom} {Q.nom} gegen die Ukraine."),
    T("Q=Q:gb:20,3000 M=M", "{M}, Russia dropped more than {Q} on Ukraine.",
      "{M} Росія скинула на Україну понад {Q.nom}.", "{M} Rosja zrzuciła na Ukrainę ponad {Q.nom}.",
      "{M} warf Russland mehr als {Q.nom} auf die Ukraine ab."),
    T("Q=Q:drones:2,90 C=UC", "Air defence shot down {Q} over {C.o}.", "Над {C.ins} протиповітряна оборона збила {Q.nom}.",
      "Nad {C.ins} obrona powietrzna zestrzeliła {Q.nom}.", "Die Luftabwehr schoss über {C.dat} {Q.nom} ab."),
    T("X=XK L=L", "{X} were seen over {L.o}.", "Над {L.ins} помітили {X.acc}.", "Nad {L.ins} zauważono {X.acc}.",
      "Über {L.dat} wurden {X.nom} gesichtet."),
    T("C=UC T=T", "{C} came under attack {T}.", "{T} {C.nom} {C~опинився|опинилася|опинилося|опинилися} під ударом.",
      "{T} {C.nom} {C~znalazł się|znalazła się|znalazło się|znaleźli się|znalazły się} pod ostrzałem.",
      "{T} geriet {C.nom} unter Beschuss."),
    T("C=UC", "{C} is a large city in Ukraine.", "{C.nom} — велике місто в Україні.",
      "{C.nom} to duże miasto w Ukrainie.", "{C.nom} ist eine große Stadt in der Ukraine."),
    T("C=UC X=XA", "{C} needs more {X.o} to protect its people.", "{C.dat} потрібно більше {X.gen}, щоб захистити людей.",
      "{C.nom} potrzebuje więcej {X.gen}, aby chronić ludzi.", "{C.nom} braucht mehr {X.acc}, um die Menschen zu schützen."),
    # help and weapons
    T("O=ORG X=XA", "{O} will send {X.o} to Ukraine.",
      "{O.nom} {O~передасть|передасть|передасть|передадуть} Україні {X.acc}.",
      "{O.nom} {O~przekaże|przekaże|przekaże|przekażą|przekażą} Ukrainie {X.acc}.",
      "{O.nom} {O~wird|werden} der Ukraine {X.acc} liefern.", w=2),
    T("A=PS X=XA", "{A} asked for permission to use {X.o} against targets in Russia.",
      "{A.nom} попросив дозволу на використання {X.gen} для ударів по цілях у Росії.",
      "{A.nom} poprosił o zgodę na użycie {X.gen} przeciwko celom w Rosji.",
      "{A.nom} bat um die Erlaubnis, {X.acc} gegen Ziele in Russland einzusetzen."),
    T("A=PS X=XA O=ORG", "{A} asked {O.o} for {X.o}.", "{A.nom} попросив {O.acc} про {X.acc}.",
      "{A.nom} poprosił {O.acc} o {X.acc}.", "{A.nom} bat {O.acc} um {X.acc}."),
    # Middle East
    T("A=PS Y=TOPIC", "{A} also spoke about {Y.o}.", "{A.nom} також говорив про {Y.acc}.",
      "{A.nom} mówił również o {Y.loc}.", "{A.nom} sprach auch über {Y.acc}.", w=3),
    T("Z=ZC", "{Z} is a danger for the whole world.", "{Z.nom} становить небезпеку для всього світу.",
      "{Z.nom} stanowi zagrożenie dla całego świata.", "{Z.nom} ist eine Gefahr für die ganze Welt."),
    T("A=PS Z=ZC", "{A} is worried about {Z.o}.", "{A.nom} стурбований {Z.ins}.",
      "{A.nom} jest zaniepokojony {Z.ins}.", "{A.nom} ist besorgt über {Z.acc}."),
    T("A=PS Z=ZC", "{A} spoke about {Z.o}.", "{A.nom} говорив про {Z.acc}.", "{A.nom} mówił o {Z.loc}.",
      "{A.nom} sprach über {Z.acc}."),
    T("L=ME|IR|IL", "The situation {L.in} is very tense.", "Ситуація {L.in} дуже напружена.",
      "Sytuacja {L.in} jest bardzo napięta.", "Die Lage {L.in} ist sehr angespannt."),
    T("L=ME|IR|IL C=UA", "The events {L.in} must not weaken support for {C.o}.",
      "Події {L.in} не повинні послабити підтримку {C.gen}.",
      "Wydarzenia {L.in} nie mogą osłabić wsparcia dla {C.gen}.",
      "Die Ereignisse {L.in} dürfen die Unterstützung für {C.acc} nicht schwächen."),
    T("L=ME", "Iran and Israel are the main actors {L.in}.", "Іран та Ізраїль — головні гравці {L.in}.",
      "Iran i Izrael to główni gracze {L.in}.", "Der Iran und Israel sind die wichtigsten Akteure {L.in}."),
    T("A=IR B=IL", "{A} and {B.o} are close to a big war.", "{A.nom} та {B.nom} на межі великої війни.",
      "{A.nom} i {B.nom} są blisko wielkiej wojny.", "{A.nom} und {B.nom} stehen kurz vor einem großen Krieg."),
    T("O=ORG A=IR", "{O} {O~criticises|criticise} {A.o}.", "{O.nom} {O~критикує|критикує|критикує|критикують} {A.acc}.",
      "{O.nom} {O~krytykuje|krytykuje|krytykuje|krytykują|krytykują} {A.acc}.", "{O.nom} {O~kritisiert|kritisieren} {A.acc}."),
    T("O=ORG B=IL", "{O} {O~supports|support} {B.o}.", "{O.nom} {O~підтримує|підтримує|підтримує|підтримують} {B.acc}.",
      "{O.nom} {O~wspiera|wspiera|wspiera|wspierają|wspierają} {B.acc}.", "{O.nom} {O~unterstützt|unterstützen} {B.acc}."),
    T("A=IR B=IL", "The conflict between {A.o} and {B.o} is growing.", "Конфлікт між {A.ins} та {B.ins} зростає.",
      "Konflikt między {A.ins} a {B.ins} narasta.", "Der Konflikt zwischen {A.dat} und {B.dat} wächst."),
    T("A=IR", "Many countries do not trust {A.o}.", "Багато країн не довіряють {A.dat}.",
      "Wiele krajów nie ufa {A.dat}.", "Viele Länder vertrauen {A.dat} nicht."),
    T("B=IL", "The attack on {B.o} was one of the largest.", "Атака на {B.acc} була однією з наймасштабніших.",
      "Atak na {B.acc} był jednym z największych.", "Der Angriff auf {B.acc} war einer der größten."),
    # Ramstein Air Base
    T("R=RB", "The Ramstein format got its name from {R.o}.", "Формат Рамштайн отримав назву від {R.gen}.",
      "Format Ramstein wziął nazwę od {R.gen}.", "Das Ramstein-Format hat seinen Namen {R.from}."),
    T("A=PS R=RB", "{A} has never been to {R.o}.", "{A.nom} ніколи не був {R.in}.",
      "{A.nom} nigdy nie był {R.in}.", "{A.nom} war noch nie {R.in}."),
    # fixed sentences of the example article's kind
    T("", "Read more on the NATO website and on the website of the President of Ukraine.",
      "Докладніше читайте на сайті НАТО та на сайті Президента України.",
      "Więcej informacji na stronie NATO i na stronie Prezydenta Ukrainy.",
      "Mehr dazu auf der Website der NATO und auf der Website des Präsidenten der Ukraine.", w=2),
    T("", "More information is available on the NATO website.", "Більше інформації на сайті НАТО.",
      "Więcej informacji na stronie NATO.", "Weitere Informationen gibt es auf der Website der NATO."),
    T("", "Weapon", "Зброя", "Broń", "Waffe"),
    T("", "Number", "Кількість", "Liczba", "Anzahl"),
    T("", "Date", "Дата", "Data", "Datum"),
    T("", "Event", "Подія", "Wydarzenie", "Ereignis"),
    T("", "Key points", "Ключові пункти", "Kluczowe punkty", "Wichtige Punkte"),
]
ALL_TEMPLATES = SENTENCES + [  # clauses as stand-alone sentences
    Template(t.slots, {k: (v + "." if v else v) for k, v in t.text.items()}, t.weight * 0.5)
    for t in CLAUSES
]
for _i, _t in enumerate(ALL_TEMPLATES):
    _t.ident = f"t{_i}"
for _i, _t in enumerate(CLAUSES):
    _t.ident = f"c{_i}"


# ---------------------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------------------

_UK_VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")
_UK_Y_BEFORE = ("в", "ф", "льв", "св", "тв", "хв", "дв", "гв", "зв", "кв")
_UK_SIBILANT = set("зсцчшщжЗСЦЧШЩЖ")
_PL_CONS = set("bcćdfghjklłmnńprsśtwzźżBCĆDFGHJKLŁMNŃPRSŚTWZŹŻ")


def _euphony(text: str) -> str:
    """Resolve {у} {з} (Ukrainian) and {w} {z} (Polish) by their neighbours."""

    def uk_u(m: re.Match) -> str:
        prev, nxt = text[: m.start()].rstrip(), text[m.end():].lstrip()
        low = nxt.lower()
        if low[:1] in _UK_VOWELS or low[:1].upper() in _UK_VOWELS:
            return "в"
        if low.startswith(_UK_Y_BEFORE):
            return "у"
        if not prev or prev[-1] in ".!?«—,:;\"„":
            return "у"
        return "в" if prev[-1] in _UK_VOWELS else "у"

    def uk_z(m: re.Match) -> str:
        nxt = text[m.end():].lstrip()
        if nxt[:1] in _UK_SIBILANT:
            return "зі" if len(nxt) > 1 and nxt[1].lower() not in "аеєиіїоуюя" else "із"
        return "з"

    def pl_w(m: re.Match) -> str:
        nxt = text[m.end():].lstrip()
        if nxt.startswith(("Lw", "lw", "mn")):
            return "we"
        if nxt[:1] in "wfWF" and len(nxt) > 1 and nxt[1] in _PL_CONS:
            return "we"
        return "w"

    def pl_z(m: re.Match) -> str:
        nxt = text[m.end():].lstrip()
        if nxt.startswith(("Lw", "lw", "mn")):
            return "ze"
        head = nxt[:2].lower()
        rest = nxt[2:3] if head in ("sz", "rz", "cz") else nxt[1:2]
        if nxt[:1] in "sSzZśŚźŹżŻ" and rest and rest in _PL_CONS:
            return "ze"
        return "z"

    for marker, fn in (("у", uk_u), ("з", uk_z), ("w", pl_w), ("z", pl_z)):
        while True:
            m = re.search(r"\{" + marker + r"\}", text)
            if not m:
                break
            text = text[: m.start()] + fn(m) + text[m.end():]
    return text


def _capitalize(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if ch.isdigit():
            return text
    return text


def _tidy(text: str, capitalize: bool = True) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.:;])", r"\1", text)
    return _capitalize(text) if capitalize else text


@dataclass
class Filled:
    """One generated pair with the slot fillers used (for the held-out set)."""

    source: str
    target: str
    template: str
    uses: list[tuple[str, str]]  # (glossary term, Ukrainian case) for every term occurrence
    noisy: bool
    template_text: str = ""  # the English template


_GROUPS = [
    {"vz", "z", "pvz", "pz", "upres", "pres"},
    {"rutte", "rutte_full", "sg", "sg_rutte", "sg_nato"},
    {"ramstein", "ramstein_de"},
    {"russia", "russia_a", "rarmy"},
    {"germany", "germany_o"},
]


def _group(key: str) -> set[str]:
    """Keys that must not fill two slots of one sentence together (same referent)."""
    for group in _GROUPS:
        if key in group:
            return group
    return {key}


class _Renderer:
    def __init__(self, rng: random.Random, noise_rate: float, uniform_clauses: bool = False):
        self.uniform_clauses = uniform_clauses
        self.rng = rng
        self.noise_rate = noise_rate
        self.noisy = False
        self.uses: list[tuple[str, str]] = []

    def pick(self, spec: str, taken: set[str]) -> Entity | Template:
        rng = self.rng
        if spec == "T":
            return time_entity(rng)
        if spec == "D":
            return date_entity(rng)
        if spec == "M":
            return month_entity(rng)
        if spec == "DL":
            return dateline_entity(rng)
        if spec == "K":
            return killed_entity(rng)
        if spec in ("CL", "CLS"):
            if self.uniform_clauses:
                return rng.choice(CLAUSES)
            return rng.choices(CLAUSES, weights=[c.weight for c in CLAUSES])[0]
        if spec.startswith("N:"):
            values = [int(v) for v in spec[2:].split(",")]
            if len(values) == 2:  # log-uniform: as many 2-digit as 4-digit numbers
                lo, hi = values
                n = round(math.exp(rng.uniform(math.log(lo), math.log(hi + 1))))
                n = max(lo, min(hi, n))
            else:
                n = rng.choice(values)
            return number_entity(n, cls="N")
        if spec.startswith("Q:"):
            _, noun, rangetext = spec.split(":")
            lo, hi = (int(v) for v in rangetext.split(","))
            n = rng.randint(lo, hi)
            if n > 100:
                n = round(n, -1 if n < 1000 else -2)
            return number_entity(n, noun)
        pool = [e for c in spec.split("|") for e in BY_CLASS[c] if e.key not in taken]
        return rng.choice(pool)

    def fill(self, template: Template, lang_pair: tuple[str, str]):
        fillers: dict[str, Entity | Template] = {}
        taken: set[str] = set()
        for name, spec in template.slots.items():
            filler = self.pick(spec, taken)
            fillers[name] = filler
            if isinstance(filler, Entity):
                taken.update(_group(filler.key))
        # noise decisions, shared by the clause and the sentence; one per filler
        noise: dict[str, bool] = {}
        for name, filler in fillers.items():
            if isinstance(filler, Entity) and filler.noise:
                noise[name] = self.rng.random() < self.noise_rate
        sub_fillers = {}
        for name, filler in fillers.items():
            if isinstance(filler, Template):
                sub_fillers[name] = self.fill_slots(filler) + (template.slots[name] == "CLS",)
        return fillers, noise, sub_fillers

    def fill_slots(self, clause: Template):
        fillers = {}
        taken: set[str] = set()
        for name, spec in clause.slots.items():
            filler = self.pick(spec, taken)
            fillers[name] = filler
            if isinstance(filler, Entity):
                taken.update(_group(filler.key))
        noise = {n: self.rng.random() < self.noise_rate for n, f in fillers.items()
                 if isinstance(f, Entity) and f.noise}
        return clause, fillers, noise

    def render(self, text: str, lang: str, fillers, noise, sub, *, de_sub: bool = False,
               track: bool = False) -> str:
        def slot(m: re.Match) -> str:
            name, form, agree = m.group(1), m.group(2), m.group(3)
            filler = fillers[name]
            if isinstance(filler, Template):
                clause, cf, cn, subordinate = sub[name]
                ctext = clause.de_sub if (lang == "de" and subordinate) else clause.text[lang]
                return self.render(ctext, lang, cf, cn, {}, track=track)
            if agree is not None:
                options = agree.split("|")
                classes = AGREE[lang]
                g = filler.gender[lang]
                if len(options) == 2 and lang in ("uk", "pl"):  # few|many style
                    return options[0] if g in ("pn", "p", "f") else options[1]
                return options[classes.index(g)]
            table = filler.forms[lang]
            if noise.get(name) and lang in filler.noise:
                table = filler.noise[lang]
                self.noisy = True
            key = form or ("s" if lang == "en" else "nom")
            if key not in table:
                key = {"s": "nom", "o": "nom", "nom": "s"}.get(key, key)
            value = table.get(key)
            if value is None and lang == "en":
                value = table["s"]
            if value is None and key in ("nom", "acc", "gen", "dat", "ins", "loc"):
                value = table.get("s")
            if value is None:
                raise KeyError(f"{filler.key}: no {lang} form {key!r}")
            if track and lang == "uk":
                for term in filler.terms:
                    self.uses.append((term, filler.case_of.get(key, key)))
            return value

        out = re.sub(r"\{([A-Z]{1,2})(?:\.(\w+))?(?:~([^}]*))?\}", slot, text)
        return out

    def pair(self, template: Template, src: str, tgt: str) -> tuple[str, str]:
        self.noisy = False
        self.uses = []
        fillers, noise, sub = self.fill(template, (src, tgt))
        s = self.render(template.text[src], src, fillers, noise, sub)
        # the source never carries noise: only the target side can be wrong
        t = self.render(template.text[tgt], tgt, fillers, noise, sub, track=True)
        cap = not (template.item and self.rng.random() < 0.5)
        return _tidy(_euphony(s), cap), _tidy(_euphony(t), cap)


def _noisy_template(template: Template) -> bool:
    h = hashlib.md5(("noise:" + template.ident).encode()).digest()
    return h[0] < 64  # a quarter of the templates


def _reserved(source: str) -> bool:
    h = hashlib.md5(("heldout:" + source).encode()).digest()
    return int.from_bytes(h[:2], "big") % 100 < RESERVE_PERCENT


def _templates_for(src: str, tgt: str) -> list[Template]:
    return [t for t in ALL_TEMPLATES if t.text.get(src) is not None and t.text.get(tgt) is not None]


def _iter_filled(pair: str, seed: int, *, noise: bool, reserved: bool, uniform: bool = False):
    src, tgt = pair.split("-")
    templates = _templates_for(src, tgt)
    if reserved:
        templates = [t for t in templates if t.slots]
    def uniform_weight(t: Template) -> float:
        return len(CLAUSES) / 3 if any(v.startswith("CL") for v in t.slots.values()) else 1.0

    weights = [uniform_weight(t) if uniform else t.weight for t in templates]
    rng = random.Random(seed)
    while True:
        template = rng.choices(templates, weights=weights)[0]
        rate = 0.0
        if noise:
            rate = NOISY_RATE if _noisy_template(template) else QUIET_RATE
        renderer = _Renderer(rng, rate, uniform_clauses=uniform)
        s, t = renderer.pair(template, src, tgt)
        if template.slots and _reserved(s) != reserved:
            continue
        yield Filled(s, t, template.ident, list(renderer.uses), renderer.noisy,
                     template.text["en"] or "")


def generate_pairs(pair: str, n: int, seed: int, max_repeats: int = 10) -> list[tuple[str, str]]:
    """`n` (source, target) pairs for `pair` ("en-uk", "en-pl", "de-en").

    Deterministic for a given seed. Never returns a reserved (held-out) source sentence.
    A pair repeats at most `max_repeats` times (a fixed sentence without slots, such as a table
    header, four times as often): templates with few or no slots stay frequent enough to be
    learnt, without crowding out the rest.
    A minority of targets carry deliberate non-glossary renderings (see the module docstring).
    """
    if pair not in PAIRS:
        raise ValueError(f"unknown pair {pair!r}; expected one of {', '.join(PAIRS)}")
    seen: dict[tuple[str, str], int] = {}
    out: list[tuple[str, str]] = []
    misses = 0
    for filled in _iter_filled(pair, seed, noise=True, reserved=False):
        key = (filled.source, filled.target)
        limit = max_repeats if filled.uses or "{" in filled.template_text else 4 * max_repeats
        if seen.get(key, 0) >= limit:
            misses += 1
            if misses > 20 * n:
                break
            continue
        seen[key] = seen.get(key, 0) + 1
        out.append(key)
        if len(out) >= n:
            break
    return out


def _heldout_filled(n: int, seed: int) -> list[Filled]:
    pool: list[Filled] = []
    seen: set[str] = set()
    for filled in _iter_filled("en-uk", seed, noise=False, reserved=True, uniform=True):
        if filled.source in seen:
            continue
        seen.add(filled.source)
        pool.append(filled)
        if len(pool) >= 12 * n:
            break
    rng = random.Random(seed)
    rng.shuffle(pool)
    chosen: list[Filled] = []
    chosen_ids: set[int] = set()
    counts: dict[tuple[str, str], int] = {}
    per_template: dict[str, int] = {}

    def take(filled: Filled) -> None:
        chosen.append(filled)
        chosen_ids.add(id(filled))
        per_template[filled.template] = per_template.get(filled.template, 0) + 1
        for use in filled.uses:
            counts[use] = counts.get(use, 0) + 1

    # every (term, case) that the templates produce, at least three times when possible,
    # spread over templates
    combos = sorted({u for f in pool for u in f.uses})
    for want in (1, 2, 3):
        for combo in combos:
            if counts.get(combo, 0) >= want:
                continue
            candidates = [f for f in pool if combo in f.uses and id(f) not in chosen_ids]
            if candidates:
                take(min(candidates, key=lambda f: per_template.get(f.template, 0)))
    # then fill up with term-bearing sentences, at most 6 per template
    for filled in pool:
        if len(chosen) >= n:
            break
        if id(filled) in chosen_ids or not filled.uses or per_template.get(filled.template, 0) >= 6:
            continue
        take(filled)
    return chosen[:n]


def generate_heldout(n: int = 300, seed: int = 20241003) -> list[tuple[str, str]]:
    """Held-out en→uk pairs for the glossary benchmark.

    Drawn only from reserved slot combinations (never in any `generate_pairs` corpus), with a
    different seed, clean references (no noise), and chosen so that every (glossary term,
    Ukrainian case) combination the templates can produce appears (three times where the
    templates allow it).
    """
    return [(f.source, f.target) for f in _heldout_filled(n, seed)]


def heldout_coverage(n: int = 300, seed: int = 20241003) -> dict[tuple[str, str], int]:
    """(glossary term, Ukrainian case) → occurrences in the held-out set."""
    counts: dict[tuple[str, str], int] = {}
    for filled in _heldout_filled(n, seed):
        for use in filled.uses:
            counts[use] = counts.get(use, 0) + 1
    return counts
