"""What a document's profile tells its events: the known sides, the date span, the place.

A sentence that says only "the rebels" or "government forces" names no one; the infobox of
the article does ("Belligerents: Taliban | Afghanistan"). ACLED names the specific group when
the source identifies it, and a generic word with one candidate of the right kind in the
document's own infobox is identified by the document. :class:`ProfileSides` answers, per
generic class of ``data/actors.yaml``, which belligerent that is (``generic_sides`` of
``data/profile.yaml`` lists the kinds each class may stand for), or ``None`` when the profile
leaves a choice (two groups of the right kind, or one beside a name the dictionary does not
know). :meth:`ProfileSides.covers` says whether an event's dates lie inside the profile's span:
outside it (an earlier war told as background) the sides say nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from warlog.actors import ActorIndex
from warlog.data import cached, load_yaml
from warlog.profile.model import Profile

STATE_CLASS = "state"


@cached
def class_kinds() -> dict[str, tuple[str, ...]]:
    """Generic class -> the actor kinds it may stand for, in order (``generic_sides``)."""
    data = load_yaml("profile.yaml").get("generic_sides") or {}
    return {str(k): tuple(str(x) for x in (v or [])) for k, v in data.items()}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Member:
    side: int
    name: str | None  # canonical actor, None when the dictionary does not know the name
    kind: str | None
    country: str | None


@dataclass(slots=True)
class ProfileSides:
    """The belligerents of a profile by side, its date span, and its place and country."""

    members: list[_Member] = field(default_factory=list)
    start: date | None = None
    end: date | None = None  # None for an ongoing conflict or a span with no end
    place: str | None = None
    country: str | None = None
    _memo: dict[tuple[str, str | None], str | None] = field(default_factory=dict)
    # canonical name -> its one side, or None when the profile lists it on two (side_of)
    _side: dict[str, int | None] | None = None

    @classmethod
    def from_profile(cls, profile: Profile | None) -> ProfileSides | None:
        """None without a profile or without any belligerent."""
        if profile is None:
            return None
        ix = ActorIndex.load()
        members = []
        for side in profile.sides:
            for b in side.belligerents:
                if b.supporter:
                    continue
                info = ix.by_name(b.canonical) if b.canonical else None
                members.append(_Member(side.index, info.name if info else None,
                                       info.kind if info else None,
                                       info.country if info else None))
        start = _day(profile.date_start)
        end = None if profile.ongoing else _day(profile.date_end)
        place = profile.place.text if profile.place is not None else None
        if not members and start is None and place is None:
            return None
        return cls(members, start, end, place, profile.country)

    # ------------------------------------------------------------------ dates
    @property
    def span(self) -> tuple[date, date] | None:
        """The profile's first and last day, when it gives both."""
        if self.start is None or self.end is None or self.end < self.start:
            return None
        return self.start, self.end

    def covers(self, first: date | None, last: date | None = None) -> bool:
        """Whether the days ``first``..``last`` lie inside the profile's span (an open end
        for an ongoing conflict). Unknown days or an unknown span: no."""
        if first is None or self.start is None:
            return False
        last = last or first
        if first < self.start:
            return False
        return self.end is None or last <= self.end

    # ------------------------------------------------------------------ sides
    def side_of(self, name: str | None) -> int | None:
        """The side the belligerent ``name`` (canonical) fights on, when the profile lists it
        on one side only."""
        if name is None:
            return None
        if self._side is None:
            by_name: dict[str, set[int]] = {}
            for m in self.members:
                if m.name is not None:
                    by_name.setdefault(m.name, set()).add(m.side)
            self._side = {k: (next(iter(v)) if len(v) == 1 else None)
                          for k, v in by_name.items()}
        return self._side.get(name)

    def actor_for(self, generic_class: str, country: str | None = None) -> str | None:
        """The belligerent a generic phrase of ``generic_class`` stands for, else None.

        ``country``: the conflict's country when the profile gives none (the document's)."""
        key = (generic_class, country)
        if key not in self._memo:
            self._memo[key] = self._choose(generic_class, self.country or country)
        return self._memo[key]

    def _choose(self, generic_class: str, country: str | None) -> str | None:
        kinds = class_kinds().get(generic_class)
        if not kinds:
            return None
        if generic_class == STATE_CLASS:
            states = [m for m in self.members if m.kind in kinds]
            if country is None or len({m.side for m in states}) != 1:
                return None  # states on two sides: "the army" is either one
            own = {m.name for m in states if m.country == country}
            return own.pop() if len(own) == 1 else None
        for kind in kinds:
            found = {m.name for m in self.members if m.kind == kind}
            if not found:
                continue
            if len(found) > 1:
                return None  # two of the right kind: the profile does not choose
            name = found.pop()
            sides = {m.side for m in self.members if m.name == name}
            if len(sides) != 1:
                return None
            side = sides.pop()
            rivals = {m.name for m in self.members if m.side == side and m.name != name
                      and (m.name is None or m.kind in kinds)}
            return None if rivals or self._unknown_elsewhere(side) else name
        return None

    def _unknown_elsewhere(self, side: int) -> bool:
        """A belligerent the dictionary does not know on another side that has no state
        forces ("Turkey Syrian rebels" read as one name): it could be of any kind."""
        state_sides = {m.side for m in self.members if m.kind == STATE_CLASS}
        return any(m.name is None and m.side != side and m.side not in state_sides
                   for m in self.members)
