"""Sets of document numbers: compressed bitmaps (pyroaring), and numpy arrays of them.

An opened index generation answers every filter (a radius, a category, a language) with a
set of document numbers. Roaring bitmaps keep a million of them in a few hundred KB where a
Python set takes 30 MB, serialize to bytes that open in microseconds, and run ``&``, ``|``
and ``-`` in C; numpy arrays are what the vectorized parts (distances, BM25) take. Going
from one to the other through ``array('I')`` costs milliseconds per million, where passing
a numpy array to the bitmap directly walks it in Python.
"""

from __future__ import annotations

import array
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from pyroaring import BitMap, FrozenBitMap

__all__ = ["EMPTY", "BitMap", "FrozenBitMap", "as_array", "bitmap", "mapped_array"]

#: The empty set of documents.
EMPTY = FrozenBitMap()


def bitmap(docnums: np.ndarray | Iterable[int]) -> BitMap:
    """Return a (mutable) bitmap of document numbers given as a numpy array or integers."""
    if isinstance(docnums, np.ndarray):
        packed = array.array("I")
        packed.frombytes(np.ascontiguousarray(docnums, dtype=np.uint32).tobytes())
        return BitMap(packed)
    return BitMap(docnums)


def as_array(docnums: BitMap | FrozenBitMap) -> np.ndarray:
    """Return the document numbers of a bitmap as a sorted numpy array of uint32."""
    return np.frombuffer(docnums.to_array(), dtype=np.uint32)


def mapped_array(path: Path) -> np.ndarray:
    """Return an array saved with ``np.save``, mapped from its file (shared by every
    process that maps it, and paged in as it is read), not read into memory."""
    try:
        values = np.load(path, mmap_mode="r", allow_pickle=False)
    except ValueError:  # an empty array, which cannot be mapped
        values = np.load(path, allow_pickle=False)
    # A plain ndarray view: numpy's memmap subclass wraps every result (slower, surprising).
    view: np.ndarray = values.view(np.ndarray)
    return view
