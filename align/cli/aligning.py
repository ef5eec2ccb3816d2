"""Commands: ``align`` (two documents -> beads with confidence) and ``evaluate`` (scores against gold)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from align.cli.app import app
from align.cli.common import console, err_console, print_json, warn


@app.command("align")
def align_command(
    zh: Optional[Path] = typer.Argument(None, help="The Chinese document (text, HTML, Word .docx, .odt, EPUB, PDF with a text layer, Markdown, .srt/.vtt subtitles, or one sentence per line with --presplit); or a folder of them."),
    en: Optional[Path] = typer.Argument(None, help="The English document; or a folder of them, paired with ZH's by file name."),
    output: Path = typer.Option(..., "--output", "-o", help="Output file; its extension picks the format (.tmx .tsv .csv .xlsx .jsonl .align, .zh/.en for Moses). In batch mode: the output folder."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="Output format when the extension does not say (batch mode: default tmx): tmx, tsv, csv, xlsx, jsonl, moses, align, html, xliff, po."),
    presplit: bool = typer.Option(False, "--presplit", help="Both inputs are one sentence per line (benchmark format); line numbers are sentence ids."),
    fast: bool = typer.Option(False, "--fast", help="No sentence embeddings: lexicon, length, numbers, names and cues only (about 5x faster, a little less accurate)."),
    glossary: Optional[Path] = typer.Option(None, "--glossary", help="A glossary (.tsv OmegaT, .csv, .xlsx, .tbx): its terms count as matches between the sides."),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", min=0.0, max=1.0, help="Write only beads whose confidence is at least this (e.g. 0.9). Default: 0.5 for TMX (a memory a CAT tool inserts from), none for the other formats."),
    penalty: Optional[Path] = typer.Option(None, "--penalty-tmx", metavar="FILE", help="TMX output: write the two-sided beads below --min-confidence to this second memory, for OmegaT's tm/penalty-NN/ folder. In batch mode: an existing folder, one FOLDER/<pair>.tmx per pair."),
    keep_omissions: bool = typer.Option(False, "--keep-omissions", help="TMX output: keep one-sided beads (left out of a memory by default)."),
    paragraphs: str = typer.Option("auto", "--paragraphs", help="auto: keep the paragraph boundaries both sides and the sentence alignment agree on; yes: trust every paragraph boundary (they correspond); no: ignore paragraphs."),
    zh_lang: Optional[str] = typer.Option(None, "--zh-lang", help="The Chinese side's language code, written in the output (e.g. zh-TW; default from the script); also says ZH is Chinese even when its characters look English (code, commands, terms)."),
    en_lang: Optional[str] = typer.Option(None, "--en-lang", help="The English side's language code (e.g. en-GB); also says EN is English whatever its characters look like."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the input encoding (e.g. gb18030) for both files; --zh-encoding/--en-encoding override it per side."),
    zh_encoding: Optional[str] = typer.Option(None, "--zh-encoding", help="The Chinese file's encoding (e.g. gb18030, big5, shift_jis); detected when omitted."),
    en_encoding: Optional[str] = typer.Option(None, "--en-encoding", help="The English file's encoding (e.g. cp1252, latin-1); detected when omitted."),
    pairs: Optional[Path] = typer.Option(None, "--pairs", help="Batch mode: a TSV of pairs, zh_path<TAB>en_path[<TAB>name] per line (paths relative to the TSV's folder); give no ZH EN then."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Batch mode: pairs aligned at once, one process each (default: every core; 1: in this process)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Batch mode: run the pairs on the Dask cluster whose scheduler is at this address (e.g. tcp://10.0.0.5:8786); needs bitext[dask]."),
    force: bool = typer.Option(False, "--force", help="Overwrite OUTPUT if it exists (batch mode: outputs bitext did not write or that were edited since); align even documents whose lengths are far from a translation's."),
    json: bool = typer.Option(False, "--json", help="Print a JSON summary instead of a table."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    realign: Optional[Path] = typer.Option(None, "--realign", help="Instead of ZH and EN: a bilingual file whose segments are paragraphs (.xlf, .po, .tmx, .tsv...), re-segmented into sentences and re-aligned."),
) -> None:
    """Align a Chinese document with its English translation and write the beads; or a whole folder of pairs.

    Every bead gets a calibrated confidence (probability it is exactly right) and
    reason codes. A document score near 0 means the two files are not translations
    of each other.

    [bold]Batch mode[/bold]: when ZH and EN are folders (or --pairs is given), every pair of
    same-named files (zh/001 with en/001; also a.zh.txt with a.en.txt) is aligned
    into OUTPUT/<name>.<ext>, on every core (--jobs) or a Dask cluster (--dask).
    A failed pair is reported and the others go on. A ledger in OUTPUT
    (.bitext-ledger) makes re-runs resume: a pair whose inputs, settings and
    outputs are unchanged is skipped; outputs bitext did not write, or that were
    edited since, are never replaced without --force. Exit code 0 when every pair
    worked; 2 when a pair failed; 3 when the only failures are refusals to overwrite.

    Examples:
      [bold]bitext align novel.zh.txt novel.en.txt -o novel.tmx[/bold]
      [bold]bitext align zh/001 en/001 --presplit -o 001.align[/bold]
      [bold]bitext align a.zh.txt a.en.txt -o a.xlsx --min-confidence 0.5 --fast[/bold]
      [bold]bitext align report.zh.docx report.en.pdf -o report.tmx[/bold]
      [bold]bitext align film.zh.srt film.en.srt -o film.tmx[/bold]   (cue timings kept as x-zh-start... props)
      [bold]bitext align --realign project.xlf -o sentences.tmx[/bold]   (paragraph segments → sentence beads)
      [bold]bitext align a.zh.txt a.en.txt -o tm/auto/a.tmx --penalty-tmx tm/penalty-30/a.tmx[/bold]
      [bold]bitext align mac-dev/zh mac-dev/en -o out/ --presplit --format align[/bold]
      [bold]bitext align zh/ en/ -o tm/auto/ --penalty-tmx tm/penalty-30/ --keep-omissions[/bold]
      [bold]bitext align --pairs pairs.tsv -o out/ --format xlsx --jobs 4[/bold]
      [bold]bitext align zh/ en/ -o out/ --dask tcp://scheduler:8786[/bold]
      [bold]bitext align manual.zh.txt manual.en.txt -o m.tmx --zh-encoding gb18030 --en-encoding cp1252[/bold]
      [bold]bitext align shell-guide.zh.md shell-guide.en.md -o g.tsv --zh-lang zh-CN[/bold]  (Chinese full of commands)
    """
    from align.aligner import AlignmentWarning
    from align.core.errors import UsageError
    from align.core.signature import Signature
    from align.read.reader import read_document

    if paragraphs not in ("auto", "yes", "no"):
        raise UsageError("--paragraphs takes auto, yes or no")
    zh_lang, en_lang, declared = languages(zh_lang, en_lang)
    zh_encoding, en_encoding = encodings(encoding, zh_encoding, en_encoding)
    if realign is not None:
        if zh is not None or en is not None or pairs is not None:
            raise UsageError("--realign takes one bilingual file instead of ZH and EN (or --pairs)")
        _realign(realign, output, fmt, fast, glossary, min_confidence, zh_lang, en_lang, force, json, quiet)
        return
    if pairs is not None or (zh is not None and zh.is_dir()) or (en is not None and en.is_dir()):
        from align.cli.batch import align_batch

        align_batch(zh, en, pairs, output, fmt=fmt, presplit=presplit, fast=fast, glossary=glossary,
                    penalty=penalty, keep_omissions=keep_omissions,
                    min_confidence=min_confidence, paragraphs=paragraphs, zh_lang=zh_lang, en_lang=en_lang,
                    zh_encoding=zh_encoding, en_encoding=en_encoding, jobs=jobs, dask=dask, force=force, json=json,
                    quiet=quiet)
        return
    if zh is None or en is None:
        raise UsageError("give the Chinese and the English document (or two folders, or --pairs PAIRS.tsv)")
    if jobs is not None or dask is not None:
        raise UsageError("--jobs and --dask are for batch mode (ZH and EN folders, or --pairs)")
    from align.cli.exporting import tmx_options
    from align.core.atomic import check_writable
    from align.formats import format_for
    from align.formats.registry import check_targets

    if output.is_dir():  # said before the format, which a folder's name cannot give
        check_writable(output, force)
    out_format = format_for(output, fmt)
    tmx = tmx_options(penalty, keep_omissions, None)
    if tmx and out_format != "tmx":
        raise UsageError("--penalty-tmx and --keep-omissions are for TMX output")
    check_targets(output, out_format, force)
    if penalty is not None:
        check_writable(penalty, force)
    if not force and zh.suffix.lower() == en.suffix.lower():  # a PDF's bytes say little about a .txt's
        from align.aligner.pairing import check_sizes

        check_sizes(zh.name, _size(zh), en.name, _size(en))
    zh_doc = read_document(zh, "zh", presplit=presplit, encoding=zh_encoding)
    en_doc = read_document(en, "en", presplit=presplit, encoding=en_encoding)
    glossary_obj = _load_glossary(glossary) if glossary else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AlignmentWarning)
        bitext = _run(zh_doc, en_doc, fast, glossary_obj, {"auto": "auto", "yes": True, "no": False}[paragraphs], quiet or json, force,
                      declared)
    for w in caught:
        if issubclass(w.category, AlignmentWarning):
            warn(str(w.message))
    if zh_lang:
        bitext.zh_lang = zh_lang
    if en_lang:
        bitext.en_lang = en_lang
    from align.cli.exporting import shown_warnings
    from align.formats import write_bitext

    with shown_warnings():
        written = write_bitext(bitext, output, fmt=out_format, force=force, min_confidence=min_confidence, **tmx)
    summary = _summary(bitext, output, written, str(Signature(bitext.signature)))
    if json:
        print_json(summary)
        return
    table = Table(show_header=False, box=None)
    for key, value in summary.items():
        if key == "kinds":
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        table.add_row(f"[bold]{key}[/bold]", str(value))
    console.print(table)


def languages(zh_lang: Optional[str], en_lang: Optional[str]) -> tuple[Optional[str], Optional[str], tuple[str, ...]]:
    """``--zh-lang``/``--en-lang`` as canonical codes (exit 4 for a code of the wrong language), and the sides they
    vouch for, whose language is then not second-guessed from the characters."""
    from align.formats.langcodes import chinese_code, english_code

    zh_code = chinese_code(zh_lang) if zh_lang else None
    en_code = english_code(en_lang) if en_lang else None
    return zh_code, en_code, tuple(side for side, code in (("zh", zh_code), ("en", en_code)) if code)


def encodings(both: Optional[str], zh: Optional[str], en: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """Each side's encoding (its own option, else ``--encoding``); an unknown name is bad usage (exit 4)."""
    import codecs

    from align.core.errors import UsageError

    for option, name in (("--encoding", both), ("--zh-encoding", zh), ("--en-encoding", en)):
        if name is not None:
            try:
                codecs.lookup(name)
            except LookupError:
                raise UsageError(f"{option} {name!r}: unknown encoding (e.g. utf-8, gb18030, big5, shift_jis, cp1252)") from None
    return zh or both, en or both


