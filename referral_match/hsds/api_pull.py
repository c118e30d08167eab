"""Pull a directory from an HSDS 3.0 API: check that it is one, and fetch its services.

:func:`pull_services` asks the API's root (``GET /``) what it is (an HSDS API answers its
``version`` and ``profile``), then fetches every service, fully nested: one stream of
``services?format=ndjson&full=true`` when the server answers NDJSON, else page after page of
``services?full=true&per_page=N&page=P``, following the ``Page`` fields (``total_pages``,
``last_page``, ``contents``). With ``modified_after``, only the services modified at or after
that moment are asked for. The services are written, one a line, to an NDJSON file, which the
importer then reads with :mod:`json_read` exactly as a file of HSDS JSON: the same readers and
the same report, naming each value by its record's number (its place in the pull) and its
JSON path.

Only the URL given is ever asked (a redirect to another server is refused; proxies from the
environment are used for other hosts, never for the loopback), each request with a timeout.
A connection that fails, a timeout, or an answer 429 or 5xx is tried again a few times with a
growing wait (:class:`PullOptions`). Everything is fetched before anything is imported, so a
server that is down, is not an HSDS API, answers something other than JSON, or fails part-way
raises :class:`HsdsApiError`, and the directory served stays as it was.

May import: the records modules at the package root (``errors``, ``report``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import ipaddress
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from referral_match.errors import InputError, SourceError
from referral_match.report import ImportReport

__all__ = [
    "DEFAULT_PER_PAGE",
    "DEFAULT_TIMEOUT",
    "HsdsApiError",
    "Pull",
    "PullOptions",
    "PullReport",
    "api_root",
    "is_api_url",
    "last_pull",
    "pull_services",
]

#: Seconds to wait for the server to connect or to send more of an answer.
DEFAULT_TIMEOUT = 30.0
#: Services asked for on each page when the server does not stream NDJSON.
DEFAULT_PER_PAGE = 200
#: The largest page read (a page is read whole; a stream is copied line by line).
MAX_PAGE_BYTES = 256 * 1024**2
#: Pages followed at most, whatever the server says (a server that never ends its pages).
MAX_PAGES = 100_000
#: The meta.json ``source_format`` of a generation pulled from an HSDS API.
PULL_FORMAT = "hsds-api"
_RETRIED = {429, 500, 502, 503, 504}
_NDJSON_TYPES = {
    "application/x-ndjson",
    "application/ndjson",
    "application/jsonl",
    "application/x-jsonlines",
}
_SHOWN = 80
_ROOT_SAYS = (
    'An HSDS 3.0 API answers its root URL with {"version": "3.0", "profile": ...}; '
    "give that URL (for referral-match, http://HOST:PORT/hsds/)."
)
_UNCHANGED = "Nothing was imported: the directory is as it was."

ProgressCallback = Callable[[int, int], None]
T = TypeVar("T")


class HsdsApiError(SourceError):
    """An HSDS API cannot be pulled from: down, not HSDS, not JSON, or failing part-way.

    ``url`` is the request that failed, ``status`` its HTTP status when there was one. It is
    raised before anything is imported: the directory served is left as it was.
    """

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message, file=url)
        self.url = url
        self.status = status


@dataclass(frozen=True, slots=True)
class PullOptions:
    """How to ask: timeout and retries, page size, and whether to ask for NDJSON first."""

    #: Seconds to wait for a connection, or for more of an answer.
    timeout: float = DEFAULT_TIMEOUT
    #: Times a request is tried again after a failed connection, a timeout, a 429 or a 5xx.
    retries: int = 3
    #: Seconds waited before the first retry; each next wait is twice as long.
    backoff: float = 0.5
    #: Services per page when paging.
    per_page: int = DEFAULT_PER_PAGE
    #: Ask for one NDJSON stream first (paging when the server offers none).
    ndjson: bool = True


@dataclass(frozen=True, slots=True)
class Pull:
    """What a pull fetched: from where, from when on, how, and how many services."""

    #: The API's root, as :func:`api_root` writes it (``http://hub:8000/hsds/``).
    url: str
    #: When the pull began, by the server's clock (its ``Date``), else by ours.
    started: dt.datetime
    #: The HSDS version the API says it serves.
    version: str
    #: ``ndjson`` (one stream) or ``pages``.
    via: Literal["ndjson", "pages"]
    #: Services fetched (records written).
    services: int
    #: Pages read (0 for a stream).
    pages: int = 0
    #: Only services modified at or after this moment were asked for; None: every service.
    modified_after: dt.datetime | None = None

    @property
    def services_url(self) -> str:
        """Return the URL of the API's services: what the report names as the file."""
        return self.url + "services"

    def to_dict(self) -> dict[str, Any]:
        """Return the pull as the ``pull`` object of the import report's JSON."""
        return {
            "url": self.url,
            "started": self.started.isoformat(),
            "version": self.version,
            "via": self.via,
            "services": self.services,
            "pages": self.pages,
            "modified_after": None
            if self.modified_after is None
            else self.modified_after.isoformat(),
        }


@dataclass(slots=True)
class PullReport(ImportReport):
    """The report of an import from an HSDS API: an import's, with what was pulled.

    ``imported`` counts the pulled resources imported. When the pull was merged into the
    directory (``modified_after``), ``kept`` counts the resources of the directory before it
    that no pulled service replaced, kept as they were.
    """

    pull: Pull | None = None
    merged: bool = False
    kept: int = 0
    #: Set when a pull since the last one was asked for but none serves in this index.
    no_earlier_pull: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the report as the import's JSON, with a ``pull`` object."""
        data = ImportReport.to_dict(self)  # a slots dataclass: super() without arguments fails
        pull = self.pull.to_dict() if self.pull is not None else {}
        data["pull"] = pull | {"merged": self.merged, "kept": self.kept}
        return data


# The URL ---------------------------------------------------------------------------------------


def is_api_url(text: str) -> bool:
    """Return True if a source is an http(s) URL: it is read as an HSDS API."""
    return text[:8].lower().startswith(("http://", "https://"))


def api_root(url: str) -> str:
    """Return the root of the HSDS API at ``url``, ending in ``/``; raise InputError if none.

    ``http://hub:8000/hsds``, ``.../hsds/`` and ``.../hsds/services`` name the same API.
    """
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    problem = ""
    if scheme not in ("http", "https") or not parts.hostname:
        problem = "is not the http:// or https:// URL of an HSDS API"
    elif parts.username is not None or parts.password is not None:
        problem = "holds a user name or password, which are never sent: give the URL without them"
    elif parts.query or parts.fragment:
        problem = "has a query (?...) or fragment (#...): give the API's root URL only"
    else:
        try:
            parts.port  # noqa: B018 (raises on a port that is not a number)
        except ValueError:
            problem = "has a port that is not a number"
    if problem:
        raise InputError(
            f'"{url[:200]}" {problem}, such as http://hub.example.org:8000/hsds/.',
            field="url",
            value=url,
        )
    path = parts.path.rstrip("/")
    path = path.removesuffix("/services") if path.endswith("/services") else path
    return urllib.parse.urlunsplit((scheme, parts.netloc.lower(), path + "/", "", ""))


def last_pull(meta: Mapping[str, Any], url: str) -> dt.datetime | None:
    """Return when the pull that built a generation began, if it was a pull of ``url``.

    ``meta`` is the generation's meta.json (``Directory.info``); None when that generation
    was not pulled from this API (a CSV import, another API, or no moment recorded).
    """
    if meta.get("source_format") != PULL_FORMAT or meta.get("source") != api_root(url):
        return None
    try:
        when = dt.datetime.fromisoformat(str(meta.get("pulled_at")))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


# The pull --------------------------------------------------------------------------------------


def pull_services(
    url: str,
    dest: Path,
    *,
    modified_after: dt.datetime | None = None,
    options: PullOptions | None = None,
    progress: ProgressCallback | None = None,
) -> Pull:
    """Fetch the services of the HSDS API at ``url`` into ``dest``, one JSON object a line.

    With ``modified_after``, only those modified at or after it (a naive moment is UTC).
    ``progress(done, total)`` is called as services arrive (``total`` 0 when not known).
    Raises :class:`HsdsApiError` when the API cannot be read whole, InputError for a URL
    that is not one.
    """
    client = _Client(api_root(url), options or PullOptions())
    version, started = client.about()
    query = {"full": "true"}
    if modified_after is not None:
        if modified_after.tzinfo is None:
            modified_after = modified_after.replace(tzinfo=dt.UTC)
        query["modified_after"] = modified_after.isoformat()
    count = client.stream(query, dest, progress) if client.options.ndjson else None
    if count is not None:
        return Pull(client.root, started, version, "ndjson", count, 0, modified_after)
    count, pages = client.pages(query, dest, progress)
    return Pull(client.root, started, version, "pages", count, pages, modified_after)


class _Refused(Exception):
    """An HTTP error answer, once retries are spent: its status and what it said."""

    def __init__(self, status: int, said: str, tries: int) -> None:
        super().__init__(status)
        self.status = status
        self.said = said
        self.tries = tries


class _SameServer(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only on the same server: the pull asks no other."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        """Return the redirected request, or raise HsdsApiError for another server."""
        if _origin(newurl) != _origin(req.full_url):
            fp.close()
            raise HsdsApiError(
                f"{req.full_url} redirects to {newurl[:200]}, on another server, which is not "
                f"asked: give the URL of the API itself. {_UNCHANGED}",
                url=req.full_url,
                status=code,
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _origin(url: str) -> tuple[str, str, int | None]:
    """Return a URL's scheme, host and port (its scheme's own when it names none)."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(scheme)
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Client:
    """Requests to one HSDS API: retried, timed out, and their failures said in words."""

    def __init__(self, root: str, options: PullOptions) -> None:
        self.root = root
        self.options = options
        host = urllib.parse.urlsplit(root).hostname or ""
        # The loopback is never reached through a proxy from the environment.
        proxies = urllib.request.ProxyHandler({} if _is_loopback(host) else None)
        self._opener = urllib.request.build_opener(proxies, _SameServer())

    def about(self) -> tuple[str, dt.datetime]:
        """Check that the root is an HSDS API; return its version and the server's time."""

        def read(response: Any) -> tuple[Any, dt.datetime]:
            body = response.read(1024**2)
            kind = response.headers.get_content_type()
            return _parse_about(body, kind, self.root), _server_time(response)

        try:
            about, started = self._get(self.root, "application/json", read)
        except _Refused as exc:
            if exc.status in _RETRIED:
                raise self._failing("its root", exc) from None
            raise HsdsApiError(
                f"{self.root} answers HTTP {exc.status}{_said(exc.said)}: it is not an HSDS "
                f"API, or not at this URL. {_ROOT_SAYS} {_UNCHANGED}",
                url=self.root,
                status=exc.status,
            ) from None
        version = about.get("version")
        if not isinstance(version, str) or not version.strip():
            keys = ", ".join(sorted(map(str, about))[:8]) or "none"
            raise HsdsApiError(
                f"{self.root} answers JSON without a version (its keys: {keys}): it is not an "
                f"HSDS API. {_ROOT_SAYS} {_UNCHANGED}",
                url=self.root,
            )
        if version.strip().split(".")[0] != "3":
            raise HsdsApiError(
                f"{self.root} serves HSDS {version[:20]}, and only HSDS 3 APIs can be pulled: "
                "export that directory as an HSDS package instead, and import its folder. "
                f"{_UNCHANGED}",
                url=self.root,
            )
        return version, started

    def stream(
        self, query: dict[str, str], dest: Path, progress: ProgressCallback | None
    ) -> int | None:
        """Copy the NDJSON stream of every service to dest; None when none is offered."""
        url = self._url({**query, "format": "ndjson"})

        def read(response: Any) -> int | None:
            if response.headers.get_content_type() not in _NDJSON_TYPES:
                return None  # a page instead: the server ignores format=ndjson
            count = 0
            with dest.open("wb") as out:
                while line := response.readline(64 * 1024**2):
                    out.write(line)
                    if line.strip():
                        count += 1
                        if progress is not None and count % 100 == 0:
                            progress(count, 0)
            _check_whole(response, count)
            if progress is not None:
                progress(count, count)
            return count

        try:
            return self._get(url, "application/x-ndjson", read)
        except _Refused as exc:
            if exc.status in _RETRIED:
                raise self._failing("its services (as NDJSON)", exc) from None
            return None  # a 400 or 406 for format=ndjson: it pages

    def pages(
        self, query: dict[str, str], dest: Path, progress: ProgressCallback | None
    ) -> tuple[int, int]:
        """Write every service of every page to dest; return the services and pages read."""
        per_page = self.options.per_page
        written = 0
        total: int | None = None
        first_items: Any = None
        last_ids: list[Any] | None = None
        with dest.open("w", encoding="utf-8") as out:
            for page in range(1, MAX_PAGES + 1):
                url = self._url({**query, "per_page": str(per_page), "page": str(page)})
                where = f"page {page}" + (f" of {total}" if total else "")
                body = self._page(url, where)
                contents = body["contents"]
                items, pages = body.get("total_items"), body.get("total_pages")
                if page == 1:
                    first_items = items
                    total = pages if isinstance(pages, int) and pages >= 0 else None
                elif items != first_items:
                    raise HsdsApiError(
                        f"The directory at {self.root} changed while it was being pulled: it "
                        f"counted {first_items} services on page 1 and {items} on {where}. "
                        f"Pull again. {_UNCHANGED}",
                        url=url,
                    )
                ids = [s.get("id") if isinstance(s, dict) else None for s in contents]
                if any(ids) and ids == last_ids:
                    raise HsdsApiError(
                        f"{self.root} answers {where} of its services with the very services "
                        f"of the page before: it does not page (page=). {_UNCHANGED}",
                        url=url,
                    )
                last_ids = ids
                for record in contents:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += len(contents)
                if progress is not None:
                    progress(written, items if isinstance(items, int) else 0)
                if _last_page(body, page, total, len(contents), per_page):
                    break
            else:
                raise HsdsApiError(
                    f"{self.root} has not ended its pages of services after {MAX_PAGES:,}: "
                    f"it does not say which page is the last. {_UNCHANGED}",
                    url=self.services_url,
                )
        if isinstance(first_items, int) and written != first_items:
            raise HsdsApiError(
                f"{self.root} counts {first_items} services but its {page} pages held "
                f"{written}: the pull is not whole, so it was not used. Pull again. "
                f"{_UNCHANGED}",
                url=self.services_url,
            )
        return written, page

    @property
    def services_url(self) -> str:
        return self.root + "services"

    def _page(self, url: str, where: str) -> dict[str, Any]:
        """Return one page of services (a JSON object with its contents)."""

        def read(response: Any) -> Any:
            body = response.read(MAX_PAGE_BYTES + 1)
            if len(body) <= MAX_PAGE_BYTES:
                _check_whole(response, body)
            else:
                raise HsdsApiError(
                    f"{where} of the services of {self.root} is larger than "
                    f"{MAX_PAGE_BYTES // 1024**2} MB: pull with fewer services per page. "
                    f"{_UNCHANGED}",
                    url=url,
                )
            try:
                return json.loads(body)
            except (ValueError, RecursionError):
                kind = response.headers.get_content_type()
                raise HsdsApiError(
                    f"{self.root} answered {where} of its services with {kind} that is not "
                    f"JSON ({_start(body)}): it is not an HSDS API, or failed part-way. "
                    f"{_UNCHANGED}",
                    url=url,
                ) from None

        try:
            body = self._get(url, "application/json", read)
        except _Refused as exc:
            part_way = "" if where == "page 1" else ", part-way"
            raise self._failing(f"{where} of its services{part_way}", exc) from None
        if not isinstance(body, dict) or not isinstance(body.get("contents"), list):
            raise HsdsApiError(
                f"{self.root} answered {where} of its services with JSON that is not a page "
                "of services (an object with a contents list, as the HSDS Page says): it is "
                f"not an HSDS API. {_UNCHANGED}",
                url=url,
            )
        return body

    def _url(self, query: dict[str, str]) -> str:
        return self.services_url + "?" + urllib.parse.urlencode(query)

    def _get(self, url: str, accept: str, read: Callable[[Any], T]) -> T:
        """Return what ``read`` makes of the answer to GET url, trying again as configured.

        Raises _Refused for an HTTP status other than 2xx (once retries are spent, for those
        tried again), HsdsApiError when the server cannot be reached.
        """
        options = self.options
        headers = {"Accept": accept, "User-Agent": "referral-match (HSDS pull)"}
        waited = 0.0
        tries = 0
        while True:
            tries += 1
            retry = tries <= options.retries
            failure: BaseException | None = None
            request = urllib.request.Request(url, headers=headers)
            try:
                response = self._opener.open(request, timeout=options.timeout)
            except urllib.error.HTTPError as exc:
                with exc:
                    status, said = exc.code, _error_message(exc)
                if not (retry and status in _RETRIED):
                    raise _Refused(status, said, tries) from None
            except (OSError, http.client.HTTPException) as exc:
                failure = exc  # URLError (refused, no such host), a timeout, a reset
            else:
                with response:
                    try:
                        return read(response)
                    except (http.client.HTTPException, ConnectionError, TimeoutError) as exc:
                        failure = exc  # cut off mid-answer (a disk error is not retried)
            if failure is not None and not retry:
                message = self._unreachable(url, failure, tries, waited)
                raise HsdsApiError(message, url=url) from failure
            delay = options.backoff * 2 ** (tries - 1)
            time.sleep(delay)
            waited += delay

    def _unreachable(self, url: str, exc: BaseException, tries: int, waited: float) -> str:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, TimeoutError):
            why = f"it did not answer within {self.options.timeout:g} s"
        elif isinstance(reason, ConnectionRefusedError):
            why = "the connection was refused (is the server running, on this port?)"
        elif isinstance(reason, http.client.HTTPException | ConnectionError):
            why = f"the connection broke off ({type(reason).__name__})"
        else:
            why = str(getattr(reason, "strerror", None) or reason)
        part = "" if url == self.root else f" while pulling {_shown_url(url)}"
        return (
            f"Cannot read the HSDS API at {self.root}{part}: {why}; tried {_times(tries)}"
            f"{f' over {waited:.1f} s' if waited else ''}. Check the URL and that the server "
            f"is up, then pull again. {_UNCHANGED}"
        )

    def _failing(self, what: str, exc: _Refused) -> HsdsApiError:
        return HsdsApiError(
            f"The HSDS API at {self.root} failed on {what}: HTTP {exc.status}{_said(exc.said)}"
            f", tried {_times(exc.tries)}. {_UNCHANGED} Pull again once the server works.",
            url=self.root,
            status=exc.status,
        )


def _parse_about(body: bytes, kind: str, root: str) -> dict[str, Any]:
    """Return the JSON object of an API's root, or raise HsdsApiError: it is not one."""
    try:
        about = json.loads(body)
    except (ValueError, RecursionError):
        raise HsdsApiError(
            f"{root} answers {kind}, not JSON ({_start(body)}): it is not an HSDS API. "
            f"{_ROOT_SAYS} {_UNCHANGED}",
            url=root,
        ) from None
    if not isinstance(about, dict):
        raise HsdsApiError(
            f"{root} answers JSON that is not an object: it is not an HSDS API. {_ROOT_SAYS} "
            f"{_UNCHANGED}",
            url=root,
        )
    return about


def _last_page(body: dict[str, Any], page: int, total: int | None, size: int, asked: int) -> bool:
    """Return True if this page is the last: as the Page says, else when it is short."""
    if body.get("last_page") is True or body.get("empty") is True or size == 0:
        return True
    if total is not None:
        return page >= total
    return body.get("last_page") is not False and size < asked


def _check_whole(response: Any, got: Any) -> None:
    """Raise IncompleteRead (tried again) when the server sent less than its Content-Length.

    http.client says so itself only for a chunked answer: one cut short with its length
    given ends as if it were whole.
    """
    missing = getattr(response, "length", None)
    if missing:
        raise http.client.IncompleteRead(got if isinstance(got, bytes) else b"", missing)


def _server_time(response: Any) -> dt.datetime:
    """Return the server's time by its Date header (ours when it sends none), to the second."""
    try:
        when = email.utils.parsedate_to_datetime(response.headers.get("Date", ""))
    except (TypeError, ValueError):
        when = dt.datetime.now(dt.UTC)
    when = when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).replace(microsecond=0)


def _error_message(exc: urllib.error.HTTPError) -> str:
    """Return what an error answer says: its JSON error message, else the start of its text."""
    try:
        body = exc.read(64 * 1024)
    except (OSError, http.client.HTTPException):
        return ""
    try:
        said = json.loads(body)
    except (ValueError, RecursionError):
        return _start(body) if body.strip() else ""
    error = said.get("error", said) if isinstance(said, dict) else said
    message = error.get("message") if isinstance(error, dict) else error
    return _cut(str(message)) if message else ""


def _said(text: str) -> str:
    return f' ("{text}")' if text else ""


def _start(body: bytes) -> str:
    text = " ".join(body[: _SHOWN * 4].decode("utf-8", errors="replace").split())
    return f'it starts "{_cut(text)}"' if text else "it is empty"


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _shown_url(url: str) -> str:
    return url if len(url) <= 200 else url[:197] + "..."


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"
