"""A forgiving shell-word splitter for a command line still being typed (open quotes allowed)."""

from __future__ import annotations

# Characters a bash word needs escaped to be read back as itself (COMP_WORDBREAKS included).
_BASH_SPECIAL = frozenset(" \t\n'\"\\$`!*?[](){}<>|&;#=:,~^")


class Word:
    __slots__ = ("quote", "raw", "text")

    def __init__(self, text: str, raw: str, quote: str | None = None) -> None:
        self.text = text  # the word as the program will receive it
        self.raw = raw  # the word as typed
        self.quote = quote  # the quote still open at its end, if any


def split(line: str) -> tuple[list[Word], Word]:
    """The finished words of `line`, and the word being typed at its end (empty after a space)."""
    words: list[Word] = []
    text: list[str] = []
    start = 0
    quote: str | None = None
    in_word = False
    i = 0
    while i < len(line):
        char = line[i]
        if quote == "'":
            if char == "'":
                quote = None
            else:
                text.append(char)
        elif quote == '"':
            if char == '"':
                quote = None
            elif char == "\\" and i + 1 < len(line) and line[i + 1] in '"\\$`':
                i += 1
                text.append(line[i])
            else:
                text.append(char)
        elif char in " \t\n":
            if in_word:
                words.append(Word("".join(text), line[start:i]))
                text, in_word = [], False
        else:
            if not in_word:
                start, in_word = i, True
            if char in "'\"":
                quote = char
            elif char == "\\" and i + 1 < len(line):
                i += 1
                text.append(line[i])
            elif char != "\\":
                text.append(char)
        i += 1
    current = Word("".join(text), line[start:] if in_word else "", quote) if in_word else Word("", "")
    return words, current


def bash_quote(text: str, quote: str | None) -> str:
    """`text` written so that bash reads it back, continuing inside `quote` if one is open."""
    if quote == "'":
        return text.replace("'", "'\\''")
    if quote == '"':
        return "".join("\\" + c if c in '"\\$`' else c for c in text)
    return "".join("\\" + c if c in _BASH_SPECIAL else c for c in text)
