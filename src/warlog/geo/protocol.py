"""What the extractor asks of a geocoder: the :class:`Geocoder` protocol.

The GeoNames gazetteer (:class:`warlog.geo.gazetteer.Gazetteer`) is one implementation; another
(a national gazetteer, an online service behind a cache) is registered under the
``warlog.geocoders`` entry-point group as a callable returning an object with these methods, and
chosen with ``Settings(geocoder="<name>")`` (``warlog extract --geocoder`` is not needed: the
API and the CLI's settings carry it). :func:`warlog.plugins.geocoder` returns the active one.

Candidates come back as :class:`~warlog.geo.gazetteer.Match` objects (a
:class:`~warlog.model.Place`, how loosely the name matched and the facts the place resolver
scores them by); countries as ISO 3166 alpha-2 codes and ``countries.json``-shaped records.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from warlog.geo.gazetteer import Match
    from warlog.model import Place

Codes = str | Sequence[str] | None


@runtime_checkable
class Geocoder(Protocol):
    """The methods the place spotter, the location resolver and the review form call."""

    def matches(self, name: str, country_code: Codes = None,
                skeleton: bool = True) -> list[Match]:
        """Candidates for a place name, best first (``country_code``: the document's)."""
        ...

    def lookup(self, name: str, country_code: Codes = None) -> list[Place]:
        """Candidate places for a name, best first."""
        ...

    def region(self, name: str, country_code: Codes = None) -> Place | None:
        """A first-level region by name, as its capital (a Place of kind ``admin1``)."""
        ...

    def country(self, code_or_name: str) -> dict[str, Any] | None:
        """A country's record (``name``, ``iso3``, …) by ISO code or name."""
        ...

    def country_of_name(self, text: str) -> str | None:
        """ISO code for a country name, alias or demonym."""
        ...

    def country_name_code(self, text: str) -> str | None:
        """ISO code if ``text`` is a country name or alias (not a demonym)."""
        ...

    def is_demonym(self, text: str) -> bool:
        """Is ``text`` a people's name ("Syrian")?"""
        ...

    def country_place(self, code: str) -> Place | None:
        """A country as a Place of kind ``country`` (no coordinates)."""
        ...

    def neighbours_of(self, codes: Sequence[str]) -> frozenset[str]:
        """Countries bordering any of ``codes`` (excluding ``codes``)."""
        ...
