<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CreateVaultDialog</name>
    <message>
        <location filename="../passphrase_dialogs.py" line="98"/>
        <source>Create your evidence vault</source>
        <translation>Создание хранилища доказательств</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="101"/>
        <source>Everything you import is kept encrypted in this vault. Choose a passphrase of several words.

If you forget it, nobody can recover the vault: not you, not us.</source>
        <translation>Всё, что вы импортируете, хранится в этом хранилище в зашифрованном виде. Выберите парольную фразу из нескольких слов.

Если вы её забудете, восстановить хранилище не сможет никто: ни вы, ни мы.</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="107"/>
        <source>Passphrase:</source>
        <translation>Парольная фраза:</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="107"/>
        <source>New passphrase</source>
        <translation>Новая парольная фраза</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="108"/>
        <source>Repeat:</source>
        <translation>Повторите:</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="108"/>
        <source>Repeat the passphrase</source>
        <translation>Повторите парольную фразу</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="110"/>
        <source>Strength:</source>
        <translation>Надёжность:</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="118"/>
        <source>weak</source>
        <translation>слабая</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="118"/>
        <source>fair</source>
        <translation>средняя</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="118"/>
        <source>good</source>
        <translation>хорошая</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="118"/>
        <source>strong</source>
        <translation>сильная</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="119"/>
        <source>type a passphrase</source>
        <translation>введите парольную фразу</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="124"/>
        <source>The passphrase must not be empty.</source>
        <translation>Парольная фраза не может быть пустой.</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="127"/>
        <source>The two passphrases differ.</source>
        <translation>Парольные фразы не совпадают.</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="129"/>
        <source>Creating the vault (this takes a few seconds)...</source>
        <translation>Создаём хранилище (это займёт несколько секунд)…</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <location filename="../items_model.py" line="40"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="41"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="42"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="43"/>
        <source>Imported (UTC)</source>
        <translation>Импортирован (UTC)</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="44"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="45"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="39"/>
        <source>Evidence Locker</source>
        <extracomment>Emitted with the outcomes once an import has finished (after the list was refreshed).</extracomment>
        <translation>Хранилище доказательств</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="44"/>
        <source>Items in the vault</source>
        <translation>Материалы в хранилище</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="57"/>
        <source>Signing key: %1</source>
        <translation>Ключ подписи: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="62"/>
        <source>Actions</source>
        <translation>Действия</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="65"/>
        <source>Import files...</source>
        <translation>Импорт файлов…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="68"/>
        <source>Lock</source>
        <translation>Заблокировать</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="82"/>
        <source>The vault is empty. Use &quot;Import files...&quot; (Ctrl+I) to add evidence.</source>
        <translation>Хранилище пусто. Нажмите «Импорт файлов…» (Ctrl+I), чтобы добавить материалы.</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="84"/>
        <source>%n item(s) in the vault.</source>
        <translation>
            <numerusform>%n материал в хранилище.</numerusform>
            <numerusform>%n материала в хранилище.</numerusform>
            <numerusform>%n материалов в хранилище.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="89"/>
        <source>Import evidence</source>
        <translation>Импорт материалов</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="97"/>
        <source>Importing %n file(s)...</source>
        <translation>
            <numerusform>Импортируем %n файл…</numerusform>
            <numerusform>Импортируем %n файла…</numerusform>
            <numerusform>Импортируем %n файлов…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="106"/>
        <source>Imported: %1. Already in the vault: %2. Failed: %3.</source>
        <translation>Импортировано: %1. Уже было в хранилище: %2. Ошибок: %3.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="116"/>
        <source>Import stopped: %1</source>
        <translation>Импорт остановлен: %1</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../passphrase_dialogs.py" line="88"/>
        <source>Unexpected error: %1</source>
        <translation>Непредвиденная ошибка: %1</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../passphrase_dialogs.py" line="141"/>
        <source>Unlock your evidence vault</source>
        <translation>Разблокировка хранилища доказательств</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="142"/>
        <source>Vault: %1</source>
        <translation>Хранилище: %1</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="145"/>
        <source>Passphrase:</source>
        <translation>Парольная фраза:</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="145"/>
        <source>Vault passphrase</source>
        <translation>Парольная фраза хранилища</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="150"/>
        <source>Unlocking...</source>
        <translation>Разблокируем…</translation>
    </message>
</context>
</TS>
