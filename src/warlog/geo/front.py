"""Where a document's conflict is: the front its confidently resolved places draw.

An article about one battle names places within a few tens of kilometres of each other; a
namesake of one of its villages 500 km away is almost never what it means. :class:`Front`
keeps the last :data:`KEEP` places the document resolved with confidence (a town or a point,
not a region coded to its capital) and answers two questions in constant time:

- :meth:`Front.bonus`: how much nearer to the front one reading of a name is than another,
  from its distance to the nearest recent place and to the front's medoid
  (``front_ranking`` in ``geo.yaml``: see :func:`nearness`);
- :meth:`Front.is_far`: a reading hundreds of kilometres from everything else the document
  resolved (``front_far_km``, or ``front_far_radius_factor`` times the recent front's radius
  or the spread of all its places so far, for an article that ranges over a whole country),
  once ``front_min_places`` places are known.

The medoid (the recent place with the least total distance to the others) is recomputed
only when a place is added and asked for: :data:`KEEP`² distances, a constant. Thresholds
are in ``data/geo.yaml``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from warlog.data import cached, load_yaml
from warlog.geo.gazetteer import haversine_km
from warlog.geo.lexicon import geo_lexicon
from warlog.model import Place

KEEP = 12  # recent confident places that draw the front


@cached
def _weights() -> tuple[float, float, float, float]:
    w = load_yaml("geo.yaml")["front_ranking"]
    return (
        float(w["near_bonus"]),
        float(w["near_km"]),
        float(w["closer_bonus"]),
        float(w["closer_km"]),
    )


def nearness(d: float) -> float:
    """The ranking bonus of a reading ``d`` km from the front (``front_ranking``): a flat
    bonus within ``near_km`` (the front's region), and a small one falling off with
    ``closer_km`` that prefers the nearer of two namesakes without outweighing a town's
    size over a village's."""
    near_bonus, near_km, closer_bonus, closer_km = _weights()
    return (near_bonus if d <= near_km else 0.0) + closer_bonus * math.exp(-d / closer_km)


@dataclass(slots=True)
class Front:
    """The recent confident points of a document and their medoid."""

    points: list[tuple[float, float]] = field(default_factory=list)
    _medoid: tuple[float, float] | None = field(default=None, repr=False)
    _radius: float = field(default=0.0, repr=False)
    _dirty: bool = field(default=False, repr=False)
    _sum: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0], repr=False)
    _count: int = field(default=0, repr=False)
    # distances between the recent points, row i for points[i] (each pair computed once, when
    # its later point is added; the medoid then needs no new distance)
    _dist: list[list[float]] = field(default_factory=list, repr=False)
    # while no point is added: the distance of each point asked for (the readings of a
    # document's names are asked for again and again), and the far threshold of is_far
    _asked: dict[tuple[float, float], float] = field(default_factory=dict, repr=False)
    _far_km: float | None = field(default=None, repr=False)

    def add(self, lat: float, lon: float) -> None:
        """Remember a confidently resolved point (the same point twice in a row counts once)."""
        if self.points and self.points[-1] == (lat, lon):
            return
        row = [haversine_km(p[0], p[1], lat, lon) for p in self.points]
        for r, d in zip(self._dist, row, strict=True):
            r.append(d)
        row.append(0.0)
        self._dist.append(row)
        self.points.append((lat, lon))
        a, b = math.radians(lat), math.radians(lon)
        self._sum[0] += math.cos(a) * math.cos(b)
        self._sum[1] += math.cos(a) * math.sin(b)
        self._sum[2] += math.sin(a)
        self._count += 1
        if len(self.points) > KEEP:
            del self.points[0]
            del self._dist[0]
            for r in self._dist:
                del r[0]
        self._dirty = True
        self._asked.clear()
        self._far_km = None

    def __len__(self) -> int:
        return len(self.points)

    def _update(self) -> None:
        if not self._dirty:
            return
        pts = self.points
        n = len(pts)
        dist = self._dist
        best = min(range(n), key=lambda i: sum(dist[i]))
        self._medoid = pts[best]
        spread = sorted(dist[best])
        self._radius = spread[n // 2]
        self._dirty = False

    def medoid(self) -> tuple[float, float] | None:
        if not self.points:
            return None
        self._update()
        return self._medoid

    def radius(self) -> float:
        """The median distance from the medoid to the front's places (km)."""
        if not self.points:
            return 0.0
        self._update()
        return self._radius

    def spread(self) -> float:
        """How widely all the document's confident places so far are scattered (km): the
        angular dispersion of their unit vectors (O(1), every place ever added counts)."""
        if not self._count:
            return 0.0
        r = math.sqrt(sum(v * v for v in self._sum)) / self._count
        return 6371.0 * math.acos(min(1.0, r))

    def distance(self, place: Place) -> float | None:
        """Kilometres from ``place`` to the front: the nearer of its nearest recent place and
        its medoid (``None`` before any place is known or for a place with no point)."""
        if place.latitude is None or not self.points:
            return None
        lat, lon = place.latitude, place.longitude
        d = self._asked.get((lat, lon))
        if d is None:
            nearest = min(haversine_km(lat, lon, p[0], p[1]) for p in self.points[-4:])
            mid = self.medoid()
            assert mid is not None
            d = self._asked[lat, lon] = min(nearest, haversine_km(lat, lon, mid[0], mid[1]))
        return d

    def bonus(self, place: Place) -> float:
        """A ranking bonus for a reading of a name near the front (0 when nothing is known)."""
        d = self.distance(place)
        return 0.0 if d is None else nearness(d)

    def is_far(self, place: Place) -> bool:
        """Hundreds of km from everything the document has resolved (see module doc)."""
        th = geo_lexicon().thresholds
        if len(self.points) < th["front_min_places"]:
            return False
        d = self.distance(place)
        if d is None:
            return False
        if self._far_km is None:
            factor = th["front_far_radius_factor"]
            self._far_km = max(th["front_far_km"], factor * self.radius(), factor * self.spread())
        return d > self._far_km
