"""Each QA check on (source, target) pairs: what it must pass and what it must catch.

Tables in Translate Toolkit's ``passes``/``fails`` shape; Ukrainian typography and
morphology («…», ʼ, 1 300, 3,5, «12 жовтня», «копіювання 3 файлів») must pass.
"""

from __future__ import annotations

from typing import Any

import polib
import pytest

import translator.qa  # noqa: F401 - registers the checks
from translator.catalogue import parse_plural_forms
from translator.catalogue.plural import plural_function
from translator.qa.base import REGISTRY, Pair, Problem, Settings
from translator.qa.length import sentences

UK3 = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
       "(n%100<10 || n%100>=20) ? 1 : 2);")
UK4 = ("nplurals=4; plural=n==1 ? 3 : n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
       "(n%100<10 || n%100>=20) ? 1 : 2;")


def problems(check: str, source: str, target: str, *, flags: tuple[str, ...] = (),
             single: bool = False, **settings: Any) -> list[Problem]:
    pair = Pair(source, target, Settings(**settings), frozenset(flags), single)
    return list(REGISTRY[check].function(pair))


def passes(check: str, source: str, target: str, **kw: Any) -> None:
    found = problems(check, source, target, **kw)
    assert not found, found


def fails(check: str, source: str, target: str, **kw: Any) -> list[Problem]:
    found = problems(check, source, target, **kw)
    assert found, f"{check} let {target!r} through"
    for problem in found:
        assert 0 <= problem.start <= problem.end <= len(target)
    return found


@pytest.mark.parametrize(("source", "target"), [
    ("%d files in %s", "%d файлів у %s"),
    ("%(count)d of %(total)d", "%(total)d: %(count)d"),
    ("%1$s and %2$s", "%2$s і %1$s"),
    ("{name} saved", "{name} збережено"),
    ("Open ${HOME} or {{ path }}", "Відкрити ${HOME} або {{ path }}"),
    ("100%% done", "100%% готово"),
])
def test_placeholders_pass(source: str, target: str) -> None:
    passes("placeholders", source, target)


@pytest.mark.parametrize(("source", "target"), [
    ("%d files in %s", "%d файлів"),
    ("%s of %d", "%d із %s"),  # unnumbered, reordered: msgfmt -c fails
    ("{name} saved", "{ім'я} збережено"),
    ("Open ${HOME}", "Відкрити $HOME"),
    ("Saved", "Збережено %s"),
])
def test_placeholders_fail(source: str, target: str) -> None:
    fails("placeholders", source, target)


def test_placeholders_single_form_may_spell_the_number() -> None:
    passes("placeholders", "%d file", "Один файл", single=True)
    fails("placeholders", "%d file in %s", "Один файл", single=True)
    passes("placeholders", "%d%% done", "%d%% готово", flags=("no-c-format",))


@pytest.mark.parametrize(("check", "source", "target"), [
    ("tags", "<b>Bold</b> text", "<b>Жирний</b> текст"),
    ("tags", '<a href="x" title="Help">link</a>', '<a href="x" title="Довідка">посилання</a>'),
    ("tags", "Usage: %s <file>", "Використання: %s <файл>"),  # a metavariable, not a tag
    ("tags", "Tom &amp; Jerry", "Том &amp; Джеррі"),
    ("urls", "See https://gnome.org/help.", "Див. https://gnome.org/help."),
    ("urls", "Mail bugs@kde.org", "Пишіть на bugs@kde.org"),
    ("options", "Use --map-users=FILE", "Використовуйте --map-users=ФАЙЛ"),
    ("options", " -h, --help  show help", " -h, --help  показати довідку"),
    ("options", "%ld-byte sectors, e-mail", "%ld-байтові сектори, ел. пошта"),
])
def test_elements_pass(check: str, source: str, target: str) -> None:
    passes(check, source, target)