def _realign(source: Path, output: Path, fmt, fast, glossary, min_confidence, zh_lang, en_lang, force, json, quiet) -> None:
    from align.core.atomic import check_writable
    from align.core.signature import Signature
    from align.formats import format_for, write_bitext
    from align.job.realign import realign

    out_format = format_for(output, fmt)
    if out_format != "moses":
        check_writable(output, force)
    bitext = realign(source, fast=fast, glossary=_load_glossary(glossary) if glossary else None)
    bitext.zh_lang, bitext.en_lang = zh_lang or bitext.zh_lang, en_lang or bitext.en_lang
    written = write_bitext(bitext, output, fmt=out_format, force=force, min_confidence=min_confidence)
    summary = _summary(bitext, output, written, str(Signature(bitext.signature)))
    if json:
        print_json(summary)
        return
    if not quiet:
        console.print(f"re-aligned {bitext.details['realigned-from']} into {len(bitext.beads)} sentence beads")
    table = Table(show_header=False, box=None)
    for key, value in summary.items():
        table.add_row(f"[bold]{key}[/bold]", ", ".join(f"{k} {v}" for k, v in value.items()) if key == "kinds" else str(value))
    console.print(table)


def _run(zh_doc, en_doc, fast, glossary, paragraphs, quiet, allow_mismatch=False, declared=()):
    from align.aligner import align

    if quiet:
        return align(zh_doc, en_doc, fast=fast, glossary=glossary, paragraphs=paragraphs, allow_mismatch=allow_mismatch,
                     declared=declared)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task("reading", total=1)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=max(total, 1))

        return align(zh_doc, en_doc, fast=fast, glossary=glossary, paragraphs=paragraphs, progress=progress,
                     allow_mismatch=allow_mismatch, declared=declared)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it says what is wrong


