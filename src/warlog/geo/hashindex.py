"""A string → list-of-ints hash table stored in flat arrays, so it loads in milliseconds.

A Python ``dict`` with 1.5 million string keys takes seconds to unpickle (one object per
key and per value). This table keeps everything in three :class:`array.array` buffers that
are read straight from bytes: open addressing with linear probing over 64-bit key hashes
(BLAKE2b, stable across processes, unlike ``hash()``), and a postings array holding, for each
key, a count followed by that many integers. With 64-bit hashes and ~1.5M keys the chance of
any collision in the whole table is about 1e-7, so keys themselves are not stored.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Mapping

_blake2b = hashlib.blake2b
_from_bytes = int.from_bytes


def key_hash(key: str) -> int:
    """Stable, non-zero 64-bit hash of ``key`` (zero marks an empty slot)."""
    return _from_bytes(_blake2b(key.encode("utf-8"), digest_size=8).digest(), "little") or 1


class HashIndex:
    """Immutable ``str -> tuple[int, ...]`` table over flat arrays (see module doc)."""

    __slots__ = ("_hashes", "_starts", "_postings", "_mask")

    def __init__(self, hashes: array, starts: array, postings: array) -> None:
        self._hashes = hashes
        self._starts = starts
        self._postings = postings
        self._mask = len(hashes) - 1

    @classmethod
    def build(cls, entries: Mapping[str, Iterable[int]]) -> HashIndex:
        """Build from a mapping of keys to integer lists (order of each list is kept)."""
        size = 1
        while size < 2.5 * max(1, len(entries)):
            size *= 2
        hashes = array("Q", bytes(8 * size))
        starts = array("I", bytes(4 * size))
        postings = array("I")
        mask = size - 1
        for key, values in entries.items():
            vals = list(values)
            h = key_hash(key)
            i = h & mask
            while hashes[i] != 0:
                if hashes[i] == h:
                    raise ValueError(f"64-bit hash collision for {key!r}")
                i = (i + 1) & mask
            hashes[i] = h
            starts[i] = len(postings)
            postings.append(len(vals))
            postings.extend(vals)
        return cls(hashes, starts, postings)

    def get(self, key: str) -> tuple[int, ...]:
        """The integers stored under ``key`` (empty tuple when absent)."""
        h = key_hash(key)
        hashes = self._hashes
        mask = self._mask
        i = h & mask
        sh = hashes[i]
        while sh != h:
            if sh == 0:
                return ()
            i = (i + 1) & mask
            sh = hashes[i]
        postings = self._postings
        s = self._starts[i]
        return tuple(postings[s + 1 : s + 1 + postings[s]])

    def __contains__(self, key: str) -> bool:
        return bool(self.get(key))

    def __len__(self) -> int:
        return sum(1 for h in self._hashes if h)

    def to_bytes(self) -> tuple[bytes, bytes, bytes]:
        return self._hashes.tobytes(), self._starts.tobytes(), self._postings.tobytes()

    @classmethod
    def from_bytes(cls, hashes: bytes, starts: bytes, postings: bytes) -> HashIndex:
        h, s, p = array("Q"), array("I"), array("I")
        h.frombytes(hashes)
        s.frombytes(starts)
        p.frombytes(postings)
        return cls(h, s, p)
