"""The decision tree as an SVG flowchart, laid out at build time (no browser-side library).

A layered layout: each node sits in the row of its longest distance from the start (a full
row, of ROW_BOXES boxes, passes later boxes on to the next row); an edge
that skips rows passes through narrow placeholder slots so it does not cross other boxes;
within a row, nodes are ordered by the mean position of the nodes that lead to them.
Questions are rounded boxes, outcomes have a thick border; the answer that leads to a box is
a tag right above it. Python computes the positions (`layout`); the markup is the template
overrides/omringd/tree-diagram.html. Every line knows the language of its words, so Dutch
words on another language's page get their own `lang`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from omringd.core.jinja import render
from omringd.core.languages import Language
from omringd.tree.model import Tree

# Narrow boxes and tall rows: the widest row (five regional teams) sets the scale when the
# drawing is printed across the A4 text width (182 mm), so its text prints at about 9 pt.
BOX_W = 124
DUMMY_W = 16
GAP_X = 18
LINE_H = 15
PAD = 8
ROW_GAP = 30
TAG_CHARS = 19  # a tag at most as wide as a box and its gap, so neighbouring tags never touch
FONT = 12.5
CHARS = 16  # about what fits in BOX_W at FONT
# At most this many boxes side by side: a wider row moves its later boxes to the next row, so
# the drawing stays narrow enough for A4 however many regional outcomes the tree has.
ROW_BOXES = 5


@dataclass(frozen=True)
class Line:
    """One line of text, centred on `x` with its baseline at `y`; `lang` of its words."""

    x: float
    y: float
    text: str
    lang: str

    @property
    def direction(self) -> str:
        """'rtl' or 'ltr': SVG text has the `direction` property, not HTML's `dir`."""
        return Language(self.lang, "").dir


@dataclass(frozen=True)
class Box:
    """A node: a rectangle linking to the node's page, with its short text in lines."""

    href: str
    x: float
    y: float
    width: float
    height: float
    outcome: bool
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Tag:
    """The answer that leads to a node, in a small frame right above it."""

    x: float
    y: float
    width: float
    height: float
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Layout:
    """Everything the template draws, in SVG user units (`font` is the text size).

    `lang` is the page's language: lines in another language are marked as such.
    """

    lang: str
    width: float
    height: float
    font: float
    edges: tuple[str, ...]  # path data of each edge, source to target
    tags: tuple[Tag, ...]
    boxes: tuple[Box, ...]


@dataclass
class _Slot:
    """Working state of one box or edge placeholder while the rows are laid out."""

    key: str
    width: float
    lines: list[str] = field(default_factory=list)
    height: float = 0
    x: float = 0  # centre
    y: float = 0  # top
    node: str | None = None
    lang: str = ""


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False) or [""]


