"""Exit codes, and the errors raised below the CLI; actions.report turns them into messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Problem

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a command ended by SIGINT
EXIT_WRITE = 4  # an export could not be written, or would have replaced a file the user changed


class IrconceptsError(Exception):
    exit_code = 1


class DataError(IrconceptsError):
    """The glossary data is invalid; holds every problem found, each with file and line."""

    exit_code = EXIT_DATA

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


EXIT_STATE = 5  # the study database cannot be opened or written (locked, read-only, from a newer version)


class StudyStateError(IrconceptsError):
    """The study database cannot be used; the message names the file and what to do. Nothing is deleted."""

    exit_code = EXIT_STATE


class WriteError(IrconceptsError):
    """An export could not write its files; the message names the path and what to do."""

    exit_code = EXIT_WRITE


class OutputError(IrconceptsError):
    """stdout cannot be written: closed, or the disk is full. The run ends with exit 4 and one line on stderr."""

    exit_code = EXIT_WRITE
