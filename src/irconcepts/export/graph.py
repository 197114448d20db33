"""The see-also graph: entries as nodes (with their theme), 'see also' references as directed edges; as DOT
(Graphviz, themes as clusters), Mermaid (Obsidian and GitHub draw it, themes as subgraphs), GraphML (Gephi,
yEd, with theme and summary as node attributes) or JSON."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Entry
from ..text import normalise
from ..vocab import THEMES

GRAPH_FORMATS = ("dot", "mermaid", "graphml", "json")


@dataclass(frozen=True)
class Node:
    term: str
    theme: str
    summary: str


@dataclass
class Graph:
    nodes: list[Node] = field(default_factory=list)  # sorted by theme order, then term
    edges: list[tuple[str, str]] = field(default_factory=list)  # (from, to) by headword, sorted

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: {"nodes": [{"id", "theme", "summary"}], "edges": [{"source", "target"}]}."""
        return {
            "nodes": [{"id": n.term, "theme": n.theme, "summary": n.summary} for n in self.nodes],
            "edges": [{"source": a, "target": b} for a, b in self.edges],
        }


def _order(node: Node) -> tuple[int, str]:
    return (THEMES.index(node.theme) if node.theme in THEMES else len(THEMES), normalise(node.term))


def see_also_graph(entries: Iterable[Entry], every_entry: Iterable[Entry]) -> Graph:
    """The graph of `entries`; a see-also name (an alias, another case) is read as the headword it names,
    and an edge to an entry that is not in `entries` is left out."""
    chosen = list(entries)
    headword = {}
    for entry in every_entry:
        for name in (entry.term, *entry.aliases, *entry.covers):
            headword.setdefault(normalise(name), entry.term)
    present = {e.term for e in chosen}
    edges = set()
    for entry in chosen:
        for name in entry.see_also:
            target = headword.get(normalise(name))
            if target in present and target != entry.term:
                edges.add((entry.term, target))
    nodes = sorted((Node(e.term, e.theme, e.summary) for e in chosen), key=_order)
    return Graph(nodes, sorted(edges, key=lambda e: (normalise(e[0]), normalise(e[1]))))


def neighbourhood(graph: Graph, term: str, depth: int) -> Graph:
    """The entries within `depth` steps of `term`, following see-also references either way."""
    around: dict[str, set[str]] = {n.term: set() for n in graph.nodes}
    for a, b in graph.edges:
        around[a].add(b)
        around[b].add(a)
    seen = {term: 0}
    queue = deque([term])
    while queue:
        current = queue.popleft()
        if seen[current] == depth:
            continue
        for other in sorted(around.get(current, ())):
            if other not in seen:
                seen[other] = seen[current] + 1
                queue.append(other)
    return Graph(
        [n for n in graph.nodes if n.term in seen], [(a, b) for a, b in graph.edges if a in seen and b in seen]
    )


def render(graph: Graph, fmt: str, *, title: str = "irconcepts") -> str:
    return {"dot": dot, "mermaid": mermaid, "graphml": graphml, "json": as_json}[fmt](graph, title)


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot(graph: Graph, title: str) -> str:
    out = [f"digraph {_dot_quote(title)} {{", "  rankdir=LR;", "  node [shape=box, style=rounded];"]
    for number, theme in enumerate(THEMES):
        members = [n for n in graph.nodes if n.theme == theme]
        if not members:
            continue
        out.append(f"  subgraph cluster_{number} {{")
        out.append(f"    label={_dot_quote(theme)};")
        out += [f"    {_dot_quote(n.term)} [tooltip={_dot_quote(n.summary)}];" for n in members]
        out.append("  }")
    out += [f"  {_dot_quote(a)} -> {_dot_quote(b)};" for a, b in graph.edges]
    out.append("}")
    return "\n".join(out) + "\n"


def _mermaid_label(text: str) -> str:
    # Mermaid's own entity for a quote; brackets and the rest are safe inside a quoted label
    return '"' + text.replace('"', "#quot;").replace("\n", " ") + '"'


def mermaid(graph: Graph, title: str, *, focus: str | None = None) -> str:
    """A Mermaid flowchart; nodes get short ids (n1, n2, ...) since a headword is not a valid id. The `focus`
    node, the concept a neighbourhood is drawn around, is outlined."""
    ids = {n.term: f"n{i}" for i, n in enumerate(graph.nodes, 1)}
    out = ["flowchart LR"]
    for number, theme in enumerate(THEMES):
        members = [n for n in graph.nodes if n.theme == theme]
        if not members:
            continue
        out.append(f"  subgraph t{number}[{_mermaid_label(theme)}]")
        out += [f"    {ids[n.term]}[{_mermaid_label(n.term)}]" for n in members]
        out.append("  end")
    out += [f"  {ids[a]} --> {ids[b]}" for a, b in graph.edges]
    if focus in ids:
        out += ["  classDef focus stroke-width:4px", f"  class {ids[focus]} focus"]
    return "\n".join(out) + "\n"


def fenced_mermaid(graph: Graph, *, focus: str | None = None) -> str:
    """Mermaid in a Markdown code fence: a note in Obsidian or a page on GitHub draws it."""
    return "```mermaid\n" + mermaid(graph, "irconcepts", focus=focus) + "```\n"


def graphml(graph: Graph, title: str) -> str:
    from xml.etree import ElementTree as ET

    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for key, name in (("d0", "theme"), ("d1", "summary")):
        ET.SubElement(root, "key", {"id": key, "for": "node", "attr.name": name, "attr.type": "string"})
    body = ET.SubElement(root, "graph", id=title, edgedefault="directed")
    for node in graph.nodes:
        element = ET.SubElement(body, "node", id=node.term)
        ET.SubElement(element, "data", key="d0").text = node.theme
        ET.SubElement(element, "data", key="d1").text = node.summary
    for number, (a, b) in enumerate(graph.edges):
        ET.SubElement(body, "edge", id=f"e{number}", source=a, target=b)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def as_json(graph: Graph, title: str) -> str:
    return json.dumps(graph.to_dict(), ensure_ascii=False, indent=2) + "\n"
