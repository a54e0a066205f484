"""Error types raised by the library; each carries a message a user can act on."""

from __future__ import annotations


class OnrecordError(Exception):
    """Base class of every error onrecord raises on purpose."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\nHint: {self.hint}"


class InputError(OnrecordError):
    """An input file or line cannot be read as an article."""


class StoreError(OnrecordError):
    """The database cannot be opened or is of an unknown schema."""


class NotFoundError(OnrecordError):
    """A requested article, statement or speaker does not exist."""


class ModelError(OnrecordError):
    """The spaCy pipeline named in the settings cannot be loaded."""


class UsageError(OnrecordError):
    """A request that cannot be carried out as asked: an unknown value, a bad combination."""


class OutputError(OnrecordError):
    """An output file that is not written: it exists, is the database, or is a symlink."""


class SettingError(OnrecordError):
    """A setting (an ONRECORD_* environment variable) has a value onrecord cannot use."""
