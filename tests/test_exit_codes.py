"""Exit codes as the README lists them: usage errors exit 4 (not click's 2, which means bad input here), every
command's --help lists the codes, and outputs are refused before any work when they could not be written."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.cli.app import EXIT_CODES
from align.core.atomic import check_output_folder, check_writable
from align.core.errors import BitextError, InputError, OutputExistsError

from conftest import REPO

runner = CliRunner()


@pytest.mark.parametrize("args", [
    [],                                                     # no command: help, and a usage error
    ["--bogus"],                                            # unknown global option
    ["nosuchcommand"],                                      # unknown command
    ["align", "--bogus"],                                   # unknown option of a command
    ["align", "a.txt", "b.txt"],                            # missing required -o
    ["align", "a.txt", "b.txt", "-o", "x.tmx", "--min-confidence", "3"],  # value out of range
    ["align", "a.txt", "b.txt", "-o", "x.tmx", "--jobs", "many"],        # value of the wrong type
    ["mine", "a.txt"],                                      # missing argument
    ["glossary"],                                           # sub-group without a command
    ["glossary", "check", "--bogus"],                       # a sub-command's unknown option
    ["glossary", "check", "x.tmx", "--fail-on", "sometimes"],  # the library's own UsageError
    ["align", "a.txt", "b.txt", "-o", "x.tmx", "--zh-lang", "en"],       # a Chinese side said to be English
    ["align", "a.txt", "b.txt", "-o", "x.tmx", "--zh-encoding", "klingon"],  # an encoding that does not exist
])
def test_usage_errors_exit_4(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 4, (args, result.output)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("args", "line"), [
    (["--bogus"], "error: no such option: --bogus (bitext --help)"),
    (["align", "--bogus"], "error: no such option: --bogus (bitext align --help)"),
    (["glossary", "check", "--bogus"], "error: no such option: --bogus (bitext glossary check --help)"),
    (["align", "a.txt", "b.txt"], "error: missing option '--output' / '-o' (bitext align --help)"),
    (["glossary", "nosuchcommand"], "error: no such command 'nosuchcommand' (bitext glossary --help)"),
])
def test_usage_errors_are_one_line_naming_what_was_wrong(args, line):
    result = runner.invoke(app, args, terminal_width=400)
    assert result.exit_code == 4
    assert result.stderr.splitlines() == [line]
    assert result.stdout == "" and "╭" not in result.output and "Traceback" not in result.output


def test_a_bad_value_is_one_line_naming_the_option():
    result = runner.invoke(app, ["align", "a.txt", "b.txt", "-o", "x.tmx", "--min-confidence", "3"])
    [line] = result.stderr.splitlines()
    assert result.exit_code == 4 and line.startswith("error: invalid value for '--min-confidence'")
    assert line.endswith("(bitext align --help)")


def test_usage_error_exits_4_from_a_shell_too():
    run = subprocess.run([sys.executable, "-m", "align", "align", "--bogus"], cwd=REPO, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 4 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == ["error: no such option: --bogus (bitext align --help)"]


def test_a_bare_command_still_shows_its_help():
    result = runner.invoke(app, ["glossary"], terminal_width=400)
    assert result.exit_code == 4 and "check" in result.output and "error:" not in result.output


def _commands():
    from align.cli.glossary import glossary_app

    top = [[c.name or c.callback.__name__.replace("_", "-")] for c in app.registered_commands]
    return top + [["glossary", c.name or c.callback.__name__.replace("_", "-")] for c in glossary_app.registered_commands]


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_help_lists_the_exit_codes(command):
    result = runner.invoke(app, [*command, "--help"], terminal_width=400)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.replace("│", " ").split())
    for code in ("0 ok", "1 findings", "2 bad input", "3 output exists", "4 bad usage", "5 inconsistent installation"):
        assert code in flat, (command, code)


def test_the_top_level_help_and_the_readme_list_the_same_codes():
    flat = " ".join(runner.invoke(app, ["--help"], terminal_width=400).stdout.replace("│", " ").split())
    assert " ".join(EXIT_CODES.split()) in flat
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code in ("`0` ok", "`2` bad input", "`3` output exists", "`4` bad usage", "`5`", "`130`"):
        assert code in readme, code


def test_errors_are_one_line_whatever_they_quote():
    assert str(InputError("a.csv: header has: \nzh\r\nen")) == "a.csv: header has: zh en"
    assert isinstance(OutputExistsError("x"), BitextError) and OutputExistsError.exit_code == 3


def test_check_writable_refuses_what_cannot_be_written(tmp_path):
    assert check_writable(tmp_path / "new.tmx") == tmp_path / "new.tmx"
    assert [p.name for p in tmp_path.iterdir()] == []  # the probe file is gone
    with pytest.raises(InputError, match="does not exist"):
        check_writable(tmp_path / "missing" / "new.tmx")
    assert check_writable(tmp_path / "missing" / "new.tmx", create_folder=True)
    with pytest.raises(InputError, match="is a folder"):
        check_writable(tmp_path, force=True)
    (tmp_path / "old.tmx").write_text("x")
    with pytest.raises(OutputExistsError):
        check_writable(tmp_path / "old.tmx")
    assert check_writable(tmp_path / "old.tmx", force=True)
    with pytest.raises(InputError, match="not a folder"):
        check_writable(tmp_path / "old.tmx" / "new.tmx")


def test_check_output_folder_allows_a_missing_folder_but_not_a_file(tmp_path):
    assert check_output_folder(tmp_path / "a" / "b") == tmp_path / "a" / "b"
    assert not (tmp_path / "a").exists()  # checked, not created
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        check_output_folder(tmp_path / "file")
    with pytest.raises(InputError, match="not a folder"):
        check_output_folder(tmp_path / "file" / "sub")


def test_a_library_write_into_a_missing_folder_is_refused_not_created(tmp_path):
    from align.formats import write_bitext

    from exports_sample import sample_bitext

    with pytest.raises(InputError, match="does not exist"):
        write_bitext(sample_bitext(), tmp_path / "typo" / "x.tmx")
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600)])
def test_cli_outputs_follow_the_umask(tmp_path, mask, mode):
    import os
    import stat

    from align.formats import write_bitext

    from exports_sample import sample_bitext

    write_bitext(sample_bitext(), tmp_path / "in.jsonl")
    outputs = [tmp_path / f"out.{ext}" for ext in ("tmx", "xlsx", "tsv")]
    old = os.umask(mask)
    try:
        for out in outputs:
            result = runner.invoke(app, ["convert", str(tmp_path / "in.jsonl"), str(out)])
            assert result.exit_code == 0, result.output
        glossary = runner.invoke(app, ["glossary", "convert", "-", str(tmp_path / "terms.tbx")])
        assert glossary.exit_code == 0, glossary.output
    finally:
        os.umask(old)
    outputs.append(tmp_path / "terms.tbx")
    assert {out.name: oct(stat.S_IMODE(out.stat().st_mode)) for out in outputs} == {out.name: oct(mode) for out in outputs}
