"""The completion scripts for bash, zsh and fish, and where --install-completion puts them.

Each asks the program for candidates through Typer's protocol (_IRCONCEPTS_COMPLETE=complete_SHELL), adding
_IRCONCEPTS_PROTOCOL=2 and the raw line up to the cursor so that complete.py can continue multi-word terms
and quote them for the shell. One process per Tab in every shell.
"""

from __future__ import annotations

import os
from pathlib import Path

from .vocab import SHELLS

BASH = r"""# irconcepts completion for bash. Load it with:  eval "$(irconcepts completion bash)"
_irconcepts_completion() {
    local IFS=$'\n' reply
    # $2 is the part of the word that readline will replace; the whole line lets the program see quotes.
    reply=$(env _IRCONCEPTS_COMPLETE=complete_bash _IRCONCEPTS_PROTOCOL=2 \
        _IRCONCEPTS_COMP_LINE="${COMP_LINE:0:COMP_POINT}" _IRCONCEPTS_COMP_CUR="$2" \
        COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" "$1" 2>/dev/null)
    COMPREPLY=()
    # mapfile, not COMPREPLY=( $(...) ): candidates are taken whole, never split or glob-expanded.
    [[ -n $reply ]] && mapfile -t COMPREPLY <<<"$reply"
    return 0
}
complete -F _irconcepts_completion irconcepts
"""

ZSH = r"""#compdef irconcepts
# irconcepts completion for zsh. Load it with:  eval "$(irconcepts completion zsh)"
# or save it as a file named _irconcepts in a directory on $fpath.
_irconcepts() {
    local reply mode line
    local -a values displays
    reply=$(env _IRCONCEPTS_COMPLETE=complete_zsh _IRCONCEPTS_PROTOCOL=2 \
        _IRCONCEPTS_COMP_LINE="${BUFFER[1,CURSOR]}" _TYPER_COMPLETE_ARGS="${words[1,CURRENT]}" \
        "${words[1]}" 2>/dev/null)
    local -a lines
    lines=("${(@f)reply}")
    mode=${lines[1]}
    for line in "${(@)lines[2,-1]}"; do
        [[ -z $line ]] && continue
        values+=("${line%%$'\t'*}")
        displays+=("${line%%$'\t'*}  -- ${line#*$'\t'}")
    done
    (( ${#values} )) || return 1
    if [[ $mode == -U ]]; then
        # Some candidates differ from what was typed in case or accents: take them as they are.
        compadd -U -l -d displays -a values
    else
        compadd -M 'm:{a-zA-Z}={A-Za-z}' -l -d displays -a values
    fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    # autoloaded from $fpath on the first Tab: complete now, not only on the next Tab
    _irconcepts "$@"
else
    compdef _irconcepts irconcepts
fi
"""

FISH = r"""# irconcepts completion for fish. Load it with:  irconcepts completion fish | source
complete --command irconcepts --erase
complete --command irconcepts --no-files --arguments "(env _IRCONCEPTS_COMPLETE=complete_fish _IRCONCEPTS_PROTOCOL=2 _TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) irconcepts 2>/dev/null)"
"""  # noqa: E501

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}


def script(shell: str) -> str:
    return SCRIPTS[shell]


def detect_shell(env: dict[str, str] | None = None) -> str | None:
    env = dict(os.environ) if env is None else env
    name = Path(env.get("SHELL", "")).name
    return name if name in SHELLS else None


def install(shell: str, home: Path | None = None) -> list[Path]:
    """Write the script where the shell finds it; returns the files written or changed."""
    home = Path.home() if home is None else home
    changed: list[Path] = []
    if shell == "bash":
        target = home / ".bash_completions" / "irconcepts.sh"
        rc, line = home / ".bashrc", f"source {target}"
    elif shell == "zsh":
        target = home / ".zfunc" / "_irconcepts"
        rc, line = home / ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"
    else:
        target = home / ".config" / "fish" / "completions" / "irconcepts.fish"
        rc, line = None, ""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script(shell), encoding="utf-8")
    changed.append(target)
    if rc is not None:
        existing = rc.read_text(encoding="utf-8") if rc.exists() else ""
        if line not in existing:
            # Appended, never rewritten: the user's own lines stay as they were.
            with rc.open("a", encoding="utf-8") as handle:
                handle.write(("" if existing.endswith("\n") or not existing else "\n") + line + "\n")
            changed.append(rc)
    return changed
