"""Keep an admin's uploaded file until it is imported: checked, named by us, in the instance.

An upload is a flat CSV or a zip (an HSDS or Ohana package, or a zipped CSV), or another
system's CSV export with the TOML mapping that reads it. It is saved under
``<instance>/uploads/<id>/`` where ``id`` is a random name made here: nothing the browser
sent (file name, zip member names) becomes a path on disk without being checked. The
browser's file names are kept for display only.

Saving (``store_upload``) is all the request does: a zip is unpacked later, by the upload's
background check (``Upload.unpack``), through the library's one safe unpacker
(``referral_match.sources.archive``) with the tighter limits of ``zip_limits``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any

from flask_babel import gettext
from werkzeug.datastructures import FileStorage

from referral_match import ImportReport, Problem, SourceError
from referral_match.hsds.json_read import JSON_SUFFIXES
from referral_match.sources.archive import ZipLimits, unpack_zip
from referral_match.sources.mapping import Mapping, MappingError, mapping_from_text
from webapp.i18n import AsGiven

#: Refuse zips that unpack to more than this (``MAX_UPLOAD_UNPACKED_BYTES`` in the app's
#: config): a package of 100,000 services is about 100 MB, and a "zip bomb" fills the disk.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Files and folders in an uploaded zip: a package has a few dozen tables.
MAX_MEMBERS = 200
#: A mapping is a short text file.
MAX_MAPPING_BYTES = 256 * 1024
#: Uploads not imported within this many seconds are deleted at the next upload.
KEEP_SECONDS = 24 * 60 * 60

_ID = re.compile(r"^[0-9a-f]{32}$")
_SNIFF_BYTES = 64 * 1024


class UploadRejected(ValueError):
    """The file is not one the admin area can import; ``message`` says why and what to do.

    Our messages are in the admin's language; the library's stay in English (``AsGiven``).
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Upload:
    """A stored upload: its id, folder, what to import and the name the admin knows it by."""

    id: str
    folder: Path
    source: Path
    name: str
    format: str
    #: The admin's name for the mapping file read with the export, if one was uploaded.
    mapping_name: str | None = None
    #: False for a zip not unpacked yet: ``source`` is then the zip itself, not to import.
    unpacked: bool = True

    def mapping(self) -> Mapping | None:
        """Return the uploaded mapping, checked (raises MappingError), or None."""
        if self.mapping_name is None:
            return None
        text = (self.folder / "mapping.toml").read_text("utf-8")
        return mapping_from_text(text, name=self.mapping_name)

    def report(self) -> dict[str, Any] | None:
        """Return the validation report kept with the upload, if any."""
        path = self.folder / "report.json"
        if not path.is_file():
            return None
        report: dict[str, Any] = json.loads(path.read_text("utf-8"))
        return report

    def keep_report(self, report: dict[str, Any]) -> None:
        """Keep the validation report beside the upload."""
        (self.folder / "report.json").write_text(json.dumps(report, ensure_ascii=False), "utf-8")

    def name_files(self, report: ImportReport) -> ImportReport:
        """Return the report with our stored file's name replaced by the admin's file name."""
        if not self.source.is_file() or self.source.parent != self.folder:
            return report  # from a zip: its files keep the names they have in it

        def renamed(problems: list[Problem]) -> list[Problem]:
            return [
                replace(p, file=self.name) if p.file == self.source.name else p for p in problems
            ]

        return replace(
            report, rejected=renamed(report.rejected), warnings=renamed(report.warnings)
        )

    def unpack(
        self, limits: ZipLimits, progress: Callable[[int, int], None] | None = None
    ) -> Upload:
        """Unpack a zip upload and find what to import in it; return the upload ready to check.

        Raises UploadRejected, saying which limit a zip went over, or what is unsafe in it.
        Run it in the upload's background job: a zip takes seconds to unpack.
        """
        if self.unpacked:
            return self
        if not self.folder.is_dir():
            raise UploadRejected(
                gettext("%(file)s was discarded before it was checked.", file=self.name)
            )
        unpacked = self.folder / "package"
        shutil.rmtree(unpacked, ignore_errors=True)  # left by a check the server stopped
        try:
            unpack_zip(self.source, unpacked, limits, name=self.name, progress=progress)
        except SourceError as exc:
            raise UploadRejected(AsGiven(exc.message)) from exc
        source = _package_root(unpacked, self.name)
        mapping_name = self.mapping_name
        if source.is_dir():
            # An export of several files, zipped with its mapping or uploaded beside it.
            inside = sorted(p for p in source.iterdir() if p.suffix.lower() == ".toml")
            if mapping_name is None and len(inside) == 1:
                text = _mapping_file_text(inside[0])
                (self.folder / "mapping.toml").write_text(text, "utf-8")
                mapping_name = inside[0].name
            if mapping_name is not None:
                source = _mapped_export(source, self.folder / "mapping.toml", mapping_name)
        if source.is_file():
            with open(source, "rb") as file:
                # A zip inside, named .csv, would be unpacked again by the import, unchecked.
                _kind(source.name, file.read(_SNIFF_BYTES))
        ready = replace(self, source=source, mapping_name=mapping_name, unpacked=True)
        ready._keep_meta()
        self.source.unlink(missing_ok=True)  # the zip: all that is needed is unpacked
        return ready

    def _keep_meta(self) -> None:
        """Write what the upload is to upload.json (aside, then renamed: pages read it)."""
        meta = {
            "name": self.name,
            "format": self.format,
            "source": str(self.source.relative_to(self.folder)),
            "mapping": self.mapping_name,
            "unpacked": self.unpacked,
        }
        temp = self.folder / ".upload.json"
        temp.write_text(json.dumps(meta), "utf-8")
        os.replace(temp, self.folder / "upload.json")

    def discard(self) -> None:
        """Delete the upload and everything unpacked from it."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def discard_data(self) -> None:
        """Delete the uploaded files and the report; keep what says what the upload was."""
        if not self.folder.is_dir():
            return  # discarded meanwhile: nothing is left to delete
        for path in self.folder.iterdir():
            if path.name not in ("upload.json", "job.json", ".job.lock"):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)


def display_name(filename: str | None) -> str:
    """Return the browser's file name cut to its last part and to printable characters."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable())[:120]
    return name or "upload"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _kind(name: str, head: bytes) -> str:
    """Return "csv", "zip" or "json" when the extension and the content agree; else raise."""
    suffix = PurePosixPath(name.lower()).suffix
    if suffix == ".zip":
        # A zip starts with its first file, or (an empty zip) with its end record.
        if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            raise UploadRejected(
                gettext("%(file)s is named .zip but is not a zip file.", file=name)
            )
        return "zip"
    if suffix in (".csv", ".txt"):
        # A cut at _SNIFF_BYTES may split a UTF-8 character: ignore the last few bytes.
        if head.startswith(b"PK\x03\x04") or not _looks_like_text(head[: len(head) - 4] or head):
            raise UploadRejected(
                gettext(
                    "%(file)s is named .csv but is not text. Save the spreadsheet as "
                    "'CSV UTF-8 (comma delimited)' and upload that file.",
                    file=name,
                )
            )
        return "csv"
    if suffix in JSON_SUFFIXES:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start not in (b"[", b"{") or not _looks_like_text(head[: len(head) - 4] or head):
            raise UploadRejected(
                gettext(
                    "%(file)s is named %(suffix)s but is not JSON text: an HSDS JSON file "
                    "holds an array of services ([...]), or one service object per line.",
                    file=name,
                    suffix=suffix,
                )
            )
        return "json"
    raise UploadRejected(
        gettext(
            "%(file)s is not a .csv, .zip or .json file. Upload a flat CSV, an HSDS or Ohana "
            "package zipped into one .zip file, or an HSDS 3.0 JSON file of services.",
            file=name,
        )
    )