def _load_glossary(path: Path):
    from glossary import TermBase

    return TermBase.read(path)


def _summary(bitext, output: Path, written: int, signature: str) -> dict:
    kinds: dict[str, int] = {}
    for bead in bitext.beads:
        kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
    known = [b.confidence for b in bitext.beads if b.confidence is not None]
    return {
        "output": str(output),
        "beads": len(bitext.beads),
        "written": written,
        "zh sentences": len(bitext.zh_doc) if bitext.zh_doc is not None else None,
        "en sentences": len(bitext.en_doc) if bitext.en_doc is not None else None,
        "kinds": dict(sorted(kinds.items(), key=lambda kv: -kv[1])),
        "confidence >= 0.9": sum(1 for c in known if c >= 0.9),
        "mean confidence": round(sum(known) / len(known), 3) if known else None,
        "document score": bitext.document_score,
        "paragraphs": _paragraphs(bitext.details),
        "signature": signature,
    }


def _paragraphs(details: dict[str, str]) -> str:
    """Whether the alignment followed the paragraphs, and why not when it did not."""
    kept = details.get("paragraph-boundaries-kept")
    if details.get("paragraphs-used") == "yes":
        return f"used ({kept} boundaries both sides share)" if kept else "used"
    reason = details.get("paragraphs-not-used")
    return f"not used: {reason}" if reason else "not used"


