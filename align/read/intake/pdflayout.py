"""From positioned lines to paragraphs: reading order, running heads, line joining.

Coordinates are PDF points with y growing upwards (pdfminer's). Rules:
- *Order*: on each page, boxes that cross the middle are full width; the others
  belong to the left or right column. Between two full-width boxes the left
  column is read top to bottom, then the right one.
- *Margins*: a short box in the top or bottom 12% of a page is a page number
  when it reads like one (``12``, ``- 12 -``, ``Page 3 of 9``, ``xii``), a
  running header or footer when the same text (digits aside) sits in that
  margin on at least 30% of the pages and on two or more. Both stay in the
  text, marked as removals.
- *Paragraphs*: a line starts a new paragraph after a blank gap taller than a
  line or in another type size, never when it begins in lower case, and otherwise when the first word
  of it would have fitted at the end of the line before (so that break was the
  writer's, not the wrapping's: a paragraph's last line, a heading), or when
  it is indented after a line that ends a sentence. The same rule joins lines
  within a box and across boxes, columns and pages. ``exam-`` + ``ple`` becomes ``example``; the hyphen stays when
  the document writes the hyphenated word inside a line elsewhere and not the
  joined one, or when the first part is one that English compounds with a
  hyphen (``well-known``, ``self-evident``, ``twenty-one``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from align.read.intake.base import TextBuilder

_TERMINAL = tuple(".!?:;。！？：；…\"”’)）」』")
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—·|\[(]*(?:(?:page|p\.|第)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:/|of|页|頁)\s*\d{1,4})?\s*(?:页|頁)?[\s\-–—·|\])]*$", re.I
)
_HYPHENATED = re.compile(r"[A-Za-z]+-[A-Za-z]+")
_WORD = re.compile(r"[A-Za-z]+")
_COMPOUND_FIRST = frozenset(
    "well ill self non all half cross full high low long short so ever first second third part off on one two three four "
    "five six seven eight nine ten twenty thirty forty fifty sixty seventy eighty ninety anti post pre pro mid".split()
)
_MARGIN = 0.12


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass
class Page:
    width: float
    height: float
    boxes: list[list[Line]]


def _bounds(box: list[Line]) -> tuple[float, float, float, float]:
    return min(line.x0 for line in box), max(line.x1 for line in box), min(line.y0 for line in box), max(line.y1 for line in box)


def _places(page: Page) -> dict[int, str]:
    """``id(box)`` → ``header``/``footer`` (margins), ``full`` (crosses the middle), ``left`` or ``right``."""
    middle, margin = page.width / 2, page.width * 0.05
    places = {}
    for box in page.boxes:
        x0, x1, _, _ = _bounds(box)
        side = _margin_side(box, page)
        if side:
            places[id(box)] = side
        elif x0 < middle - margin and x1 > middle + margin:
            places[id(box)] = "full"
        else:
            places[id(box)] = "left" if (x0 + x1) / 2 < middle else "right"
    return places


def reading_order(page: Page) -> list[list[Line]]:
    places = _places(page)
    groups: dict[str, list[list[Line]]] = {"header": [], "footer": [], "full": [], "left": [], "right": []}
    for box in page.boxes:
        groups[places[id(box)]].append(box)
    full = sorted(groups["full"], key=lambda b: -_bounds(b)[3])

    def segment(box) -> int:
        top = _bounds(box)[3]
        return sum(1 for f in full if _bounds(f)[3] > top)

    ordered: list[list[Line]] = sorted(groups["header"], key=lambda b: -_bounds(b)[3])
    for number in range(len(full) + 1):
        for column in (groups["left"], groups["right"]):
            ordered.extend(sorted((b for b in column if segment(b) == number), key=lambda b: -_bounds(b)[3]))
        if number < len(full):
            ordered.append(full[number])
    return ordered + sorted(groups["footer"], key=lambda b: -_bounds(b)[3])


def _margin_side(box: list[Line], page: Page) -> str | None:
    _, _, y0, y1 = _bounds(box)
    if sum(len(line.text) for line in box) > 160:
        return None
    if y0 > page.height * (1 - _MARGIN):
        return "header"
    if y1 < page.height * _MARGIN:
        return "footer"
    return None


def _key(box: list[Line]) -> str:
    return re.sub(r"\d+", "#", " ".join(" ".join(line.text.split()) for line in box).lower())


def margin_rules(pages: list[Page]) -> dict[int, str]:
    """``id(box)`` → removal rule for page numbers and running headers/footers."""
    seen: Counter = Counter()
    for page in pages:
        for key in {(_margin_side(b, page), _key(b)) for b in page.boxes if _margin_side(b, page)}:
            seen[key] += 1
    needed = max(2, math.ceil(0.3 * len(pages)))
    rules = {}
    for page in pages:
        for box in page.boxes:
            side = _margin_side(box, page)
            if side is None:
                continue
            if _PAGE_NUMBER.match(" ".join(line.text for line in box)):
                rules[id(box)] = "page-number"
            elif seen[(side, _key(box))] >= needed:
                rules[id(box)] = f"running-{side}"
    return rules


def _room_for_next_word(previous: Line, line: Line, edge: float) -> bool:
    """Whether the first word of ``line`` would have fitted at the end of ``previous``: then the break
    was the writer's (a paragraph's end), not the wrapping's. A Chinese "word" is one character."""
    start = line.text.lstrip()
    word = re.match(r"[A-Za-z0-9'’\-]+[^\sA-Za-z0-9]?", start)
    characters = len(word.group()) if word else 1
    per_character = (line.x1 - line.x0) / max(len(line.text.strip()), 1)
    return edge - previous.x1 > (characters + 1) * per_character


