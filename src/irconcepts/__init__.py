"""irconcepts: a command-line glossary of the key concepts of International Relations.

The library works without the CLI (and imports neither Typer nor Rich):

    >>> from irconcepts.cache import open_index
    >>> from irconcepts.lookup import lookup
    >>> from irconcepts.search import search
    >>> index = open_index()
    >>> lookup(index, "soverignty").best.matched
    'sovereignty'
    >>> search(index, "oil embargo Italy")[0].term
    'Abyssinian crisis'

This module itself stays tiny, so that a Tab press, which imports it, pays nothing for it.
"""

__version__ = "0.1.0"  # the one version source: pyproject.toml reads it from here
