"""translator: offline translation of articles and gettext catalogues with Argos Translate
models."""

__version__ = "0.1.0"
