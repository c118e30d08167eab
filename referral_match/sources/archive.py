"""Unpack a zip without trusting it: bounded in size, count, depth and names; files only.

A zip comes from someone else (an admin's upload, a package downloaded from a vendor): its
member names become paths on our disk, and the sizes it declares may be false.
``unpack_zip`` checks every entry before it writes anything, then counts the bytes as they
are written and stops at the limit, so that a crafted name, a link or a "zip bomb" gets no
further than a :class:`ZipRefused` that says which limit it met, and its value. The web
upload and ``referral-match import`` use this one unpacker, each with its own
:class:`ZipLimits`.
"""

from __future__ import annotations

import shutil
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from referral_match.errors import SourceError

__all__ = ["DEFAULT_LIMITS", "ZipLimits", "ZipRefused", "unpack_zip"]

ProgressCallback = Callable[[int, int], None]

_CHUNK = 256 * 1024
#: Report progress after at least this many bytes written.
_PROGRESS_EVERY = 1024 * 1024
#: Compression methods read: stored and deflate (what every zip tool writes by default).
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_METHOD_NAMES = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ"}
#: WinZip's AES encryption shows as this compression method.
_AES = 99
#: What zipfile and zlib raise on a damaged or crafted archive.
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    NotImplementedError,
    RuntimeError,
)


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """What a zip may hold before it is refused; the defaults are the command line's."""

    #: Bytes of all its files together, counted as written (the declared sizes may lie).
    max_bytes: int = 2 * 1024**3
    #: Entries in it, files and folders.
    max_entries: int = 10_000
    #: Levels of a path: ``export/services.csv`` has 2.
    max_depth: int = 20
    #: UTF-8 bytes in one file or folder name (what most file systems take).
    max_name_bytes: int = 255
    #: UTF-8 bytes in a whole path inside the zip.
    max_path_bytes: int = 1000
    #: Once more than ``ratio_from`` bytes come out, they may be at most this many times
    #: the zip's own size: CSV files shrink 5 to 20 times, a zip bomb a thousand.
    max_ratio: int = 100
    ratio_from: int = 10 * 1024**2
    #: What to do instead, said after a size limit (it differs for the web and the CLI).
    advice: str = "unzip it yourself and import the folder"


#: The limits of ``referral-match import`` and ``validate``: large, for whole exports.
DEFAULT_LIMITS = ZipLimits()


class ZipRefused(SourceError):
    """A zip that is unsafe, damaged or too large to unpack.

    ``limit`` names the :class:`ZipLimits` field it went over (None for an unsafe or
    damaged zip) and ``value`` that limit's value.
    """

    def __init__(
        self, message: str, *, file: str, limit: str | None = None, value: int | None = None
    ) -> None:
        super().__init__(message, file=file)
        self.limit = limit
        self.value = value


