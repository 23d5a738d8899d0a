"""Malformed and hostile input files, generated from a seed: the fuzz suite's source.

Every kind of file that once hung, crashed or half-stored a run (issue 8) and more: binary
content, odd encodings, truncations and byte flips of real documents, pathological nesting and
repetition in HTML, Markdown, wikitext and plain text, YAML alias bombs and broken front
matter, JSON and JSON Lines bombs. The same ``seed`` always gives the same files.

``scale`` sets the size of the pathological ones: ``1.0`` is the full size the issue measured
(100k headings, 200k unclosed ``<div>``…, up to a few MB); the tests use ``0.02``.

    for case in cases(seed=1, count=500, scale=0.02, documents=[path.read_bytes()]):
        (folder / case.name).write_bytes(case.data)
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Case:
    """One generated file: its name (unique in a batch, with a telling suffix), kind, bytes."""

    name: str
    kind: str
    data: bytes


_PROSE = (
    "On 3 May 2014 rebels attacked an army checkpoint near Aleppo and ten soldiers were "
    "killed. The next day government aircraft bombed the town; 4 civilians died. "
)


def _n(scale: float, full: int, low: int = 20) -> int:
    return max(low, int(full * scale))


# --------------------------------------------------------------------------- the generators
# Each takes (rng, scale, documents) and returns (suffix, bytes).
Gen = Callable[[random.Random, float, Sequence[bytes]], tuple[str, bytes]]


def _binary(rng: random.Random, scale: float, docs: Sequence[bytes]) -> tuple[str, bytes]:
    head = rng.choice([b"", b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"\x7fELF", b"PK\x03\x04"])
    return ".bin" if head else ".txt", head + rng.randbytes(rng.randint(1, 4000))


def _encoding(rng: random.Random, scale: float, docs: Sequence[bytes]) -> tuple[str, bytes]:
    text = _PROSE * rng.randint(1, 5)
    choice = rng.randrange(9)
    if choice == 0:
        return ".txt", text.encode("utf-16")  # BOM + UTF-16
    if choice == 1:
        return ".txt", text.encode("utf-32")  # BOM + UTF-32 (its LE BOM starts like UTF-16's)
    if choice == 2:
        return ".txt", text.encode("utf-16-le")  # no BOM: NUL bytes
    if choice == 3:
        return ".txt", (text + " café ñ ü").encode("latin-1")  # not UTF-8
    if choice == 4:
        return ".txt", b"\xef\xbb\xbf" * rng.randint(1, 50)  # only byte-order marks
    if choice == 5:
        return ".md", (" \t\n\ufeff\u00a0\u2028" * rng.randint(1, 200)).encode()  # only blanks
    if choice == 6:
        return ".txt", text.encode("utf-16")[: rng.randint(3, 200) | 1]  # odd-length UTF-16
    if choice == 7:
        return ".txt", b"\xff\xfe\x00\x00" + rng.randbytes(rng.randint(1, 64))  # bad UTF-32
    return ".txt", text.encode() + bytes([0xC3]) + text.encode()  # a cut multi-byte char


def _truncated(rng: random.Random, scale: float, docs: Sequence[bytes]) -> tuple[str, bytes]:
    data = rng.choice(docs) if docs else _PROSE.encode() * 20
    return rng.choice([".md", ".txt", ".html", ".jsonl"]), data[: rng.randint(0, len(data))]


def _flipped(rng: random.Random, scale: float, docs: Sequence[bytes]) -> tuple[str, bytes]:
    data = bytearray(rng.choice(docs) if docs else _PROSE.encode() * 20)
    for _ in range(rng.randint(1, 30)):
        if data:
            i = rng.randrange(len(data))
            flipped = data[i] ^ (1 << rng.randrange(8))
            data[i] = rng.choice([0, 0xFF, 0x3C, 0x7B, 0x23, 0x2D, flipped])
    return rng.choice([".md", ".txt"]), bytes(data)


def _html(rng: random.Random, scale: float, docs: Sequence[bytes]) -> tuple[str, bytes]:
    pick = rng.randrange(11)
    body = {
        0: lambda: "<!-- c -->" * _n(scale, 2000, 40) + "<div>x</div>",  # the sniff regex bomb
        1: lambda: "<html><body>" + "<div>" * _n(scale, 200_000) + "x",  # unclosed
        2: lambda: "<html><body>" + "<div>" * _n(scale, 100_000) + "x" + "</div>" * _n(
            scale, 100_000),  # nested
        3: lambda: "<html><body><p>text</p>" + "<!--" * _n(scale, 50_000),
        4: lambda: "<html><body><p>war</p>" + "<a b" * _n(scale, 50_000),  # tags never closed
        5: lambda: "<html><body>" + '<a href="x' * _n(scale, 50_000),  # a quote never closed
        6: lambda: "<html><body>" + "<!x<?y" * _n(scale, 50_000),
        7: lambda: "<html><body><article>" + "&amp;&#x1F600;&#99999999;" * _n(scale, 50_000),
        8: lambda: "<html><body>" + "<div>" * _n(scale, 50_000) + "</span>" * _n(scale, 50_000),
        9: lambda: "<html><body>" + "<script>" + "<p>x" * _n(scale, 50_000),
        10: lambda: "<html><head><title>" + "t" * _n(scale, 1_000_000) + "</title>",
    }[pick]()
    return ".html", body.encode()


def _markdown(rng: random.Random, scale: float, docs: Sequence[bytes]) -> tuple[str, bytes]:
    pick = rng.randrange(8)
    body = {
        0: lambda: "# Title\n\n" + _PROSE + "\n" + "## x\n" * _n(scale, 100_000),
        1: lambda: "# T\n" + "```\n" * _n(scale, 50_000) + _PROSE,
        2: lambda: "| a | b |\n" * _n(scale, 100_000),
        3: lambda: "**May 24**\n" * _n(scale, 50_000) + _PROSE,
        4: lambda: "[[File:" * _n(scale, 20_000) + _PROSE,
        5: lambda: "> " * _n(scale, 100_000) + _PROSE,
        6: lambda: ("- " + "[x](http://e.org/" * 3) * _n(scale, 20_000),
        7: lambda: "#" * _n(scale, 200_000) + " " + _PROSE,
    }[pick]()
    return ".md", body.encode()


def _front_matter(rng: random.Random, scale: float, docs: Sequence[bytes]) -> tuple[str, bytes]:
    pick = rng.randrange(9)
    if pick == 0:  # the alias bomb: each level nine times the one before
        levels = rng.randint(5, 9)
        lines = ["a: &a [x,x,x,x,x,x,x,x,x]"]
        for i in range(1, levels):
            prev, cur = chr(96 + i), chr(97 + i)
            lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
        fm = "\n".join(lines)
    else:
        fm = {
            1: "date: 2024-13-45",
            2: "title: &a [*a]",
            3: "infoboxes: 7",
            4: "title: [unclosed",
            5: "x: " + "[" * _n(scale, 10_000),
            6: "big: " + "y" * _n(scale, 1_000_000),
            7: "\n".join(f"k{i}: v" for i in range(_n(scale, 50_000))),
            8: "date: !!timestamp 99999-01-01\ntags: !!python/object:os.system x",
        }[pick]
    return ".md", f"---\n{fm}\n---\n# Battle\n\n{_PROSE}\n".encode()


def _repetition(rng: random.Random, scale: float, docs: Sequence[bytes]) -> tuple[str, bytes]:
    pick = rng.randrange(6)
    body = {
        0: lambda: "killed " * _n(scale, 200_000),  # one endless "sentence"
        1: lambda: "word " * _n(scale, 4_000_000),  # one very long line
        2: lambda: "On 3 May 2014, " * _n(scale, 50_000),
        3: lambda: "Col. " * _n(scale, 100_000) + "attacked.",
        4: lambda: ("the army attacked " * 5 + "\n") * _n(scale, 20_000),
        5: lambda: "1" * _n(scale, 500_000) + " killed",
    }[pick]()
    return ".txt", body.encode()


def _wikitext(rng: random.Random, scale: float, docs: Sequence[bytes]) -> tuple[str, bytes]:
    pick = rng.randrange(4)
    body = {
        0: lambda: "{{Infobox military conflict\n" + "{{" * _n(scale, 50_000) + _PROSE,
        1: lambda: "[[a]] [[b]] [[c]] == H ==\n" + "[[" * _n(scale, 50_000),
        2: lambda: "{{Infobox x}}\n" + "<ref>" * _n(scale, 50_000) + _PROSE,
        3: lambda: "{{Infobox x}}\n" + "'''" * _n(scale, 50_000) + _PROSE,
    }[pick]()
    return ".wiki", body.encode()


def _json(rng: random.Random, scale: float, docs: Sequence[bytes]) -> tuple[str, bytes]:
    good = json.dumps({"text": _PROSE, "id": rng.randrange(1000)})
    pick = rng.randrange(8)
    bad = {
        0: lambda: '{"text": "x", "n": ' + "9" * rng.randint(4301, 20_000) + "}",
        1: lambda: '{"a":' * _n(scale, 100_000) + "1" + "}" * _n(scale, 100_000),
        2: lambda: '{"text": "bad \\ud800 text killed"}',
        3: lambda: "not json at all",
        4: lambda: '{"text": 5}',
        5: lambda: '{"text": "' + "killed " * _n(scale, 100_000) + '"}',
        6: lambda: '{"text": "x", "meta": ' + "[" * 500 + "]" * 500 + "}",
        7: lambda: '{"text": "\\u0000\\ufeff  "}',
    }[pick]()
    if rng.random() < 0.2:  # a single JSON document instead of lines
        return ".json", ("[" * _n(scale, 100_000) + "]" * _n(scale, 100_000)).encode()
    lines = [good, bad, good] if rng.random() < 0.7 else [bad]
    return ".jsonl", "\n".join(lines).encode()


GENERATORS: dict[str, Gen] = {
    "binary": _binary,
    "encoding": _encoding,
    "truncated": _truncated,
    "byteflip": _flipped,
    "html": _html,
    "markdown": _markdown,
    "front_matter": _front_matter,
    "repetition": _repetition,
    "wikitext": _wikitext,
    "json": _json,
}


def cases(seed: int, count: int, scale: float = 0.02,
          documents: Sequence[bytes] = ()) -> Iterator[Case]:
    """``count`` hostile files, the kinds taken in turn; ``documents`` are real files to
    truncate and flip bytes in."""
    rng = random.Random(seed)
    kinds = list(GENERATORS)
    for i in range(count):
        kind = kinds[i % len(kinds)]
        suffix, data = GENERATORS[kind](rng, scale, documents)
        yield Case(f"{i:05d}_{kind}{suffix}", kind, data)


def write_cases(folder: Path, seed: int, count: int, scale: float = 0.02,
                documents: Sequence[bytes] = (), prefix: str = "") -> dict[str, str]:
    """Write the cases into ``folder`` (names start with ``prefix``: a document is known by
    its file name, so two batches in one store need different prefixes); returns file name →
    kind."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds = {}
    for case in cases(seed, count, scale, documents):
        (folder / (prefix + case.name)).write_bytes(case.data)
        kinds[prefix + case.name] = case.kind
    return kinds