@app.command("evaluate")
def evaluate_command(
    gold: Path = typer.Option(..., "--gold", help="Directory of gold .align files ([zh ids]:[en ids] per line)."),
    auto: Path = typer.Option(..., "--auto", help="Directory of predicted .align files with the same names."),
    swap: bool = typer.Option(False, "--swap", help="The gold lists the English ids first ([en ids]:[zh ids] per line), like the Bible benchmark's."),
    json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Strict and lax precision/recall/F1 per file and overall, exactly as Vecalign's score.py.

    Strict counts exact bead matches; lax counts beads overlapping a gold bead on both
    sides; 1-0/0-1 beads count for precision only. Overall figures are micro-averaged.
    A warning (stderr; "warnings" in --json) says when a file's ids do not fit the
    alignment's (other texts, or the sides the other way round) and when the score is 0.

    Examples:
      [bold]bitext evaluate --gold benchmarks/mac-dev/gold --auto out/[/bold]
      [bold]bitext evaluate --gold benchmarks/bible/gold --auto out/ --swap[/bold]
        the Bible gold is written English-first
    """
    from align.aligner.evaluate import evaluate_dirs

    result = evaluate_dirs(gold, auto, swap=swap)
    for warning in result["warnings"]:
        warn(warning)
    if json:
        print_json(result)
        return
    table = Table(title="alignment scores (Vecalign score.py)")
    for column in ("file", "strict P", "strict R", "strict F1", "lax P", "lax R", "lax F1"):
        table.add_column(column, justify="left" if column == "file" else "right")
    rows = [(f["file"], f) for f in result["files"]] + [("overall", result["overall"])]
    for name, s in rows:
        table.add_row(
            f"[bold]{name}[/bold]" if name == "overall" else name,
            *(f"{s[kind][metric]:.3f}" for kind in ("strict", "lax") for metric in ("precision", "recall", "f1")),
        )
    console.print(table)
