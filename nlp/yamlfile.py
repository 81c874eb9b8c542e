"""Load YAML into pydantic models with errors that name the file, line and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)
# libyaml's loader when PyYAML was built with it: the rules file loads ten times faster.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[valid-type,misc]
    """A safe loader that refuses a key written twice in one mapping: YAML would silently keep
    the last, and a rule's second `unless:` would quietly drop its first."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _value in node.value:
            key = getattr(key_node, "value", None)
            if isinstance(key, str) and key_node.tag.endswith(":str"):
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key!r} is written twice", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


_LOADER = _Loader


class ConfigError(ValueError):
    """A settings or rules file that cannot be used; the message says where and why."""


def load_model(path: Path, model: type[Model], *, section: tuple[str | int, ...] = ()) -> Model:
    """Read `path`, take `section` of it, and validate it as `model`."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    return parse_model(source, model, name=str(path), section=section)


def parse_model(
    source: str,
    model: type[Model],
    *,
    name: str,
    section: tuple[str | int, ...] = (),
    context: dict[str, Any] | None = None,
) -> Model:
    """Validate YAML text as `model` (`context` goes to its validators); errors carry `name`, a
    line number and the field path."""
    try:
        data = yaml.load(source, Loader=_LOADER)  # a safe loader (C or Python)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name} line {mark.line + 1}" if mark else name
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: not valid YAML: {problem}") from exc
    for key in section:
        data = data.get(key) if isinstance(data, dict) else None
    try:
        return model.model_validate(data if data is not None else {}, context=context)
    except ValidationError as exc:
        # Compose the node tree only now, for line numbers: it costs as much as the load.
        root: yaml.Node | None = yaml.compose(source, Loader=_LOADER)
        for key in section:
            root = _child(root, key)
        raise ConfigError(_describe(exc, root, name, section)) from exc


def _describe(
    exc: ValidationError, root: yaml.Node | None, name: str, section: tuple[str | int, ...]
) -> str:
    lines = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        node = root
        for key in loc:
            deeper = _child(node, key)
            if deeper is None:
                break
            node = deeper
        where = f"{name} line {node.start_mark.line + 1}" if node is not None else name
        field = ".".join(str(part) for part in (*section, *loc)) or "(top level)"
        lines.append(f"{where}: {field}: {error['msg']}")
    return "\n".join(lines)


def _child(node: Any, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key:
                return value_node  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]  # type: ignore[no-any-return]
    return None