@pytest.mark.parametrize(("check", "source", "target"), [
    ("tags", "<b>Bold</b> text", "Жирний текст"),
    ("tags", '<a href="x">link</a>', '<a href="y">посилання</a>'),
    ("tags", "Line<br/>break", "Рядок розрив"),
    ("urls", "See https://gnome.org/help.", "Див. https://gnome.org/допомога."),
    ("urls", "Mail bugs@kde.org", "Пишіть розробникам"),
    ("options", "Use --map-users=FILE", "Використовуйте --мапа-користувачів=ФАЙЛ"),
    ("options", " -h, --help  show help", " -h  показати довідку"),
    ("options", "pass -f to the shell, not -f twice", "передати -f оболонці"),
])
def test_elements_fail(check: str, source: str, target: str) -> None:
    fails(check, source, target)


def test_missing_tag_is_named_and_extra_one_is_highlighted() -> None:
    [missing] = fails("tags", "<b>Bold</b>", "Жирний</b>")
    assert missing.message == "missing tag <b>"
    [extra] = fails("tags", "Bold", "<i>Жирний</i>")[:1]
    assert (extra.start, extra.end) == (0, 3)


@pytest.mark.parametrize(("source", "target"), [
    ("_File", "_Файл"),
    ("Sh_red Folders", "_Знищити теки"),
    ("Save _As…", "Зберегти _як…"),
    ("file_name is wrong", "file_name помилковий"),  # an identifier, in both
    ("Plain", "Простий"),
])
def test_accelerator_pass(source: str, target: str) -> None:
    passes("accelerator", source, target, accelerator="_")


@pytest.mark.parametrize(("source", "target"), [
    ("_File", "Файл"),
    ("_Search", "_ Пошук"),  # before a space: no key
    ("_File", "_Ф_айл"),
    ("Detect type", "_Визначити тип"),
])
def test_accelerator_fail(source: str, target: str) -> None:
    fails("accelerator", source, target, accelerator="_")


def test_accelerator_ampersand_is_not_an_entity() -> None:
    passes("accelerator", "&Open", "&Відкрити", accelerator="&")
    fails("accelerator", "&Open", "Відкрити &amp; ще", accelerator="&")


@pytest.mark.parametrize(("check", "source", "target"), [
    ("whitespace", "  Name: ", "  Назва: "),
    ("whitespace", "Name\u00a0", "Назва "),
    ("newlines", "Line one\nLine two\n", "Рядок один\nРядок два\n"),
    ("end-punctuation", "Save changes?", "Зберегти зміни?"),
    ("end-punctuation", 'Open "%s".', "Відкрити «%s»."),
    ("end-punctuation", "Loading...", "Завантаження…"),
    ("end-punctuation", "Welcome!", "Ласкаво просимо."),
    ("end-punctuation", "Bootable", "Завантаж."),  # a label abbreviated to fit
    ("end-punctuation", "Plugins, scripts, etc.", "Додатки, скрипти тощо"),
    ("end-punctuation", "error writing . entry", "помилка запису елемента '.'"),
    ("end-punctuation", "Kyiv - the capital", "Київ — столиця"),
    ("brackets", "File(s) (%d)", "Файл(и) (%d)"),
    ("brackets", 'Open "%s"', "Відкрити «%s»"),
])
def test_punctuation_pass(check: str, source: str, target: str) -> None:
    passes(check, source, target)


@pytest.mark.parametrize(("check", "source", "target"), [
    ("whitespace", "Name: ", "Назва:"),
    ("whitespace", "Name", " Назва"),
    ("newlines", "Line one\nLine two", "Рядок один Рядок два"),
    ("newlines", "Done\n", "Готово"),
    ("end-punctuation", "Name:", "Назва"),
    ("end-punctuation", "Save changes?", "Зберегти зміни."),
    ("end-punctuation", "Open…", "Відкрити"),
    ("brackets", "File (%d)", "Файл (%d"),
    ("brackets", 'Open "%s"', "Відкрити «%s"),
])
def test_punctuation_fail(check: str, source: str, target: str) -> None:
    fails(check, source, target)


