"""The engine on the real fixture models: batching, n-best, prefixes, pivots, alignment."""

from __future__ import annotations

import subprocess
import sys

import pytest

from translator.engine.hypothesis import Hypothesis, Token
from translator.engine.planning import (
    compose,
    decoding_limit,
    dedupe,
    join_chunks,
    limits,
    plan_leg,
)
from translator.errors import ModelNotFound

SENTENCES = [
    "NATO Secretary-General Mark Rutte arrived in Kyiv.",
    "Volodymyr Zelenskyy presented the victory plan.",
    "Russia attacked Kharkiv with glide bombs.",
    "The allies discussed long-range weapons at Ramstein Air Base.",
    "Ukraine needs more drones.",
    "Mark Rutte met Volodymyr Zelenskyy in Kyiv.",
    "The meeting at Ramstein Air Base was postponed.",
    "NATO supports Ukraine.",
]
GERMAN = [
    "Mark Rutte ist in Kiew angekommen.",
    "Die Ukraine braucht mehr Drohnen.",
    "Die NATO unterstützt die Ukraine.",
]


def test_batch_equals_one_by_one(engine) -> None:
    """Sorting and batching change nothing: same text and score as one call per sentence."""
    together = engine.translate(SENTENCES, "en", "uk")
    for sentence, batch_result in zip(SENTENCES, together, strict=True):
        [[alone]] = engine.translate([sentence], "en", "uk")
        assert batch_result[0].text == alone.text
        assert batch_result[0].score == pytest.approx(alone.score, abs=1e-3)


def test_translations_are_not_empty_and_in_order(engine) -> None:
    results = engine.translate(SENTENCES, "en", "uk")
    assert len(results) == len(SENTENCES)
    assert all(hyps[0].text.strip() for hyps in results)
    # Order restored: a reversed input gives the reversed output.
    backwards = engine.translate(SENTENCES[::-1], "en", "uk")
    assert [h[0].text for h in backwards] == [h[0].text for h in results][::-1]


def test_n_best_distinct_and_ranked(engine) -> None:
    [hyps] = engine.translate([SENTENCES[0]], "en", "uk", n_best=3)
    assert len(hyps) == 3
    assert len({h.text for h in hyps}) == 3
    scores = [h.score for h in hyps]
    assert scores == sorted(scores, reverse=True)
    [[best]] = engine.translate([SENTENCES[0]], "en", "uk")
    assert hyps[0].text == best.text


def test_target_prefix_forces_the_start(engine) -> None:
    """Constrained decoding: the translation starts with the given text, then continues."""
    prefix = "Генеральний секретар НАТО"
    [[free], [forced], [other]] = engine.translate(
        [SENTENCES[5], SENTENCES[5], SENTENCES[4]], "en", "uk",
        target_prefixes=[None, prefix, None])
    assert forced.text.startswith(prefix)
    assert len(forced.text) > len(prefix)
    assert not free.text.startswith(prefix)
    [[again]] = engine.translate([SENTENCES[4]], "en", "uk")
    assert other.text == again.text  # a prefix on one text does not leak to its batch


def test_pivot_through_english(engine) -> None:
    """de→uk with no de→uk package: de→en, then en→uk, as Argos does."""
    assert [p.pair for p in engine.route("de", "uk")] == ["de→en", "en→uk"]
    direct = engine.translate(GERMAN, "de", "uk", n_best=2, return_alignment=True)
    english = [h[0].text for h in engine.translate(GERMAN, "de", "en")]
    assert all(english)
    by_hand = engine.translate(english, "en", "uk", n_best=2)
    for piv, hand, source in zip(direct, by_hand, GERMAN, strict=True):
        assert [h.text for h in piv] == [h.text for h in hand]
        best = piv[0]
        assert best.source_tokens and source[best.source_tokens[0].start:].startswith(
            source[best.source_tokens[0].start:best.source_tokens[0].end])
        assert len(best.alignment) == len(best.target_tokens)
        assert all(0 <= i < len(best.source_tokens) for i in best.alignment)


def test_missing_pair_names_it(engine) -> None:
    with pytest.raises(ModelNotFound, match="en→fr.*translator models install en fr"):
        engine.translate(["Hello."], "en", "fr")


