"""Read the village config file once, at start-up."""

from __future__ import annotations

from pathlib import Path

from handlers.settings import Settings
from nlp.yamlfile import load_model


def load_settings(path: Path) -> Settings:
    """Read and validate a village config file; ConfigError names the line and field."""
    return load_model(path, Settings)
