"""Command: ``review`` (the review page, or the local editor)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from align.cli.app import app
from align.cli.common import console
from align.cli.exporting import shown_warnings
from align.core.errors import UsageError


@app.command()
def review(
    bitext: Path = typer.Argument(..., metavar="BITEXT", help="A bitext: .tmx .jsonl .xlsx .tsv .csv (as bitext writes them)."),
    html: Optional[Path] = typer.Option(None, "--html", help="Write the static review page here (one file, no network)."),
    serve: bool = typer.Option(False, "--serve", help="Start the editor on 127.0.0.1 and open it in the browser."),
    port: int = typer.Option(0, "--port", min=0, max=65535, help="--serve: the port (default: a free one, printed)."),
    no_browser: bool = typer.Option(False, "--no-browser", help="--serve: print the address, do not open a browser."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="--serve: where Save writes (default NAME.reviewed.EXT beside BITEXT), plus NAME.jsonl and NAME.edits.jsonl."
    ),
    glossary: Optional[Path] = typer.Option(None, "-g", "--glossary", help="Highlight this glossary's findings (.tsv .csv .xlsx .tbx)."),
    fmt: Optional[str] = typer.Option(None, "--from", help="BITEXT's format when its extension does not say."),
    force: bool = typer.Option(False, "--force", help="Overwrite the page or the editor's output if it exists."),
) -> None:
    """Review an alignment in the browser: a static page (--html) or a local editor (--serve).

    The page shows one row per bead, Chinese and English side by side, coloured by confidence, with reason codes and glossary findings highlighted. Click a counter (bead type, confidence band, omissions, findings) to filter; sort by confidence; search the texts (产业 finds 產業); j/k move between beads.

    The editor adds: merge with the next bead (m), split at a sentence boundary (s), move a boundary sentence to the neighbouring bead ([ ] for Chinese, { } for English), mark reviewed (r) or rejected (x), note (e), undo/redo (u/U), save (Ctrl+S). Save writes the corrected bitext atomically in -o's format plus a JSONL copy, and appends the edits to NAME.edits.jsonl; the reviewer's mark goes into every export (TMX prop x-reviewed, a 'reviewed' column in TSV/XLSX). The server listens on 127.0.0.1 only and refuses writes without the page's session token or from another origin.

    Examples:
      [bold]bitext review exports/x.tmx --html review.html[/bold]
      [bold]bitext review exports/x.tmx --html review.html -g terms.tsv[/bold]   findings highlighted
      [bold]bitext review exports/x.jsonl --serve[/bold]                         saves to exports/x.reviewed.jsonl
      [bold]bitext review x.tmx --serve --port 8765 --no-browser -o fixed.tmx[/bold]
    """
    from align.review.start import open_editor, review_page

    if html is None and not serve:
        raise UsageError("say what to do: --html OUT.html (a page) or --serve (the editor)")
    termbase = None
    if glossary is not None:
        from glossary.termbase import TermBase

        termbase = TermBase.read(glossary)
    with shown_warnings():
        if html is not None:
            count = review_page(bitext, html, force=force, termbase=termbase, fmt=fmt)
            console.print(f"wrote {html} ({count} beads)", highlight=False, soft_wrap=True)
        if not serve:
            return
        server = open_editor(bitext, output, force=force, termbase=termbase, fmt=fmt, port=port)
    session = server.session
    console.print(f"editing {bitext} ({len(session.beads)} beads); Save writes {session.output}", highlight=False, soft_wrap=True)
    console.print(f"open {server.url}  (Ctrl+C to stop)", highlight=False, soft_wrap=True)
    if not no_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        unsaved = session.state()["unsaved"]
        if unsaved:
            console.print(f"stopped with {unsaved} unsaved change(s)", highlight=False)