def test_newline_count_is_a_warning_and_the_end_an_error() -> None:
    [inner] = fails("newlines", "a\nb\nc", "а\nб в")
    assert inner.severity == "warning"
    [end] = fails("newlines", "abc\n", "абв")
    assert end.severity is None  # the check's own: error
    assert REGISTRY["newlines"].severity == "error"


def test_line_breaks_of_an_html_source_are_spaces_not_newlines() -> None:
    """A page's source wraps its paragraphs; the translation need not wrap the same way."""
    passes("newlines", "Mark Rutte arrived\nin Kyiv.", "Марк Рютте прибув до Києва.",
           tagged=True)
    fails("newlines", "Mark Rutte arrived\nin Kyiv.", "Марк Рютте прибув до Києва.")


@pytest.mark.parametrize(("source", "target"), [
    ("1,300 people", "1 300 людей"),
    ("1,300 people", "1300 людей"),
    ("3.5 GB", "3,5 ГБ"),
    ("on October 12", "12 жовтня"),
    ("on the 21st", "21-го"),
    ("GTK 3.22", "GTK 3.22"),
    ("Start a 2- or 3-way comparison", "Почати порівняння двох або трьох"),
    ("Need three files", "Потрібно 3 файли"),
    ("bad v2 inode", "неправильний вузол версії 2"),
    ("_Kyiv, 3 October 2024_", "_Київ, 3 жовтня 2024 року_"),
    ("%d items", "%d об'єктів"),
    ("Press F1 for help", "Натисніть F1, щоб отримати довідку"),
])
def test_numbers_pass(source: str, target: str) -> None:
    passes("numbers", source, target)


@pytest.mark.parametrize(("source", "target"), [
    ("1,300 people", "1 500 людей"),
    ("3.5 GB", "35 ГБ"),
    ("Wait 10 seconds", "Зачекайте кілька секунд"),
    ("at 14:05", "о 1405"),
    ("in 2024", "у 2025 році"),
    ("Disable the menu key (F10 by default)", "Заборонити клавішу меню"),
])
def test_numbers_fail(source: str, target: str) -> None:
    fails("numbers", source, target)


@pytest.mark.parametrize(("check", "source", "target"), [
    ("double-word", "Delete file", "Вилучити файл"),
    ("double-word", "that that", "що що"),  # the source repeats too
    ("double-word", "very very", "дуже-дуже"),
    ("double-word", "disconnect from", "від від'єднання"),
    ("untranslated", "GNOME", "GNOME"),
    ("untranslated", "Mark Rutte", "Mark Rutte"),
    ("untranslated", "Use %s with --help", "%s --help"),
    ("untranslated", "Open the file", "Відкрити файл"),
    ("mixed-script", "Kyiv", "Київ"),
    ("mixed-script", "files and folders", "файли і теки"),
    ("mixed-script", "Linking %s", "%sПов'язуємо"),  # placeholder glued to a word
    ("mixed-script", "xattrs", "x-атрибути"),
    ("apostrophe", "memory", "пам’ять"),
    ("apostrophe", "Rutte's plan", "план Rutte's"),  # Latin: not Ukrainian spelling
])
def test_words_pass(check: str, source: str, target: str) -> None:
    passes(check, source, target, apostrophe="’")


@pytest.mark.parametrize(("check", "source", "target"), [
    ("double-word", "Could not determine rights", "Не вдалося визначити визначити права"),
    ("double-word", "five", "п'ять п'ять"),
    ("untranslated", "Save the file as", "Save the file as"),
    ("untranslated", "the file is read only", "the file is read only"),
    ("mixed-script", "Kyiv", "Kиїв"),
    ("mixed-script", "files and folders", "файли i теки"),
    ("mixed-script", "Linux", "Lіnux ядро"),
    ("apostrophe", "memory", "пам'ять"),
    ("apostrophe", "merge", "обʼєднати"),
])
def test_words_fail(check: str, source: str, target: str) -> None:
    fails(check, source, target, apostrophe="’")