def _new_paragraph(previous: Line, line: Line, edge: float, below: bool, left: float) -> bool:
    """Whether ``line`` starts a paragraph after ``previous``. ``below``: it sits under ``previous`` in the
    same column (not at the top of the next column or page); ``left``: the column's left edge."""
    height = max(previous.y1 - previous.y0, 1.0)
    if below and previous.y0 - line.y1 > height:
        return True  # a blank line between them
    if abs(height - (line.y1 - line.y0)) > 0.15 * height:
        return True  # another type size: a heading, a caption, a footnote
    start = line.text.lstrip()
    if start[:1].islower() and start[:1].isascii():
        return False
    room = _room_for_next_word(previous, line, edge)
    if previous.text.rstrip().endswith(_TERMINAL):
        return room or (below and line.x0 > left + max(2.0, height * 0.8))  # a short last line, or an indent
    # A line that stops short without ending a sentence is a heading; one that runs to the edge is wrapped
    # (Chinese never starts a continuation in lower case).
    return room


def _box_paragraphs(box: list[Line], edge: float) -> list[list[Line]]:
    left = _bounds(box)[0]
    paragraphs = [[box[0]]]
    for previous, line in zip(box, box[1:]):
        if _new_paragraph(previous, line, edge, True, left):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _continues(previous: Line, following: Line, previous_edge: float, same_page: bool) -> bool:
    """Whether ``following`` (first line of a box) goes on with the paragraph that ``previous`` ends."""
    height = max(previous.y1 - previous.y0, 1.0)
    below = same_page and following.y1 <= previous.y0 + height / 2 and following.x0 < previous.x1 and following.x1 > previous.x0
    return not _new_paragraph(previous, following, previous_edge, below, min(previous.x0, following.x0))


def _keeps_hyphen(first: str, second: str, words: set[str]) -> bool:
    joined, compound = (first + second).lower(), f"{first}-{second}".lower()
    if joined in words:
        return False
    return compound in words or first.lower() in _COMPOUND_FIRST


def _join(lines: list[Line], words: set[str], builder: TextBuilder) -> str:
    text = lines[0].text.strip()
    for line in lines[1:]:
        following = line.text.strip()
        before = re.search(r"([A-Za-z]+)-$", text)
        after = re.match(r"[a-z]+", following)
        if before and after:
            if _keeps_hyphen(before.group(1), after.group(), words):
                text += following
            else:
                text = text[:-1] + following
                builder.skip("line-end-hyphen")
        else:
            text += "\n" + following
    return text


def _right_edges(page: Page) -> dict[int, float]:
    """``id(box)`` → the right edge of the text it stands in: the widest body box it overlaps, and on a
    two-column page only boxes of its own column (a full-width title must not widen the left column)."""
    places = _places(page)
    two_columns = "right" in places.values() and "left" in places.values()
    body = [(box, _bounds(box)) for box in page.boxes if places[id(box)] not in ("header", "footer")]
    edges = {}
    for box in page.boxes:
        x0, x1, _, _ = _bounds(box)
        place = places[id(box)]
        same = [b for other, b in body if b[0] < x1 and b[1] > x0 and (not two_columns or place == "full" or places[id(other)] == place)]
        edges[id(box)] = max([x1] + [b[1] for b in same])
    return edges


def build_text(pages: list[Page], builder: TextBuilder) -> None:
    """Add the document's paragraphs and marked margins to ``builder``, in reading order."""
    rules = margin_rules(pages)
    words = set()  # words and hyphenated words written inside lines
    for page in pages:
        for box in page.boxes:
            for line in box:
                inside = line.text.rstrip().rstrip("-")
                words.update(m.group().lower() for m in _HYPHENATED.finditer(inside))
                words.update(m.group().lower() for m in _WORD.finditer(inside))
    items: list[tuple[str, list[Line]]] = []  # (removal rule or "", lines)
    last_paragraph: list[Line] | None = None
    last_edge, last_page = 0.0, -1
    for number, page in enumerate(pages):
        edges = _right_edges(page)
        for box in reading_order(page):
            if id(box) in rules:
                items.append((rules[id(box)], box))
                continue
            paragraphs = _box_paragraphs(box, edges[id(box)])
            if last_paragraph is not None and _continues(last_paragraph[-1], paragraphs[0][0], last_edge, last_page == number):
                last_paragraph.extend(paragraphs.pop(0))
            for paragraph in paragraphs:
                items.append(("", paragraph))
            if paragraphs:
                last_paragraph = paragraphs[-1]
            last_edge, last_page = edges[id(box)], number
    for rule, lines in items:
        if rule:
            builder.add(" ".join(line.text.strip() for line in lines), removed_as=rule)
        else:
            builder.add(_join(lines, words, builder))
