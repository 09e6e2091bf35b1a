"""Every directory the tool uses, in one place.

The model store is Argos Translate's own package directory, so that packages installed
with ``argospm`` are ours and ours are Argos's. Nothing here creates a directory at
import time.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "translator"


def argos_package_dir() -> Path:
    """Argos Translate's package directory (honours ``ARGOS_TRANSLATE_PACKAGE_DIR``)."""
    override = os.environ.get("ARGOS_TRANSLATE_PACKAGE_DIR")
    if override:
        return Path(override)
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "argos-translate" / "packages"


def cache_dir() -> Path:
    """Our cache (unpacked ``--model`` archives, benchmark models)."""
    return Path(platformdirs.user_cache_dir(APP_NAME))