def test_mixed_script_span_is_the_word() -> None:
    [problem] = fails("mixed-script", "Kyiv is the capital", "Kиїв — столиця")
    assert (problem.start, problem.end) == (0, 4)


@pytest.mark.parametrize(("source", "target"), [
    ("There was an error while compressing files.", "Під час стиснення файлів сталася помилка."),
    ("Color of the text", "Колір"),  # source under 24 characters: too short to judge
    ("Preview files to be deleted and other changes",
     "Попередній перегляд файлів, які буде вилучено, та інших змін"),
])
def test_length_pass(source: str, target: str) -> None:
    passes("length", source, target)


@pytest.mark.parametrize(("source", "target"), [
    ("Preview files to be deleted and other changes", "Попередній перегляд файлів, які"),
    ("Whether the virtual terminal emulation should be loaded at startup of the editor",
     "Чи завантажувати"),
])
def test_length_fail(source: str, target: str) -> None:
    fails("length", source, target)


# A catalogue whose translations run 20 % longer than their sources in characters.
USUAL = {"length_ratio": 1.2, "word_ratio": 1.0}


@pytest.mark.parametrize(("source", "target", "signal"), [
    # both ratios under 75 % of the catalogue's usual ones, neither under 60 %
    ("Always show hidden files in every new window", "Завжди показувати приховані файли у вікні",
     "by words"),
    # a sentence gone, the output still ending with its full stop (an engine's omission)
    ("Backup directory does not exist or is not writable. Choose another one.",
     "Каталог для резервних копій не існує або не дозволяє запис.", "2 sentences"),
    # a clause gone: Ukrainian marks its clauses with commas, so fewer marks tell
    ("Show the size of each file, and the date when it was changed",
     "Показувати розмір кожного файлу і дату", "3 clause marks"),
])
def test_length_two_weak_signals_fail(source: str, target: str, signal: str) -> None:
    [problem] = fails("length", source, target, length_ratio=1.3, word_ratio=1.1) \
        if signal == "by words" else fails("length", source, target, **USUAL)
    assert signal in problem.message


@pytest.mark.parametrize(("source", "target"), [
    # one weak signal alone: short in characters only (73 % of usual), not in words
    ("Remove the selected bookmarks from the list", "Вилучити закладки зі списку"),
    # the same entry in a catalogue whose translations are as long as their sources
    ("Always show hidden files in every new window", "Завжди показувати приховані файли у вікні"),
    # two sentences joined into one, at full length
    ("Backup directory does not exist or is not writable. Choose another one.",
     "Каталог для резервних копій відсутній чи недоступний, тож виберіть інший."),
    # fewer clause marks, at full length
    ("Show the size of each file, and the date when it was changed",
     "Показувати розмір кожного файлу та дату останньої зміни"),
])
def test_length_one_weak_signal_passes(source: str, target: str) -> None:
    passes("length", source, target, **USUAL)


@pytest.mark.parametrize(("text", "count"), [
    ("Done. Next one.", 2),
    ("Файл збережено! Закрити вікно? «Так» — закрити.", 3),
    ("Use e.g. the first one. Or not", 2),  # «e.g. the»: no capital, no new sentence
    ("Version 3.5 is out", 1),
    ("It said “Stop.” Then it stopped.", 2),
    ("", 0),
])
def test_sentences(text: str, count: int) -> None:
    assert sentences(text) == count


@pytest.mark.parametrize(("source", "target"), [
    ("Read **the plan** at [NATO](https://nato.int).",
     "Прочитайте **план** на [НАТО](https://nato.int)."),
    ("Run `ls -l` now[^1].", "Виконайте `ls -l` зараз[^1]."),
    ("[^1]: Announced on Monday.", "[^1]: Оголошено в понеділок."),
])
def test_markup_pass(source: str, target: str) -> None:
    passes("markup", source, target, markdown=True)


