"""README-VERIFY.txt: how counsel checks the bundle with standard tools, in English and Russian."""

from __future__ import annotations

from locker.crypto.identity import spoken_fingerprint


def readme_text(fingerprint: str, principal: str, namespace: str) -> str:
    spoken = spoken_fingerprint(fingerprint)
    commands = f"""\
  bagit.py --validate .
  minisign -Vm tagmanifest-sha256.txt -x signatures/tagmanifest-sha256.txt.minisig -p signatures/minisign.pub
  ssh-keygen -Y verify -f signatures/allowed_signers -I {principal} -n {namespace} \\
      -s signatures/tagmanifest-sha256.txt.sshsig < tagmanifest-sha256.txt
  ssh-keygen -lf signatures/signing-key.pub      # prints the key fingerprint
  # if signatures/tsa-1/ exists (a timestamp); TSA-ROOT.pem is the root certificate the timestamp authority
  # publishes (see signatures/tsa-1/url.txt) - never one taken from this bundle, which proves nothing:
  openssl ts -verify -data tagmanifest-sha256.txt -in signatures/tsa-1/token.tsr \\
      -CAfile TSA-ROOT.pem -untrusted signatures/tsa-1/chain.pem
"""
    return f"""\
EVIDENCE BUNDLE - HOW TO VERIFY
===============================

This folder is a BagIt 1.0 bag (RFC 8493). Every file under data/ is the original, byte for byte, as it was
imported into Evidence Locker; manifest-sha256.txt and manifest-sha512.txt list their hashes. The tag manifest
(tagmanifest-sha256.txt) lists the hashes of every other file, and it is signed with the sender's key.

Signing key fingerprint: {fingerprint}
The same key, to read aloud: {spoken}

The key in signatures/ proves nothing by itself: anyone can make and sign a bundle like this one. Call the sender
on a number you already know and compare the fingerprint (the digit groups are made to be read aloud) before you
trust it. With Evidence Locker: `locker verify --fingerprint SHA256:... .` says "confirmed" (exit 0) only for that
key; without it an intact bundle is "unconfirmed" (exit 3); `locker senders add NAME SHA256:...` remembers a sender.

Run these commands inside this folder (tools: bagit-python, minisign, OpenSSH, OpenSSL):

{commands}
metadata/custody-log.jsonl is the sender's custody log up to this export: one JSON event per line, each naming
the SHA-256 of the line before it. Events about items not in this bundle are reduced to their hashes. The last
event's SHA-256 is Custody-Log-Head in bag-info.txt. Times in the log are the sender's laptop clock; only a
timestamp token (signatures/tsa-*/) is trusted time.


ПАКЕТ ДОКАЗАТЕЛЬСТВ - КАК ПРОВЕРИТЬ
===================================

Эта папка - пакет BagIt 1.0 (RFC 8493). Каждый файл в data/ - оригинал, байт в байт такой, каким он был
импортирован в «Хранилище доказательств»; их хеши перечислены в manifest-sha256.txt и manifest-sha512.txt.
Служебный манифест (tagmanifest-sha256.txt) содержит хеши всех остальных файлов и подписан ключом отправителя.

Отпечаток ключа подписи: {fingerprint}
Тот же ключ, для чтения вслух: {spoken}

Ключ в папке signatures/ сам по себе ничего не доказывает: такой пакет может создать и подписать кто угодно.
Позвоните отправителю по номеру, который вы знали и раньше, и сверьте отпечаток (группы цифр удобно читать вслух),
прежде чем ему доверять. В «Хранилище доказательств»: `locker verify --fingerprint SHA256:... .` говорит
«подтверждён» (код 0) только для этого ключа; без него целый пакет - «не подтверждён» (код 3);
`locker senders add ИМЯ SHA256:...` запоминает отправителя.

Выполните эти команды в этой папке (нужны bagit-python, minisign, OpenSSH, OpenSSL):

{commands}
metadata/custody-log.jsonl - журнал действий отправителя до этого экспорта: по одному событию JSON в строке,
каждое содержит SHA-256 предыдущей строки. События о материалах, которых нет в пакете, сокращены до их хешей.
SHA-256 последнего события указан в bag-info.txt как Custody-Log-Head. Время в журнале - по часам ноутбука
отправителя; доверенное время дают только метки времени (signatures/tsa-*/).
"""