def zip_limits(max_bytes: int = MAX_UNPACKED_BYTES) -> ZipLimits:
    """Return the limits an uploaded zip is unpacked within: tighter than the CLI's."""
    return ZipLimits(
        max_bytes=max_bytes,
        max_entries=MAX_MEMBERS,
        advice="leave out the files the import does not read, or have the server's "
        "administrator unzip it and import the folder with `referral-match import`",
    )


def _package_root(folder: Path, name: str) -> Path:
    """Return what to import from an unpacked zip: one CSV, or the folder holding the files."""
    entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    while len(entries) == 1 and entries[0].is_dir():
        folder = entries[0]
        entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    files = [p for p in entries if p.is_file()]
    if len(files) == 1 and files[0].suffix.lower() == ".csv" and len(entries) == 1:
        return files[0]
    if not any(p.suffix.lower() in (".csv", ".json") for p in files):
        raise UploadRejected(
            gettext("%(file)s holds no CSV files to import: zip the CSV files.", file=name)
        )
    return folder


def _mapped_export(folder: Path, mapping_path: Path, mapping_name: str) -> Path:
    """Return the CSV file a mapping reads in an unpacked export: the one it does not join.

    The other CSV files are the ones its ``[join.NAME]`` tables name, read beside it.
    """
    try:
        mapping = mapping_from_text(mapping_path.read_text("utf-8"), name=mapping_name)
    except MappingError as exc:
        raise UploadRejected(AsGiven(exc.message)) from exc
    joined = {join.file.casefold() for join in mapping.joins}
    csvs = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    exports = [p for p in csvs if p.name.casefold() not in joined]
    if len(exports) == 1:
        return exports[0]
    if not exports:
        raise UploadRejected(
            gettext(
                "The zip holds only the files %(mapping)s joins (%(files)s), not the export "
                "it maps: zip the export's CSV file with them.",
                mapping=mapping_name,
                files=_names(csvs),
            )
        )
    raise UploadRejected(
        gettext(
            "The zip holds several CSV files that %(mapping)s does not join (%(files)s): a "
            "mapping reads one export, with the files its [join] tables name. Zip only "
            "those, or add the missing [join] tables.",
            mapping=mapping_name,
            files=_names(exports),
        )
    )


def _names(paths: list[Path]) -> str:
    return ", ".join(p.name for p in paths)


def _mapping_file_text(path: Path) -> str:
    """Return the text of a mapping found in a zip, or raise UploadRejected saying why."""
    if path.stat().st_size > MAX_MAPPING_BYTES:
        raise UploadRejected(_too_large(path.name))
    try:
        return path.read_text("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRejected(_not_utf8(path.name)) from None


def _too_large(name: str) -> str:
    return gettext("%(file)s is larger than 256 KB: a mapping is a short text file.", file=name)


def _not_utf8(name: str) -> str:
    return gettext("%(file)s is not UTF-8 text: save it as UTF-8.", file=name)


def _sweep(root: Path) -> None:
    """Delete uploads older than KEEP_SECONDS (never imported, never discarded)."""
    horizon = time.time() - KEEP_SECONDS
    for folder in root.iterdir() if root.is_dir() else ():
        if _ID.match(folder.name) and folder.stat().st_mtime < horizon:
            shutil.rmtree(folder, ignore_errors=True)


def _mapping_text(file: FileStorage) -> tuple[str, str]:
    """Return an uploaded mapping's name and text, or raise UploadRejected saying why."""
    name = display_name(file.filename)
    if PurePosixPath(name.lower()).suffix != ".toml":
        raise UploadRejected(
            gettext(
                "%(file)s is not a mapping: a mapping is a .toml file (see “Mapped exports” "
                "in the README, or get a suggested one below).",
                file=name,
            )
        )
    data = file.stream.read(MAX_MAPPING_BYTES + 1)
    if len(data) > MAX_MAPPING_BYTES:
        raise UploadRejected(_too_large(name))
    try:
        return name, data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRejected(_not_utf8(name)) from None


def store_upload(
    file: FileStorage, root: str | Path, format: str, mapping: FileStorage | None = None
) -> Upload:
    """Check and save an uploaded file (and its mapping) in a new folder under root.

    Only what is quick is checked here, in the request: that a .csv is text and a .zip
    looks like a zip. A zip is kept as it came (``unpacked`` False) for the background
    check to unpack with :meth:`Upload.unpack`. The upload's size is bounded by the app's
    ``MAX_CONTENT_LENGTH``.
    """
    mapping_name, mapping_text = _mapping_text(mapping) if mapping is not None else (None, "")
    name = display_name(file.filename)
    stream: IO[bytes] = file.stream
    head = stream.read(_SNIFF_BYTES)
    if not head:
        raise UploadRejected(gettext("%(file)s is empty. Choose the file again.", file=name))
    kind = _kind(name, head)
    if kind == "json" and mapping_name is not None:
        raise UploadRejected(
            gettext(
                "A mapping reads another system's CSV export, not %(file)s: an HSDS JSON file "
                "is read as it is. Upload it without a mapping.",
                file=name,
            )
        )
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    _sweep(root)
    upload_id = secrets.token_hex(16)
    folder = root / upload_id
    folder.mkdir()
    try:
        # Named by its kind: the import tells the formats apart by the file's suffix
        # ("upload.json" is the upload's own record, so the data is "upload-data").
        suffix = PurePosixPath(name.lower()).suffix if kind == "json" else f".{kind}"
        raw = folder / (f"upload-data{suffix}" if kind == "json" else f"upload{suffix}")
        with open(raw, "wb") as out:
            out.write(head)
            shutil.copyfileobj(stream, out)
        if mapping_name is not None:
            (folder / "mapping.toml").write_text(mapping_text, "utf-8")
        stored = Upload(upload_id, folder, raw, name, format, mapping_name, kind != "zip")
        stored._keep_meta()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return stored


def load_upload(upload_id: str, root: str | Path) -> Upload | None:
    """Return the stored upload with this id, or None (an unknown or malformed id)."""
    if not _ID.match(upload_id):
        return None
    folder = Path(root) / upload_id
    try:
        meta = json.loads((folder / "upload.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    source = (folder / meta["source"]).resolve()
    if folder.resolve() not in source.parents:
        return None
    return Upload(
        upload_id,
        folder,
        source,
        meta["name"],
        meta["format"],
        meta.get("mapping"),
        meta.get("unpacked", True),
    )
