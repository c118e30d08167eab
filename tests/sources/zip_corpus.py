"""Hostile zip files, built at test time: each with the words its refusal must contain.

Nothing binary is committed: every zip is made here with :mod:`zipfile` (and, for the ones
zipfile will not write, a few patched bytes). The same corpus goes through the library's
unpacker, the command line and the admin upload, which must all refuse it cleanly.
"""

from __future__ import annotations

import io
import stat
import struct
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

#: A small valid HSDS-like table, for zips whose problem is elsewhere.
CSV = b"id,name,organization\r\n1,Pantry,Org\r\n"


def _zip(
    entries: list[tuple[str | zipfile.ZipInfo, bytes]],
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we want
        with zipfile.ZipFile(out, "w", compression) as zf:
            for name, content in entries:
                zf.writestr(name, content)
    return out.getvalue()


def ratio_bomb() -> bytes:
    """Return a 30 KB zip of 30 MB of one letter: far below the size limits, but a bomb."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("services.csv", "w") as member:
            for _ in range(30):
                member.write(b"a" * 1024 * 1024)
    return out.getvalue()


def claiming(size: int, content: bytes = CSV) -> bytes:
    """Return a zip of one file whose headers say it holds ``size`` bytes, whatever it holds."""
    data = bytearray(_zip([("services.csv", content)]))
    local = data.index(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, size)  # uncompressed size, local header
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, size)  # uncompressed size, central directory
    return bytes(data)


def lying_sizes() -> bytes:
    """Return a zip whose headers say its one file holds 10 bytes; it holds 1 MB."""
    return claiming(10, CSV * 30_000)


def symlink_then_file() -> bytes:
    """Return a zip of a symbolic link ``link`` to /etc, then ``link/x.csv``."""
    link = zipfile.ZipInfo("link")
    link.create_system = 3  # Unix: the high 16 bits of external_attr are the file's mode
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    return _zip([(link, b"/etc"), ("link/x.csv", CSV)])


def encrypted() -> bytes:
    """Return a zip whose file says it is password-protected (zipfile writes none)."""
    data = bytearray(_zip([("services.csv", CSV)]))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset  # the "general purpose" flags; bit 0: encrypted
        struct.pack_into("<H", data, at, struct.unpack_from("<H", data, at)[0] | 0x1)
    return bytes(data)


def bzip2() -> bytes:
    """Return a zip compressed with bzip2, a method the unpacker does not take."""
    return _zip([("services.csv", CSV)], zipfile.ZIP_BZIP2)


@dataclass(frozen=True)
class Case:
    """A hostile zip and the words that must be in its refusal."""

    id: str
    build: Callable[[], bytes]
    message: str

    @cached_property
    def data(self) -> bytes:
        """Return the zip's bytes, built once."""
        return self.build()


CORPUS = [
    Case("ratio-bomb", ratio_bomb, "times its own size"),
    Case("lying-sizes", lying_sizes, "is damaged and cannot be unpacked"),
    Case(
        "too-many-files",
        lambda: _zip([(f"f{i}.csv", b"") for i in range(10_001)], zipfile.ZIP_STORED),
        "10,001 files and folders; at most",
    ),
    Case("deep-path", lambda: _zip([("a/" * 2000 + "x.csv", CSV)]), "2,001 levels deep"),
    Case("long-name", lambda: _zip([("n" * 300 + ".csv", CSV)]), "a name 304 bytes long"),
    Case("symlink", symlink_then_file, "is a symbolic link or another special file"),
    Case("file-and-folder", lambda: _zip([("a", CSV), ("a/b.csv", CSV)]), "both as a file"),
    Case("duplicate", lambda: _zip([("services.csv", CSV), ("services.csv", CSV)]), "twice"),
    Case("absolute", lambda: _zip([("/etc/x.csv", CSV)]), "unsafe path '/etc/x.csv'"),
    Case("dot-dot", lambda: _zip([("../../evil.csv", CSV)]), "unsafe path '../../evil.csv'"),
    Case("drive-letter", lambda: _zip([("C:/evil.csv", CSV)]), "unsafe path 'C:/evil.csv'"),
    Case("backslash", lambda: _zip([("..\\evil.csv", CSV)]), "unsafe path '..\\\\evil.csv'"),
    Case("encrypted", encrypted, "password-protected"),
    Case("bzip2", bzip2, "compression method"),
    Case("not-a-zip", lambda: b"PK\x03\x04 but nothing of a zip after it", "is not a zip file"),
    Case("empty", lambda: _zip([]), "is empty"),
    Case(
        "only-macosx",
        lambda: _zip([("__MACOSX/", b""), ("__MACOSX/._services.csv", b"\x00\x05\x16\x07")]),
        "holds no files to import",
    ),
]
