"""Error types. Every message is Chinese, says what was wrong and what to do."""


class PlanError(Exception):
    """Base class: str(error) is the message shown to the user."""


class InputError(PlanError):
    """The user's input (coordinates, file, ID, question) cannot be understood."""


class DataError(PlanError):
    """Layer or corpus data is missing, stale or inconsistent."""


class ImportFailed(PlanError):
    """A real-data import was refused; the previous database is untouched."""


class QueryError(PlanError):
    """A named SQL statement failed, timed out or is unknown."""


class LLMError(PlanError):
    """The optional LLM endpoint failed; callers fall back to the extractive answer."""
