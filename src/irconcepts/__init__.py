"""irconcepts: a command-line glossary of the key concepts of International Relations.

The library API works without the CLI (and imports neither Typer nor Rich):

    >>> from irconcepts import open_index, lookup
    >>> index = open_index()
    >>> lookup(index, "soverignty").best.matched
    'sovereignty'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # the one version source: pyproject.toml reads it from here

__all__ = ["__version__", "lookup", "open_index", "search"]

if TYPE_CHECKING:
    from .cache import open_index
    from .lookup import lookup
    from .search import search


def __getattr__(name: str) -> Any:
    # Lazy, so that `import irconcepts` stays cheap for the completion fast path.
    if name == "open_index":
        from .cache import open_index

        return open_index
    if name == "lookup":
        from .lookup import lookup

        return lookup
    if name == "search":
        from .search import search

        return search
    raise AttributeError(name)
