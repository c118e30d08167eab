"""The resources of a generation: one file of compressed records that every process maps.

Whoosh keeps stored fields in a file its reader copies whole into each process's memory
(half the memory of a serving worker at 100,000 resources, before this file). Here each
resource is its JSON, compressed on its own (zlib: small records, read one at a time),
written one after another in ``resources.bin`` as the import adds them; ``resources.npy``
gives each document number the start and size of its record. Both are mapped: a record is
read from the page cache, which all processes share, when it is asked for.
"""

from __future__ import annotations

import array
import json
import mmap
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from referral_match.docnums import mapped_array
from referral_match.model import Resource

__all__ = ["RecordWriter", "Records"]

_DATA = "resources.bin"
_SPANS = "resources.npy"
#: zlib's fastest level: records are small and written once per import; level 6 saved 4%.
_LEVEL = 1


def encode(resource: Resource) -> bytes:
    """Return a resource as a compressed record."""
    data = json.dumps(resource.to_dict(), separators=(",", ":")).encode("utf-8")
    return zlib.compress(data, _LEVEL)


def decode(record: bytes | memoryview) -> Resource:
    """Return the resource of a compressed record."""
    return Resource.from_dict(json.loads(zlib.decompress(record)))


class RecordWriter:
    """Writes a new generation's records in the order the import adds them (see :meth:`add`)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._out: BinaryIO = (folder / _DATA).open("wb")
        self._starts = array.array("q")
        self._sizes = array.array("q")
        self._offset = 0

    def add(self, record: bytes) -> None:
        """Add the next resource's record (from :func:`encode`, or another generation's)."""
        self._out.write(record)
        self._starts.append(self._offset)
        self._sizes.append(len(record))
        self._offset += len(record)

    def close(self) -> None:
        """Close the data file (also on failure)."""
        self._out.close()

    def finish(self, seq_of: np.ndarray) -> None:
        """Write where each document's record is; ``seq_of[d]`` is the order document d was
        added in."""
        self._out.close()
        starts = np.frombuffer(self._starts, dtype=np.int64)
        sizes = np.frombuffer(self._sizes, dtype=np.int64)
        spans = np.column_stack((starts[seq_of], sizes[seq_of])) if len(seq_of) else None
        np.save(self._folder / _SPANS, np.zeros((0, 2), np.int64) if spans is None else spans)


class Records:
    """The records of a saved generation, mapped from its files."""

    def __init__(self, folder: Path) -> None:
        self._spans = mapped_array(folder / _SPANS)
        self._data: mmap.mmap | bytes = b""
        if (folder / _DATA).stat().st_size:  # an empty file cannot be mapped
            with (folder / _DATA).open("rb") as f:
                self._data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)

    def __len__(self) -> int:
        return len(self._spans)

    def record(self, docnum: int) -> bytes:
        """Return the compressed record of a document (for a generation built from this)."""
        start, size = self._spans[docnum]
        return self._data[int(start) : int(start) + int(size)]

    def get(self, docnum: int) -> Resource:
        """Return the resource of a document."""
        return decode(self.record(docnum))

    def __iter__(self) -> Iterator[Resource]:
        for docnum in range(len(self)):
            yield self.get(docnum)
