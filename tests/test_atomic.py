"""Outputs appear whole or not at all, and with the permissions the user's umask gives (not mkstemp's 0600)."""

from __future__ import annotations

import os
import stat

import pytest

from align.core.atomic import atomic_open
from align.core.errors import OutputExistsError


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_outputs_follow_the_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        with atomic_open(tmp_path / "out.tsv") as handle:
            handle.write("zh\ten\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.tsv").stat().st_mode) == mode


def test_a_failed_write_leaves_nothing_and_an_existing_file_needs_force(tmp_path):
    target = tmp_path / "out.tsv"
    with pytest.raises(RuntimeError):
        with atomic_open(target) as handle:
            handle.write("half")
            raise RuntimeError("disk full")
    assert not target.exists() and not list(tmp_path.iterdir())
    target.write_text("theirs")
    with pytest.raises(OutputExistsError):
        with atomic_open(target) as handle:
            handle.write("ours")
    assert target.read_text() == "theirs"
