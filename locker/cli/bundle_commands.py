"""`locker export`, `timestamp` and `verify`: bundles for counsel, and checking the ones you receive."""

from __future__ import annotations

import argparse
from pathlib import Path

from locker.bundle.export import ExportRequest, add_timestamps, export_bundle
from locker.bundle.public_tsas import DEFAULT_TSA_URLS
from locker.bundle.tsa_trust import TrustStore, TsaRootStore, default_roots_path, load_root_file
from locker.bundle.verify import verify_bundle
from locker.cli.commands import Console, open_vault
from locker.cli.errors import EncryptOption, ExportCaseAndItems, ExportWhat, SevenZipPasswordEmpty
from locker.cli.format import TerminalProgress, human_size, printable
from locker.cli.passphrase import PassphraseSource
from locker.cli.verdict_text import cli_language, verdict_lines
from locker.errors import EXIT_FAILED, EXIT_OK
from locker.senders import SenderStore, default_senders_path


def cmd_export(args: argparse.Namespace, console: Console) -> int:
    if args.case and args.items:
        raise ExportCaseAndItems()
    if not args.case and not args.items:
        raise ExportWhat()
    progress_line = TerminalProgress(console.stderr)
    source = PassphraseSource(args.passphrase_stdin, console.stdin, console.stderr)
    age_recipient = sevenzip_password = None
    if args.encrypt and args.encrypt.startswith("age:"):
        age_recipient = args.encrypt.removeprefix("age:")
    elif args.encrypt == "7z":
        pass  # asked for after the vault's passphrase, below
    elif args.encrypt:
        raise EncryptOption()
    with open_vault(args, console) as vault:
        if args.encrypt == "7z":
            sevenzip_password = source.read_new("Password for the 7z archive (give it to counsel separately): ")
            if not sevenzip_password:
                raise SevenZipPasswordEmpty()
        request = ExportRequest(
            item_ids=tuple(args.items), case=args.case, recipient=args.recipient or "",
            tsa_urls=tsa_addresses(args.tsa), proxy=args.proxy, age_recipient=age_recipient,
            sevenzip_password=sevenzip_password,
        )  # fmt: skip
        try:
            result = export_bundle(
                vault, Path(args.to_counsel), request,
                lambda done, total: progress_line.show(f"{human_size(done)} / {human_size(total)}"),
            )  # fmt: skip
        finally:
            progress_line.done()
    console.out(f"Bundle {result.bundle_id} written to {result.path}: {result.items} item(s), "
                f"{human_size(result.payload_bytes)}.")  # fmt: skip
    console.out(f"Signing key fingerprint (read it to counsel by phone): {result.fingerprint}")
    for line in result.timestamps:
        console.out(f"Trusted timestamp: {line}")
    for error in result.timestamp_errors:
        console.err(f"No trusted timestamp: {error}")
    if not result.timestamps:
        console.out("The bundle has no trusted time; add one later with `locker timestamp BUNDLE --tsa URL`.")
    return EXIT_OK


def cmd_timestamp(args: argparse.Namespace, console: Console) -> int:
    stamped, errors = add_timestamps(Path(args.bundle), tsa_addresses(args.tsa), args.proxy)
    for line in stamped:
        console.out(f"Trusted timestamp added: {line}")
    for error in errors:
        console.err(f"No trusted timestamp: {error}")
    return EXIT_OK if stamped else EXIT_FAILED


def tsa_addresses(given: list[str] | None) -> tuple[str, ...]:
    """The TSA URLs to ask: 'default' stands for the two independent public defaults."""
    urls: list[str] = []
    for url in given or ():
        for expanded in DEFAULT_TSA_URLS if url.strip().lower() == "default" else (url.strip(),):
            if expanded not in urls:
                urls.append(expanded)
    return tuple(urls)


def cmd_verify(args: argparse.Namespace, console: Console) -> int:
    password = None
    if Path(args.bundle).suffix.lower() == ".7z":
        password = PassphraseSource(args.password_stdin, console.stdin, console.stderr).read("7z password: ")
    identity = Path(args.age_identity) if args.age_identity else None
    store = SenderStore(default_senders_path())
    extra = tuple(cert for path in args.tsa_root or () for cert in load_root_file(Path(path)))
    trust = TrustStore.build(TsaRootStore(default_roots_path()), extra)
    result = verify_bundle(
        Path(args.bundle), args.fingerprint, identity, password, known_senders=store.by_fingerprint(), tsa_trust=trust
    )
    if args.json:
        console.json(result.to_json())
    else:
        for check in result.checks:
            mark = {"pass": "OK  ", "fail": "FAIL", "not recorded": "N/A ", "untrusted time": "WARN"}[check.status]
            console.out(f"{mark}  {check.name:<24} {printable(check.detail)}")
        console.out()
        for line in verdict_lines(result, cli_language(args.lang)):
            console.out(line)
    return result.exit_code
