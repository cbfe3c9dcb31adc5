"""The main window: the vault's items, import, lock. It wires parts together and holds no business rules."""

from __future__ import annotations

import contextlib
import weakref
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from locker.bundle.public_tsas import DEFAULT_TSA_URLS
from locker.bundle.tsa_trust import TsaRootStore
from locker.errors import LockerError
from locker.ingest.importer import ImportOutcome
from locker.metadata.legacy_thumbnails import convert_legacy_thumbnails
from locker.metadata.model import MetadataRecord
from locker.metadata.store import raw_metadata, thumbnail
from locker.panic.channel import PanicMode
from locker.senders import SenderStore
from locker.settings import DEFAULT_PANIC_SHORTCUT
from locker.vault.cases import set_item_case
from locker.vault.custody import events
from locker.vault.items import Item, ItemId, get_item, list_items
from locker.vault.vault import Vault
from ui.about_dialog import AboutDialog
from ui.annotation_saver import AnnotationSaver
from ui.cases_panel import CasesPanel
from ui.change_passphrase_dialog import ChangePassphraseDialog
from ui.detail_panel import DetailPanel
from ui.empty_state import emptiness
from ui.error_text import show_on_label
from ui.export_dialog import ExportDialog
from ui.filter_bar import FilterBar
from ui.import_panel import ImportPanel
from ui.item_views import ItemViews
from ui.items_model import ItemsFilter, ItemsModel
from ui.labels import import_name_filters
from ui.move_to_case_dialog import MoveToCaseDialog
from ui.receive_window import ReceiveWindow
from ui.share_dialog import ShareDialog
from ui.toolbar import ActionsToolBar, label_panic
from ui.upgrade_dialog import UpgradeDialog
from ui.verify_dialog import VerifyDialog
from ui.viewer_dialog import ViewerDialog
from ui.worker import TaskRunner


