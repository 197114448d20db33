"""The fixed vocabularies of the glossary and the CLI, in a module that imports nothing, so that the
fast paths (completion, plain lookups) can use them without loading the rest."""

THEMES: tuple[str, ...] = (
    "theory",
    "security",
    "foreign-policy-and-diplomacy",
    "institutions",
    "history-and-events",
    "political-economy",
    "law-and-ethics",
    "concepts-of-the-state",
)
SECTIONS: tuple[str, ...] = ("summary", "definition", "arguments", "cases", "related", "reading")
FORMATS: tuple[str, ...] = ("auto", "terminal", "markdown", "plain", "json")
COLORS: tuple[str, ...] = ("auto", "always", "never")
LINKS: tuple[str, ...] = ("wiki", "plain")
SHELLS: tuple[str, ...] = ("bash", "zsh", "fish")
QUIZ_MODES: tuple[str, ...] = ("recall", "name")
EXPORT_KINDS: tuple[str, ...] = ("obsidian", "bibtex", "ris", "csl-json", "anki", "csv", "graph")
CITE_FORMATS: tuple[str, ...] = ("bibtex", "ris", "csl-json")
GRAPH_FORMATS: tuple[str, ...] = ("dot", "mermaid", "graphml", "json")
RELATED_FORMATS: tuple[str, ...] = (*FORMATS, "mermaid")
CHECK_FORMATS: tuple[str, ...] = ("text", "json")