def test_alignment_and_offsets(engine) -> None:
    results = engine.translate(SENTENCES, "en", "uk", n_best=2, return_alignment=True)
    for source, hyps in zip(SENTENCES, results, strict=True):
        for hyp in hyps:
            assert len(hyp.alignment) == len(hyp.target_tokens) > 0
            assert all(0 <= i < len(hyp.source_tokens) for i in hyp.alignment)
            for token in hyp.target_tokens:
                surface = token.piece.replace("▁", "")
                assert hyp.text[token.start:token.end] == surface
            for token in hyp.source_tokens:
                assert source[token.start:token.end] == token.piece.replace("▁", "")
    assert all(h[0].alignment == [] for h in engine.translate(SENTENCES[:2], "en", "uk"))


def test_empty_texts_skip_the_model(engine) -> None:
    results = engine.translate(["", "  ", SENTENCES[0], ""], "en", "uk")
    assert [h[0].text for h in results][:2] == ["", ""] and results[3][0].text == ""
    assert results[2][0].text
    assert engine.translate([], "en", "uk") == []


def test_progress_is_cumulative_and_complete(engine) -> None:
    seen: list[int] = []
    texts = SENTENCES * 3 + [""]
    engine.translate(texts, "en", "uk", progress=seen.append)
    assert seen and seen == sorted(seen) and seen[-1] == len(texts)
    seen.clear()
    engine.translate(GERMAN, "de", "uk", progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == len(GERMAN)


def test_overlong_text_is_translated_whole(engine) -> None:
    """A text past the model's 512 positions is translated in pieces, not cut off."""
    long_text = " ".join(SENTENCES * 12).replace(".", ",")
    [[hyp]] = engine.translate([long_text], "en", "uk", return_alignment=True)
    assert len(hyp.source_tokens) > 250
    assert len(hyp.alignment) == len(hyp.target_tokens)
    assert max(hyp.alignment) >= 250  # the last piece is aligned to the end of the source
    for token in hyp.target_tokens:
        assert hyp.text[token.start:token.end] == token.piece.replace("▁", "")


def test_position_limit_read_from_model_bin(installed_packages, tmp_path) -> None:
    from translator.engine.ctranslate import position_limit

    limits = {position_limit(p.model_dir) for p in installed_packages}
    assert all(isinstance(n, int) and n >= 128 for n in limits)
    (tmp_path / "model.bin").write_bytes(b"\x06\x00")
    assert position_limit(tmp_path) is None
    assert position_limit(tmp_path / "missing") is None


def test_compute_type_falls_back() -> None:
    import ctranslate2

    from translator.engine.ctranslate import resolve_compute_type

    supported = ctranslate2.get_supported_compute_types("cpu")
    assert resolve_compute_type("int8_float16") in supported | {"auto"}
    assert resolve_compute_type("float32") == "float32"


def test_small_batches_give_the_same_result(installed_packages, engine) -> None:
    """max_batch_tokens only changes speed, never output."""
    from translator.engine.ctranslate import Engine

    tiny = Engine(installed_packages, threads=1, max_batch_tokens=64)
    assert ([h[0].text for h in tiny.translate(SENTENCES, "en", "pl")]
            == [h[0].text for h in engine.translate(SENTENCES, "en", "pl")])


def test_engine_import_stays_off_argostranslate() -> None:
    code = ("import sys, translator.engine.ctranslate; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'argostranslate', 'torch', 'spacy', 'stanza'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_types_and_planning_load_no_native_library() -> None:
    """The service and the enforcer name Hypothesis at run time: that must stay cheap."""
    code = ("import sys, translator.engine.hypothesis, translator.engine.planning, "
            "translator.service; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'ctranslate2', 'sentencepiece', 'argostranslate'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


# --------------------------------------------------------------------------- planning
# What the model is asked, decided without a model.


def _words(count: int, start: int = 0) -> list[Token]:
    """``count`` one-piece words ``▁w0 ▁w1 …`` with offsets into "w0 w1 …"."""
    tokens, position = [], 0
    for k in range(start, start + count):
        piece = f"w{k}"
        tokens.append(Token("▁" + piece, position, position + len(piece)))
        position += len(piece) + 1
    return tokens


def test_dedupe_sends_each_text_and_prefix_once() -> None:
    requests = dedupe(["A.", "  ", "A.", "A.", "B."], [None, None, "", "Б", None])
    assert requests.unique == [("A.", None), ("A.", "Б"), ("B.", None)]
    assert requests.order == [0, -1, 0, 1, 2]  # "" and None are the same: no prefix
    assert requests.weight == [2, 1, 1] and requests.empties == 1


def test_a_long_text_is_cut_before_a_word_and_only_its_first_chunk_is_constrained() -> None:
    long = [Token("▁a", 0, 1)] + [Token("b", 1, 2)] * 9 + _words(15)
    plan = plan_leg([long, _words(3)], [["▁Пре"], None], ["__pl__"], max_input=10,
                    max_batch_tokens=1024)
    firsts = [(item.text, item.first, len(item.tokens)) for item in plan.items]
    assert firsts == [(0, 0, 10), (0, 10, 10), (0, 20, 5), (1, 0, 3)]
    assert all(item.tokens[0].piece.startswith("▁") for item in plan.items)
    assert [item.prefix for item in plan.items] == [
        ["__pl__", "▁Пре"], ["__pl__"], ["__pl__"], ["__pl__"]]
    assert plan.pieces_per_text(2) == [3, 1]
    assert plan.use_prefix


def test_batches_are_longest_first_within_budget_and_constrained_apart() -> None:
    sources = [_words(n) for n in (3, 20, 7, 20, 12)]
    prefixes: list[list[str] | None] = [None, None, ["▁x"], None, None]
    plan = plan_leg(sources, prefixes, [], max_input=250, max_batch_tokens=64)
    assert [[len(plan.items[j].tokens) for j in batch] for batch in plan.batches] == [
        [20, 20, 12], [3], [7]]
    for batch in plan.batches:
        widest = max(len(plan.items[j].tokens) for j in batch) + 1
        assert widest * len(batch) <= 64 or len(batch) == 1
        assert len({plan.items[j].constrained for j in batch}) == 1
    assert not plan_leg(sources, [None] * 5, [], max_input=250, max_batch_tokens=64).use_prefix


def test_chunks_join_back_with_shifted_offsets_and_alignment() -> None:
    source = _words(4)
    first = Hypothesis("x0 x1", -1.0, source[:2], [Token("▁x0", 0, 2), Token("▁x1", 3, 5)], [0, 1])
    second = Hypothesis("y", -0.5, source[2:], [Token("▁y", 0, 1)], [1])
    [joined] = join_chunks([[first], [second]], [0, 2], source)
    assert joined.text == "x0 x1 y" and joined.score == -1.5
    assert [joined.text[t.start:t.end] for t in joined.target_tokens] == ["x0", "x1", "y"]
    assert joined.alignment == [0, 1, 3] and joined.source_tokens == source


def test_a_pivot_chains_alignment_through_the_english_text() -> None:
    german = [Token("▁Hallo", 0, 5), Token("▁Welt", 6, 10)]
    english = [Token("▁Hello", 0, 5), Token("▁world", 6, 11)]
    first = Hypothesis("Hello world", -1.0, german, english, [0, 1])
    # the second leg tokenized the English differently and aligned its words crosswise
    second = Hypothesis("Світ привіт", -2.0, [Token("▁Hel", 0, 3), Token("lo", 3, 5),
                                               Token("▁world", 6, 11)],
                        [Token("▁Світ", 0, 4), Token("▁привіт", 5, 11)], [2, 0])
    pivot = compose(first, second, True)
    assert (pivot.text, pivot.score, pivot.alignment) == ("Світ привіт", -3.0, [1, 0])
    assert pivot.source_tokens == german
    assert compose(first, second, False).alignment == []


@pytest.mark.parametrize("positions,expected", [(None, (250, 500)), (256, (128, 254)),
                                                (1024, (250, 500))])
def test_limits_follow_the_position_table(positions, expected) -> None:
    assert limits(positions) == expected
    assert decoding_limit(10, 0, expected[1]) == min(256, expected[1])