class MainWindow(QMainWindow):
    """Shows one unlocked vault. Emits `lock_requested` when the user locks it."""

    lock_requested = Signal()
    #: The user chose another vault folder (existing: unlock it; new: create it).
    switch_vault_requested = Signal(str)
    #: The user asked for the settings dialog.
    settings_requested = Signal()
    #: Emitted with the outcomes once an import has finished (after the list was refreshed).
    import_finished = Signal(list)
    #: Emitted with the message when an import was cancelled or failed (after the list was refreshed).
    import_stopped = Signal(str)
    #: The panic button was pressed: do what the panic key does (lock or erase), at once.
    panic_requested = Signal()
    #: The user wants to rehearse the panic key.
    practice_requested = Signal()

    def __init__(
        self,
        vault: Vault,
        runner: TaskRunner,
        senders: SenderStore | None = None,
        tsa_roots: TsaRootStore | None = None,
    ) -> None:
        super().__init__()
        self._vault = vault
        self._runner = runner
        self._selection_shown = ""  # the "N items selected" line while it is on the status line
        # Without stores from the composition root, confirmed senders and trusted TSA roots live only as long as
        # this window.
        self._senders = senders or SenderStore(None)
        self._tsa_roots = tsa_roots or TsaRootStore(None)
        #: Timestamp authorities and proxy from the settings, offered in the export dialog.
        self.export_defaults: tuple[tuple[str, ...], str] = (DEFAULT_TSA_URLS, "")
        self.setWindowTitle(self.tr("Evidence Locker"))
        self.resize(1280, 720)
        self.model = ItemsModel(lambda item_id: thumbnail(vault, ItemId(item_id)))
        self.filtered = ItemsFilter(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names, types, cases, notes, tags..."))
        self.search.setAccessibleName(self.tr("Search items"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filtered.setFilterFixedString)
        self.filters = FilterBar()
        self.filters.changed.connect(self.filtered.set_criteria)
        self.views = ItemViews(self.model, self.filtered)
        self.table, self.grid, self.empty = self.views.table, self.views.grid, self.views.empty
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_row(current.row()))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.views.open_requested.connect(self.open_viewer_at)
        for signal in (self.filtered.modelReset, self.filtered.rowsInserted, self.filtered.rowsRemoved,
                       self.filtered.layoutChanged):  # fmt: skip
            signal.connect(self._show_list_or_empty)
        self.detail = DetailPanel()
        self.detail.view_requested.connect(self.open_viewer)
        self.cases = CasesPanel(vault)
        self.cases.case_chosen.connect(self.filters.set_case)
        self.cases.cases_changed.connect(lambda: self.refresh_keeping(self.views.current_id()))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.annotations = AnnotationSaver(vault, self.detail, self.cases, self.status, self)
        self.annotations.saved.connect(self.refresh_keeping)
        self.detail.save_requested.connect(self.annotations.save)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.search)
        middle_layout.addWidget(self.filters)
        middle_layout.addWidget(self.views, 1)
        self.import_panel = ImportPanel(vault, runner)
        self.import_panel.finished.connect(self._import_done)
        self.import_panel.stopped.connect(self._import_failed)
        middle_layout.addWidget(self.import_panel)
        middle_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(self.cases)
        splitter.addWidget(middle)
        detail_scroll = QScrollArea()  # the details stay reachable on a 768-pixel-high screen
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        splitter.addWidget(detail_scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([180, 826, 360])
        self.setCentralWidget(splitter)
        self._build_toolbar()
        self._build_menu()
        self._build_item_actions()
        self.setAcceptDrops(True)
        fingerprint_text = self.tr("Signing key: %1").replace("%1", vault.fingerprint())
        # The vault's folder name only: the whole path names the user's home (her login name) on every screenshot
        # and to anyone looking over her shoulder.
        self.statusBar().showMessage(f"{vault.paths.root.name}    {fingerprint_text}")
        self.refresh()
        self._convert_legacy_thumbnails()
        self._tell_recovered(vault.recovered)
        if vault.needs_upgrade:  # made by an older release: offer the current format (ui/upgrade_dialog.py)
            self.upgrade_offer = UpgradeDialog(vault, runner, self)
            self.upgrade_offer.open()

    def _tell_recovered(self, sentences: list[str]) -> None:
        """What unlocking did about exports a crash interrupted (completed, or partial files removed)."""
        if not sentences:
            return
        self.recovered_box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Interrupted exports"),
            self.tr("When the vault was unlocked, exports that had been interrupted were completed or cleaned up:")
            + "\n\n"
            + "\n".join(sentences),
            QMessageBox.StandardButton.Ok,
            self,
        )
        self.recovered_box.open()  # not modal to the app: unlocking is never held up by it

    def _convert_legacy_thumbnails(self) -> None:
        """Thumbnails written by older releases (JPEG) are converted in the sandbox, on the worker; until then they
        are shown as no thumbnail. Nothing happens, and no sandbox starts, when there are none."""
        vault = self._vault
        window = weakref.ref(self)  # the worker must not keep a locked (deleted) window alive

        def done(converted: int) -> None:
            shown = window()
            if converted and vault.is_open and shown is not None and shiboken6.isValid(shown):
                shown.model.forget_thumbnails()
                shown._show_row(shown.table.currentIndex().row())

        self._runner.run(lambda: convert_legacy_thumbnails(vault), done, lambda _exc: None)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Vault"))
        self.open_vault_action = QAction(self.tr("Open another vault..."), self)
        self.open_vault_action.triggered.connect(self._choose_vault)
        self.new_vault_action = QAction(self.tr("New vault..."), self)
        self.new_vault_action.triggered.connect(self._choose_new_vault)
        self.change_passphrase_action = QAction(self.tr("Change passphrase..."), self)
        self.change_passphrase_action.triggered.connect(self.open_change_passphrase)
        self.practice_action = QAction(self.tr("Practise the panic key..."), self)
        self.practice_action.triggered.connect(self.practice_requested.emit)
        self.receive_action = QAction(self.tr("Receive from phone..."), self)
        self.receive_action.triggered.connect(self.open_receive)
        actions = (self.open_vault_action, self.new_vault_action, None, self.import_action, self.receive_action,
                   self.export_action,
                   self.share_action, self.verify_action, None, self.settings_action, self.change_passphrase_action,
                   self.practice_action, self.lock_action, self.panic_action)  # fmt: skip
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        view = self.menuBar().addMenu(self.tr("V&iew"))
        self.list_action = QAction(self.tr("As a list"), self)
        self.list_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.list_action.triggered.connect(lambda: self.show_as_grid(False))
        self.grid_action = QAction(self.tr("As thumbnails"), self)
        self.grid_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.grid_action.triggered.connect(lambda: self.show_as_grid(True))
        view.addAction(self.list_action)
        view.addAction(self.grid_action)
        help_menu = self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("About Evidence Locker..."), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def show_about(self) -> AboutDialog:
        """The version, its components and the sandbox layers in force on this machine."""
        dialog = AboutDialog(self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_as_grid(self, grid: bool) -> None:
        self.views.grid_chosen = grid
        self._show_list_or_empty()

    def _show_list_or_empty(self) -> None:
        """The chosen view, or in its place a sentence saying why nothing is shown and what to do."""
        searching = bool(self.search.text())
        self.views.show_items_or(
            emptiness(self.model.rowCount(), self.filtered.rowCount(), self.filters.case, searching)
        )

    def _build_item_actions(self) -> None:
        """Actions on the selected items, in the Items menu and the list's context menu, and keys for the rest."""
        self.move_to_case_action = QAction(self.tr("Move to case..."), self)
        self.move_to_case_action.setShortcut(QKeySequence("Ctrl+M"))
        self.move_to_case_action.triggered.connect(self.open_move_to_case)
        self.find_action = QAction(self.tr("Search"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.focus_search)
        self.new_case_action = QAction(self.tr("New case..."), self)
        self.new_case_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_case_action.triggered.connect(self.cases.new_case)
        items = QMenu(self.tr("&Items"), self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), items)  # Vault, View, Items, Help
        for action in (self.export_action, self.share_action, self.move_to_case_action, None, self.find_action,
                       self.new_case_action):  # fmt: skip
            if action is None:
                items.addSeparator()
            else:
                items.addAction(action)
        self.addAction(self.find_action)  # window-wide keys, also when the menu bar is hidden
        self.addAction(self.new_case_action)
        for view in (self.table, self.grid):
            view.addActions([self.export_action, self.share_action, self.move_to_case_action])

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _selection_changed(self) -> None:
        count = len(self.selected_item_ids())
        if count > 1:
            self._selection_shown = self.tr(
                "%n items selected: Export (Ctrl+E) and Move to case (Ctrl+M) act on all of them.", "", count
            )
            self.status.setText(self._selection_shown)
        elif self._selection_shown and self.status.text() == self._selection_shown:
            # The selection is gone (another case, a click): its line must not stay and say otherwise.
            self._selection_shown = ""
            self.status.setText(self.tr("%n item(s) in the vault.", "", self.model.rowCount()))

    def open_move_to_case(self) -> MoveToCaseDialog | None:
        """Ask for a case and put every selected item in it."""
        ids = self.selected_item_ids()
        if not ids:
            self.status.setText(self.tr("Select the items to move first."))
            return None
        dialog = MoveToCaseDialog(self.cases.case_names(), len(ids), self)
        dialog.accepted.connect(lambda: self.move_to_case(ids, dialog.chosen_case()))
        dialog.open()
        return dialog

    def move_to_case(self, item_ids: list[str], case: str) -> None:
        """Put the items in `case` ("" for none) through the core, one custody event each, in one transaction."""
        self.annotations.keep_unsaved_edits(None)
        try:
            with self._vault.transaction() as conn:
                for item_id in item_ids:
                    set_item_case(conn, ItemId(item_id), case or None)
        except LockerError as exc:
            show_on_label(self.status, exc)
            return
        self.cases.reload()
        self.refresh()
        self.views.select_also(item_ids)
        text = self.tr("Moved %n item(s) to the case %1.", "", len(item_ids)) if case else self.tr(
            "Took %n item(s) out of their case.", "", len(item_ids))  # fmt: skip
        self.status.setText(text.replace("%1", case))

    def _choose_vault(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open a vault folder (name.locker)"), options=QFileDialog.Option.DontUseNativeDialog
        )
        if folder:
            self.switch_vault_requested.emit(folder)

    def _choose_new_vault(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("New vault folder"), options=QFileDialog.Option.DontUseNativeDialog
        )
        if name:
            path = Path(name)
            self.switch_vault_requested.emit(
                str(path if path.suffix == ".locker" else path.with_name(path.name + ".locker"))
            )

    def _build_toolbar(self) -> None:
        bar = ActionsToolBar(self.tr("Actions"))
        self.addToolBar(bar)
        self.import_action = QAction(self.tr("Import files..."), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self._choose_files)
        self.lock_action = QAction(self.tr("Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        # Also from the viewer and every other window of the app, as the panic key works (a viewer of its own has
        # the focus while the person looks at the evidence).
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_requested.emit)
        self.settings_action = QAction(self.tr("Settings..."), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.settings_requested.emit)
        self.export_action = QAction(self.tr("Export for counsel..."), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.open_export)
        self.verify_action = QAction(self.tr("Verify a bundle..."), self)
        self.verify_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.verify_action.triggered.connect(self.open_verify)
        self.share_action = QAction(self.tr("Share copy..."), self)
        self.share_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.share_action.setToolTip(self.tr("A copy without identifying metadata, faces covered, for posting"))
        self.share_action.triggered.connect(self.open_share)
        icons = (
            (self.import_action, QIcon.ThemeIcon.DocumentOpen, QStyle.StandardPixmap.SP_DialogOpenButton),
            (self.export_action, QIcon.ThemeIcon.DocumentSend, QStyle.StandardPixmap.SP_DialogSaveButton),
            (self.share_action, QIcon.ThemeIcon.EditCopy, QStyle.StandardPixmap.SP_FileLinkIcon),
            (self.verify_action, QIcon.ThemeIcon.DocumentProperties, QStyle.StandardPixmap.SP_DialogApplyButton),
            (self.settings_action, QIcon.ThemeIcon.DocumentPageSetup, QStyle.StandardPixmap.SP_FileDialogDetailedView),
            (self.lock_action, QIcon.ThemeIcon.SystemLockScreen, QStyle.StandardPixmap.SP_DialogCloseButton),
        )
        for action, theme, standard in icons:
            bar.add_with_icon(action, theme, standard)
        self.panic_action = QAction(self)
        self.panic_action.triggered.connect(self.panic_requested.emit)
        self.panic_button = bar.add_panic(self.panic_action)
        self.set_panic(PanicMode.LOCK, DEFAULT_PANIC_SHORTCUT)

    def set_panic(self, mode: PanicMode, shortcut: str) -> None:
        """Label the panic button with what a panic does now, and name its key."""
        label_panic(self.panic_action, mode, shortcut)

    def refresh(self) -> None:
        """Reload the item list from the vault (edits typed in the details are saved first)."""
        self.annotations.keep_unsaved_edits(None)
        with self._vault.session() as conn:
            items: list[Item] = list_items(conn)
        self.model.set_items(items)
        self.table.resizeColumnsToContents()
        self.views.keep_names_readable(items)
        self.filters.set_tags(self.model.all_tags())
        self.detail.set_case_names(self.cases.case_names())
        self.detail.show_item(None, None, None, [])
        self._show_list_or_empty()
        if not items:
            self.status.setText(self.tr('The vault is empty. Use "Import files..." (Ctrl+I) to add evidence.'))
        else:
            self.status.setText(self.tr("%n item(s) in the vault.", "", len(items)))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Locking (by hand, idle, sleep, a lock panic) closes the window: what was typed in the details is saved
        first, while the key is still there. Not after an erase, and never at the cost of the lock itself."""
        if self._vault.is_open and not self._vault.erased:
            with contextlib.suppress(Exception):  # whatever saving the notes meets, the window closes and locks
                self.annotations.keep_unsaved_edits(None)
        self.import_panel.close_sandbox()
        super().closeEvent(event)

    def _show_row(self, row: int) -> None:
        next_id = self.views.id_at(row) if row >= 0 else None
        if self.annotations.keep_unsaved_edits(next_id):
            # The list still holds the item as it was before the save: reload it once this click is handled.
            QTimer.singleShot(0, lambda: self._reload_after_autosave(next_id))
        if row < 0:
            self.detail.show_item(None, None, None, [])
            return
        with self._vault.session() as conn:  # from the vault, not the list: an edit just saved may not be in it yet
            item = get_item(conn, self.views.id_at(row))
            history = events(conn, item.id)
        record = MetadataRecord.from_json(item.metadata) if item.metadata is not None else None
        raw = raw_metadata(self._vault, item.id) if item.metadata is not None else None
        self.detail.show_item(item, record, thumbnail(self._vault, item.id), history, raw)

    def selected_item_ids(self) -> list[str]:
        return self.views.selected_ids()

    def open_export(self) -> ExportDialog:
        with self._vault.session() as conn:
            cases = [row[0] for row in conn.execute("SELECT name FROM cases ORDER BY name")]
        dialog = ExportDialog(
            self._vault, self._runner, cases, self.selected_item_ids(), self, self.cases.current_case()
        )
        dialog.set_timestamp_defaults(*self.export_defaults)
        dialog.exported.connect(lambda _result: self.refresh_keeping_selection())
        dialog.open()
        return dialog

    def refresh_keeping_selection(self) -> None:
        """Reload (custody histories changed) with the same items selected: after an export she may export the same
        selection again, or look at what she sent."""
        chosen = self.selected_item_ids()
        current = self.views.current_id()
        if current not in chosen:
            current = chosen[0] if chosen else None
        self.refresh_keeping(current)
        self.views.select_also([item_id for item_id in chosen if item_id != current])

    def open_receive(self) -> ReceiveWindow:
        """Modal: while a file streams in, the vault is busy, and the list is refreshed when the window closes."""
        dialog = ReceiveWindow(self._vault, parent=self)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()
        return dialog

    def open_change_passphrase(self) -> ChangePassphraseDialog:
        dialog = ChangePassphraseDialog(self._vault, self._runner, self)
        dialog.changed.connect(lambda _rekeyed: self.refresh())
        dialog.open()
        return dialog

    def open_share(self) -> ShareDialog | None:
        ids = self.selected_item_ids()
        if not ids:
            self.status.setText(self.tr("Select the item to share first."))
            return None
        if len(ids) > 1:
            self.status.setText(self.tr("A share copy is made of one item at a time: select just one."))
            return None
        with self._vault.session() as conn:
            item = get_item(conn, ids[0])
        dialog = ShareDialog(self._vault, self._runner, item, self)
        dialog.finished_share.connect(lambda _result: self.refresh_keeping(item.id))
        dialog.open()
        return dialog

    def refresh_keeping(self, item_id: str | None) -> None:
        """Reload the list and re-select an item (its custody history changed)."""
        self.refresh()
        if item_id is not None:
            self.select_item(item_id)

    def open_viewer_at(self, row: int) -> ViewerDialog | None:
        if row < 0:
            return None
        return self.open_viewer(self.views.id_at(row))

    def open_viewer(self, item_id: str) -> ViewerDialog:
        """Show an item from memory (picture, PDF, video or sound); nothing is written to disk."""
        with self._vault.session() as conn:
            item = get_item(conn, item_id)
        dialog = ViewerDialog(self._vault, item, thumbnail(self._vault, item.id), self, self._runner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_verify(self) -> VerifyDialog:
        dialog = VerifyDialog(self._runner, self._senders, self._tsa_roots, self)
        dialog.open()
        return dialog

    def select_item(self, item_id: str) -> None:
        """Select the row of `item_id` (and show its details)."""
        row = self.views.row_of(item_id)
        if row is not None:
            self.table.selectRow(row)

    def _reload_after_autosave(self, item_id: str | None) -> None:
        if not shiboken6.isValid(self) or not self._vault.is_open:
            return  # locked meanwhile
        status = self.status.text()
        self.cases.reload()
        self.refresh_keeping(item_id)
        self.status.setText(status)

    def _choose_files(self) -> None:
        # Qt's own dialog: the native one may record recent files in the desktop's history.
        filters = import_name_filters()
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import evidence"), "", ";;".join(filters), filters[0],
            options=QFileDialog.Option.DontUseNativeDialog,
        )  # fmt: skip
        if names:
            self.import_paths([Path(name) for name in names])

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders on a worker thread; the window stays responsive."""
        if self.import_panel.running:
            self.status.setText(self.tr("An import is already running."))
            return
        self.import_action.setEnabled(False)
        self.status.setText(self.tr("Importing %n file(s)...", "", len(paths)))
        self.import_panel.start(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def _import_done(self, outcomes: list[ImportOutcome]) -> None:
        self.import_action.setEnabled(True)
        if self._vault.is_open:  # Lock closes the vault while the import it cancelled still reports
            self.refresh()  # the status line counts the items; the import panel says what this import did, once
        self.import_finished.emit(outcomes)

    def _import_failed(self, message: str) -> None:
        self.import_action.setEnabled(True)
        if self._vault.is_open:
            self.refresh()
        self.status.setText(self.tr("Import stopped: %1").replace("%1", message))
        self.import_stopped.emit(message)
