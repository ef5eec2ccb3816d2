"""The review editor: correct an alignment bead by bead and save it (``bitext review FILE --serve``).

``edits`` holds the operations as pure functions on a list of beads (merge with
the next bead, split at a sentence boundary, move a boundary sentence to the
neighbouring bead, mark reviewed/rejected, note); ``session`` keeps the beads,
undo/redo, the edit log and the saves, behind one lock; ``server`` serves the
review page (align/formats/html.py) on 127.0.0.1 and turns its requests into
session calls. Nothing here needs a browser to be tested.
"""

from align.review.edits import EDITED, REVIEWED, check_editable, mark, merge, move, note, split
from align.review.session import ReviewSession

__all__ = ["EDITED", "REVIEWED", "ReviewSession", "check_editable", "mark", "merge", "move", "note", "split"]