def size_words(count: int) -> str:
    """Say a number of bytes the way a file manager does: ``200 MB``, ``1.5 GB``."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= scale:
            return f"{count / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{count:,} bytes"


def _shown(name: str) -> str:
    """Return a member name to quote in a message: short, and its odd characters escaped."""
    return repr(name if len(name) <= 80 else name[:60] + "…" + name[-15:])


@dataclass(frozen=True, slots=True)
class _Entry:
    info: zipfile.ZipInfo
    parts: tuple[str, ...]
    folder: bool

    @property
    def junk(self) -> bool:
        """Return True for what Finder and editors leave in a zip: never unpacked."""
        return self.parts[0] == "__MACOSX" or any(p.startswith(".") for p in self.parts)


class _Checker:
    """Check a zip's entries against the limits; raise ZipRefused with the first problem."""

    def __init__(self, name: str, limits: ZipLimits) -> None:
        self.name = name
        self.limits = limits

    def refuse(self, message: str, limit: str | None = None, value: int | None = None) -> None:
        raise ZipRefused(f"{self.name} {message}", file=self.name, limit=limit, value=value)

    def unsafe(self, raw: str, why: str) -> None:
        self.refuse(
            f"holds an unsafe path {_shown(raw)}: {why}. A zip's paths must stay inside it; "
            "zip the files again from their own folder."
        )

    def parts(self, raw: str) -> tuple[str, ...]:
        """Return the parts of a member's path, or refuse it."""
        limits = self.limits
        if "\\" in raw:
            self.unsafe(raw, "it has a backslash (\\), which Windows reads as a folder")
        if raw.startswith("/"):
            self.unsafe(raw, "it starts at the top of the disk (/)")
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in raw):
            self.unsafe(raw, "it has control characters")
        parts = tuple(p for p in raw.split("/") if p not in ("", "."))
        if not parts:
            self.unsafe(raw, "it has no name")
        if ".." in parts:
            self.unsafe(raw, "it goes up out of the folder (..)")
        if any(":" in p for p in parts):
            self.unsafe(raw, "it has a colon (:), as a drive letter such as C: does")
        if len(parts) > limits.max_depth:
            self.refuse(
                f"holds a path {len(parts):,} levels deep ({_shown(raw)}); at most "
                f"{limits.max_depth} levels are accepted. Zip the package's folder itself, "
                "not the folders around it.",
                "max_depth",
                limits.max_depth,
            )
        for part in parts:
            if (length := len(part.encode("utf-8"))) > limits.max_name_bytes:
                self.refuse(
                    f"holds a name {length:,} bytes long ({_shown(part)}); at most "
                    f"{limits.max_name_bytes} are accepted. Give the file a shorter name and "
                    "zip again.",
                    "max_name_bytes",
                    limits.max_name_bytes,
                )
        if (length := len("/".join(parts).encode("utf-8"))) > limits.max_path_bytes:
            self.refuse(
                f"holds a path {length:,} bytes long ({_shown(raw)}); at most "
                f"{limits.max_path_bytes:,} are accepted. Move the files to a shorter path "
                "and zip again.",
                "max_path_bytes",
                limits.max_path_bytes,
            )
        return parts

    def entry(self, info: zipfile.ZipInfo) -> _Entry:
        """Return a member as a file or folder to unpack, or refuse it."""
        parts = self.parts(info.filename)
        folder = info.filename.endswith("/")
        # A Unix zip tool keeps the file's mode in the high 16 bits: a link, a device or a
        # pipe would be written as a plain file holding its target, or followed later.
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR) or (kind == stat.S_IFDIR and not folder):
            self.refuse(
                f"holds {_shown(info.filename)}, which is a symbolic link or another special "
                "file, not a plain file or folder: links are not unpacked. Zip the files "
                "themselves."
            )
        if not folder:
            if info.flag_bits & 0x1 or info.compress_type == _AES:
                self.refuse(
                    f"holds {_shown(info.filename)}, which is password-protected: zip the "
                    "files again without a password."
                )
            if info.compress_type not in _METHODS:
                method = _METHOD_NAMES.get(info.compress_type, f"number {info.compress_type}")
                self.refuse(
                    f"holds {_shown(info.filename)}, packed with a compression method that is "
                    f"not read here ({method}): zip the files again with the usual "
                    "compression (Deflate)."
                )
        return _Entry(info, parts, folder)

    def entries(self, infos: list[zipfile.ZipInfo]) -> list[_Entry]:
        """Check every entry and how they fit together; return the files to unpack."""
        limits = self.limits
        if not infos:
            self.refuse("is empty: it holds no files. Zip the package's CSV files again.")
        if len(infos) > limits.max_entries:
            self.refuse(
                f"holds {len(infos):,} files and folders; at most {limits.max_entries:,} are "
                "accepted. Zip only the package's CSV files.",
                "max_entries",
                limits.max_entries,
            )
        files: dict[str, _Entry] = {}
        folders: set[str] = set()
        for info in infos:
            entry = self.entry(info)
            # Compared as Windows and macOS do: "Services.csv" is "services.csv" there.
            key = "/".join(entry.parts).casefold()
            folders.update(
                "/".join(entry.parts[:i]).casefold() for i in range(1, len(entry.parts))
            )
            if entry.folder:
                folders.add(key)
            elif key in files:
                self.refuse(
                    f"holds {_shown(info.filename)} twice (names that differ only in capital "
                    "letters count as the same): keep one and zip again."
                )
            else:
                files[key] = entry
        for key, entry in files.items():
            if key in folders:
                self.refuse(
                    f"holds {_shown(entry.info.filename)} both as a file and as a folder: "
                    "rename one of them and zip again."
                )
        wanted = [e for e in files.values() if not e.junk]
        if not wanted:
            self.refuse(
                "holds no files to import, only folders or the hidden files that Macs and "
                "editors add (__MACOSX, names starting with a dot). Zip the package's CSV "
                "files themselves."
            )
        return wanted

    def size(self, count: int, archive_size: int, *, declared: bool) -> None:
        """Refuse a zip whose files come to more than the limits allow."""
        limits = self.limits
        verb = "would unpack" if declared else "unpacks"
        if count > limits.max_bytes:
            self.refuse(
                f"{verb} to more than {size_words(limits.max_bytes)}, the most a zip may "
                f"unpack to here: {limits.advice}.",
                "max_bytes",
                limits.max_bytes,
            )
        if count > limits.ratio_from and count > limits.max_ratio * archive_size:
            self.refuse(
                f"{verb} to more than {limits.max_ratio} times its own size "
                f"({size_words(count)} from {size_words(archive_size)}). That is how a "
                "“zip bomb” fills a disk; CSV files do not shrink that much. If the zip is "
                f"what you meant to send, {limits.advice}.",
                "max_ratio",
                limits.max_ratio,
            )


