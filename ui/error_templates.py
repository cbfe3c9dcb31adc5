"""Every error class's template in tr(), generated from locker/ by scripts/error_templates: do not edit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def templates() -> dict[str, str]:
    """Each error class's template ("module:Class" -> template) in the app's language (looked up at call
    time). Keyed by name, so that showing an error imports no module of the core."""
    return {
        "locker.errors:CaseError": QCoreApplication.translate("errors", "The case could not be changed."),
        "locker.errors:CaseExists": QCoreApplication.translate("errors", "A case named \"{name}\" already exists."),
        "locker.errors:CaseNameEmpty": QCoreApplication.translate("errors", "A case needs a name."),
        "locker.errors:CaseNameTooLong": QCoreApplication.translate("errors", "A case name can be at most {limit} characters."),  # noqa: E501
        "locker.errors:CaseNotFound": QCoreApplication.translate("errors", "There is no case named \"{name}\"."),
        "locker.errors:CheckStopped": QCoreApplication.translate("errors", "Check stopped by the user."),
        "locker.errors:ChunkAltered": QCoreApplication.translate("errors", "Item {item}: part {part} of the file does not match its recorded hash."),  # noqa: E501
        "locker.errors:ChunkMissing": QCoreApplication.translate("errors", "Item {item}: part {part} of the file is missing from the vault."),  # noqa: E501
        "locker.errors:DatabaseDamaged": QCoreApplication.translate("errors", "The vault database is damaged or has been tampered with."),  # noqa: E501
        "locker.errors:DatabaseMissing": QCoreApplication.translate("errors", "The vault at {path} has lost its database file (vault.db)."),  # noqa: E501
        "locker.errors:DatabaseReadOnly": QCoreApplication.translate("errors", "The vault cannot be written: its folder is read-only, or damaged pages were found earlier in this session. Run `locker check`."),  # noqa: E501
        "locker.errors:DatabaseUndecryptable": QCoreApplication.translate("errors", "The passphrase is right, but the vault database cannot be decrypted: it has been damaged or tampered with."),  # noqa: E501
        "locker.errors:DatabaseUnencrypted": QCoreApplication.translate("errors", "vault.db is an unencrypted SQLite database, not an Evidence Locker vault. Someone replaced it; it was not opened."),  # noqa: E501
        "locker.errors:DatabaseWrongLength": QCoreApplication.translate("errors", "The vault database has been damaged or tampered with: it has {actual} bytes but records {pages} pages of {page_bytes} bytes (truncated or padded)."),  # noqa: E501
        "locker.errors:DiskFullError": QCoreApplication.translate("errors", "There is not enough free space for the operation; nothing was changed."),  # noqa: E501
        "locker.errors:DiskFullForBundle": QCoreApplication.translate("errors", "The disk is full: {missing_size} more are needed for the bundle {name} ({free_size} free of the {needed_size} needed). Nothing was written."),  # noqa: E501
        "locker.errors:DiskFullForRekey": QCoreApplication.translate("errors", "The disk is full: {missing_size} more are needed for the re-encrypted copy of the vault ({free_size} free of the {needed_size} needed). Nothing was written."),  # noqa: E501
        "locker.errors:DiskFullForUpgrade": QCoreApplication.translate("errors", "The disk is full: {missing_size} more are needed for the upgraded copy of the vault ({free_size} free of the {needed_size} needed). Nothing was written."),  # noqa: E501
        "locker.errors:DiskFullWhileSaving": QCoreApplication.translate("errors", "The disk is full: the vault could not save this change, so nothing was changed. Free some space and try again."),  # noqa: E501
        "locker.errors:DuressPassphraseOpensVault": QCoreApplication.translate("errors", "This passphrase already opens the vault; choose a different duress passphrase."),  # noqa: E501
        "locker.errors:EmptyPassphrase": QCoreApplication.translate("errors", "The passphrase must not be empty."),
        "locker.errors:ExportStopped": QCoreApplication.translate("errors", "Export stopped by the user; nothing was written."),  # noqa: E501
        "locker.errors:ExtractStopped": QCoreApplication.translate("errors", "Stopped by the user; no file was written."),  # noqa: E501
        "locker.errors:FolderNotEmpty": QCoreApplication.translate("errors", "{path} already exists and is not an empty folder; choose a new folder name."),  # noqa: E501
        "locker.errors:FolderUnreadable": QCoreApplication.translate("errors", "folder cannot be read"),
        "locker.errors:GivenTwice": QCoreApplication.translate("errors", "the same file was given twice"),
        "locker.errors:HeaderAltered": QCoreApplication.translate("errors", "The passphrase is right, but the vault's key header has been altered since it was last written. Treat this vault as tampered with."),  # noqa: E501
        "locker.errors:HeaderChangedWhileOpen": QCoreApplication.translate("errors", "The vault's key header changed while it was open; lock it and unlock it again."),  # noqa: E501
        "locker.errors:HeaderChecksumWrong": QCoreApplication.translate("errors", "The vault's key header is damaged (its checksum does not match)."),  # noqa: E501
        "locker.errors:HeaderError": QCoreApplication.translate("errors", "The vault's key header is not readable."),
        "locker.errors:HeaderFormatTooNew": QCoreApplication.translate("errors", "This vault uses key header format {version}; this version of Evidence Locker reads formats {oldest} to {newest}. Use a newer Evidence Locker."),  # noqa: E501
        "locker.errors:HeaderLayoutUnknown": QCoreApplication.translate("errors", "The vault's key header describes an unknown layout; it was not used."),  # noqa: E501
        "locker.errors:HeaderMissing": QCoreApplication.translate("errors", "The vault at {path} has no key header: it was erased or damaged, and cannot be opened."),  # noqa: E501
        "locker.errors:HeaderUnsafeKdf": QCoreApplication.translate("errors", "The vault's key header asks for unsafe key-derivation settings (memory {memory_size}, {iterations} passes, {lanes} lanes). It has been damaged or tampered with; the passphrase was not tried."),  # noqa: E501
        "locker.errors:HeaderWriteIncomplete": QCoreApplication.translate("errors", "The key header could not be written completely."),  # noqa: E501
        "locker.errors:HeaderWrongSize": QCoreApplication.translate("errors", "The vault's key header has the wrong size ({actual} bytes instead of {expected}). It has been damaged or tampered with."),  # noqa: E501
        "locker.errors:ImportFailedError": QCoreApplication.translate("errors", "A file could not be imported."),
        "locker.errors:InsideVaultFolder": QCoreApplication.translate("errors", "inside the vault's folder: not imported"),  # noqa: E501
        "locker.errors:Interrupted": QCoreApplication.translate("errors", "Stopped by the user. The file in progress was not stored; everything before it was."),  # noqa: E501
        "locker.errors:ItemHashesDiffer": QCoreApplication.translate("errors", "Item {item}: the file's SHA-256/SHA-512 no longer match the recorded values."),  # noqa: E501
        "locker.errors:ItemNotFoundError": QCoreApplication.translate("errors", "There is no item '{item}' in this vault."),  # noqa: E501
        "locker.errors:ItemWrongLength": QCoreApplication.translate("errors", "Item {item}: the vault holds {stored_size} in {stored_parts} parts, but {imported_size} in {imported_parts} parts were imported."),  # noqa: E501
        "locker.errors:NotAFingerprint": QCoreApplication.translate("errors", "That is not a key fingerprint: it looks like SHA256: followed by 43 characters."),  # noqa: E501
        "locker.errors:NotAHeader": QCoreApplication.translate("errors", "This is not an Evidence Locker key header (or it has been overwritten)."),  # noqa: E501
        "locker.errors:NotARegularFile": QCoreApplication.translate("errors", "{name}: not a regular file (folders are expanded, links are not followed)."),  # noqa: E501
        "locker.errors:OutputAppeared": QCoreApplication.translate("errors", "{path} appeared while exporting; nothing was overwritten."),  # noqa: E501
        "locker.errors:OutputExistsError": QCoreApplication.translate("errors", "{path} already exists; it was not overwritten."),  # noqa: E501
        "locker.errors:PassphraseIsDuress": QCoreApplication.translate("errors", "This is the duress passphrase of this vault; it cannot also be the passphrase that opens it. Choose another one. Nothing was changed."),  # noqa: E501
        "locker.errors:PassphraseNotSet": QCoreApplication.translate("errors", "The new passphrase could not be set; nothing was changed."),  # noqa: E501
        "locker.errors:PassphraseTooLong": QCoreApplication.translate("errors", "The passphrase is longer than {limit} characters."),  # noqa: E501
        "locker.errors:RekeyLostRows": QCoreApplication.translate("errors", "The re-encrypted copy lost rows of {table}; the vault was not changed."),  # noqa: E501
        "locker.errors:RekeyStopped": QCoreApplication.translate("errors", "Re-encryption stopped; nothing was changed."),  # noqa: E501
        "locker.errors:RootFileNoCertificate": QCoreApplication.translate("errors", "{path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)."),  # noqa: E501
        "locker.errors:RootFileTooLarge": QCoreApplication.translate("errors", "{path} is too large to be a root certificate file."),  # noqa: E501
        "locker.errors:RootFileUnreadable": QCoreApplication.translate("errors", "The root certificate file {path} could not be read."),  # noqa: E501
        "locker.errors:SchemaTooNew": QCoreApplication.translate("errors", "This vault was written by a newer Evidence Locker (schema {version}); update the app to open it."),  # noqa: E501
        "locker.errors:SenderNameMissing": QCoreApplication.translate("errors", "Give the sender a name."),
        "locker.errors:SigningIdentityMissing": QCoreApplication.translate("errors", "The vault's signing identity is missing."),  # noqa: E501
        "locker.errors:SigningKeyAltered": QCoreApplication.translate("errors", "The vault's signing key has been altered."),  # noqa: E501
        "locker.errors:SourceChanged": QCoreApplication.translate("errors", "{name}: the file changed while it was being imported; try again."),  # noqa: E501
        "locker.errors:SourceMissing": QCoreApplication.translate("errors", "{name}: no such file."),
        "locker.errors:SourcePathTooLong": QCoreApplication.translate("errors", "{name}: the path is longer than this system allows."),  # noqa: E501
        "locker.errors:SourceUnreachable": QCoreApplication.translate("errors", "{name}: cannot be reached."),
        "locker.errors:SourceUnreadable": QCoreApplication.translate("errors", "{name}: cannot be read."),
        "locker.errors:StoppedByPanic": QCoreApplication.translate("errors", "Stopped by panic: the vault was erased; nothing more was written."),  # noqa: E501
        "locker.errors:TamperedError": QCoreApplication.translate("errors", "The vault has been damaged or tampered with."),  # noqa: E501
        "locker.errors:UndescribedError": QCoreApplication.translate("errors", "An error came from another process without a description this version knows."),  # noqa: E501
        "locker.errors:UpgradeFailed": QCoreApplication.translate("errors", "The vault's format could not be upgraded; nothing was changed."),  # noqa: E501
        "locker.errors:UpgradeStopped": QCoreApplication.translate("errors", "The upgrade was stopped; nothing was changed."),  # noqa: E501
        "locker.errors:UsageError": QCoreApplication.translate("errors", "The command was not used correctly."),
        "locker.errors:VaultBusyError": QCoreApplication.translate("errors", "This vault is already open in another Evidence Locker window or command. Close that one first."),  # noqa: E501
        "locker.errors:VaultExistsError": QCoreApplication.translate("errors", "A vault already exists at {path}; it was not touched."),  # noqa: E501
        "locker.errors:VaultLocked": QCoreApplication.translate("errors", "The vault is locked."),
        "locker.errors:VaultNotFoundCreateOne": QCoreApplication.translate("errors", "There is no vault at {path}. Create one with `locker init`."),  # noqa: E501
        "locker.errors:VaultNotFoundError": QCoreApplication.translate("errors", "There is no vault at {path}."),
        "locker.errors:WeakPassphraseError": QCoreApplication.translate("errors", "This passphrase cannot be used."),
        "locker.errors:WrongPassphraseError": QCoreApplication.translate("errors", "The passphrase is wrong."),
        "locker.errors:WrongPassphraseWipeNear": QCoreApplication.translate("errors", "The passphrase is wrong. Wrong passphrases in a row left before this vault is erased (wipe-after is on): {left}."),  # noqa: E501
        "locker.bundle.age_stream:AgeArmored": QCoreApplication.translate("errors", "The .age bundle is ASCII-armored; only binary age files are supported."),  # noqa: E501
        "locker.bundle.age_stream:AgeDamaged": QCoreApplication.translate("errors", "The .age bundle is damaged, or was altered."),  # noqa: E501
        "locker.bundle.age_stream:AgeError": QCoreApplication.translate("errors", "The .age bundle could not be decrypted."),  # noqa: E501
        "locker.bundle.age_stream:AgeIdentityInvalid": QCoreApplication.translate("errors", "The age identity file holds something that is not a valid age secret key."),  # noqa: E501
        "locker.bundle.age_stream:AgeIdentityNoKey": QCoreApplication.translate("errors", "{path} holds no AGE-SECRET-KEY-1... line."),  # noqa: E501
        "locker.bundle.age_stream:AgeIdentityNotAFile": QCoreApplication.translate("errors", "{path} is not a regular file."),  # noqa: E501
        "locker.bundle.age_stream:AgePassphraseBundle": QCoreApplication.translate("errors", "The .age bundle is encrypted to a passphrase (scrypt); it needs an X25519 key instead."),  # noqa: E501
        "locker.bundle.age_stream:AgeWrongKey": QCoreApplication.translate("errors", "The .age bundle is not encrypted to this age key."),  # noqa: E501
        "locker.bundle.age_stream:NotAnAgeFile": QCoreApplication.translate("errors", "This is not an age v1 file."),
        "locker.bundle.errors:AgeEncryptionFailed": QCoreApplication.translate("errors", "The bundle could not be encrypted for age."),  # noqa: E501
        "locker.bundle.errors:AgeKeyNeeded": QCoreApplication.translate("errors", "An .age bundle needs your age secret key: --age-identity FILE."),  # noqa: E501
        "locker.bundle.errors:AgeKeyNotAFile": QCoreApplication.translate("errors", "{path} is not a file: give the file that holds your age secret key."),  # noqa: E501
        "locker.bundle.errors:BundleDamaged": QCoreApplication.translate("errors", "The bundle cannot be read safely: it is damaged, or made so that other tools would read it differently."),  # noqa: E501
        "locker.bundle.errors:BundleExists": QCoreApplication.translate("errors", "{path} already exists; choose another name. Nothing was written."),  # noqa: E501
        "locker.bundle.errors:DiskFullDuringAge": QCoreApplication.translate("errors", "The disk is full: the encrypted bundle could not be written. Nothing was exported."),  # noqa: E501
        "locker.bundle.errors:DiskFullDuringExport": QCoreApplication.translate("errors", "The disk is full: the bundle could not be completed. Nothing was exported, no partial files were left and the vault is as it was; free some space and export again."),  # noqa: E501
        "locker.bundle.errors:NoBundleThere": QCoreApplication.translate("errors", "There is no bundle at {path}."),
        "locker.bundle.errors:NotABundle": QCoreApplication.translate("errors", "{path} is neither a bundle folder nor a .zip bundle."),  # noqa: E501
        "locker.bundle.errors:NotABundleToTimestamp": QCoreApplication.translate("errors", "{path} is neither a bundle folder nor a .zip bundle (encrypted bundles: decrypt first)."),  # noqa: E501
        "locker.bundle.errors:NotAnAgeRecipient": QCoreApplication.translate("errors", "{recipient} is not an age public key (age1...)."),  # noqa: E501
        "locker.bundle.errors:NothingToExport": QCoreApplication.translate("errors", "There is nothing to export."),
        "locker.bundle.errors:NothingToExportInCase": QCoreApplication.translate("errors", "There is nothing to export in case \"{case}\"."),  # noqa: E501
        "locker.bundle.errors:ReportFontMissing": QCoreApplication.translate("errors", "The report needs the DejaVu Sans font (Debian package fonts-dejavu-core); it is not installed."),  # noqa: E501
        "locker.bundle.errors:SevenZipDamaged": QCoreApplication.translate("errors", "The .7z bundle cannot be read safely: it is damaged, or asks for more work than verify allows."),  # noqa: E501
        "locker.bundle.errors:SevenZipMethodUnsupported": QCoreApplication.translate("errors", "The .7z bundle uses {method}, which verify does not read."),  # noqa: E501
        "locker.bundle.errors:SevenZipWrongPassword": QCoreApplication.translate("errors", "The .7z bundle could not be opened with this password."),  # noqa: E501
        "locker.bundle.errors:TwoEncryptions": QCoreApplication.translate("errors", "Choose one encryption: age or 7z."),  # noqa: E501
        "locker.bundle.errors:VerifierFailed": QCoreApplication.translate("errors", "The bundle could not be verified."),  # noqa: E501
        "locker.bundle.errors:VerifierTooMuchOutput": QCoreApplication.translate("errors", "The verifier answered with far too much output and was stopped."),  # noqa: E501
        "locker.bundle.errors:VerifyStopped": QCoreApplication.translate("errors", "Verification stopped; nothing was decided about this bundle."),  # noqa: E501
        "locker.bundle.errors:VerifyTimedOut": QCoreApplication.translate("errors", "Verifying took too long and was stopped."),  # noqa: E501
        "locker.bundle.timestamp:TimestampError": QCoreApplication.translate("errors", "The timestamp authority could not be used, or a token is not a well-formed token over this data."),  # noqa: E501
        "locker.bundle.timestamp:TokenAttributeRepeated": QCoreApplication.translate("errors", "The timestamp token repeats its {attribute} attribute."),  # noqa: E501
        "locker.bundle.timestamp:TokenCertHashUnsupported": QCoreApplication.translate("errors", "The token's ESSCertIDv2 uses an unsupported hash ({algorithm})."),  # noqa: E501
        "locker.bundle.timestamp:TokenCertIdOther": QCoreApplication.translate("errors", "The token's ESSCertID names another certificate than the one that signed it."),  # noqa: E501
        "locker.bundle.timestamp:TokenCertSerialOther": QCoreApplication.translate("errors", "The token's ESSCertID names another certificate serial than its signer's."),  # noqa: E501
        "locker.bundle.timestamp:TokenContentAltered": QCoreApplication.translate("errors", "The timestamp token's signed content was altered."),  # noqa: E501
        "locker.bundle.timestamp:TokenDigestUnsupported": QCoreApplication.translate("errors", "The token uses an unsupported digest ({digest})."),  # noqa: E501
        "locker.bundle.timestamp:TokenForOtherData": QCoreApplication.translate("errors", "The timestamp token is for other data than this tag manifest."),  # noqa: E501
        "locker.bundle.timestamp:TokenMalformed": QCoreApplication.translate("errors", "The timestamp token is malformed."),  # noqa: E501
        "locker.bundle.timestamp:TokenNoCertId": QCoreApplication.translate("errors", "The timestamp token does not name its signer's certificate (no ESSCertID)."),  # noqa: E501
        "locker.bundle.timestamp:TokenNoTsaCert": QCoreApplication.translate("errors", "The timestamp token does not include the TSA's certificate."),  # noqa: E501
        "locker.bundle.timestamp:TokenNonceMismatch": QCoreApplication.translate("errors", "The timestamp token answers another request (nonce mismatch)."),  # noqa: E501
        "locker.bundle.timestamp:TokenRequestMismatch": QCoreApplication.translate("errors", "The stored timestamp request (token.tsq) is for other data than this tag manifest."),  # noqa: E501
        "locker.bundle.timestamp:TokenSignerCount": QCoreApplication.translate("errors", "The timestamp token must have exactly one signer."),  # noqa: E501
        "locker.bundle.timestamp:TsaAnswerTooLarge": QCoreApplication.translate("errors", "The timestamp authority {url} sent an oversized answer."),  # noqa: E501
        "locker.bundle.timestamp:TsaCertMalformed": QCoreApplication.translate("errors", "The TSA's certificate has malformed extensions."),  # noqa: E501
        "locker.bundle.timestamp:TsaCertNotForTimestamps": QCoreApplication.translate("errors", "The certificate that signed the token is not a timestamping certificate (EKU)."),  # noqa: E501
        "locker.bundle.timestamp:TsaKeyTypeUnknown": QCoreApplication.translate("errors", "The TSA uses a key type this version cannot check."),  # noqa: E501
        "locker.bundle.timestamp:TsaNotHttp": QCoreApplication.translate("errors", "A timestamp authority is reached over http(s); {url} is not such an address."),  # noqa: E501
        "locker.bundle.timestamp:TsaRefused": QCoreApplication.translate("errors", "The timestamp authority refused the request."),  # noqa: E501
        "locker.bundle.timestamp:TsaSignatureInvalid": QCoreApplication.translate("errors", "The TSA's signature on the token does not verify."),  # noqa: E501
        "locker.bundle.timestamp:TsaUnreachable": QCoreApplication.translate("errors", "The timestamp authority {url} could not be reached."),  # noqa: E501
        "locker.bundle.verify:MalformedError": QCoreApplication.translate("errors", "A tag file of the bundle is not what BagIt or Evidence Locker writes: {name} is not UTF-8 text (byte {offset})."),  # noqa: E501
        "locker.cli.errors:BindOption": QCoreApplication.translate("errors", "--bind must be an address of the local network (or 0.0.0.0)."),  # noqa: E501
        "locker.cli.errors:DesktopAppMissing": QCoreApplication.translate("errors", "The desktop app is not installed here ({module} is missing)."),  # noqa: E501
        "locker.cli.errors:EncryptOption": QCoreApplication.translate("errors", "--encrypt takes age:RECIPIENT or 7z."),
        "locker.cli.errors:ExportCaseAndItems": QCoreApplication.translate("errors", "Export either a case (--case) or items, not both."),  # noqa: E501
        "locker.cli.errors:ExportWhat": QCoreApplication.translate("errors", "Say what to export: --case NAME, or one or more item ids."),  # noqa: E501
        "locker.cli.errors:IdleMinutesOption": QCoreApplication.translate("errors", "--idle-minutes must be more than 0."),  # noqa: E501
        "locker.cli.errors:NoPassphraseOnStdin": QCoreApplication.translate("errors", "Expected a passphrase on standard input, found none."),  # noqa: E501
        "locker.cli.errors:NoPassphraseTyped": QCoreApplication.translate("errors", "No passphrase was typed; nothing was tried."),  # noqa: E501
        "locker.cli.errors:NoTerminal": QCoreApplication.translate("errors", "There is no terminal to ask for the passphrase. Use --passphrase-stdin to pass it on standard input."),  # noqa: E501
        "locker.cli.errors:NotAFolder": QCoreApplication.translate("errors", "{path} is not a folder; create it first."),  # noqa: E501
        "locker.cli.errors:PassphraseNotUtf8": QCoreApplication.translate("errors", "The passphrase typed is not valid UTF-8; check the terminal's encoding."),  # noqa: E501
        "locker.cli.errors:PassphraseTooLongForTerminal": QCoreApplication.translate("errors", "The passphrase is too long for a terminal prompt, which cuts a line at 4095 bytes; nothing was tried. Use --passphrase-stdin."),  # noqa: E501
        "locker.cli.errors:PassphrasesDiffer": QCoreApplication.translate("errors", "The two passphrases differ; nothing was changed."),  # noqa: E501
        "locker.cli.errors:PortOption": QCoreApplication.translate("errors", "--port must be between 0 and 65535."),
        "locker.cli.errors:RootFileNotOne": QCoreApplication.translate("errors", "{path} holds {count} certificates; give a file with just the root."),  # noqa: E501
        "locker.cli.errors:SevenZipPasswordEmpty": QCoreApplication.translate("errors", "The 7z password must not be empty."),  # noqa: E501
        "locker.cli.errors:WipeAfterCount": QCoreApplication.translate("errors", "Give a number from 1 to {limit}, or off."),  # noqa: E501
        "locker.ingest.importer:StoppedMetadataUnread": QCoreApplication.translate("errors", "Stopped by the user. The files listed as stored are kept; metadata not read yet is read by `locker reindex`."),  # noqa: E501
        "locker.ingest.stream_import:StreamHashMismatch": QCoreApplication.translate("errors", "{name}: the bytes received do not match the SHA-256 the sender announced; nothing was stored."),  # noqa: E501
        "locker.ingest.stream_import:StreamSizeError": QCoreApplication.translate("errors", "{name}: the sender announced {announced} bytes but sent {sent}; nothing was stored."),  # noqa: E501
        "locker.ingest.stream_import:StreamTooLong": QCoreApplication.translate("errors", "{name}: the sender sent more bytes than it announced ({announced}); nothing was stored."),  # noqa: E501
        "locker.ingest.stream_import:TransferCancelled": QCoreApplication.translate("errors", "The transfer was cancelled; the file was not stored."),  # noqa: E501
        "locker.pixels:PixelsError": QCoreApplication.translate("errors", "The picture sent by the sandbox is malformed; it was not shown."),  # noqa: E501
        "locker.receive.errors:BytesForNoUpload": QCoreApplication.translate("errors", "Stopped: the receiver's network process passed on file bytes that no upload asked for, which it never does unless what a phone sent has taken it over. Nothing half-received was kept."),  # noqa: E501
        "locker.receive.errors:MoreBytesThanAnnounced": QCoreApplication.translate("errors", "Stopped: the receiver's network process passed on more of {name} than its sender announced ({size}), which it never does unless what a phone sent has taken it over. {name} was not kept."),  # noqa: E501
        "locker.receive.errors:ReceiverProcessEnded": QCoreApplication.translate("errors", "Stopped: the receiver's network process ended; nothing half-received was kept."),  # noqa: E501
        "locker.receive.errors:ReceiverProcessMalformed": QCoreApplication.translate("errors", "Stopped: the receiver's network process sent a malformed message, so what a phone sent may have taken it over. Nothing half-received was kept."),  # noqa: E501
        "locker.receive.errors:ReceiverProcessOverstepped": QCoreApplication.translate("errors", "Stopped: the receiver's network process asked for more than it ever should, so what a phone sent may have taken it over. Nothing half-received was kept."),  # noqa: E501
        "locker.receive.errors:TooManyFilesOffered": QCoreApplication.translate("errors", "Stopped: the receiver's network process passed on an offer of more than {limit} files, which it never does unless what a phone sent has taken it over. Nothing half-received was kept."),  # noqa: E501
        "locker.receive.errors:TooManyOffersAtOnce": QCoreApplication.translate("errors", "Stopped: the receiver's network process passed on more than {limit} transfer offer(s) at once, which it never does unless what a phone sent has taken it over. Nothing half-received was kept."),  # noqa: E501
        "locker.receive.errors:TooManyUploadsAtOnce": QCoreApplication.translate("errors", "Stopped: the receiver's network process passed on more than {limit} file upload(s) at once, which it never does unless what a phone sent has taken it over. Nothing half-received was kept."),  # noqa: E501
        "locker.receive.session:NoLocalNetworkError": QCoreApplication.translate("errors", "This computer has no local-network address to listen on."),  # noqa: E501
        "locker.receive.session:PortInUseError": QCoreApplication.translate("errors", "Another program already listens on the receiver's port."),  # noqa: E501
        "locker.share.refusals:CopyAnswerMalformed": QCoreApplication.translate("errors", "The sanitiser answered something malformed; no copy was written."),  # noqa: E501
        "locker.share.refusals:CopyNameTaken": QCoreApplication.translate("errors", "Too many files with the same name in the target folder."),  # noqa: E501
        "locker.share.refusals:CopyNeedsMemoryFile": QCoreApplication.translate("errors", "Stripping on import needs an in-memory file, which this system does not offer."),  # noqa: E501
        "locker.share.refusals:CopyNotMade": QCoreApplication.translate("errors", "The copy could not be made."),
        "locker.share.refusals:CopyNotRechecked": QCoreApplication.translate("errors", "The copy could not be re-checked, so it was not written."),  # noqa: E501
        "locker.share.refusals:CopyPdfPageTooLarge": QCoreApplication.translate("errors", "A page of the PDF is larger than a copy made of pictures of its pages may draw (A0 at most)."),  # noqa: E501
        "locker.share.refusals:CopyPdfPagesTooLarge": QCoreApplication.translate("errors", "The PDF's pages together are larger than a copy made of pictures of its pages may draw (the area of 1000 A4 pages at most)."),  # noqa: E501
        "locker.share.refusals:CopyPdfTooManyPages": QCoreApplication.translate("errors", "The PDF has too many pages for a copy made of pictures of its pages."),  # noqa: E501
        "locker.share.refusals:CopyPdfTooSlow": QCoreApplication.translate("errors", "Drawing the PDF's pages took more than ten minutes, so the copy was not made."),  # noqa: E501
        "locker.share.refusals:CopyRefused": QCoreApplication.translate("errors", "The share copy could not be made."),
        "locker.share.refusals:CopyStillIdentifying": QCoreApplication.translate("errors", "The copy still contains identifying data, so it was not written."),  # noqa: E501
        "locker.share.refusals:CopyTypeNotShared": QCoreApplication.translate("errors", "no share copy for files of type {media_type} ({type_name}): {format_reason} (supported: {supported})"),  # noqa: E501
        "locker.share.refusals:CopyWrongType": QCoreApplication.translate("errors", "The sanitiser produced a file of an unexpected type; no copy was written."),  # noqa: E501
        "locker.share.refusals:FaceReviewMalformed": QCoreApplication.translate("errors", "The face review answered something malformed."),  # noqa: E501
        "locker.share.refusals:FacesNotDetected": QCoreApplication.translate("errors", "Faces could not be detected."),
        "locker.share.sandbox_refusals:DocumentDamaged": QCoreApplication.translate("errors", "The document is damaged: its archive cannot be read, so it cannot be cleaned."),  # noqa: E501
        "locker.share.sandbox_refusals:DocumentTooLarge": QCoreApplication.translate("errors", "The document is too large to clean safely: it holds more than {limit} parts or unpacks to more than {limit_size}."),  # noqa: E501
        "locker.share.sandbox_refusals:EmbeddedArchiveDamaged": QCoreApplication.translate("errors", "The part {part} is a damaged archive, which cannot be cleaned."),  # noqa: E501
        "locker.share.sandbox_refusals:EmbeddedArchiveNotDocument": QCoreApplication.translate("errors", "The part {part} is an archive that is not an office document, which cannot be cleaned."),  # noqa: E501
        "locker.share.sandbox_refusals:EmbeddedPdf": QCoreApplication.translate("errors", "The part {part} is a PDF, which cannot be cleaned inside a document."),  # noqa: E501
        "locker.share.sandbox_refusals:EmbeddedProgramObject": QCoreApplication.translate("errors", "The part {part} is an embedded object of another program (an OLE compound file), which cannot be cleaned."),  # noqa: E501
        "locker.share.sandbox_refusals:EmbeddedSoundOrVideo": QCoreApplication.translate("errors", "The part {part} is a sound or video, which cannot be cleaned inside a document."),  # noqa: E501
        "locker.share.sandbox_refusals:EncoderNameLeft": QCoreApplication.translate("errors", "The name of the program that encoded the {audio_format} sound could not be removed from the copy, so it was not written."),  # noqa: E501
        "locker.share.sandbox_refusals:FaceDetectorMissing": QCoreApplication.translate("errors", "Faces cannot be covered: a part of the face detector is not installed here ({component})."),  # noqa: E501
        "locker.share.sandbox_refusals:MediaFormatUnknown": QCoreApplication.translate("errors", "The part {part} is a picture or sound in a format we cannot clean."),  # noqa: E501
        "locker.share.sandbox_refusals:NestedTooDeep": QCoreApplication.translate("errors", "The part {part} holds documents nested too deep to clean."),  # noqa: E501
        "locker.share.sandbox_refusals:NoSoundToKeep": QCoreApplication.translate("errors", "The file has no sound track, so there is no sound to copy."),  # noqa: E501
        "locker.share.sandbox_refusals:NoVideoFrame": QCoreApplication.translate("errors", "Not one frame of the video could be decoded, so there is nothing to copy."),  # noqa: E501
        "locker.share.sandbox_refusals:NoVideoTrack": QCoreApplication.translate("errors", "The file has no video track, so there is no video to copy."),  # noqa: E501
        "locker.share.sandbox_refusals:PdfNeedsPassword": QCoreApplication.translate("errors", "The PDF can only be opened with its password, so no copy can be made of it."),  # noqa: E501
        "locker.share.sandbox_refusals:PdfUnreadable": QCoreApplication.translate("errors", "The PDF could not be read, even to draw its pages: it is damaged, or written in a way we cannot read."),  # noqa: E501
        "locker.share.sandbox_refusals:PictureFormatUncleanable": QCoreApplication.translate("errors", "The part {part} is a picture in {picture_format} format, which cannot be cleaned."),  # noqa: E501
        "locker.share.sandbox_refusals:PictureInsideSvg": QCoreApplication.translate("errors", "The part {part} is an SVG picture with another picture inside it, which cannot be cleaned."),  # noqa: E501
        "locker.share.sandbox_refusals:PictureNotCleaned": QCoreApplication.translate("errors", "The picture {part} is damaged or built in a way we cannot clean."),  # noqa: E501
        "locker.share.sandbox_refusals:PictureTooLarge": QCoreApplication.translate("errors", "The picture is too large to copy safely: it has more than {limit} million pixels."),  # noqa: E501
        "locker.share.sandbox_refusals:PictureUnreadable": QCoreApplication.translate("errors", "The picture could not be read: it is damaged, or stored in a way we cannot decode."),  # noqa: E501
        "locker.share.sandbox_refusals:RecheckNestedTooDeep": QCoreApplication.translate("errors", "The copy holds archives nested deeper than the re-check reads, so it was not written."),  # noqa: E501
        "locker.share.sandbox_refusals:RecheckTooLarge": QCoreApplication.translate("errors", "The copy unpacks to more than the re-check may read ({limit_size}), so it was not written."),  # noqa: E501
        "locker.share.sandbox_refusals:RecordingUnreadable": QCoreApplication.translate("errors", "The recording could not be read: it is damaged, or encoded in a way we cannot decode."),  # noqa: E501
        "locker.share.sandbox_refusals:TextPartDamaged": QCoreApplication.translate("errors", "The part {part} is damaged: its text is not valid {encoding}, so it cannot be cleaned."),  # noqa: E501
        "locker.share.sandbox_refusals:WorkbookMacroSheets": QCoreApplication.translate("errors", "The workbook has Excel 4 macro or dialog sheets ({part}), which cannot be taken out without breaking it."),  # noqa: E501
        "locker.view.service:CannotDisplay": QCoreApplication.translate("errors", "This item could not be displayed."),
        "locker.view.service:PageNotDisplayed": QCoreApplication.translate("errors", "The page could not be displayed."),  # noqa: E501
        "locker.view.service:PictureNotDisplayed": QCoreApplication.translate("errors", "The picture could not be displayed."),  # noqa: E501
    }  # fmt: skip


def finding_templates() -> dict[str, str]:
    """Each share re-check finding kind's template ({value} is what was found), in the app's language."""
    return {
        "reader-field": QCoreApplication.translate("errors", "our reader still finds '{value}' in the copy"),
        "reader-section": QCoreApplication.translate("errors", "our reader still finds a {value} section in the copy"),
        "value-compressed": QCoreApplication.translate("errors", "the value '{value}' from the original's metadata is inside the copy's compressed parts"),  # noqa: E501
        "value-bytes": QCoreApplication.translate("errors", "the value '{value}' from the original's metadata is in the copy"),  # noqa: E501
        "value-shown": QCoreApplication.translate("errors", "the value '{value}' from the original's metadata is shown on its pages, which the copy's pictures show"),  # noqa: E501
    }  # fmt: skip
