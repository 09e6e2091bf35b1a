"""Every directory the tool uses, in one place.

The model store is Argos Translate's own package directory, so that packages installed
with ``argospm`` are ours and ours are Argos's. The lookup repeats argostranslate 1.11's
``settings.py`` rules without importing it: that module creates four directories in the
user's home as a side effect of being imported. Nothing here creates a directory.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "translator"
ARGOS_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"

log = logging.getLogger(__name__)


def _argos_home() -> Path:
    """argostranslate's idea of home: the snap's data dir when running inside a snap."""
    if "SNAP" in os.environ and "SNAP_USER_DATA" in os.environ:
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def argos_settings_file() -> Path:
    """``$XDG_CONFIG_HOME/argos-translate/settings.json``, read by argostranslate and by us."""
    config_home = os.getenv("XDG_CONFIG_HOME", default=str(_argos_home() / ".config"))
    return Path(config_home) / "argos-translate" / "settings.json"


def argos_setting(key: str, default: str | None = None) -> str | None:
    """An Argos setting: the environment first, then settings.json, as argostranslate does."""
    value = os.getenv(key)
    if value is not None:
        return value
    file_value = _settings_json().get(key)
    return str(file_value) if file_value is not None else default


def _settings_json() -> dict[str, Any]:
    """settings.json as a dict; unreadable or invalid → empty, like argostranslate (logged)."""
    path = argos_settings_file()
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("ignoring Argos settings %s: %s", path, error)
        return {}
    return data if isinstance(data, dict) else {}


def argos_data_dir() -> Path:
    """``$XDG_DATA_HOME/argos-translate`` (default ``~/.local/share/argos-translate``)."""
    data_home = os.getenv("XDG_DATA_HOME", default=str(_argos_home() / ".local" / "share"))
    return Path(data_home) / "argos-translate"


def argos_package_dir() -> Path:
    """Argos Translate's package directory, where ``argospm`` installs and looks.

    ``ARGOS_PACKAGES_DIR`` (environment, then settings.json), else
    ``$XDG_DATA_HOME/argos-translate/packages``. The legacy ``ARGOS_TRANSLATE_PACKAGE_DIR``
    is read but ignored by argostranslate since 1.2, so it is ignored here too (with a
    warning): honouring it would put packages where Argos never looks.
    """
    configured = argos_setting("ARGOS_PACKAGES_DIR")
    if configured is not None:
        return Path(configured)
    if os.environ.get("ARGOS_TRANSLATE_PACKAGE_DIR"):
        log.warning(
            "ARGOS_TRANSLATE_PACKAGE_DIR is ignored (argostranslate >= 1.2 ignores it too); "
            "set ARGOS_PACKAGES_DIR instead"
        )
    return argos_data_dir() / "packages"


def argos_index_url() -> str:
    """URL of Argos's package index (``ARGOS_PACKAGE_INDEX`` setting + ``index.json``)."""
    base = argos_setting("ARGOS_PACKAGE_INDEX", ARGOS_INDEX_URL) or ARGOS_INDEX_URL
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def cache_dir() -> Path:
    """Our cache (unpacked ``--model`` archives, downloads, benchmark models)."""
    return Path(platformdirs.user_cache_dir(APP_NAME))


def memory_file() -> Path:
    """The translation memory: ``$TRANSLATOR_TM``, else ``memory.sqlite`` in our data dir."""
    configured = os.environ.get("TRANSLATOR_TM")
    if configured:
        return Path(configured)
    return Path(platformdirs.user_data_dir(APP_NAME)) / "memory.sqlite"
