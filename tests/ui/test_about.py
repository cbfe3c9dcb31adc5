"""The About box says which sandbox layers are in force, from a real sandbox job."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from locker.vault.vault import Vault
from ui.main_window import MainWindow
from ui.worker import TaskRunner


@pytest.mark.skipif(sys.platform != "linux", reason="the layered sandbox is Linux-only")
def test_about_box_shows_every_sandbox_layer_and_its_state(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = MainWindow(vault, TaskRunner())
    qtbot.addWidget(window)
    window.show()
    dialog = window.show_about()
    with qtbot.waitSignal(dialog.layers_shown, timeout=30_000):
        pass
    text = dialog.layers_label.text()
    for name in ("process", "namespaces", "landlock", "seccomp"):
        assert dialog.layer_title(name) in text
    # Every layer is "on" here except where this system lacks it (the test of the layers themselves checks which).
    assert "on — " + dialog.layer_title("seccomp") in text
    assert "ABI" not in text and "seccomp:" in dialog.layers_label.toolTip(), "the kernel's terms only in the tooltip"
    dialog.grab().save(str(tmp_path / "about.png"))
    assert (tmp_path / "about.png").stat().st_size > 1000
    dialog.close()
