"""The one exception hierarchy of jdfix. The CLI maps every JdfixError to one line and exit code 2."""

from __future__ import annotations


class JdfixError(Exception):
    """Base of every error jdfix raises on purpose."""


class InputError(JdfixError):
    """A posting could not be read: missing, unreadable, binary, undecodable or too large."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotAPosting(InputError):
    """A readable file that holds no posting (a package.json beside the postings). An error when the
    file was named; skipped with a note when a folder walk found it."""


class RoleBookError(JdfixError):
    """A role-book file (built in or a team's own) is malformed."""


class ConfigError(JdfixError):
    """The configuration is invalid (unknown key, wrong type, bad value)."""