@pytest.mark.parametrize(("source", "target"), [
    ("Read **the plan** at [NATO](https://nato.int).", "Прочитайте план на [НАТО](https://nato.int)."),
    ("Read the plan at [NATO](https://nato.int).", "Прочитайте план на [НАТО](https://nato.ua)."),
    ("Run `ls -l` now.", "Виконайте ls -l зараз."),
    ("[^1]: Announced on Monday.", "[Події в 1] Оголошено в понеділок."),
])
def test_markup_fail(source: str, target: str) -> None:
    fails("markup", source, target, markdown=True)


def test_markup_is_read_only_in_markdown_catalogues() -> None:
    passes("markup", "Use *.txt or *.md", "Використовуйте *.txt або .md")


def _settings(header: str) -> Settings:
    parsed = parse_plural_forms(header)
    assert parsed
    return Settings(nplurals=parsed[0], plural=plural_function(parsed[1]))


def _plural(*forms: str, singular: str = "%d file", plural: str = "%d files") -> polib.POEntry:
    return polib.POEntry(msgid=singular, msgid_plural=plural,
                         msgstr_plural=dict(enumerate(forms)))


@pytest.mark.parametrize(("header", "entry"), [
    (UK3, _plural("%d файл", "%d файли", "%d файлів")),
    (UK4, _plural("%d файл", "%d файли", "%d файлів", "%d файл")),  # n==1 form repeats form 0
    (UK4, _plural("%d файл", "%d файли", "%d файлів", "Один файл")),
    (UK3, _plural("Копіювання %d файла", "Копіювання %d файлів", "Копіювання %d файлів")),
    (UK3, _plural("%d КБ", "%d КБ", "%d КБ", singular="%d KB", plural="%d KB")),
])
def test_plurals_pass(header: str, entry: polib.POEntry) -> None:
    assert not list(REGISTRY["plurals"].function(entry, _settings(header)))


@pytest.mark.parametrize(("header", "entry"), [
    (UK3, _plural("%d файл", "%d файли")),  # nplurals=3, two forms
    (UK4, _plural("%d файл", "%d файли", "%d файлів")),
    (UK3, _plural("%d файл", "", "%d файлів")),
    (UK3, _plural("%d файлів", "%d файлів", "%d файлів")),  # copied, never declined
])
def test_plurals_fail(header: str, entry: polib.POEntry) -> None:
    assert list(REGISTRY["plurals"].function(entry, _settings(header)))


def test_single_number_form_is_found_with_the_header_rule() -> None:
    from translator.qa.plurals import single_forms

    assert single_forms(_settings(UK4)) == {3}
    assert single_forms(_settings(UK3)) == frozenset()


def test_markup_placement_comment_is_a_warning() -> None:
    entry = polib.POEntry(msgid="**Mark Rutte** came.", msgstr="**Прибув Марк Рютте.**",
                          tcomment="markup: bold around «Mark Rutte» placed at the edge")
    [problem] = REGISTRY["markup-placement"].function(entry, Settings(markdown=True))
    assert "Mark Rutte" in problem.message
    assert REGISTRY["markup-placement"].severity == "warning"


def test_every_check_has_a_title_and_a_severity() -> None:
    for check in REGISTRY.values():
        assert check.title and not check.title.endswith(":")
        assert check.severity in ("error", "warning")


def test_the_form_for_one_translates_msgid_the_others_msgid_plural() -> None:
    from translator.qa.run import entry_problems, select_checks

    entry = _plural("%d сегмент (найбільший — %s)", "%d сегменти (найбільший — %s)",
                    "%d сегментів (найбільший — %s)", "Один сегмент",
                    singular="One segment", plural="%d segments (largest: %s)")
    assert not list(entry_problems(entry, _settings(UK4), select_checks(["placeholders"])))
    entry.msgstr_plural[0] = "%d сегмент"
    [(_, problem)] = entry_problems(entry, _settings(UK4), select_checks(["placeholders"]))
    assert (problem.form, problem.message) == (0, "missing placeholder %s")
