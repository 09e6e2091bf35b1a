"""Argos packages → CTranslate2 + SentencePiece.

``packages`` (store, archives, routes) is cheap to import; ``ctranslate`` (the Engine) and
``tokenize`` load the native libraries, so nothing is imported here.
"""
