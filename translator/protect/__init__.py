"""Everything in a text that is not prose, kept whole through machine translation.

``patterns.find`` says what is protected (printf and brace placeholders, shell and template
variables, tags, entities, URLs, e-mail addresses, paths, options, times, dates, footnote
markers, control characters); ``message.protect`` cuts a message into the lines the engine
translates (outer whitespace, trailing colon and accelerator set aside); ``place.repair``
puts back what the engine lost, between words and never inside one.
"""

from translator.protect.accelerator import marker_of
from translator.protect.message import Protected, protect
from translator.protect.patterns import KINDS, Piece, find, touches
from translator.protect.place import Alignment, Repaired, repair

__all__ = ["KINDS", "Alignment", "Piece", "Protected", "Repaired", "find", "marker_of",
           "protect", "repair", "touches"]
