"""SentencePiece with character offsets, both ways.

Markup transfer and glossary checks need to know which characters of the source and of the
translation each token covers. SentencePiece reports them itself (``offset_mapping``), so
nothing is re-aligned by string search. Offsets are Python string indices (code points).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from translator.engine.hypothesis import Token
from translator.errors import PackageError

__all__ = ["Token", "Tokenizer"]

_SPACE = "▁"


class Tokenizer:
    """A package's ``sentencepiece.model``: encode with offsets, decode with offsets."""

    def __init__(self, model_file: str | Path, *, threads: int = 0) -> None:
        import sentencepiece as spm  # here, not at import: the engine package stays cheap

        self.model_file = Path(model_file)
        try:
            self._sp = spm.SentencePieceProcessor(model_file=str(self.model_file))
        except (OSError, RuntimeError) as error:
            # SentencePiece names the file by its full path: a staging copy's, on install.
            detail = str(error).replace(str(self.model_file), self.model_file.name)
            raise PackageError(f"cannot load the SentencePiece model: {detail}",
                               file=self.model_file) from None
        self._threads = threads

    def encode(self, text: str) -> list[Token]:
        """Pieces of ``text`` with their character spans in ``text``."""
        return self.encode_batch([text])[0]

    def encode_batch(self, texts: Sequence[str]) -> list[list[Token]]:
        """Encode many texts in one call (SentencePiece runs it on several threads)."""
        if not texts:
            return []
        results = self._sp.encode(list(texts), return_type="offset_mapping",
                                  num_threads=self._threads)
        return [_tokens(text, r["pieces"], r["offsets"])
                for text, r in zip(texts, results, strict=True)]

    def decode(self, pieces: Sequence[str]) -> tuple[str, list[Token]]:
        """Text for ``pieces`` and each piece's span in it (leading space dropped)."""
        return self.decode_batch([pieces])[0]

    def decode_batch(self, batch: Sequence[Sequence[str]]) -> list[tuple[str, list[Token]]]:
        """Decode many piece lists in one call."""
        if not batch:
            return []
        results = self._sp.decode([list(p) for p in batch], return_type="offset_mapping",
                                  num_threads=self._threads)
        out = []
        for pieces, result in zip(batch, results, strict=True):
            # Pieces outside the vocabulary (copied from the source by replace_unknowns)
            # come back verbatim, ``▁`` included: show it as the space it stands for.
            # Same length, so the offsets stay valid.
            text = result["text"].replace(_SPACE, " ")
            offsets = result["offsets"]
            cut = len(text) - len(text.lstrip(" "))
            if cut:
                text = text[cut:]
                offsets = [(max(a - cut, 0), max(b - cut, 0)) for a, b in offsets]
            out.append((text, _tokens(text, list(pieces), offsets)))
        return out

    def piece_to_id(self, piece: str) -> int:
        """Vocabulary id (0 = unknown) — lets callers check a prefix is representable."""
        return int(self._sp.piece_to_id(piece))


def _tokens(text: str, pieces: Sequence[str], offsets: Sequence[tuple[int, int]]) -> list[Token]:
    """Tokens with spans shrunk past the whitespace that a ``▁`` stands for."""
    tokens: list[Token] = []
    append = tokens.append
    for piece, (start, end) in zip(pieces, offsets, strict=True):
        if piece.startswith(_SPACE):
            while start < end and text[start].isspace():
                start += 1
        append(Token(piece, start, end))
    return tokens
