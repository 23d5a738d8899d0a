"""Domain knowledge as data: lexicons, aliases and rules in YAML, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """Load ``warlog/data/<name>`` (cached: every module shares one parsed copy)."""
    with resources.files(__name__).joinpath(name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