def _tag_lines(answers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The lines of an answer tag, each with its language; answers in one language share lines."""
    if len({code for _, code in answers}) == 1:
        code = answers[0][1]
        return [(line, code) for line in _wrap(" / ".join(t for t, _ in answers), TAG_CHARS)]
    return [(line, code) for text, code in answers for line in _wrap(text, TAG_CHARS)]


def _curve(points: list[tuple[float, float]]) -> str:
    """Path data through `points`, each leg an S-curve that leaves and arrives vertically."""
    d = f"M{points[0][0]:.1f} {points[0][1]:.1f}"
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        my = (y0 + y1) / 2
        d += f" C{x0:.1f} {my:.1f} {x1:.1f} {my:.1f} {x1:.1f} {y1:.1f}"
    return d


Answers = dict[str, list[tuple[str, str]]]  # node: (short answer, its language)


def _rows(
    tree: Tree, lang: str, depth: dict[str, int]
) -> tuple[list[list[_Slot]], dict[str, _Slot]]:
    """A box slot for every node, in the row of its depth."""
    rows: list[list[_Slot]] = [[] for _ in range(max(depth.values()) + 1)]
    slots: dict[str, _Slot] = {}
    for node_id in tree.topological_order():
        text = tree.text(node_id, lang)
        slot = _Slot(node_id, BOX_W, _wrap(text.short, CHARS), node=node_id, lang=text.lang)
        slot.height = len(slot.lines) * LINE_H + 2 * PAD
        slots[node_id] = slot
        rows[depth[node_id]].append(slot)
    return rows, slots


def _chains(
    tree: Tree,
    lang: str,
    depth: dict[str, int],
    rows: list[list[_Slot]],
    slots: dict[str, _Slot],
) -> tuple[list[list[_Slot]], Answers]:
    """Each edge as a chain of slots, and the answers that lead to each node.

    A chain is the source, placeholders in the rows it skips (shared by the edges of one
    question, so they run as one bundle), the target.
    """
    chains: list[list[_Slot]] = []
    answers: Answers = {}
    for q, o, nxt in tree.edges():
        chain = [slots[q]]
        for r in range(depth[q] + 1, depth[nxt]):
            key = f"{q}/{r}"
            if key not in slots:
                slots[key] = _Slot(key, DUMMY_W)
                rows[r].append(slots[key])
            chain.append(slots[key])
        chain.append(slots[nxt])
        chains.append(chain)
        words = tree.text(q, lang)
        answer = (words.options[o].short, words.lang)
        if answer not in answers.setdefault(nxt, []):
            answers[nxt].append(answer)
    return chains, answers


def _order_rows(tree: Tree, rows: list[list[_Slot]], chains: list[list[_Slot]]) -> None:
    """Order each row by the mean index of its slots' predecessors in the row above."""
    # File order first, so ties keep the order editors wrote (the regions, for example).
    order = {node_id: i for i, node_id in enumerate(tree.nodes)}
    for row in rows:
        row.sort(key=lambda s: order.get(s.node or "", len(order)))
    preds: dict[str, list[_Slot]] = {}
    for chain in chains:
        for a, b in zip(chain, chain[1:], strict=False):
            preds.setdefault(b.key, []).append(a)
    # Top-down; two sweeps settle a tree of this size.
    for _ in range(2):
        for r in range(1, len(rows)):
            index = {s.key: i for i, s in enumerate(rows[r - 1])}

            def bary(s: _Slot, index: dict[str, int] = index) -> float:
                ps = [index[p.key] for p in preds.get(s.key, []) if p.key in index]
                return sum(ps) / len(ps) if ps else 0.0

            rows[r].sort(key=bary)


def _place(rows: list[list[_Slot]], tags: dict[str, list[tuple[str, str]]]) -> tuple[float, float]:
    """Give every slot its x and y, each row centred and lowered by its tallest tag.

    Returns the drawing's width and height.
    """
    widths = [sum(s.width for s in row) + GAP_X * (len(row) - 1) for row in rows]
    total_w = max(widths) + 2 * GAP_X
    y = GAP_X
    for row, w in zip(rows, widths, strict=True):
        x = (total_w - w) / 2
        tag_h = max((len(tags.get(s.key, [])) * LINE_H for s in row), default=0)
        y += tag_h
        row_h = max((s.height for s in row if s.node), default=LINE_H)
        for s in row:
            s.x = x + s.width / 2
            s.height = s.height or row_h
            s.y = y + (row_h - s.height) / 2 if s.node else y - tag_h
            if not s.node:
                s.height = row_h + tag_h
            x += s.width + GAP_X
        y += row_h + ROW_GAP
    return total_w, y - ROW_GAP + GAP_X


def _edges(chains: list[list[_Slot]], tags: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Path data of every edge, from the bottom of its source to the top of the target's tag."""
    edges = []
    for chain in chains:
        target = chain[-1]
        tag_top = target.y - len(tags[target.key]) * LINE_H - 4
        points = [(chain[0].x, chain[0].y + chain[0].height)]
        for s in chain[1:-1]:
            points += [(s.x, s.y), (s.x, s.y + s.height)]
        points.append((target.x, tag_top - 1))
        edges.append(_curve(points))
    return edges


def _tags(tags: dict[str, list[tuple[str, str]]], slots: dict[str, _Slot]) -> list[Tag]:
    """The answer tag right above each node that an answer leads to."""
    tag_list = []
    for node_id, lines in tags.items():
        s = slots[node_id]
        top = s.y - len(lines) * LINE_H - 4
        lw = max(len(line) for line, _ in lines) * FONT * 0.56 + 8
        tag_list.append(
            Tag(
                x=s.x - lw / 2,
                y=top,
                width=lw,
                height=len(lines) * LINE_H + 3,
                lines=tuple(
                    Line(s.x, top + LINE_H * (i + 0.8), t, code)
                    for i, (t, code) in enumerate(lines)
                ),
            )
        )
    return tag_list


def _boxes(tree: Tree, slots: dict[str, _Slot], href: Callable[[str], str]) -> list[Box]:
    """A box for every node slot (the placeholders are not drawn)."""
    boxes = []
    for s in slots.values():
        if s.node is None:
            continue
        boxes.append(
            Box(
                href=href(s.node),
                x=s.x - s.width / 2,
                y=s.y,
                width=s.width,
                height=s.height,
                outcome=not tree.nodes[s.node].is_question,
                lines=tuple(
                    Line(s.x, s.y + PAD + LINE_H * (i + 0.78), t, s.lang)
                    for i, t in enumerate(s.lines)
                ),
            )
        )
    return boxes


def rows_of(tree: Tree, width: int = ROW_BOXES) -> dict[str, int]:
    """The row of every node: below every node that leads to it, at most `width` per row.

    Nodes are placed by their longest distance from the start, questions before outcomes and
    then in file order; a node that finds its row full goes to the next one (its edges pass
    the rows in between through placeholders, as any edge that skips rows).
    """
    depth = tree.depths()
    order = {node_id: i for i, node_id in enumerate(tree.nodes)}
    preds: dict[str, list[str]] = {}
    for q, _, nxt in tree.edges():
        preds.setdefault(nxt, []).append(q)
    row: dict[str, int] = {}
    used: dict[int, int] = {}
    for node_id in sorted(
        tree.nodes,
        key=lambda n: (depth[n], not tree.nodes[n].is_question, order[n]),
    ):
        r = max((row[p] + 1 for p in preds.get(node_id, [])), default=0)
        while used.get(r, 0) >= width:
            r += 1
        row[node_id] = r
        used[r] = used.get(r, 0) + 1
    return row


def layout(tree: Tree, lang: str, href: Callable[[str], str]) -> Layout:
    """Where every box, answer tag and edge of the diagram goes, for `lang`."""
    depth = rows_of(tree, ROW_BOXES)
    rows, slots = _rows(tree, lang, depth)
    chains, answers = _chains(tree, lang, depth, rows, slots)
    _order_rows(tree, rows, chains)
    # The answer that leads to a node is a tag right above it: every edge into a node carries
    # the same answer in this tree (a join repeats it), so it is written once.
    tags = {n: _tag_lines(a) for n, a in answers.items()}
    width, height = _place(rows, tags)
    return Layout(
        lang,
        width,
        height,
        FONT,
        tuple(_edges(chains, tags)),
        tuple(_tags(tags, slots)),
        tuple(_boxes(tree, slots, href)),
    )


def diagram(tree: Tree, lang: str, href: Callable[[str], str], *, title: str, desc: str) -> str:
    """The SVG markup; every box links to the node's page."""
    return render("tree-diagram.html", d=layout(tree, lang, href), title=title, desc=desc)
