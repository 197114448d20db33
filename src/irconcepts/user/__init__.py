"""The user's own layer: the config file, the personal glossary directory, and the editor that fills it.

dirs.py says where things are, config.py reads config.toml into Settings (with file:line problems),
personal.py lists, names and writes personal glossary files, editor.py runs $VISUAL/$EDITOR. None of them
prints: the edge (actions.py, actions_user.py) turns their results into messages and exit codes.
"""
