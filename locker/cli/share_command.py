"""`locker share`: sanitised copies of items for posting or sending, written only after a clean re-check."""

from __future__ import annotations

import argparse
from pathlib import Path

from locker.cli.commands import Console, open_vault
from locker.cli.errors import NotAFolder
from locker.cli.format import printable
from locker.errors import EXIT_FAILED, EXIT_OK
from locker.sandbox.runner import SandboxRunner
from locker.share.options import ShareOptions
from locker.share.service import share_item


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    help_text = "write sanitised share copies: identifying metadata removed, faces covered"
    p = sub.add_parser("share", parents=[common], help=help_text, description=help_text)
    p.set_defaults(func=cmd_share)
    p.add_argument("items", nargs="+", metavar="ITEM")
    p.add_argument("--out", required=True, metavar="DIR", help="an existing folder; no file in it is replaced")
    p.add_argument("--faces", choices=["auto", "off"], default="auto", help="cover detected faces (default: auto)")
    p.add_argument("--keep-audio", action="store_true", help="keep the sound of videos (voices identify people)")
    p.add_argument("--json", action="store_true")


def cmd_share(args: argparse.Namespace, console: Console) -> int:
    out_dir = Path(args.out)
    if not out_dir.is_dir():
        raise NotAFolder(path=printable(args.out))
    options = ShareOptions(faces=args.faces, keep_audio=args.keep_audio)
    results = []
    with open_vault(args, console) as vault, SandboxRunner() as runner:
        for item in args.items:
            vault.stop_if_erased()
            console.err(f"Sanitising {printable(item)} ...")
            results.append(share_item(vault, item, out_dir, options, runner))
    if args.json:
        console.json(
            [
                {
                    "item": r.item_id, "ok": r.ok, "path": str(r.path) if r.path else None, "sha256": r.sha256,
                    "error": r.error, "findings": r.findings,
                    "removed": r.report.removed if r.report else [],
                    "faces_covered": r.report.faces_covered if r.report else 0,
                }
                for r in results
            ]
        )  # fmt: skip
    else:
        for r in results:
            if r.ok and r.report is not None:
                console.out(f"shared    {r.item_id}  {printable(str(r.path))}")
                console.out(f"          removed: {'; '.join(r.report.removed) or 'nothing was present'}")
                if args.faces == "auto":
                    console.out(f"          faces covered: {r.report.faces_covered}")
                for note in r.report.notes:
                    console.out(f"          note: {note}")
            else:
                console.out(f"refused   {r.item_id}  {printable(r.error or '')}")
                for finding in r.findings:
                    console.out(f"          found: {printable(finding)}")
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAILED
