"""Keep an admin's uploaded file until it is imported: checked, named by us, in the instance.

An upload is a flat CSV or a zip (an HSDS or Ohana package, or a zipped CSV), or another
system's CSV export with the TOML mapping that reads it. It is saved under
``<instance>/uploads/<id>/`` where ``id`` is a random name made here: nothing the browser
sent (file name, zip member names) becomes a path on disk without being checked. The
browser's file names are kept for display only.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any

from werkzeug.datastructures import FileStorage

from referral_match import ImportReport, Problem
from referral_match.sources.mapping import Mapping, mapping_from_text

#: Refuse zips that unpack to more than this (a "zip bomb" fills the disk).
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_MEMBERS = 200
#: A mapping is a short text file.
MAX_MAPPING_BYTES = 256 * 1024
#: Uploads not imported within this many seconds are deleted at the next upload.
KEEP_SECONDS = 24 * 60 * 60

_ID = re.compile(r"^[0-9a-f]{32}$")
_SNIFF_BYTES = 64 * 1024


class UploadRejected(ValueError):
    """The file is not one the admin area can import; ``message`` says why and what to do."""

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
        if not self.source.is_file():
            return report  # a package: its files keep the names they have in the zip

        def renamed(problems: list[Problem]) -> list[Problem]:
            return [
                replace(p, file=self.name) if p.file == self.source.name else p for p in problems
            ]

        return replace(
            report, rejected=renamed(report.rejected), warnings=renamed(report.warnings)
        )

    def discard(self) -> None:
        """Delete the upload and everything unpacked from it."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def discard_data(self) -> None:
        """Delete the uploaded files and the report; keep what says what the upload was."""
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
    """Return "csv" or "zip" when the extension and the content agree; else raise."""
    suffix = PurePosixPath(name.lower()).suffix
    if suffix == ".zip":
        if not head.startswith(b"PK\x03\x04"):
            raise UploadRejected(f"{name} is named .zip but is not a zip file.")
        return "zip"
    if suffix in (".csv", ".txt"):
        # A cut at _SNIFF_BYTES may split a UTF-8 character: ignore the last few bytes.
        if head.startswith(b"PK\x03\x04") or not _looks_like_text(head[: len(head) - 4] or head):
            raise UploadRejected(
                f"{name} is named .csv but is not text. Save the spreadsheet as "
                "'CSV UTF-8 (comma delimited)' and upload that file."
            )
        return "csv"
    raise UploadRejected(
        f"{name} is not a .csv or .zip file. Upload a flat CSV, or an HSDS or Ohana "
        "package zipped into one .zip file."
    )


def _unpack(archive: Path, into: Path) -> None:
    """Unpack a zip safely: no absolute paths, no '..', no links, a bounded size."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) > MAX_MEMBERS:
                raise UploadRejected(f"The zip holds {len(members)} files; at most {MAX_MEMBERS}.")
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise UploadRejected("The zip unpacks to more than 500 MB: split it.")
            for member in members:
                parts = PurePosixPath(member.filename.replace("\\", "/")).parts
                if not parts or parts[0] in ("/", "") or ".." in parts or ":" in parts[0]:
                    raise UploadRejected(f"The zip holds an unsafe path: {member.filename!r}.")
                if parts[0] == "__MACOSX" or parts[-1].startswith("."):
                    continue
                target = into.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    except zipfile.BadZipFile as exc:
        raise UploadRejected(f"The zip file cannot be read: {exc}.") from exc


def _package_root(folder: Path) -> Path:
    """Return what to import from an unpacked zip: one CSV, or the folder holding the files."""
    entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    while len(entries) == 1 and entries[0].is_dir():
        folder = entries[0]
        entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    files = [p for p in entries if p.is_file()]
    if len(files) == 1 and files[0].suffix.lower() == ".csv" and len(entries) == 1:
        return files[0]
    if not any(p.suffix.lower() in (".csv", ".json") for p in files):
        raise UploadRejected("The zip holds no CSV files to import.")
    return folder


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
            f"{name} is not a mapping: a mapping is a .toml file (see “Mapped exports” in the "
            "README, or get a suggested one below)."
        )
    data = file.stream.read(MAX_MAPPING_BYTES + 1)
    if len(data) > MAX_MAPPING_BYTES:
        raise UploadRejected(f"{name} is larger than 256 KB: a mapping is a short text file.")
    try:
        return name, data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRejected(f"{name} is not UTF-8 text: save it as UTF-8.") from None


def store_upload(
    file: FileStorage, root: str | Path, format: str, mapping: FileStorage | None = None
) -> Upload:
    """Check and save an uploaded file (and its mapping) in a new folder under root."""
    mapping_name, mapping_text = _mapping_text(mapping) if mapping is not None else (None, "")
    name = display_name(file.filename)
    stream: IO[bytes] = file.stream
    head = stream.read(_SNIFF_BYTES)
    if not head:
        raise UploadRejected(f"{name} is empty. Choose the file again.")
    kind = _kind(name, head)
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    _sweep(root)
    upload_id = secrets.token_hex(16)
    folder = root / upload_id
    folder.mkdir()
    try:
        raw = folder / ("upload.zip" if kind == "zip" else "upload.csv")
        with open(raw, "wb") as out:
            out.write(head)
            shutil.copyfileobj(stream, out)
        source = raw
        if kind == "zip":
            unpacked = folder / "package"
            unpacked.mkdir()
            _unpack(raw, unpacked)
            source = _package_root(unpacked)
        if mapping_name is not None:
            if not source.is_file():
                raise UploadRejected(
                    f"{name} holds several files, and a mapping reads one CSV export: upload "
                    "that CSV file with its mapping."
                )
            (folder / "mapping.toml").write_text(mapping_text, "utf-8")
        meta = {
            "name": name,
            "format": format,
            "source": str(source.relative_to(folder)),
            "mapping": mapping_name,
        }
        (folder / "upload.json").write_text(json.dumps(meta), "utf-8")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Upload(upload_id, folder, source, name, format, mapping_name)


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
    return Upload(upload_id, folder, source, meta["name"], meta["format"], meta.get("mapping"))
