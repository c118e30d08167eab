"""Tell which encoding a CSV file is in, from all of its bytes, so that reading never fails.

A file is read as UTF-8 when it is UTF-8 (with or without BOM); as UTF-8 with its few stray
bytes read as Windows-1252 when a legacy program added some; as UTF-16 when it starts with
a UTF-16 BOM (and refused, naming the line, when its bytes are not UTF-16); else in the
legacy encoding that charset-normalizer guesses, when the whole file decodes in it, else as
Windows-1252. Every pass over the file reads it in chunks: memory stays flat.

The Windows-1252 used here is Python's with the five bytes it leaves undefined (0x81, 0x8D,
0x8F, 0x90, 0x9D) read as the Latin-1 control characters of the same number, as browsers
do: every byte is something, so a legacy file always decodes.
"""

from __future__ import annotations

import codecs
import encodings.cp1252
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

import charset_normalizer

from referral_match.errors import SourceError

if TYPE_CHECKING:
    from typing_extensions import Buffer

__all__ = ["Encoding", "WINDOWS_1252", "detect_encoding"]

_SAMPLE_BYTES = 64 * 1024
_CHUNK_BYTES = 1024 * 1024
#: A UTF-8 file with more bytes that are not UTF-8 than this is read as a legacy encoding
#: (each stray byte costs a Python call when read; a UTF-8 file with strays has a few).
_MAX_STRAYS = 10_000
_ASCII = bytes(range(128))

#: The codec name of Windows-1252 with every byte defined (see the module docstring).
WINDOWS_1252 = "referral_match_cp1252"
_ERRORS_AS_1252 = "referral_match.as_cp1252"
_ERRORS_COUNT = "referral_match.count"

_TABLE = "".join(
    chr(byte) if char == "\ufffe" else char
    for byte, char in enumerate(encodings.cp1252.decoding_table)
)
_ENCODING_TABLE = codecs.charmap_build(_TABLE)


class _Cp1252Decoder(codecs.IncrementalDecoder):
    def decode(self, input: Buffer, final: bool = False) -> str:
        return codecs.charmap_decode(input, self.errors, _TABLE)[0]


class _Cp1252Encoder(codecs.IncrementalEncoder):
    def encode(self, input: str, final: bool = False) -> bytes:
        return codecs.charmap_encode(input, self.errors, _ENCODING_TABLE)[0]


def _find_codec(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") != WINDOWS_1252:
        return None
    return codecs.CodecInfo(
        name=WINDOWS_1252,
        encode=lambda text, errors="strict": codecs.charmap_encode(text, errors, _ENCODING_TABLE),
        decode=lambda data, errors="strict": codecs.charmap_decode(data, errors, _TABLE),
        incrementalencoder=_Cp1252Encoder,
        incrementaldecoder=_Cp1252Decoder,
    )


def _as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes a codec could not decode as Windows-1252 (a codec error handler)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode(WINDOWS_1252), exc.end


codecs.register(_find_codec)
codecs.register_error(_ERRORS_AS_1252, _as_cp1252)


@dataclass(frozen=True, slots=True)
class Encoding:
    """How to decode a file: the codec and error handler for io, a name, and warnings."""

    #: The encoding as reports and tests name it: "utf-8-sig", "utf-16", "cp1252"...
    name: str
    codec: str
    errors: str = "strict"
    warnings: tuple[str, ...] = ()


def detect_encoding(binary: BinaryIO, name: str) -> Encoding:
    """Return the encoding of an open file (read from its start; left at its start).

    Raises :class:`SourceError` for an empty file, a workbook, a binary file and a damaged
    UTF-16 file. ``name`` is the file as messages call it.
    """
    sample = binary.read(_SAMPLE_BYTES)
    binary.seek(0)
    if not sample.strip():
        raise SourceError(f"{name} is empty: it has no header row and no data.", file=name)
    if sample.startswith(b"PK\x03\x04") or sample.startswith(b"\xd0\xcf\x11\xe0"):
        raise SourceError(
            f"{name} is an Excel workbook, not a CSV file. In Excel choose "
            'File > Save As > "CSV UTF-8 (Comma delimited)" and import that file.',
            file=name,
        )
    if sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE):
        big = sample.startswith(codecs.BOM_UTF16_BE)
        _check_utf16(binary, "utf-16-be" if big else "utf-16-le", name)
        return Encoding("utf-16", "utf-16")
    if b"\x00" in sample:
        raise SourceError(
            f"{name} looks like a binary file, not text: it contains NUL bytes. "
            "Export the directory as CSV and import that file.",
            file=name,
        )
    utf8 = _scan(binary, "utf-8")
    if not utf8.bad:
        return Encoding("utf-8-sig", "utf-8-sig")
    if utf8.complete and utf8.high_bytes - utf8.bad_bytes > utf8.bad_bytes:
        # Mostly UTF-8: a legacy program wrote a few bytes of its own (an accent, a dash).
        return Encoding(
            "utf-8-sig",
            "utf-8-sig",
            _ERRORS_AS_1252,
            (
                f"{name} is UTF-8, but {utf8.bad_bytes:,} byte(s) in it are not (the first "
                f"on line {utf8.first_line}); they were read as Windows-1252. Check the "
                'accented letters on that line, and save the file as "CSV UTF-8" again.',
            ),
        )
    encoding = _guess_legacy(binary, utf8.first_offset)
    return Encoding(
        encoding,
        WINDOWS_1252 if encoding == "cp1252" else encoding,
        warnings=(
            f"{name} is not UTF-8; it was read as {_ENCODING_NAMES.get(encoding, encoding)}. "
            'If accented letters look wrong, save it from Excel as "CSV UTF-8".',
        ),
    )


