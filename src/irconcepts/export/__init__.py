"""Whole-glossary outputs for students' other tools, one module a job.

names.py        headwords -> file-system-safe note names, and cross-references -> notes that exist
frontmatter.py  the YAML front matter of a note (Obsidian, Logseq, static-site generators)
obsidian.py     the vault: one note per entry and an index, as text (no I/O)
files.py        writing without losing anything: atomic replaces, a manifest of what was written
citations.py    further reading -> merged references with stable keys; bibtex, ris and csl-json text
flashcards.py   an Anki package (genanki) and a tab-separated deck
graph.py        the see-also graph as DOT, Mermaid, GraphML or JSON
single.py       the one-file exports (citations, flashcards, graph) as bytes

Each takes entries and returns data or text; only files.py and flashcards.py touch the disk, and nothing
here prints: actions.py reports.
"""