def unpack_zip(
    archive: Path,
    into: Path,
    limits: ZipLimits = DEFAULT_LIMITS,
    *,
    name: str | None = None,
    progress: ProgressCallback | None = None,
) -> list[str]:
    """Unpack a zip into an empty folder, refusing anything unsafe; return the files written.

    Refused (:class:`ZipRefused`, a :class:`~referral_match.errors.SourceError`): a file
    that is not a zip or is damaged; more entries, levels, name or path bytes than
    ``limits`` allow; links and other special files; paths that are absolute, go up
    (``..``), hold a drive letter or a backslash; a file that is also a folder; the same
    name twice; password-protected entries; and more bytes, or a higher compression ratio,
    than the limits allow, counted as written. ``__MACOSX`` and hidden files are skipped.

    ``into`` is made if it does not exist (its parent must); on refusal it is deleted with
    whatever was written in it. ``name`` is how messages call the zip (the archive's file
    name by default); ``progress`` is called with the bytes written so far and the bytes
    the zip says it holds.
    """
    name = name or archive.name
    into.mkdir(exist_ok=True)
    if any(into.iterdir()):
        raise ValueError(f"{into} is not empty")
    try:
        return _unpack(archive, into, _Checker(name, limits), progress)
    except BaseException:
        shutil.rmtree(into, ignore_errors=True)
        raise


def _damaged(checker: _Checker, exc: BaseException) -> ZipRefused:
    detail = f" ({exc})" if str(exc) else ""
    return ZipRefused(
        f"{checker.name} is damaged and cannot be unpacked{detail}: zip the files again and "
        "use the new zip.",
        file=checker.name,
    )


def _unpack(
    archive: Path, into: Path, checker: _Checker, progress: ProgressCallback | None
) -> list[str]:
    try:
        zf = zipfile.ZipFile(archive)
    except _DAMAGED as exc:
        raise ZipRefused(
            f"{checker.name} is not a zip file, or it is damaged: zip the package's CSV files "
            "again and use that zip.",
            file=checker.name,
        ) from exc
    with zf:
        wanted = checker.entries(zf.infolist())
        archive_size = max(1, archive.stat().st_size)
        declared = sum(e.info.file_size for e in wanted)
        checker.size(declared, archive_size, declared=True)
        root = into.resolve()
        written = reported = 0
        names: list[str] = []
        for entry in wanted:
            target = into.joinpath(*entry.parts)
            if not target.resolve().is_relative_to(root):  # never, after the checks above
                checker.unsafe(entry.info.filename, "it leads outside the folder")
            member_written = 0
            try:
                _make_folders(into, entry.parts[:-1])
                # "x": never write through a name that is already there (a link, a clash).
                with zf.open(entry.info) as src, open(target, "xb") as dst:
                    while chunk := _read(src, checker):
                        written += len(chunk)
                        member_written += len(chunk)
                        # zipfile stops at the declared size; we do not rely on it.
                        if member_written > entry.info.file_size:
                            raise _damaged(checker, ValueError("a file is larger than it says"))
                        checker.size(written, archive_size, declared=False)
                        dst.write(chunk)
                        if progress is not None and written - reported >= _PROGRESS_EVERY:
                            reported = written
                            progress(written, declared)
            except _DAMAGED as exc:
                if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
                    raise _damaged(checker, exc) from exc
                if isinstance(exc, OSError):
                    reason = exc.strerror or str(exc)
                    raise ZipRefused(
                        f"{checker.name} could not be unpacked ({reason}, at "
                        f"{_shown(entry.info.filename)}): {checker.limits.advice}.",
                        file=checker.name,
                    ) from exc
                raise _damaged(checker, exc) from exc
            names.append("/".join(entry.parts))
        if progress is not None:
            progress(written, declared)
        return names


def _make_folders(into: Path, parts: tuple[str, ...]) -> None:
    """Make the folders of a path under ``into``, one by one.

    Never above ``into``: if it was deleted meanwhile (an upload discarded while it was
    unpacked), writing stops with an error instead of making it again.
    """
    folder = into
    for part in parts:
        folder = folder / part
        folder.mkdir(exist_ok=True)


def _read(src: IO[bytes], checker: _Checker) -> bytes:
    """Read the next chunk of a member; a damaged member says so (not a write error)."""
    try:
        return src.read(_CHUNK)
    except _DAMAGED as exc:
        raise _damaged(checker, exc) from exc