def _check_utf16(binary: BinaryIO, encoding: str, name: str) -> None:
    """Raise SourceError naming the line if the file (after its BOM) is not UTF-16."""
    decoder = codecs.getincrementaldecoder(encoding)()
    binary.seek(len(codecs.BOM_UTF16_LE))
    newlines = 0
    try:
        while chunk := binary.read(_CHUNK_BYTES):
            newlines += decoder.decode(chunk).count("\n")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        before = exc.object[: exc.start].decode(encoding, "replace")
        line = newlines + before.count("\n") + 1
        at_end = exc.reason in ("truncated data", "unexpected end of data")
        what = "it ends in the middle of a character" if at_end else "its bytes are not text"
        raise SourceError(
            f"{name} line {line}: the file is UTF-16 text, but it is damaged there ({what}). "
            'Open it in Excel and save it again as "CSV UTF-8", or fix that line.',
            file=name,
        ) from exc
    finally:
        binary.seek(0)


@dataclass
class _Scan:
    """What decoding the whole file found: how much did not decode, and where it starts."""

    bad: int = 0
    bad_bytes: int = 0
    high_bytes: int = 0
    first_line: int = 0
    first_offset: int = 0
    #: False when scanning stopped at _MAX_STRAYS.
    complete: bool = True
    # Where the chunk being decoded starts: its file offset, and the line breaks before it.
    _offset: int = 0
    _newlines: int = field(default=0, repr=False)

    def record(self, exc: UnicodeDecodeError) -> None:
        if not self.bad:
            self.first_offset = self._offset + exc.start
            self.first_line = self._newlines + exc.object.count(b"\n", 0, exc.start) + 1
        self.bad += 1
        self.bad_bytes += exc.end - exc.start
        if self.bad > _MAX_STRAYS:
            raise _TooManyStrays


class _TooManyStrays(Exception):
    pass


_scanning = threading.local()


def _count(exc: UnicodeError) -> tuple[str, int]:
    """Record an undecodable sequence in the scan of this thread (a codec error handler)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _scanning.scan.record(exc)
    return "", exc.end


codecs.register_error(_ERRORS_COUNT, _count)


def _scan(binary: BinaryIO, encoding: str) -> _Scan:
    """Decode the whole file in an ASCII-compatible encoding, counting what does not decode.

    In such an encoding a byte 0x0A is always a line break, so lines are counted in bytes.
    """
    scan = _Scan()
    decoder = codecs.getincrementaldecoder(encoding)(_ERRORS_COUNT)
    position = 0
    _scanning.scan = scan
    try:
        while chunk := binary.read(_CHUNK_BYTES):
            # Error offsets count from the bytes the decoder held back from the last chunk
            # (never a line break: they are the start of a character).
            scan._offset = position - len(decoder.getstate()[0])
            scan.high_bytes += len(chunk.translate(None, _ASCII))
            decoder.decode(chunk)
            position += len(chunk)
            scan._newlines += chunk.count(b"\n")
        scan._offset = position - len(decoder.getstate()[0])
        decoder.decode(b"", final=True)
    except _TooManyStrays:
        scan.complete = False
    finally:
        del _scanning.scan
        binary.seek(0)
    return scan


def _guess_legacy(binary: BinaryIO, offset: int) -> str:
    """Return the legacy encoding of a file that is not UTF-8: a guess, else Windows-1252.

    The guess is made from the bytes around the first one that is not UTF-8 (the start of
    a file is often plain ASCII), and kept only if it is a superset of ASCII, as a CSV's
    delimiters and quotes need, and if the whole file decodes in it.
    """
    binary.seek(max(offset - _SAMPLE_BYTES // 2, 0))
    sample = binary.read(_SAMPLE_BYTES)
    binary.seek(0)
    guess = charset_normalizer.from_bytes(sample).best()
    if guess is None or guess.encoding in _WESTERN_SINGLE_BYTE:
        return "cp1252"
    encoding = str(guess.encoding)
    if not _ascii_compatible(encoding) or _scan(binary, encoding).bad:
        return "cp1252"
    return encoding


def _ascii_compatible(encoding: str) -> bool:
    """Return True if the encoding reads printable ASCII, tabs and line breaks as ASCII."""
    probe = bytes(range(0x20, 0x7F)) + b"\t\r\n"
    try:
        return probe.decode(encoding) == probe.decode("ascii")
    except (LookupError, UnicodeDecodeError):
        return False


_WESTERN_SINGLE_BYTE = {
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "mac_roman",
    "cp850",
    "cp437",
    "mac_latin2",
    "iso8859_9",
    "cp1254",
    "ascii",
}
_ENCODING_NAMES = {"cp1252": "Windows-1252 (Excel's Western encoding)", "utf-16": "UTF-16"}
