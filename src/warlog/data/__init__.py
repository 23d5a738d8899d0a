"""Domain knowledge as data: lexicons, aliases and rules in YAML, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's safe loader when PyYAML was built with it: 10-40x faster than the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_yaml(name: str) -> Any:
    """Load ``warlog/data/<name>`` (cached: every module shares one parsed copy)."""
    with resources.files(__name__).joinpath(name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader
