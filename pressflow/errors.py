"""Every error pressflow raises on purpose derives from :class:`PressflowError`.

The tree, so callers can catch exactly what they can handle::

    PressflowError
      ConfigError            sources.yaml, settings: carries file, line, field
      GlossaryError          a glossary line that cannot be used: file, line
      MemoryFileError        a TMX file that cannot be read as translation memory: file, line
      SourceError            one source failed; the run goes on with the others
        FetchError           network, HTTP status, size cap, timeout, robots.txt
          SiteUnreachable    DNS failure, connection refused or timed out
          AddressRefusedError  an address inside (loopback, private, metadata) refused
        FeedParseError       not a feed, or a feed too broken to read
        ExtractionError      a page with no usable article text
      StoreError             the database cannot be opened or written
      EditorialError         an editor's decision that cannot apply (unknown story, ...)
      RunLocked              another `pressflow run` holds the lock
      ModelError             a translation package cannot be installed, found or removed
      EngineError            a translation engine failed on a batch (the article gets `error`)

:func:`exit_code_for` is the one place an error becomes an exit status; the CLI prints the
message and exits with it. Nothing else is caught silently.
"""

from __future__ import annotations


class PressflowError(Exception):
    """Base class: anything pressflow reports as a clear, expected failure."""


class ConfigError(PressflowError):
    """A configuration file is invalid; the message names file, line and field."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.path, self.line, self.field = path, line, field
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")
        self.reason = message


class GlossaryError(ConfigError):
    """A glossary file or line is unusable."""


class MemoryFileError(ConfigError):
    """A TMX file is unusable as translation memory (not XML, not TMX, too large, a DTD
    entity); the message names the file and the line."""


class SourceError(PressflowError):
    """One source failed; carries the source name so the report can say which."""

    def __init__(self, message: str, *, source: str | None = None, url: str | None = None,
                 status_code: int | None = None) -> None:
        self.source, self.url, self.status_code = source, url, status_code
        self.reason = message
        super().__init__(message)


class FetchError(SourceError):
    """The document could not be fetched (network, HTTP status, size, time, robots)."""


class SiteUnreachable(FetchError):
    """No connection to the site at all: its name does not resolve, or it refuses or never
    answers a connection. Nothing about robots.txt or the page can be known."""


class AddressRefusedError(FetchError):
    """A request would connect to a loopback, private, link-local or reserved address that
    no person allowed (see :mod:`pressflow.crawl.address_guard`)."""


class FeedParseError(SourceError):
    """The document is not a feed pressflow can read."""


class ExtractionError(SourceError):
    """The page holds no article text pressflow can extract."""


class StoreError(PressflowError):
    """The database cannot be opened, migrated or written."""


class EditorialError(PressflowError):
    """An editor's decision names a story or article that does not exist, or cannot apply."""


class RunLocked(PressflowError):
    """Another run holds the lock on this output folder."""


class ModelError(PressflowError):
    """A package cannot be installed, found or removed; the message says which and why."""


class EngineError(PressflowError):
    """A translation engine could not translate a batch (no route for the pair, a crash)."""


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def exit_code_for(exc: BaseException) -> int:
    """The exit status for an error: 2 for the operator's mistakes that nothing was written
    for (configuration, glossary, another run holding the lock), 1 for everything else."""
    if isinstance(exc, (ConfigError, RunLocked)):
        return EXIT_USAGE
    return EXIT_FAILED
