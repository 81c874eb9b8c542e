"""The part of the village config that the parser reads (`nlp:` and `temperature.fever_celsius`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from nlp.parser import DEFAULT_FEVER_CELSIUS
from nlp.rules import RuleOverrides
from nlp.yamlfile import load_model


class _FeverSettings(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    fever_celsius: float = Field(default=DEFAULT_FEVER_CELSIUS, ge=35, le=42)


class ParserSettings(BaseModel):
    """Parser settings; other sections of the config are read elsewhere."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    nlp: RuleOverrides = Field(default_factory=RuleOverrides)
    temperature: _FeverSettings = Field(default_factory=_FeverSettings)


def load_parser_settings(path: Path) -> ParserSettings:
    """Read the parser's settings from a village config file."""
    return load_model(path, ParserSettings)
