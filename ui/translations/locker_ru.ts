<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../about_dialog.py" line="30"/>
        <source>About Evidence Locker</source>
        <extracomment>The sandbox check finished and the layers are shown.</extracomment>
        <translation>О программе Evidence Locker</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="33"/>
        <source>Evidence Locker %1</source>
        <translation>Evidence Locker %1</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="40"/>
        <source>Protection of the app from hostile files (the parser sandbox):</source>
        <translation>Защита программы от вредоносных файлов (песочница для разбора файлов):</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="43"/>
        <source>Checking...</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="46"/>
        <source>Sandbox layers</source>
        <translation>Уровни песочницы</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="55"/>
        <source>Clean process (no environment, no open files, own process group)</source>
        <translation>Чистый процесс (без окружения, без открытых файлов, своя группа процессов)</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="56"/>
        <source>Namespaces (no network, no folders, no other processes)</source>
        <translation>Пространства имён (нет сети, нет папок, нет других процессов)</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="57"/>
        <source>Landlock (no file or network access)</source>
        <translation>Landlock (нет доступа к файлам и сети)</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="58"/>
        <source>System call filter (seccomp)</source>
        <translation>Фильтр системных вызовов (seccomp)</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="65"/>
        <source>on</source>
        <translation>вкл.</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="65"/>
        <source>OFF</source>
        <translation>ВЫКЛ.</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="74"/>
        <source>The sandbox could not be checked: %1</source>
        <translation>Не удалось проверить песочницу: %1</translation>
    </message>
</context>
<context>
    <name>AnnotationSaver</name>
    <message>
        <location filename="../annotation_saver.py" line="51"/>
        <source>Your notes for %1 were saved.</source>
        <extracomment>An item&apos;s annotations were saved by Save: the window reloads its list keeping that item (a signal, not a callback into the window, which would keep a locked window alive through this object).</extracomment>
        <translation>Ваши заметки к «%1» сохранены.</translation>
    </message>
    <message>
        <location filename="../annotation_saver.py" line="53"/>
        <source>The case of %1 was not changed: there is no case &quot;%2&quot; (press Save to create it).</source>
        <translation>Дело у «%1» не изменено: дела «%2» нет (чтобы создать его, нажмите «Сохранить»).</translation>
    </message>
    <message>
        <location filename="../annotation_saver.py" line="64"/>
        <source>Saved and recorded in the custody log.</source>
        <translation>Сохранено и записано в журнал действий.</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../case_dialog.py" line="13"/>
        <source>New case</source>
        <translation>Новое дело</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="13"/>
        <source>Case: %1</source>
        <translation>Дело: %1</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="16"/>
        <source>Case name</source>
        <translation>Название дела</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="17"/>
        <source>e.g. Fine of 12 March</source>
        <translation>например, Штраф от 12 марта</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="19"/>
        <source>Court</source>
        <translation>Суд</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="21"/>
        <source>Case number</source>
        <translation>Номер дела</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="23"/>
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="24"/>
        <source>e.g. fine issued 2026-03-12; hearing 2026-05-20</source>
        <translation>например, штраф выписан 2026-03-12; заседание 2026-05-20</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="26"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="28"/>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="29"/>
        <source>Court:</source>
        <translation>Суд:</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="30"/>
        <source>Case number:</source>
        <translation>Номер дела:</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="31"/>
        <source>Dates:</source>
        <translation>Даты:</translation>
    </message>
    <message>
        <location filename="../case_dialog.py" line="32"/>
        <source>Description:</source>
        <translation>Описание:</translation>
    </message>
</context>
<context>
    <name>CasesPanel</name>
    <message>
        <location filename="../cases_panel.py" line="40"/>
        <location filename="../cases_panel.py" line="42"/>
        <source>Cases</source>
        <extracomment>The chosen case&apos;s name, or &quot;&quot; for all items. Cases changed (created, renamed, described): the item list should reload.</extracomment>
        <translation>Дела</translation>
    </message>
    <message>
        <location filename="../cases_panel.py" line="50"/>
        <source>New...</source>
        <translation>Создать…</translation>
    </message>
    <message>
        <location filename="../cases_panel.py" line="51"/>
        <source>New case</source>
        <translation>Новое дело</translation>
    </message>
    <message>
        <location filename="../cases_panel.py" line="53"/>
        <source>Edit...</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../cases_panel.py" line="54"/>
        <source>Rename or describe the case</source>
        <translation>Переименовать или описать дело</translation>
    </message>
    <message>
        <location filename="../cases_panel.py" line="71"/>
        <source>All items</source>
        <translation>Все материалы</translation>
    </message>
    <message>
        <location filename="../cases_panel.py" line="102"/>
        <source>Court: %1</source>
        <translation>Суд: %1</translation>
    </message>
    <message>
        <location filename="../cases_panel.py" line="102"/>
        <source>Case number: %1</source>
        <translation>Номер дела: %1</translation>
    </message>
    <message>
        <location filename="../cases_panel.py" line="103"/>
        <source>Dates: %1</source>
        <translation>Даты: %1</translation>
    </message>
    <message>
        <location filename="../cases_panel.py" line="137"/>
        <source>Saved and recorded in the custody log.</source>
        <translation>Сохранено и записано в журнал действий.</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../change_passphrase_dialog.py" line="47"/>
        <source>Change passphrase</source>
        <translation>Сменить парольную фразу</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="58"/>
        <source>Current passphrase:</source>
        <translation>Текущая парольная фраза:</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="58"/>
        <source>Current passphrase</source>
        <translation>Текущая парольная фраза</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="59"/>
        <source>New passphrase:</source>
        <translation>Новая парольная фраза:</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="59"/>
        <source>New passphrase</source>
        <translation>Новая парольная фраза</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="60"/>
        <source>Repeat it:</source>
        <translation>Повторите её:</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="60"/>
        <source>Repeat the new passphrase</source>
        <translation>Повторите новую парольную фразу</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="62"/>
        <source>Strength:</source>
        <translation>Надёжность:</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="65"/>
        <location filename="../change_passphrase_dialog.py" line="66"/>
        <source>Re-encrypt the vault with a new key</source>
        <translation>Перешифровать хранилище новым ключом</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="71"/>
        <source>Without it, a copy of the vault&apos;s key header made before today (a backup, a seized disk image) still opens the vault with the old passphrase, even items added later. With it, such a copy opens nothing.</source>
        <translation>Без этого копия заголовка ключей хранилища, снятая раньше (резервная копия, изъятый образ диска), по-прежнему открывает хранилище старой парольной фразой — даже файлы, добавленные позже. С этим такая копия не открывает ничего.</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="76"/>
        <source>This vault holds %1: re-encrypting it may take several minutes and needs that much free space.</source>
        <translation>В хранилище %1: перешифрование может занять несколько минут, и для него нужно столько же свободного места.</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="82"/>
        <source>Re-encryption progress</source>
        <translation>Ход перешифрования</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="110"/>
        <source>The two new passphrases are empty or differ; nothing was changed.</source>
        <translation>Новые парольные фразы пусты или не совпадают; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="121"/>
        <source>Re-encrypting the vault...</source>
        <translation>Перешифрование хранилища…</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="121"/>
        <source>Changing the passphrase...</source>
        <translation>Смена парольной фразы…</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="142"/>
        <source>Stopping...</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="178"/>
        <source>Passphrase changed, the vault re-encrypted under a new key and the old database overwritten. A copy of the key header made before opens nothing on this disk now; a copy of the whole vault folder made before still opens with the old passphrase.</source>
        <translation>Парольная фраза изменена, хранилище перешифровано новым ключом, а старая база перезаписана. Копия заголовка ключей, сделанная раньше, теперь ничего на этом диске не открывает; копия всей папки хранилища, сделанная раньше, по-прежнему открывается старой фразой.</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="184"/>
        <source>Passphrase changed. A copy of the key header made before this change still opens the vault with the old passphrase; re-encrypt with a new key to make such copies useless.</source>
        <translation>Парольная фраза изменена. Копия заголовка ключей, снятая до этой смены, по-прежнему открывает хранилище старой фразой; перешифруйте хранилище новым ключом, чтобы такие копии стали бесполезны.</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="195"/>
        <source>Re-encryption stopped; nothing was changed.</source>
        <translation>Перешифрование остановлено; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../change_passphrase_dialog.py" line="199"/>
        <source>Unexpected error: %1</source>
        <translation>Непредвиденная ошибка: %1</translation>
    </message>
</context>
<context>
    <name>CreateVaultDialog</name>
    <message>
        <location filename="../passphrase_dialogs.py" line="129"/>
        <source>Create your evidence vault</source>
        <translation>Создание хранилища доказательств</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="132"/>
        <source>Everything you import is kept encrypted in this vault. Choose a passphrase of several words.

If you forget it, nobody can recover the vault: not you, not us.</source>
        <translation>Всё, что вы импортируете, хранится в этом хранилище в зашифрованном виде. Выберите парольную фразу из нескольких слов.

Если вы её забудете, восстановить хранилище не сможет никто: ни вы, ни мы.</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="138"/>
        <source>Passphrase:</source>
        <translation>Парольная фраза:</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="138"/>
        <source>New passphrase</source>
        <translation>Новая парольная фраза</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="139"/>
        <source>Repeat:</source>
        <translation>Повторите:</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="139"/>
        <source>Repeat the passphrase</source>
        <translation>Повторите парольную фразу</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="141"/>
        <source>Strength:</source>
        <translation>Надёжность:</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="147"/>
        <source>The passphrase must not be empty.</source>
        <translation>Парольная фраза не может быть пустой.</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="150"/>
        <source>The two passphrases differ.</source>
        <translation>Парольные фразы не совпадают.</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="156"/>
        <source>Creating the vault (this takes a few seconds)...</source>
        <translation>Создаём хранилище (это займёт несколько секунд)…</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../detail_panel.py" line="102"/>
        <source>View</source>
        <extracomment>(item id, notes, tags, case name or &quot;&quot;): the user saved the annotations. (item id): the user wants to see the item in the viewer.</extracomment>
        <translation>Просмотр</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="103"/>
        <source>Open the picture, PDF, video or sound here, from memory (Enter)</source>
        <translation>Открыть изображение, PDF, видео или звук здесь, из памяти (Enter)</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="119"/>
        <source>Notes about this item</source>
        <translation>Заметки об этом материале</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="168"/>
        <source>Custody history</source>
        <translation>История действий</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="184"/>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="185"/>
        <source>Copy %1</source>
        <translation>Копировать %1</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="271"/>
        <source>Select an item to see its details.</source>
        <translation>Выберите материал, чтобы увидеть подробности.</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="285"/>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="159"/>
        <source>ID:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="137"/>
        <source>Proof</source>
        <translation>Проверка подлинности</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="138"/>
        <source>Check sums, custody history and every field recorded in the file</source>
        <translation>Контрольные суммы, история действий и все поля, записанные в файле</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="149"/>
        <source>What a lawyer or an expert checks: the check sums identify the original file byte for byte, and the custody history records everything done to it in this vault.</source>
        <translation>Это проверяет адвокат или эксперт: контрольные суммы однозначно указывают на исходный файл, байт в байт, а история действий записывает всё, что с ним делали в этом хранилище.</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="161"/>
        <source>Media type:</source>
        <translation>Тип данных (MIME):</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="162"/>
        <source>Check sum (SHA-256):</source>
        <translation>Контрольная сумма (SHA-256):</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="162"/>
        <source>SHA-256 check sum</source>
        <translation>Контрольная сумма SHA-256</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="163"/>
        <source>Check sum (SHA-512):</source>
        <translation>Контрольная сумма (SHA-512):</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="163"/>
        <source>SHA-512 check sum</source>
        <translation>Контрольная сумма SHA-512</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="165"/>
        <source>File last changed:</source>
        <translation>Файл последний раз изменён:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="166"/>
        <source>Custody history (the laptop&apos;s clock):</source>
        <translation>История действий (по часам ноутбука):</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="172"/>
        <source>Every field recorded in the file:</source>
        <translation>Все поля, записанные в файле:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="175"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="175"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="176"/>
        <source>Every field recorded in the file</source>
        <translation>Все поля, записанные в файле</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="285"/>
        <source>Type:</source>
        <translation>Тип:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="286"/>
        <source>Size:</source>
        <translation>Размер:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="290"/>
        <source>Picture:</source>
        <translation>Снимок:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="290"/>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 пикселей</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="293"/>
        <source>Duration:</source>
        <translation>Длительность:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="295"/>
        <source>Pages:</source>
        <translation>Страниц:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="307"/>
        <location filename="../detail_panel.py" line="309"/>
        <source>Taken:</source>
        <translation>Снято:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="309"/>
        <source>the file records no time</source>
        <translation>время в файле не записано</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="310"/>
        <source>none recorded</source>
        <translation>не записано</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="313"/>
        <source>latitude %1, longitude %2</source>
        <translation>широта %1, долгота %2</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="315"/>
        <source>Place:</source>
        <translation>Место:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="318"/>
        <source>Altitude:</source>
        <translation>Высота:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="319"/>
        <source>%1 m</source>
        <translation>%1 м</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="322"/>
        <source>Device:</source>
        <translation>Устройство:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="322"/>
        <location filename="../detail_panel.py" line="336"/>
        <source>not recorded</source>
        <translation>не записано</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="324"/>
        <source>Serial numbers:</source>
        <translation>Серийные номера:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="326"/>
        <source>Author:</source>
        <translation>Автор:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="328"/>
        <source>Title:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="329"/>
        <source>Imported:</source>
        <translation>Импортирован:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="343"/>
        <source>The file&apos;s own information has not been read yet.</source>
        <translation>Сведения, записанные в самом файле, ещё не прочитаны.</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="345"/>
        <source>The file&apos;s own information could not be read: %1</source>
        <translation>Сведения, записанные в самом файле, прочитать не удалось: %1</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="347"/>
        <source>The app cannot read information inside this type of file; the file is stored and its check sums recorded.</source>
        <translation>Приложение не умеет читать сведения внутри файлов этого типа; файл сохранён, его контрольные суммы записаны.</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="131"/>
        <source>Case:</source>
        <translation>Дело:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="125"/>
        <source>Tags, separated by commas</source>
        <translation>Метки через запятую</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="109"/>
        <source>When and where</source>
        <translation>Когда и где</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="116"/>
        <source>Your notes, tags and case</source>
        <translation>Ваши заметки, метки и дело</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="120"/>
        <source>What happened, who was there, what this shows</source>
        <translation>Что произошло, кто там был, что это показывает</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="126"/>
        <source>e.g. arrest, police, witness</source>
        <translation>задержание, полиция, свидетель</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="127"/>
        <source>Tags:</source>
        <translation>Метки:</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="130"/>
        <source>Case of this item</source>
        <translation>Дело этого материала</translation>
    </message>
    <message>
        <location filename="../detail_panel.py" line="133"/>
        <source>Save notes, tags and case</source>
        <translation>Сохранить заметки, метки и дело</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../empty_state.py" line="46"/>
        <source>Drop photos, videos or court papers here,
or use Import files (Ctrl+I).

They are kept encrypted, exactly as they are.</source>
        <translation>Перетащите сюда фото, видео или судебные документы
или нажмите «Импорт файлов» (Ctrl+I).

Они хранятся зашифрованными, в точности как есть.</translation>
    </message>
    <message>
        <location filename="../empty_state.py" line="50"/>
        <source>This case holds no items yet.
Show all items, select some and choose Move to case (Ctrl+M).</source>
        <translation>В этом деле пока нет материалов.
Откройте «Все материалы», выделите нужные и выберите «Перенести в дело» (Ctrl+M).</translation>
    </message>
    <message>
        <location filename="../empty_state.py" line="53"/>
        <source>No item matches the search or the filters.
Clear the search box or the filters to see every item.</source>
        <translation>Ни один материал не подходит под поиск или фильтры.
Очистите поле поиска или фильтры, чтобы увидеть все материалы.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../export_dialog.py" line="69"/>
        <source>Export for counsel</source>
        <extracomment>The bundle was written (ExportResult). The export failed; the message shown.</extracomment>
        <translation>Экспорт для адвоката</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="72"/>
        <source>Selected items (%1)</source>
        <translation>Выбранные материалы (%1)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="73"/>
        <source>Every item of the case:</source>
        <translation>Все материалы дела:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="77"/>
        <source>Case to export</source>
        <translation>Дело для экспорта</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="86"/>
        <source>What:</source>
        <translation>Что:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="89"/>
        <source>e.g. lawyer&apos;s name (goes into the custody log)</source>
        <translation>например, имя адвоката (попадёт в журнал действий)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="90"/>
        <source>Recipient</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="91"/>
        <source>For:</source>
        <translation>Для:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="93"/>
        <source>Destination</source>
        <translation>Куда сохранить</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="94"/>
        <source>Choose...</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="96"/>
        <source>Save to:</source>
        <translation>Сохранить в:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="99"/>
        <source>Folder</source>
        <translation>Папка</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="99"/>
        <source>ZIP file</source>
        <translation>Файл ZIP</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="99"/>
        <source>Encrypted for counsel&apos;s age key</source>
        <translation>Зашифровать ключом age адвоката</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="100"/>
        <source>Encrypted 7z (password)</source>
        <translation>Зашифрованный 7z (пароль)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="103"/>
        <source>Bundle format</source>
        <translation>Формат пакета</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="105"/>
        <source>Form:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="108"/>
        <source>Counsel&apos;s age public key</source>
        <translation>Открытый ключ age адвоката</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="109"/>
        <source>Counsel&apos;s age key:</source>
        <translation>Ключ age адвоката:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="112"/>
        <source>7z password</source>
        <translation>Пароль 7z</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="115"/>
        <source>Repeat the 7z password</source>
        <translation>Повторите пароль 7z</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="116"/>
        <source>7z password:</source>
        <translation>Пароль 7z:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="117"/>
        <source>Repeat:</source>
        <translation>Повторите:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="119"/>
        <source>Add trusted time from these timestamp authorities (uses the network):</source>
        <translation>Добавить доверенное время от этих служб меток времени (нужна сеть):</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="213"/>
        <source>Choose the case to export.</source>
        <translation>Выберите дело для экспорта.</translation>
    </message>
    <message numerus="yes">
        <location filename="../export_dialog.py" line="263"/>
        <source>Exported %n item(s): %1.</source>
        <translation>
            <numerusform>Экспортирован %n материал: %1.</numerusform>
            <numerusform>Экспортировано %n материала: %1.</numerusform>
            <numerusform>Экспортировано %n материалов: %1.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="264"/>
        <source>The bundle is at: %1</source>
        <translation>Пакет сохранён здесь: %1</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="266"/>
        <source>Next: give it to counsel and read them the fingerprint above by phone. Counsel checks the bundle with README-VERIFY.txt inside it, or with &quot;Verify a bundle...&quot; in Evidence Locker.</source>
        <translation>Дальше: передайте пакет адвокату и продиктуйте ему по телефону отпечаток ключа выше. Адвокат проверит пакет по инструкции README-VERIFY.txt внутри него или через «Проверить пакет…» в Хранилище доказательств.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="269"/>
        <source>Bundle id: %1</source>
        <translation>Номер пакета: %1</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="272"/>
        <source>Timestamp: %1</source>
        <translation>Метка времени: %1</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="127"/>
        <source>Proxy</source>
        <translation>Прокси</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="128"/>
        <source>Proxy (optional):</source>
        <translation>Прокси (необязательно):</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="130"/>
        <source>Signing key fingerprint - read it to counsel by phone:</source>
        <translation>Отпечаток ключа подписи - продиктуйте его адвокату по телефону:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="144"/>
        <source>The same key as digits, easiest to read aloud:</source>
        <translation>Тот же ключ цифрами - так его проще читать вслух:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="161"/>
        <source>Export</source>
        <translation>Экспортировать</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="163"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="174"/>
        <source>Save the bundle as</source>
        <translation>Сохранить пакет как</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="209"/>
        <source>The two 7z passwords are empty or differ.</source>
        <translation>Пароли 7z пусты или не совпадают.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="211"/>
        <source>Paste counsel&apos;s age public key (it starts with age1).</source>
        <translation>Вставьте открытый ключ age адвоката (начинается с age1).</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="216"/>
        <source>Tick at least one timestamp authority, or turn trusted time off.</source>
        <translation>Отметьте хотя бы одну службу меток времени или отключите доверенное время.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="230"/>
        <source>Choose where to save the bundle.</source>
        <translation>Выберите, куда сохранить пакет.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="246"/>
        <source>Exporting...</source>
        <translation>Экспортируем…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="273"/>
        <source>No trusted time: %1</source>
        <translation>Нет доверенного времени: %1</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../filter_bar.py" line="23"/>
        <source>Filter by tag</source>
        <extracomment>The criteria changed (a Criteria; the case comes from the cases panel).</extracomment>
        <translation>Отбор по метке</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="26"/>
        <source>Filter by type</source>
        <translation>Отбор по типу</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="28"/>
        <source>All types</source>
        <translation>Все типы</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="28"/>
        <source>Photos</source>
        <translation>Фото</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="28"/>
        <source>Videos</source>
        <translation>Видео</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="29"/>
        <source>Sound</source>
        <translation>Звук</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="29"/>
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="30"/>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="33"/>
        <source>With GPS</source>
        <translation>С GPS</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="34"/>
        <source>Only items with a GPS position</source>
        <translation>Только материалы с GPS-координатами</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="35"/>
        <source>Captured from</source>
        <translation>Снято с</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="36"/>
        <source>Filter by capture date</source>
        <translation>Отбор по дате съёмки</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="39"/>
        <source>Captured on or after</source>
        <translation>Снято не раньше</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="40"/>
        <source>Captured on or before</source>
        <translation>Снято не позже</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="45"/>
        <source>Tag:</source>
        <translation>Метка:</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="51"/>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../filter_bar.py" line="66"/>
        <source>Any tag</source>
        <translation>Любая метка</translation>
    </message>
</context>
<context>
    <name>FirstRunPanicSetup</name>
    <message>
        <location filename="../first_run_panic.py" line="49"/>
        <source>A laptop or phone that already has spyware on it sees whatever you see and type, the vault included. Copies left elsewhere (on the phone, in Downloads, in messengers or a cloud) are not in the vault: delete them once imported. And no encryption helps once you are made to type the passphrase: the panic key works only before that moment.</source>
        <translation>Ноутбук или телефон, на котором уже стоит шпионская программа, видит всё, что видите и набираете вы, в том числе хранилище. Копии, оставшиеся в других местах (на телефоне, в «Загрузках», в мессенджерах или в облаке), хранилище не защищает: удалите их после импорта. И никакое шифрование не поможет, если вас заставят ввести парольную фразу: тревожное сочетание работает только до этого момента.</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="71"/>
        <source>Set up the panic key</source>
        <translation>Настройка тревожного сочетания</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="73"/>
        <source>Your vault is ready. Now set up the panic key.</source>
        <translation>Хранилище готово. Теперь настройте тревожное сочетание.</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="82"/>
        <source>If someone comes for your laptop while the vault is open, one key combination closes it at once, in every window of the app. Choose what it does and which keys you will press.</source>
        <translation>Если за вашим ноутбуком придут, пока хранилище открыто, одно сочетание клавиш сразу закроет его в любом окне приложения. Выберите, что оно делает и какие клавиши вы нажмёте.</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="98"/>
        <source>Click the key box and press the combination: two of Ctrl, Alt and Shift with one more key. The default, Ctrl+Shift+F12, is not used by any common program.</source>
        <translation>Щёлкните по полю сочетания и нажмите его: две из клавиш Ctrl, Alt и Shift и ещё одну клавишу. Сочетание по умолчанию, Ctrl+Shift+F12, не занято ни одной распространённой программой.</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="106"/>
        <source>Skip</source>
        <translation>Пропустить</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="107"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="108"/>
        <source>Save and try the key now</source>
        <translation>Сохранить и попробовать сейчас</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="120"/>
        <source>What the vault cannot protect</source>
        <translation>Чего хранилище защитить не может</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="129"/>
        <source>Read the whole threat model</source>
        <translation>Прочитать модель угроз целиком</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="136"/>
        <source>The whole threat model is in THREAT_MODEL.md in the app&apos;s documentation.</source>
        <translation>Модель угроз целиком — в файле THREAT_MODEL.md в документации приложения.</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="146"/>
        <source>Erase: the vault is destroyed at once, without a question, and cannot be brought back. Keep a copy of what matters elsewhere, for example a bundle given to your lawyer.</source>
        <translation>Стереть: хранилище уничтожается сразу, без вопроса, и восстановить его нельзя. Держите копию важного в другом месте, например пакет, переданный адвокату.</translation>
    </message>
    <message>
        <location filename="../first_run_panic.py" line="152"/>
        <source>Lock: the vault closes and asks for your passphrase. Nothing is lost.</source>
        <translation>Заблокировать: хранилище закрывается и просит парольную фразу. Ничего не теряется.</translation>
    </message>
</context>
<context>
    <name>FoldedSection</name>
    <message>
        <location filename="../proof_section.py" line="54"/>
        <source>Unfolded: press Space to fold</source>
        <extracomment>True when the content was unfolded, False when folded.</extracomment>
        <translation>Раскрыто: нажмите Пробел, чтобы свернуть</translation>
    </message>
    <message>
        <location filename="../proof_section.py" line="54"/>
        <source>Folded: press Space to unfold</source>
        <translation>Свёрнуто: нажмите Пробел, чтобы раскрыть</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <location filename="../import_panel.py" line="65"/>
        <source>Strip identifying metadata on import (keep a clean copy, not the original)</source>
        <extracomment>The outcomes of a finished import (also after a cancel: the files imported before it). The import stopped with an error or was cancelled; the argument is the message shown. An ImportProgress, on the GUI thread, after the panel showed it.</extracomment>
        <translation>Удалять идентифицирующие метаданные при импорте (хранить очищенную копию, а не оригинал)</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="68"/>
        <source>For files whose GPS position or device details you must not keep, e.g. a fine photographed at home. The original&apos;s hashes and the names of the removed fields are recorded.</source>
        <translation>Для файлов, GPS-координаты или данные устройства которых нельзя хранить, например снимок штрафа, сделанный дома. Записываются хеши оригинала и названия удалённых полей.</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="72"/>
        <source>Strip identifying metadata on import</source>
        <translation>Удалять идентифицирующие метаданные при импорте</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="79"/>
        <source>Import progress</source>
        <translation>Ход импорта</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="80"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="88"/>
        <source>Import results</source>
        <translation>Результаты импорта</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="100"/>
        <source>Preparing...</source>
        <translation>Подготовка…</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="138"/>
        <source>Stopping after the current file is rolled back...</source>
        <translation>Останавливаем: текущий файл откатывается…</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="143"/>
        <source>%1 of %2 · file %3 of %4: %5</source>
        <translation>%1 из %2 · файл %3 из %4: %5</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="162"/>
        <source>imported</source>
        <translation>импортирован</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="163"/>
        <source>already in the vault</source>
        <translation>уже в хранилище</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="164"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="176"/>
        <source>source removed</source>
        <translation>исходный файл удалён</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="179"/>
        <source>its metadata could not be read</source>
        <translation>метаданные прочитать не удалось</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="187"/>
        <source>%1 imported, %2 already in the vault, %3 failed.</source>
        <translation>Импортировано: %1, уже в хранилище: %2, с ошибкой: %3.</translation>
    </message>
    <message>
        <location filename="../import_panel.py" line="197"/>
        <source>Import cancelled: the file in progress was not stored; the files before it were.</source>
        <translation>Импорт отменён: текущий файл не сохранён, предыдущие сохранены.</translation>
    </message>
</context>
<context>
    <name>ItemViews</name>
    <message>
        <location filename="../item_views.py" line="27"/>
        <source>Items in the vault</source>
        <extracomment>Enter or a double click on a row (of the filtered model): open that item.</extracomment>
        <translation>Материалы в хранилище</translation>
    </message>
    <message>
        <location filename="../item_views.py" line="44"/>
        <source>Items in the vault, as thumbnails</source>
        <translation>Материалы хранилища в виде миниатюр</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <location filename="../items_model.py" line="150"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="151"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="152"/>
        <source>Captured (file says)</source>
        <translation>Снято (по данным файла)</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="153"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="154"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="155"/>
        <source>Imported</source>
        <translation>Импортирован</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="156"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="157"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="158"/>
        <source>Tags</source>
        <translation>Метки</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="68"/>
        <source>not read yet</source>
        <extracomment>The time columns&apos; moments, for sorting: their text is in the locale&apos;s order (12.03.2026), not sortable. None when the cell holds no time (not read yet, unreadable, none recorded).</extracomment>
        <translation>ещё не прочитано</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="68"/>
        <source>unreadable</source>
        <translation>не читается</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="68"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../items_model.py" line="69"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="97"/>
        <source>Evidence Locker</source>
        <extracomment>The user chose another vault folder (existing: unlock it; new: create it). The user asked for the settings dialog. Emitted with the outcomes once an import has finished (after the list was refreshed). Emitted with the message when an import was cancelled or failed (after the list was refreshed). The panic button was pressed: do what the panic key does (lock or erase), at once. The user wants to rehearse the panic key. Timestamp authorities and proxy from the settings, offered in the export dialog.</extracomment>
        <translation>Хранилище доказательств</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="102"/>
        <source>Search names, types, cases, notes, tags...</source>
        <translation>Поиск по именам, типам, делам, заметкам, меткам…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="103"/>
        <source>Search items</source>
        <translation>Поиск материалов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="154"/>
        <source>Signing key: %1</source>
        <translation>Ключ подписи: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>Interrupted exports</source>
        <translation>Прерванные экспорты</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="172"/>
        <source>When the vault was unlocked, exports that had been interrupted were completed or cleaned up:</source>
        <translation>При открытии хранилища прерванные экспорты были завершены или их незаконченные файлы удалены:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195"/>
        <source>&amp;Vault</source>
        <translation>&amp;Хранилище</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196"/>
        <source>Open another vault...</source>
        <translation>Открыть другое хранилище…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="198"/>
        <source>New vault...</source>
        <translation>Новое хранилище…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200"/>
        <source>Change passphrase...</source>
        <translation>Сменить парольную фразу…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="202"/>
        <source>Practise the panic key...</source>
        <translation>Потренироваться с тревожной кнопкой…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="204"/>
        <source>Receive from phone...</source>
        <translation>Принять с телефона…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <source>V&amp;iew</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="216"/>
        <source>As a list</source>
        <translation>Списком</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219"/>
        <source>As thumbnails</source>
        <translation>Миниатюрами</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="224"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="225"/>
        <source>About Evidence Locker...</source>
        <translation>О программе…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="249"/>
        <source>Move to case...</source>
        <translation>Перенести в дело…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="252"/>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="255"/>
        <source>New case...</source>
        <translation>Новое дело…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="258"/>
        <source>&amp;Items</source>
        <translation>&amp;Материалы</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="279"/>
        <source>%n items selected: Export (Ctrl+E) and Move to case (Ctrl+M) act on all of them.</source>
        <translation>
            <numerusform>Выделен %n материал: «Экспорт» (Ctrl+E) и «Перенести в дело» (Ctrl+M) применяются к нему.</numerusform>
            <numerusform>Выделено %n материала: «Экспорт» (Ctrl+E) и «Перенести в дело» (Ctrl+M) применяются ко всем.</numerusform>
            <numerusform>Выделено %n материалов: «Экспорт» (Ctrl+E) и «Перенести в дело» (Ctrl+M) применяются ко всем.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="291"/>
        <source>Select the items to move first.</source>
        <translation>Сначала выделите материалы, которые нужно перенести.</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="311"/>
        <source>Moved %n item(s) to the case %1.</source>
        <translation>
            <numerusform>%n материал перенесён в дело «%1».</numerusform>
            <numerusform>%n материала перенесено в дело «%1».</numerusform>
            <numerusform>%n материалов перенесено в дело «%1».</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="312"/>
        <source>Took %n item(s) out of their case.</source>
        <translation>
            <numerusform>%n материал убран из дела.</numerusform>
            <numerusform>%n материала убрано из дела.</numerusform>
            <numerusform>%n материалов убрано из дела.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="317"/>
        <source>Open a vault folder (name.locker)</source>
        <translation>Открыть папку хранилища (имя.locker)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="324"/>
        <source>New vault folder</source>
        <translation>Папка нового хранилища</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="333"/>
        <source>Actions</source>
        <translation>Действия</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="335"/>
        <source>Import files...</source>
        <translation>Импорт файлов…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="338"/>
        <source>Lock</source>
        <translation>Заблокировать</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="344"/>
        <source>Settings...</source>
        <translation>Настройки…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="347"/>
        <source>Export for counsel...</source>
        <translation>Экспорт для адвоката…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="350"/>
        <source>Verify a bundle...</source>
        <translation>Проверить пакет…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="353"/>
        <source>Share copy...</source>
        <translation>Копия для публикации…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="355"/>
        <source>A copy without identifying metadata, faces covered, for posting</source>
        <translation>Копия без идентифицирующих метаданных, с закрытыми лицами, для публикации</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="389"/>
        <source>The vault is empty. Use &quot;Import files...&quot; (Ctrl+I) to add evidence.</source>
        <translation>Хранилище пусто. Нажмите «Импорт файлов…» (Ctrl+I), чтобы добавить материалы.</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="285"/>
        <location filename="../main_window.py" line="391"/>
        <source>%n item(s) in the vault.</source>
        <translation>
            <numerusform>%n материал в хранилище.</numerusform>
            <numerusform>%n материала в хранилище.</numerusform>
            <numerusform>%n материалов в хранилище.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="457"/>
        <source>Select the item to share first.</source>
        <translation>Сначала выберите материал для публикации.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="460"/>
        <source>A share copy is made of one item at a time: select just one.</source>
        <translation>Копия для публикации делается из одного материала: выделите только один.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="512"/>
        <source>Import evidence</source>
        <translation>Импорт материалов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="521"/>
        <source>An import is already running.</source>
        <translation>Импорт уже идёт.</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="524"/>
        <source>Importing %n file(s)...</source>
        <translation>
            <numerusform>Импортируем %n файл…</numerusform>
            <numerusform>Импортируем %n файла…</numerusform>
            <numerusform>Импортируем %n файлов…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="547"/>
        <source>Import stopped: %1</source>
        <translation>Импорт остановлен: %1</translation>
    </message>
</context>
<context>
    <name>MediaPlayerWidget</name>
    <message>
        <location filename="../media_player.py" line="102"/>
        <source>Video</source>
        <extracomment>The file was opened in the sandbox; duration and streams are known. The first picture is on screen (a still, before play is pressed). Decoding failed; the text says why (for diagnostics; the widget shows its own message).</extracomment>
        <translation>Видео</translation>
    </message>
    <message>
        <location filename="../media_player.py" line="104"/>
        <source>Opening...</source>
        <translation>Открывается…</translation>
    </message>
    <message>
        <location filename="../media_player.py" line="110"/>
        <location filename="../media_player.py" line="178"/>
        <source>Play</source>
        <translation>Воспроизвести</translation>
    </message>
    <message>
        <location filename="../media_player.py" line="116"/>
        <source>Position</source>
        <translation>Позиция</translation>
    </message>
    <message>
        <location filename="../media_player.py" line="124"/>
        <location filename="../media_player.py" line="127"/>
        <source>Volume</source>
        <translation>Громкость</translation>
    </message>
    <message>
        <location filename="../media_player.py" line="166"/>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <location filename="../media_player.py" line="229"/>
        <source>Sound only</source>
        <translation>Только звук</translation>
    </message>
    <message>
        <location filename="../media_player.py" line="278"/>
        <source>This video or sound could not be displayed.</source>
        <translation>Это видео или аудио не удалось показать.</translation>
    </message>
</context>
<context>
    <name>MoveToCaseDialog</name>
    <message>
        <location filename="../move_to_case_dialog.py" line="13"/>
        <source>Move to case</source>
        <translation>Перенести в дело</translation>
    </message>
    <message numerus="yes">
        <location filename="../move_to_case_dialog.py" line="15"/>
        <source>Put %n selected item(s) in this case (type a new name to create one):</source>
        <translation>
            <numerusform>Перенести %n выделенный материал в это дело (введите новое название, чтобы создать дело):</numerusform>
            <numerusform>Перенести %n выделенных материала в это дело (введите новое название, чтобы создать дело):</numerusform>
            <numerusform>Перенести %n выделенных материалов в это дело (введите новое название, чтобы создать дело):</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../move_to_case_dialog.py" line="22"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
</context>
<context>
    <name>PanicButton</name>
    <message>
        <location filename="../toolbar.py" line="53"/>
        <source>Erase now</source>
        <translation>Стереть сейчас</translation>
    </message>
    <message>
        <location filename="../toolbar.py" line="54"/>
        <source>Panic: erases the vault at once, without asking (%1)</source>
        <translation>Тревога: сразу стирает хранилище, без вопросов (%1)</translation>
    </message>
    <message>
        <location filename="../toolbar.py" line="56"/>
        <source>Lock now</source>
        <translation>Заблокировать сейчас</translation>
    </message>
    <message>
        <location filename="../toolbar.py" line="57"/>
        <source>Panic: locks the vault at once and hides everything (%1)</source>
        <translation>Тревога: сразу блокирует хранилище и всё скрывает (%1)</translation>
    </message>
</context>
<context>
    <name>PanicKey</name>
    <message>
        <location filename="../panic_key.py" line="36"/>
        <source>Press one key combination, for example Ctrl+Shift+F12.</source>
        <translation>Нажмите одно сочетание клавиш, например Ctrl+Shift+F12.</translation>
    </message>
    <message>
        <location filename="../panic_key.py" line="40"/>
        <source>Esc cannot be the panic key: it closes dialogs, so it would be pressed by accident.</source>
        <translation>Esc не может быть тревожной кнопкой: ею закрывают окна, её нажмут случайно.</translation>
    </message>
    <message>
        <location filename="../panic_key.py" line="44"/>
        <source>Press a key together with the modifier keys, for example Ctrl+Shift+F12.</source>
        <translation>Нажмите клавишу вместе с клавишами-модификаторами, например Ctrl+Shift+F12.</translation>
    </message>
    <message>
        <location filename="../panic_key.py" line="48"/>
        <source>Hold two of Ctrl, Alt and Shift with the key (for example Ctrl+Shift+F12): a single key or a key with one modifier is too easily pressed by accident.</source>
        <translation>Удерживайте две из клавиш Ctrl, Alt и Shift вместе с клавишей (например, Ctrl+Shift+F12): одну клавишу или клавишу с одним модификатором слишком легко нажать случайно.</translation>
    </message>
    <message>
        <location filename="../panic_key.py" line="54"/>
        <source>The desktop may take this combination before Evidence Locker sees it. Choose another one.</source>
        <translation>Рабочий стол может перехватить это сочетание раньше программы. Выберите другое.</translation>
    </message>
</context>
<context>
    <name>PanicPracticeDialog</name>
    <message>
        <location filename="../panic_practice.py" line="23"/>
        <source>Practise the panic key</source>
        <translation>Тренировка тревожной кнопки</translation>
    </message>
    <message>
        <location filename="../panic_practice.py" line="25"/>
        <source>Press the panic key now:</source>
        <translation>Нажмите тревожную кнопку сейчас:</translation>
    </message>
    <message>
        <location filename="../panic_practice.py" line="37"/>
        <source>This practice only locks the vault, even when the panic key is set to erase it. Then the app asks for your passphrase, as after a real panic. Press it with the app in front: it works in every window of Evidence Locker, but not in other programs.</source>
        <translation>На тренировке хранилище только блокируется, даже если тревожная кнопка настроена на стирание. Затем программа попросит парольную фразу, как после настоящей тревоги. Нажимайте, когда программа на переднем плане: кнопка работает в любом окне Хранилища доказательств, но не в других программах.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../passphrase_dialogs.py" line="117"/>
        <source>Unexpected error: %1</source>
        <extracomment>The passphrase was refused (wrong, duress, or the last allowed attempt); the dialog stays open.</extracomment>
        <translation>Непредвиденная ошибка: %1</translation>
    </message>
</context>
<context>
    <name>PassphraseMeter</name>
    <message>
        <location filename="../passphrase_meter.py" line="40"/>
        <source>Passphrase strength</source>
        <extracomment>A passphrase was generated and put into the fields (the argument is its number of words).</extracomment>
        <translation>Надёжность парольной фразы</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="43"/>
        <source>Show the passphrase</source>
        <translation>Показать парольную фразу</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="45"/>
        <source>Generate a passphrase</source>
        <translation>Придумать парольную фразу</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="46"/>
        <source>Six random words from a list of 7,776: easy to learn, hard to guess</source>
        <translation>Шесть случайных слов из списка в 7776 слов: легко запомнить, трудно подобрать</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="48"/>
        <source>I know the risk: use this passphrase anyway</source>
        <translation>Я понимаю риск: использовать эту фразу всё равно</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="67"/>
        <source>very weak</source>
        <translation>очень слабая</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="67"/>
        <source>weak</source>
        <translation>слабая</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="67"/>
        <source>fair</source>
        <translation>средняя</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="67"/>
        <source>good</source>
        <translation>хорошая</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="67"/>
        <source>strong</source>
        <translation>надёжная</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="69"/>
        <source>Use five or more words, or let the app generate them.</source>
        <translation>Используйте пять слов или больше или дайте программе их придумать.</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="72"/>
        <source>%1: too easy to guess for someone who takes the laptop. Add words, or generate a passphrase.</source>
        <translation>%1: тот, кто заберёт ноутбук, легко её подберёт. Добавьте слов или придумайте фразу кнопкой.</translation>
    </message>
    <message>
        <location filename="../passphrase_meter.py" line="106"/>
        <source>This passphrase is too easy to guess. Generate one, add words, or tick the box if you know the risk.</source>
        <translation>Эту парольную фразу слишком легко подобрать. Придумайте фразу кнопкой, добавьте слов или отметьте флажок, если понимаете риск.</translation>
    </message>
</context>
<context>
    <name>PdfPageView</name>
    <message>
        <location filename="../pdf_view.py" line="45"/>
        <source>PDF page</source>
        <extracomment>A page was rendered and is now shown. The sandbox could not render the page (the status line says so). A short text for the viewer&apos;s message line (&quot;&quot; clears it).</extracomment>
        <translation>Страница PDF</translation>
    </message>
    <message>
        <location filename="../pdf_view.py" line="52"/>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <location filename="../pdf_view.py" line="53"/>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message>
        <location filename="../pdf_view.py" line="67"/>
        <source>Zoom in</source>
        <translation>Крупнее</translation>
    </message>
    <message>
        <location filename="../pdf_view.py" line="68"/>
        <source>Zoom out</source>
        <translation>Мельче</translation>
    </message>
    <message>
        <location filename="../pdf_view.py" line="69"/>
        <source>Fit</source>
        <translation>По размеру окна</translation>
    </message>
    <message>
        <location filename="../pdf_view.py" line="123"/>
        <source>Preparing the page...</source>
        <translation>Подготовка страницы…</translation>
    </message>
    <message>
        <location filename="../pdf_view.py" line="139"/>
        <source>Page %1 of %2</source>
        <translation>Страница %1 из %2</translation>
    </message>
    <message>
        <location filename="../pdf_view.py" line="149"/>
        <source>Could not display page %1 of this PDF.</source>
        <translation>Не удалось показать страницу %1 этого PDF.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../qt_strings.py" line="11"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Папка:</translation>
    </message>
    <message>
        <location filename="../qt_strings.py" line="12"/>
        <source>Files of &amp;type:</source>
        <translation>&amp;Тип файлов:</translation>
    </message>
</context>
<context>
    <name>ReceiveWindow</name>
    <message>
        <location filename="../receive_window.py" line="76"/>
        <source>Receive from phone</source>
        <extracomment>How long a phone&apos;s request waits for the user&apos;s answer before it is declined. Lines the window&apos;s log keeps (the oldest go first): enough for a day&apos;s transfers.</extracomment>
        <translation>Приём с телефона</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="105"/>
        <source>What the receiver did</source>
        <extracomment>Shown only where the network process could not be locked out of the user&apos;s files (no Landlock).</extracomment>
        <translation>Что происходило при приёме</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="107"/>
        <source>This computer appears as:</source>
        <translation>Этот компьютер виден как:</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="108"/>
        <source>PIN:</source>
        <translation>PIN-код:</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="109"/>
        <source>Certificate fingerprint:</source>
        <translation>Отпечаток сертификата:</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="112"/>
        <source>On the phone, open LocalSend, tap Send, choose the files, then tap this computer and type the PIN. The files go straight into the vault; the originals stay on the phone: delete them there.</source>
        <translation>На телефоне откройте LocalSend, нажмите «Отправить», выберите файлы, затем нажмите на этот компьютер и введите PIN-код. Файлы попадут прямо в хранилище; оригиналы останутся на телефоне — удалите их там.</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="140"/>
        <source>Cannot receive: port %1 is in use. Close LocalSend on this computer and try again.</source>
        <translation>Приём невозможен: порт %1 занят. Закройте LocalSend на этом компьютере и попробуйте снова.</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="147"/>
        <source>Cannot receive: this computer is not connected to a local network. Connect the phone and the computer to the same Wi-Fi, then open this window again.</source>
        <translation>Приём невозможен: компьютер не подключён к локальной сети. Подключите телефон и компьютер к одной сети Wi-Fi и откройте это окно снова.</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="153"/>
        <source>Cannot receive: %1</source>
        <translation>Приём невозможен: %1</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="157"/>
        <source>none: anyone on this network can offer files</source>
        <translation>нет: любой в этой сети может предложить файлы</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="160"/>
        <source>Waiting for a phone on port %1...</source>
        <translation>Ожидание телефона на порту %1…</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="164"/>
        <source>Warning: this system could not lock the receiver&apos;s network process out of your files (it needs Linux 5.13 or later with Landlock). That process never has the vault or its key, but a phone that took it over could read your other files. Receive only from your own phone on a network you trust.</source>
        <translation>Внимание: эта система не смогла закрыть сетевому процессу приёма доступ к вашим файлам (для этого нужен Linux 5.13 или новее с Landlock). У этого процесса никогда нет ни хранилища, ни его ключа, но телефон, захвативший его, смог бы прочитать другие ваши файлы. Принимайте только со своего телефона и только в сети, которой доверяете.</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="188"/>
        <source>... and %1 more</source>
        <translation>… и ещё %1</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="190"/>
        <source>“%1” (%2) wants to send %3 file(s), %4 in all. Accept them into the vault?</source>
        <translation>«%1» (%2) хочет отправить файлов: %3, всего %4. Принять их в хранилище?</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="193"/>
        <source>Files from a phone</source>
        <translation>Файлы с телефона</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="209"/>
        <source>Verified: the phone&apos;s own LocalSend server presents the certificate it declared.</source>
        <translation>Проверен: собственный сервер LocalSend на телефоне предъявляет тот сертификат, который телефон сообщил.</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="211"/>
        <source>the phone declared no certificate fingerprint</source>
        <translation>телефон не сообщил отпечаток сертификата</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="212"/>
        <source>the phone uses plain HTTP, which has no certificate</source>
        <translation>телефон работает по обычному HTTP, без сертификата</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="213"/>
        <source>the phone did not say where its own LocalSend server listens</source>
        <translation>телефон не сообщил, где работает его собственный сервер LocalSend</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="214"/>
        <source>no LocalSend server answered on the phone</source>
        <translation>сервер LocalSend на телефоне не ответил</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="215"/>
        <source>the certificate the phone serves does not match the one it declared</source>
        <translation>сертификат, который предъявляет телефон, не совпадает с тем, который он сообщил</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="218"/>
        <source>Not verified: %1.</source>
        <translation>Не проверен: %1.</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="252"/>
        <source>Not receiving: %1</source>
        <translation>Приём остановлен: %1</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="261"/>
        <source>%1: stored in the vault as %2.</source>
        <translation>%1: сохранён в хранилище как %2.</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="263"/>
        <source>%1: already in the vault as %2.</source>
        <translation>%1: уже есть в хранилище как %2.</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="265"/>
        <source>Receiving files from “%1”...</source>
        <translation>Приём файлов от «%1»…</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="267"/>
        <source>You declined the files from “%1”.</source>
        <translation>Вы отклонили файлы от «%1».</translation>
    </message>
    <message>
        <location filename="../receive_window.py" line="281"/>
        <source>The window was closed.</source>
        <translation>Окно закрыто.</translation>
    </message>
</context>
<context>
    <name>SendersDialog</name>
    <message>
        <location filename="../senders_dialog.py" line="25"/>
        <location filename="../senders_dialog.py" line="37"/>
        <source>Confirmed senders</source>
        <translation>Подтверждённые отправители</translation>
    </message>
    <message>
        <location filename="../senders_dialog.py" line="30"/>
        <source>Bundles signed by these keys verify as confirmed. Add a sender only after comparing the key with them by phone. This list stays on this computer, outside every vault.</source>
        <translation>Пакеты, подписанные этими ключами, проходят проверку как подтверждённые. Добавляйте отправителя, только сверив с ним ключ по телефону. Этот список хранится только на этом компьютере, вне любого хранилища.</translation>
    </message>
    <message>
        <location filename="../senders_dialog.py" line="39"/>
        <source>Forget the selected sender</source>
        <translation>Забыть выбранного отправителя</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="67"/>
        <source>Settings</source>
        <extracomment>The accepted settings, after they were saved. A duress passphrase was set or removed (the argument: whether one is now set).</extracomment>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="73"/>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="75"/>
        <source>Panic</source>
        <translation>Тревожная кнопка</translation>
    </message>
    <message>
        <location filename="../panic_choice.py" line="22"/>
        <source>Lock the vault and hide everything</source>
        <translation>Заблокировать хранилище и всё скрыть</translation>
    </message>
    <message>
        <location filename="../panic_choice.py" line="23"/>
        <source>Erase the vault (cannot be undone)</source>
        <translation>Стереть хранилище (необратимо)</translation>
    </message>
    <message>
        <location filename="../panic_choice.py" line="25"/>
        <source>What the panic shortcut does</source>
        <translation>Что делает тревожное сочетание клавиш</translation>
    </message>
    <message>
        <location filename="../panic_choice.py" line="36"/>
        <source>Panic shortcut does:</source>
        <translation>Тревожная кнопка делает:</translation>
    </message>
    <message>
        <location filename="../panic_choice.py" line="28"/>
        <source>Panic shortcut</source>
        <translation>Тревожное сочетание клавиш</translation>
    </message>
    <message>
        <location filename="../panic_choice.py" line="37"/>
        <source>Panic shortcut:</source>
        <translation>Сочетание клавиш:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="82"/>
        <location filename="../settings_dialog.py" line="102"/>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="85"/>
        <source>Erase after this many wrong passphrases in a row</source>
        <translation>Стереть после стольких неверных парольных фраз подряд</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="86"/>
        <source>Erase after wrong passphrases:</source>
        <translation>Стереть после неверных фраз:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="89"/>
        <source>Each wrong passphrase says how many tries are left. After the erase the vault looks like one whose passphrase nobody knows: your own passphrase no longer opens it, and the evidence cannot be brought back. It does not help against someone who copied the vault folder first.</source>
        <translation>Каждая неверная фраза сообщает, сколько попыток осталось. После стирания хранилище выглядит как хранилище, фразу к которому никто не знает: ваша собственная фраза его больше не открывает, и доказательства не вернуть. Против того, кто заранее скопировал папку хранилища, это не помогает.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="98"/>
        <source>Auto-lock</source>
        <translation>Автоблокировка</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="103"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="105"/>
        <source>Lock after this many idle minutes</source>
        <translation>Блокировать после стольких минут бездействия</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="106"/>
        <source>Lock when idle for:</source>
        <translation>Блокировать при бездействии:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="108"/>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="111"/>
        <source>Language (after restart):</source>
        <translation>Язык (после перезапуска):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="149"/>
        <source>Proxy</source>
        <translation>Прокси</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="150"/>
        <source>Proxy (optional):</source>
        <translation>Прокси (необязательно):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="227"/>
        <location filename="../settings_dialog.py" line="244"/>
        <source>Duress passphrase</source>
        <translation>Парольная фраза под принуждением</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="231"/>
        <source>Typing a duress passphrase instead of your real one erases this vault and then looks like a wrong passphrase. Destroying evidence when the police demand access can be a crime of its own, and it may be noticed. Decide this with your lawyer.</source>
        <translation>Если ввести парольную фразу под принуждением вместо настоящей, хранилище будет стёрто, а программа поведёт себя как при неверной фразе. Уничтожение доказательств по требованию полиции может само быть преступлением, и это могут заметить. Решайте это вместе с адвокатом.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="243"/>
        <source>Duress passphrase</source>
        <comment>a short placeholder in a narrow field</comment>
        <translation>Фраза под принуждением</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="247"/>
        <source>Repeat</source>
        <translation>Повторите</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="248"/>
        <source>Repeat the duress passphrase</source>
        <translation>Повторите парольную фразу под принуждением</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="249"/>
        <source>Set</source>
        <translation>Задать</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="170"/>
        <location filename="../settings_dialog.py" line="251"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="122"/>
        <source>Timestamps</source>
        <translation>Метки времени</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="133"/>
        <source>Timestamp authorities</source>
        <translation>Службы меток времени</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="137"/>
        <source>Asked when you turn on trusted time in an export; only then is the network used. Two authorities run by different operators keep the time provable if one of them fails.</source>
        <translation>К ним обращаются, когда вы включаете доверенное время при экспорте; только тогда используется сеть. Две службы разных операторов сохраняют время доказуемым, если одна из них подведёт.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="154"/>
        <location filename="../settings_dialog.py" line="165"/>
        <source>Trusted TSA roots</source>
        <translation>Доверенные корни служб меток времени</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="158"/>
        <source>A timestamp proves when a bundle existed only if its authority chains to one of these roots. Add the root of a local or national authority you trust from its PEM file.</source>
        <translation>Метка времени доказывает, когда существовал пакет, только если её служба ведёт к одному из этих корней. Корень местной или национальной службы, которой вы доверяете, можно добавить из её PEM-файла.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="168"/>
        <source>Add from a PEM file...</source>
        <translation>Добавить из PEM-файла…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="186"/>
        <source>%1 (built in)</source>
        <translation>%1 (встроенный)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="190"/>
        <source>%1 (yours, SHA-256 %2...)</source>
        <translation>%1 (ваш, SHA-256 %2…)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="213"/>
        <source>Now trusted: %1</source>
        <translation>Теперь доверенный: %1</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="261"/>
        <source>A duress passphrase is set.</source>
        <translation>Парольная фраза под принуждением задана.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="261"/>
        <source>No duress passphrase.</source>
        <translation>Парольной фразы под принуждением нет.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="268"/>
        <source>The two duress passphrases are empty or differ.</source>
        <translation>Парольные фразы пусты или не совпадают.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="308"/>
        <source>Panic will erase</source>
        <translation>Тревожная кнопка будет стирать</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="309"/>
        <source>From now on the panic shortcut erases this vault at once, without asking. Continue?</source>
        <translation>Теперь тревожное сочетание клавиш будет сразу, без вопросов, стирать это хранилище. Продолжить?</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <location filename="../share_dialog.py" line="56"/>
        <source>Share copy of %1</source>
        <extracomment>Face detection finished and the first frame is shown. A copy was written (ShareResult) or refused (ShareResult with an error).</extracomment>
        <translation>Копия для публикации: %1</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="60"/>
        <source>A share copy is a new file for posting or sending. The original stays in the vault unchanged.</source>
        <translation>Копия для публикации — новый файл, который можно выложить или отправить. Оригинал остаётся в хранилище без изменений.</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="64"/>
        <source>Red boxes will be covered with solid black: click a box to leave that face visible, drag to add a box.</source>
        <translation>Красные рамки будут закрашены сплошным чёрным: щёлкните по рамке, чтобы оставить это лицо открытым, протяните мышью, чтобы добавить рамку.</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="73"/>
        <source>Picture with face boxes</source>
        <translation>Изображение с рамками лиц</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="77"/>
        <source>Sampled video frame</source>
        <translation>Выбранный кадр видео</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="84"/>
        <source>These recorded metadata fields will not be in the copy:</source>
        <translation>Этих записанных полей метаданных в копии не будет:</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="86"/>
        <source>Metadata fields to be removed</source>
        <translation>Удаляемые поля метаданных</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="88"/>
        <source>(no metadata fields were recorded for this item)</source>
        <translation>(для этого материала поля метаданных не записаны)</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="90"/>
        <source>Cover faces</source>
        <translation>Закрывать лица</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="95"/>
        <source>Keep the sound (voices can identify people)</source>
        <translation>Сохранить звук (по голосу можно узнать человека)</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="99"/>
        <location filename="../share_dialog.py" line="195"/>
        <source>Folder for the share copy</source>
        <translation>Папка для копии</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="100"/>
        <source>Choose...</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="102"/>
        <source>Write the copy into this folder:</source>
        <translation>Записать копию в эту папку:</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="112"/>
        <source>Write share copy</source>
        <translation>Записать копию</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="114"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="129"/>
        <source>Looking for faces...</source>
        <translation>Поиск лиц…</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="144"/>
        <source>Frame at %1 s</source>
        <translation>Кадр на %1 с</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="147"/>
        <source>Faces found: %1. Check every picture before writing.</source>
        <translation>Найдено лиц: %1. Проверьте каждое изображение перед записью.</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="203"/>
        <source>Choose an existing folder for the copy.</source>
        <translation>Выберите существующую папку для копии.</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="207"/>
        <source>Writing and re-checking the copy...</source>
        <translation>Запись и повторная проверка копии…</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="219"/>
        <source>Written: %1. Removed: %2. Faces covered: %3.</source>
        <translation>Записано: %1. Удалено: %2. Закрыто лиц: %3.</translation>
    </message>
    <message>
        <location filename="../share_dialog.py" line="226"/>
        <source>No copy was written: %1</source>
        <translation>Копия не записана: %1</translation>
    </message>
</context>
<context>
    <name>TimeText</name>
    <message>
        <location filename="../time_text.py" line="31"/>
        <source>%1 (zone unknown)</source>
        <translation>%1 (пояс неизвестен)</translation>
    </message>
    <message>
        <location filename="../time_text.py" line="84"/>
        <source>The file gave no time zone: this is the time on the clock of the device that made it.</source>
        <translation>В файле не указан часовой пояс: это время по часам устройства, которое его создало.</translation>
    </message>
    <message>
        <location filename="../time_text.py" line="89"/>
        <source>recorded in the file as %1 %2</source>
        <translation>в файле записано: %1 %2</translation>
    </message>
</context>
<context>
    <name>TsaChoice</name>
    <message>
        <location filename="../tsa_choice.py" line="23"/>
        <source>%1, run by %2</source>
        <translation>%1, оператор: %2</translation>
    </message>
    <message>
        <location filename="../tsa_choice.py" line="25"/>
        <source>Public timestamp authority %1</source>
        <translation>Общедоступная служба меток времени %1</translation>
    </message>
    <message>
        <location filename="../tsa_choice.py" line="28"/>
        <source>Other timestamp authorities (addresses, one per line):</source>
        <translation>Другие службы меток времени (адреса, по одному в строке):</translation>
    </message>
    <message>
        <location filename="../tsa_choice.py" line="32"/>
        <source>Other timestamp authority addresses, one per line</source>
        <translation>Адреса других служб меток времени, по одному в строке</translation>
    </message>
</context>
<context>
    <name>TsaRootFile</name>
    <message>
        <location filename="../tsa_choice.py" line="53"/>
        <source>Timestamp authority root certificate</source>
        <translation>Корневой сертификат службы меток времени</translation>
    </message>
    <message>
        <location filename="../tsa_choice.py" line="54"/>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Сертификаты PEM (*.pem *.crt *.cer);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../passphrase_dialogs.py" line="168"/>
        <source>Unlock your evidence vault</source>
        <translation>Разблокировка хранилища доказательств</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="169"/>
        <source>Vault: %1</source>
        <translation>Хранилище: %1</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="172"/>
        <source>Passphrase:</source>
        <translation>Парольная фраза:</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="172"/>
        <source>Vault passphrase</source>
        <translation>Парольная фраза хранилища</translation>
    </message>
    <message>
        <location filename="../passphrase_dialogs.py" line="177"/>
        <source>Unlocking...</source>
        <translation>Разблокируем…</translation>
    </message>
</context>
<context>
    <name>UpgradeDialog</name>
    <message>
        <location filename="../upgrade_dialog.py" line="33"/>
        <source>Upgrade this vault</source>
        <extracomment>Emitted once the vault has the current format.</extracomment>
        <translation>Обновить хранилище</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="43"/>
        <source>This vault was made by an older version of Evidence Locker. It works as it is; upgrading rewrites it in the current format, in which large files import faster. Your passphrase, items, signing key and custody log stay the same. It needs %1 of free space and may take a few minutes for a large vault.</source>
        <translation>Это хранилище создано более старой версией программы. Оно работает и так; обновление перезаписывает его в текущем формате, в котором большие файлы импортируются быстрее. Парольная фраза, материалы, ключ подписи и журнал хранения остаются прежними. Нужно %1 свободного места; для большого хранилища это может занять несколько минут.</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="51"/>
        <source>Upgrade progress</source>
        <translation>Ход обновления</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="58"/>
        <source>Upgrade now</source>
        <translation>Обновить сейчас</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="60"/>
        <source>Later</source>
        <translation>Позже</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="71"/>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="74"/>
        <source>Upgrading the vault...</source>
        <translation>Обновление хранилища…</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="91"/>
        <source>Stopping...</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="105"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="109"/>
        <source>The vault has been upgraded. Everything in it is unchanged.</source>
        <translation>Хранилище обновлено. Всё его содержимое осталось прежним.</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="117"/>
        <source>The upgrade was stopped; nothing was changed.</source>
        <translation>Обновление остановлено; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../upgrade_dialog.py" line="121"/>
        <source>Unexpected error: %1</source>
        <translation>Непредвиденная ошибка: %1</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../verify_dialog.py" line="102"/>
        <source>Verify a bundle</source>
        <extracomment>The Verification, or None when the bundle could not be opened at all.</extracomment>
        <translation>Проверка пакета</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="110"/>
        <source>Bundle folder or file</source>
        <translation>Папка или файл пакета</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="113"/>
        <location filename="../verify_dialog.py" line="132"/>
        <source>Choose...</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="115"/>
        <source>A bundle folder...</source>
        <translation>Папка пакета…</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="116"/>
        <source>A bundle file (.zip, .7z, .age)...</source>
        <translation>Файл пакета (.zip, .7z, .age)…</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="118"/>
        <source>Bundle:</source>
        <translation>Пакет:</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="121"/>
        <source>Fingerprint the sender read to you</source>
        <translation>Отпечаток, который продиктовал отправитель</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="122"/>
        <source>Fingerprint (from the sender):</source>
        <translation>Отпечаток (от отправителя):</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="124"/>
        <source>Your age secret key file</source>
        <translation>Файл вашего секретного ключа age</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="125"/>
        <source>age key file (.age bundles):</source>
        <translation>Файл ключа age (для .age):</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="128"/>
        <source>7z password</source>
        <translation>Пароль 7z</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="129"/>
        <source>7z password (.7z bundles):</source>
        <translation>Пароль 7z (для .7z):</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="131"/>
        <source>Timestamp authority root certificate for this run (PEM file)</source>
        <translation>Корневой сертификат службы меток времени для этой проверки (PEM-файл)</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="134"/>
        <source>TSA root for this run (PEM):</source>
        <translation>Корень службы времени для этой проверки (PEM):</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="142"/>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="146"/>
        <source>Confirmed senders...</source>
        <translation>Подтверждённые отправители…</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="151"/>
        <source>What was checked</source>
        <translation>Что проверено</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="154"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="156"/>
        <source>Every check by its technical name, as locker verify prints it</source>
        <translation>Все проверки под техническими названиями, как их выводит locker verify</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="159"/>
        <source>Verification results</source>
        <translation>Результаты проверки</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="228"/>
        <source>Trusted time</source>
        <translation>Доверенное время</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="244"/>
        <source>Open a bundle folder</source>
        <translation>Открыть папку пакета</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="248"/>
        <source>Open a bundle file</source>
        <translation>Открыть файл пакета</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="249"/>
        <source>Bundles (*.zip *.7z *.age)</source>
        <translation>Пакеты (*.zip *.7z *.age)</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="249"/>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="263"/>
        <source>root for this run</source>
        <translation>корень для этой проверки</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="309"/>
        <source>N/A</source>
        <translation>Н/Д</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="310"/>
        <source>WARN</source>
        <translation>ВНИМ</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="337"/>
        <source>The signing key matches the fingerprint you entered.</source>
        <translation>Ключ подписи совпадает с отпечатком, который вы ввели.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="339"/>
        <source>The signing key is the one you confirmed for %1.</source>
        <translation>Ключ подписи — тот, который вы подтвердили для отправителя «%1».</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="345"/>
        <source>Anyone can make and sign a bundle like this one. Call the sender on a number you already know, compare the key below with theirs (either line), then press &quot;I have confirmed this key with the sender...&quot;.</source>
        <translation>Такой пакет может создать и подписать кто угодно. Позвоните отправителю по номеру, который вы уже знаете, сравните ключ ниже с его ключом (любую из строк) и нажмите «Я сверил(а) этот ключ с отправителем…».</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="335"/>
        <source>Confirmed: intact, and signed by a confirmed sender.</source>
        <translation>Подтверждено: пакет цел и подписан подтверждённым отправителем.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="342"/>
        <source>Intact, but the signer is NOT confirmed.</source>
        <translation>Пакет цел, но отправитель НЕ подтверждён.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="353"/>
        <source>Invalid: the bundle does NOT verify.</source>
        <translation>Недействителен: пакет НЕ проходит проверку.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="354"/>
        <source>No signing key could be read.</source>
        <translation>Не удалось прочитать ключ подписи.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="383"/>
        <source>an unnamed authority</source>
        <translation>служба без имени</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="385"/>
        <source>Trusted time: the bundle existed at %1 (%2).</source>
        <translation>Доверенное время: пакет существовал в %1 (%2).</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="389"/>
        <source>UNTRUSTED time: a token dated %1 (%2) does not chain to a root you trust; it proves nothing about when. If you trust this authority, add its root certificate in Settings, Timestamps (or choose it above for this run) and verify again.</source>
        <translation>НЕДОВЕРЕННОЕ время: метка от %1 (%2) не ведёт к корню, которому вы доверяете; о времени она ничего не доказывает. Если вы доверяете этой службе, добавьте её корневой сертификат в Настройках, «Метки времени» (или выберите его выше для этой проверки) и проверьте снова.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="395"/>
        <source>No trusted time: nothing in the bundle proves when it was made.</source>
        <translation>Нет доверенного времени: ничто в пакете не доказывает, когда он был сделан.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="413"/>
        <source>Confirmed sender</source>
        <translation>Подтверждённый отправитель</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="413"/>
        <source>Name of the sender whose key you compared by phone:</source>
        <translation>Имя отправителя, с которым вы сверили ключ по телефону:</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="140"/>
        <source>Verify</source>
        <translation>Проверить</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="195"/>
        <source>Key that signed the bundle:</source>
        <translation>Ключ, которым подписан пакет:</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="197"/>
        <source>The same key, to read aloud:</source>
        <translation>Тот же ключ, для чтения вслух:</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="210"/>
        <source>I have confirmed this key with the sender...</source>
        <translation>Я сверил(а) этот ключ с отправителем…</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="282"/>
        <source>Verifying...</source>
        <translation>Проверяем…</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="307"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="308"/>
        <source>FAIL</source>
        <translation>ОШИБКА</translation>
    </message>
</context>
<context>
    <name>VerifyWords</name>
    <message>
        <location filename="../verify_words.py" line="53"/>
        <source>This is an evidence bundle (BagIt) that could be read.</source>
        <translation>Это пакет доказательств (BagIt), и его удалось прочитать.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="54"/>
        <source>This is not an evidence bundle, or it is too damaged to read: there is nothing in it to check.</source>
        <translation>Это не пакет доказательств, или он повреждён так, что его не прочитать: проверять в нём нечего.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="60"/>
        <source>The evidence files are exactly as they were exported: nothing changed, added or removed.</source>
        <translation>Файлы доказательств точно такие, какими их экспортировали: ничего не изменено, не добавлено и не удалено.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="64"/>
        <source>The evidence files were changed, added or removed after the export.</source>
        <translation>После экспорта файлы доказательств изменили, добавили или удалили.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="69"/>
        <source>The description of the evidence (file list, report, custody log) is unchanged.</source>
        <translation>Описание доказательств (список файлов, отчёт, журнал хранения) не изменено.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="72"/>
        <source>The description of the evidence (file list, report, custody log) was changed.</source>
        <translation>Описание доказательств (список файлов, отчёт, журнал хранения) изменено.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="77"/>
        <source>The bundle is signed, and the signature matches its content.</source>
        <translation>Пакет подписан, подпись соответствует содержимому.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="78"/>
        <source>The signature is missing, damaged or does not match the content.</source>
        <translation>Подписи нет, она повреждена или не соответствует содержимому.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="83"/>
        <source>The signing key is the one the sender gave you.</source>
        <translation>Ключ подписи тот, что вам сообщил отправитель.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="84"/>
        <source>The signing key is NOT the one the sender gave you.</source>
        <translation>Ключ подписи НЕ тот, что вам сообщил отправитель.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="87"/>
        <source>The record of who did what (custody log) is complete and matches the files and the key.</source>
        <translation>Запись о том, кто что делал (журнал хранения), полна и соответствует файлам и ключу.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="90"/>
        <source>The record of who did what (custody log) is broken or does not match the files or the key.</source>
        <translation>Запись о том, кто что делал (журнал хранения), нарушена или не соответствует файлам или ключу.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="96"/>
        <source>The timestamps are valid.</source>
        <translation>Метки времени действительны.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="97"/>
        <source>A timestamp is damaged or its time is impossible.</source>
        <translation>Метка времени повреждена или её время невозможно.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="101"/>
        <source>A timestamp comes from an authority you do not trust: it proves nothing about when.</source>
        <translation>Метка времени выдана службой, которой вы не доверяете: она ничего не доказывает о времени.</translation>
    </message>
    <message>
        <location filename="../verify_words.py" line="125"/>
        <source>The bundle has no trusted time: nothing proves when it was made.</source>
        <translation>В пакете нет доверенного времени: ничто не доказывает, когда он создан.</translation>
    </message>
</context>
<context>
    <name>ViewerDialog</name>
    <message>
        <location filename="../viewer_dialog.py" line="79"/>
        <source>There is no viewer for files of type %1.</source>
        <extracomment>The picture, or a PDF page, was rendered in the sandbox and is now shown. The sandbox could not render it; the message line says so.</extracomment>
        <translation>Для файлов типа %1 просмотра нет.</translation>
    </message>
    <message>
        <location filename="../viewer_dialog.py" line="81"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../viewer_dialog.py" line="95"/>
        <source>Picture</source>
        <translation>Изображение</translation>
    </message>
    <message>
        <location filename="../viewer_dialog.py" line="103"/>
        <source>Zoom in</source>
        <translation>Крупнее</translation>
    </message>
    <message>
        <location filename="../viewer_dialog.py" line="104"/>
        <source>Zoom out</source>
        <translation>Мельче</translation>
    </message>
    <message>
        <location filename="../viewer_dialog.py" line="105"/>
        <source>Fit</source>
        <translation>По размеру окна</translation>
    </message>
    <message>
        <location filename="../viewer_dialog.py" line="106"/>
        <source>Actual size</source>
        <translation>Исходный размер</translation>
    </message>
    <message>
        <location filename="../viewer_dialog.py" line="115"/>
        <source>Preparing the picture...</source>
        <translation>Подготовка изображения…</translation>
    </message>
    <message>
        <location filename="../viewer_dialog.py" line="131"/>
        <source>Could not display this picture.</source>
        <translation>Не удалось показать это изображение.</translation>
    </message>
    <message>
        <location filename="../viewer_dialog.py" line="133"/>
        <source>This is its thumbnail.</source>
        <translation>Показана его миниатюра.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../error_templates.py" line="99"/>
        <source>The bundle could not be encrypted for age.</source>
        <translation>Пакет не удалось зашифровать для age.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="100"/>
        <source>An .age bundle needs your age secret key: --age-identity FILE.</source>
        <translation>Для пакета .age нужен ваш секретный ключ age: --age-identity ФАЙЛ.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="101"/>
        <source>{path} is not a file: give the file that holds your age secret key.</source>
        <translation>{path} — не файл: укажите файл, в котором хранится ваш секретный ключ age.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="144"/>
        <source>--bind must be an address of the local network (or 0.0.0.0).</source>
        <translation>--bind должен быть адресом локальной сети (или 0.0.0.0).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="102"/>
        <source>The bundle cannot be read safely: it is damaged, or made so that other tools would read it differently.</source>
        <translation>Пакет нельзя безопасно прочитать: он повреждён или составлен так, что другие программы прочтут его иначе.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="103"/>
        <source>{path} already exists; choose another name. Nothing was written.</source>
        <translation>{path} уже существует; выберите другое имя. Ничего не записано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="167"/>
        <source>Stopped: the receiver&apos;s network process passed on file bytes that no upload asked for, which it never does unless what a phone sent has taken it over. Nothing half-received was kept.</source>
        <translation>Приём остановлен: сетевой процесс приёмника передал данные файла, которых не ждала ни одна загрузка; так бывает, только если его захватило то, что прислал телефон. Ничего недополученного не сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="12"/>
        <source>The case could not be changed.</source>
        <translation>Дело не удалось изменить.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="13"/>
        <source>A case named &quot;{name}&quot; already exists.</source>
        <translation>Дело с названием «{name}» уже есть.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="14"/>
        <source>A case needs a name.</source>
        <translation>У дела должно быть название.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="15"/>
        <source>A case name can be at most {limit} characters.</source>
        <translation>Название дела может быть не длиннее {limit} символов.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="16"/>
        <source>There is no case named &quot;{name}&quot;.</source>
        <translation>Дела с названием «{name}» нет.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="17"/>
        <source>Check stopped by the user.</source>
        <translation>Проверка остановлена пользователем.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="18"/>
        <source>Item {item}: part {part} of the file does not match its recorded hash.</source>
        <translation>Материал {item}: часть {part} файла не совпадает с записанной контрольной суммой.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="19"/>
        <source>Item {item}: part {part} of the file is missing from the vault.</source>
        <translation>Материал {item}: части {part} файла нет в хранилище.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="20"/>
        <source>The vault database is damaged or has been tampered with.</source>
        <translation>База данных хранилища повреждена или подделана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="21"/>
        <source>The vault at {path} has lost its database file (vault.db).</source>
        <translation>Хранилище в {path} потеряло файл базы данных (vault.db).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="22"/>
        <source>The vault cannot be written: its folder is read-only, or damaged pages were found earlier in this session. Run `locker check`.</source>
        <translation>В хранилище нельзя записывать: его папка доступна только для чтения, или ранее в этом сеансе найдены повреждённые страницы. Выполните `locker check`.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="23"/>
        <source>The passphrase is right, but the vault database cannot be decrypted: it has been damaged or tampered with.</source>
        <translation>Парольная фраза верна, но базу данных хранилища не удаётся расшифровать: она повреждена или подделана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="24"/>
        <source>vault.db is an unencrypted SQLite database, not an Evidence Locker vault. Someone replaced it; it was not opened.</source>
        <translation>vault.db — незашифрованная база SQLite, а не хранилище Evidence Locker. Кто-то подменил её; она не открыта.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="25"/>
        <source>The vault database has been damaged or tampered with: it has {actual} bytes but records {pages} pages of {page_bytes} bytes (truncated or padded).</source>
        <translation>База данных хранилища повреждена или подделана: в ней {actual} байт, а записано страниц: {pages} по {page_bytes} байт (файл обрезан или дополнен).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="145"/>
        <source>The desktop app is not installed here ({module} is missing).</source>
        <translation>Настольное приложение здесь не установлено (нет модуля {module}).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="104"/>
        <source>The disk is full: the encrypted bundle could not be written. Nothing was exported.</source>
        <translation>Диск заполнен: зашифрованный пакет не удалось записать. Ничего не экспортировано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="105"/>
        <source>The disk is full: the bundle could not be completed. Nothing was exported, no partial files were left and the vault is as it was; free some space and export again.</source>
        <translation>Диск заполнен: пакет не удалось закончить. Ничего не экспортировано, недописанных файлов не осталось, хранилище не изменилось; освободите место и экспортируйте снова.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="26"/>
        <source>There is not enough free space for the operation; nothing was changed.</source>
        <translation>Для этого действия не хватает свободного места; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="27"/>
        <source>The disk is full: {missing_size} more are needed for the bundle {name} ({free_size} free of the {needed_size} needed). Nothing was written.</source>
        <translation>Диск заполнен: для пакета {name} нужно ещё {missing_size} (свободно {free_size} из нужных {needed_size}). Ничего не записано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="28"/>
        <source>The disk is full: {missing_size} more are needed for the re-encrypted copy of the vault ({free_size} free of the {needed_size} needed). Nothing was written.</source>
        <translation>Диск заполнен: для перешифрованной копии хранилища нужно ещё {missing_size} (свободно {free_size} из нужных {needed_size}). Ничего не записано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="29"/>
        <source>The disk is full: {missing_size} more are needed for the upgraded copy of the vault ({free_size} free of the {needed_size} needed). Nothing was written.</source>
        <translation>Диск заполнен: для обновлённой копии хранилища нужно ещё {missing_size} (свободно {free_size} из нужных {needed_size}). Ничего не записано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="30"/>
        <source>The disk is full: the vault could not save this change, so nothing was changed. Free some space and try again.</source>
        <translation>Диск заполнен: хранилище не смогло сохранить это изменение, поэтому ничего не изменено. Освободите место и попробуйте снова.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="31"/>
        <source>This passphrase already opens the vault; choose a different duress passphrase.</source>
        <translation>Эта парольная фраза уже открывает хранилище; выберите другую фразу для принуждения.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="32"/>
        <source>The passphrase must not be empty.</source>
        <translation>Парольная фраза не может быть пустой.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="146"/>
        <source>--encrypt takes age:RECIPIENT or 7z.</source>
        <translation>--encrypt принимает age:ПОЛУЧАТЕЛЬ или 7z.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="147"/>
        <source>Export either a case (--case) or items, not both.</source>
        <translation>Экспортируйте либо дело (--case), либо материалы, но не то и другое.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="33"/>
        <source>Export stopped by the user; nothing was written.</source>
        <translation>Экспорт остановлен пользователем; ничего не записано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="148"/>
        <source>Say what to export: --case NAME, or one or more item ids.</source>
        <translation>Укажите, что экспортировать: --case НАЗВАНИЕ или один или несколько номеров материалов.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="34"/>
        <source>Stopped by the user; no file was written.</source>
        <translation>Остановлено пользователем; файл не записан.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="35"/>
        <source>{path} already exists and is not an empty folder; choose a new folder name.</source>
        <translation>{path} уже существует и не является пустой папкой; выберите новое имя папки.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="36"/>
        <source>folder cannot be read</source>
        <translation>папку не удалось прочитать</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="37"/>
        <source>the same file was given twice</source>
        <translation>этот файл указан дважды</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="38"/>
        <source>The passphrase is right, but the vault&apos;s key header has been altered since it was last written. Treat this vault as tampered with.</source>
        <translation>Парольная фраза верна, но ключевой заголовок хранилища изменён после последней записи. Считайте это хранилище подделанным.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="39"/>
        <source>The vault&apos;s key header changed while it was open; lock it and unlock it again.</source>
        <translation>Ключевой заголовок хранилища изменился, пока оно было открыто; заблокируйте его и разблокируйте снова.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="40"/>
        <source>The vault&apos;s key header is damaged (its checksum does not match).</source>
        <translation>Ключевой заголовок хранилища повреждён (контрольная сумма не совпадает).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="41"/>
        <source>The vault&apos;s key header is not readable.</source>
        <translation>Ключевой заголовок хранилища не читается.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="42"/>
        <source>This vault uses key header format {version}; this version of Evidence Locker reads formats {oldest} to {newest}. Use a newer Evidence Locker.</source>
        <translation>Это хранилище использует формат ключевого заголовка {version}; эта версия Evidence Locker читает форматы с {oldest} по {newest}. Используйте более новую версию Evidence Locker.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="43"/>
        <source>The vault&apos;s key header describes an unknown layout; it was not used.</source>
        <translation>Ключевой заголовок хранилища описывает неизвестную структуру; он не использован.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="44"/>
        <source>The vault at {path} has no key header: it was erased or damaged, and cannot be opened.</source>
        <translation>У хранилища в {path} нет ключевого заголовка: он стёрт или повреждён, и хранилище нельзя открыть.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="45"/>
        <source>The vault&apos;s key header asks for unsafe key-derivation settings (memory {memory_size}, {iterations} passes, {lanes} lanes). It has been damaged or tampered with; the passphrase was not tried.</source>
        <translation>Ключевой заголовок хранилища требует небезопасных настроек получения ключа (память {memory_size}, проходов: {iterations}, потоков: {lanes}). Он повреждён или подделан; парольная фраза не проверялась.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="46"/>
        <source>The key header could not be written completely.</source>
        <translation>Ключевой заголовок не удалось записать полностью.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="47"/>
        <source>The vault&apos;s key header has the wrong size ({actual} bytes instead of {expected}). It has been damaged or tampered with.</source>
        <translation>Ключевой заголовок хранилища неверного размера ({actual} байт вместо {expected}). Он повреждён или подделан.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="149"/>
        <source>--idle-minutes must be more than 0.</source>
        <translation>--idle-minutes должно быть больше 0.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="48"/>
        <source>A file could not be imported.</source>
        <translation>Файл не удалось импортировать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="49"/>
        <source>inside the vault&apos;s folder: not imported</source>
        <translation>лежит в папке хранилища: не импортирован</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="50"/>
        <source>Stopped by the user. The file in progress was not stored; everything before it was.</source>
        <translation>Остановлено пользователем. Файл, который обрабатывался, не сохранён; всё, что было до него, сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="51"/>
        <source>Item {item}: the file&apos;s SHA-256/SHA-512 no longer match the recorded values.</source>
        <translation>Материал {item}: SHA-256/SHA-512 файла больше не совпадают с записанными значениями.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="52"/>
        <source>There is no item &apos;{item}&apos; in this vault.</source>
        <translation>В этом хранилище нет материала «{item}».</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="53"/>
        <source>Item {item}: the vault holds {stored_size} in {stored_parts} parts, but {imported_size} in {imported_parts} parts were imported.</source>
        <translation>Материал {item}: в хранилище {stored_size} в частях ({stored_parts}), а импортировано {imported_size} в частях ({imported_parts}).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="168"/>
        <source>Stopped: the receiver&apos;s network process passed on more of {name} than its sender announced ({size}), which it never does unless what a phone sent has taken it over. {name} was not kept.</source>
        <translation>Приём остановлен: сетевой процесс приёмника передал больше данных файла {name}, чем объявил отправитель ({size}); так бывает, только если его захватило то, что прислал телефон. Файл {name} не сохранён.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="106"/>
        <source>There is no bundle at {path}.</source>
        <translation>В {path} нет пакета.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="150"/>
        <source>Expected a passphrase on standard input, found none.</source>
        <translation>Ожидалась парольная фраза на стандартном вводе, но её нет.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="151"/>
        <source>No passphrase was typed; nothing was tried.</source>
        <translation>Парольная фраза не введена; ничего не проверялось.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="152"/>
        <source>There is no terminal to ask for the passphrase. Use --passphrase-stdin to pass it on standard input.</source>
        <translation>Нет терминала, чтобы спросить парольную фразу. Используйте --passphrase-stdin, чтобы передать её на стандартный ввод.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="107"/>
        <source>{path} is neither a bundle folder nor a .zip bundle.</source>
        <translation>{path} — не папка пакета и не пакет .zip.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="108"/>
        <source>{path} is neither a bundle folder nor a .zip bundle (encrypted bundles: decrypt first).</source>
        <translation>{path} — не папка пакета и не пакет .zip (зашифрованные пакеты сначала расшифруйте).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="54"/>
        <source>That is not a key fingerprint: it looks like SHA256: followed by 43 characters.</source>
        <translation>Это не отпечаток ключа: он выглядит как SHA256: и ещё 43 символа.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="153"/>
        <source>{path} is not a folder; create it first.</source>
        <translation>{path} — не папка; сначала создайте её.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="55"/>
        <source>This is not an Evidence Locker key header (or it has been overwritten).</source>
        <translation>Это не ключевой заголовок Evidence Locker (или он перезаписан).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="56"/>
        <source>{name}: not a regular file (folders are expanded, links are not followed).</source>
        <translation>{name}: это не обычный файл (папки раскрываются, по ссылкам программа не переходит).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="109"/>
        <source>{recipient} is not an age public key (age1...).</source>
        <translation>{recipient} — не открытый ключ age (age1...).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="110"/>
        <source>There is nothing to export.</source>
        <translation>Экспортировать нечего.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="111"/>
        <source>There is nothing to export in case &quot;{case}&quot;.</source>
        <translation>В деле «{case}» нечего экспортировать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="57"/>
        <source>{path} appeared while exporting; nothing was overwritten.</source>
        <translation>{path} появился во время экспорта; ничего не перезаписано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="58"/>
        <source>{path} already exists; it was not overwritten.</source>
        <translation>{path} уже существует; он не перезаписан.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="59"/>
        <source>This is the duress passphrase of this vault; it cannot also be the passphrase that opens it. Choose another one. Nothing was changed.</source>
        <translation>Это фраза для принуждения этого хранилища; она не может быть и фразой, которая его открывает. Выберите другую. Ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="60"/>
        <source>The new passphrase could not be set; nothing was changed.</source>
        <translation>Новую парольную фразу не удалось установить; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="154"/>
        <source>The passphrase typed is not valid UTF-8; check the terminal&apos;s encoding.</source>
        <translation>Введённая парольная фраза — не корректный UTF-8; проверьте кодировку терминала.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="61"/>
        <source>The passphrase is longer than {limit} characters.</source>
        <translation>Парольная фраза длиннее {limit} символов.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="155"/>
        <source>The passphrase is too long for a terminal prompt, which cuts a line at 4095 bytes; nothing was tried. Use --passphrase-stdin.</source>
        <translation>Парольная фраза слишком длинна для ввода в терминале, который обрезает строку на 4095 байтах; ничего не проверялось. Используйте --passphrase-stdin.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="156"/>
        <source>The two passphrases differ; nothing was changed.</source>
        <translation>Две парольные фразы различаются; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="157"/>
        <source>--port must be between 0 and 65535.</source>
        <translation>--port должен быть от 0 до 65535.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="169"/>
        <source>Stopped: the receiver&apos;s network process ended; nothing half-received was kept.</source>
        <translation>Приём остановлен: сетевой процесс приёмника завершился; ничего недополученного не сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="170"/>
        <source>Stopped: the receiver&apos;s network process sent a malformed message, so what a phone sent may have taken it over. Nothing half-received was kept.</source>
        <translation>Приём остановлен: сетевой процесс приёмника прислал искажённое сообщение — возможно, его захватило то, что прислал телефон. Ничего недополученного не сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="171"/>
        <source>Stopped: the receiver&apos;s network process asked for more than it ever should, so what a phone sent may have taken it over. Nothing half-received was kept.</source>
        <translation>Приём остановлен: сетевой процесс приёмника запросил больше, чем ему когда-либо положено, — возможно, его захватило то, что прислал телефон. Ничего недополученного не сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="62"/>
        <source>The re-encrypted copy lost rows of {table}; the vault was not changed.</source>
        <translation>В перешифрованной копии пропали строки таблицы {table}; хранилище не изменено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="63"/>
        <source>Re-encryption stopped; nothing was changed.</source>
        <translation>Перешифрование остановлено; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="112"/>
        <source>The report needs the DejaVu Sans font (Debian package fonts-dejavu-core); it is not installed.</source>
        <translation>Для отчёта нужен шрифт DejaVu Sans (пакет Debian fonts-dejavu-core); он не установлен.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="64"/>
        <source>{path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).</source>
        <translation>В {path} нет сертификата PEM (-----BEGIN CERTIFICATE-----).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="158"/>
        <source>{path} holds {count} certificates; give a file with just the root.</source>
        <translation>В {path} сертификатов: {count}; укажите файл только с корневым.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="65"/>
        <source>{path} is too large to be a root certificate file.</source>
        <translation>{path} слишком велик для файла корневого сертификата.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="66"/>
        <source>The root certificate file {path} could not be read.</source>
        <translation>Файл корневого сертификата {path} не удалось прочитать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="67"/>
        <source>This vault was written by a newer Evidence Locker (schema {version}); update the app to open it.</source>
        <translation>Это хранилище записано более новой версией Evidence Locker (схема {version}); обновите приложение, чтобы открыть его.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="68"/>
        <source>Give the sender a name.</source>
        <translation>Дайте отправителю имя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="113"/>
        <source>The .7z bundle cannot be read safely: it is damaged, or asks for more work than verify allows.</source>
        <translation>Пакет .7z нельзя безопасно прочитать: он повреждён или требует больше работы, чем допускает проверка.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="114"/>
        <source>The .7z bundle uses {method}, which verify does not read.</source>
        <translation>Пакет .7z использует {method}, который проверка не читает.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="159"/>
        <source>The 7z password must not be empty.</source>
        <translation>Пароль 7z не может быть пустым.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="115"/>
        <source>The .7z bundle could not be opened with this password.</source>
        <translation>Пакет .7z не открывается этим паролем.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="69"/>
        <source>The vault&apos;s signing identity is missing.</source>
        <translation>Ключ подписи хранилища отсутствует.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="70"/>
        <source>The vault&apos;s signing key has been altered.</source>
        <translation>Ключ подписи хранилища изменён.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="71"/>
        <source>{name}: the file changed while it was being imported; try again.</source>
        <translation>{name}: файл изменился во время импорта; попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="72"/>
        <source>{name}: no such file.</source>
        <translation>{name}: такого файла нет.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="73"/>
        <source>{name}: the path is longer than this system allows.</source>
        <translation>{name}: путь длиннее, чем допускает система.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="74"/>
        <source>{name}: cannot be reached.</source>
        <translation>{name}: файл недоступен.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="75"/>
        <source>{name}: cannot be read.</source>
        <translation>{name}: файл не удалось прочитать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="76"/>
        <source>Stopped by panic: the vault was erased; nothing more was written.</source>
        <translation>Остановлено тревогой: хранилище стёрто; больше ничего не записано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="77"/>
        <source>The vault has been damaged or tampered with.</source>
        <translation>Хранилище повреждено или подделано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="172"/>
        <source>Stopped: the receiver&apos;s network process passed on an offer of more than {limit} files, which it never does unless what a phone sent has taken it over. Nothing half-received was kept.</source>
        <translation>Приём остановлен: сетевой процесс приёмника передал предложение больше чем из {limit} файлов; так бывает, только если его захватило то, что прислал телефон. Ничего недополученного не сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="173"/>
        <source>Stopped: the receiver&apos;s network process passed on more than {limit} transfer offer(s) at once, which it never does unless what a phone sent has taken it over. Nothing half-received was kept.</source>
        <translation>Приём остановлен: сетевой процесс приёмника передал одновременно больше предложений передачи, чем допустимо ({limit}); так бывает, только если его захватило то, что прислал телефон. Ничего недополученного не сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="174"/>
        <source>Stopped: the receiver&apos;s network process passed on more than {limit} file upload(s) at once, which it never does unless what a phone sent has taken it over. Nothing half-received was kept.</source>
        <translation>Приём остановлен: сетевой процесс приёмника передал одновременно больше загрузок файлов, чем допустимо ({limit}); так бывает, только если его захватило то, что прислал телефон. Ничего недополученного не сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="116"/>
        <source>Choose one encryption: age or 7z.</source>
        <translation>Выберите одно шифрование: age или 7z.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="78"/>
        <source>An error came from another process without a description this version knows.</source>
        <translation>Из другого процесса пришла ошибка без описания, известного этой версии.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="79"/>
        <source>The vault&apos;s format could not be upgraded; nothing was changed.</source>
        <translation>Формат хранилища не удалось обновить; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="80"/>
        <source>The upgrade was stopped; nothing was changed.</source>
        <translation>Обновление остановлено; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="81"/>
        <source>The command was not used correctly.</source>
        <translation>Команда использована неправильно.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="82"/>
        <source>This vault is already open in another Evidence Locker window or command. Close that one first.</source>
        <translation>Это хранилище уже открыто в другом окне или команде Evidence Locker. Сначала закройте их.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="83"/>
        <source>A vault already exists at {path}; it was not touched.</source>
        <translation>В {path} уже есть хранилище; оно не тронуто.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="84"/>
        <source>The vault is locked.</source>
        <translation>Хранилище заблокировано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="85"/>
        <source>There is no vault at {path}. Create one with `locker init`.</source>
        <translation>В {path} нет хранилища. Создайте его командой `locker init`.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="86"/>
        <source>There is no vault at {path}.</source>
        <translation>В {path} нет хранилища.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="117"/>
        <source>The bundle could not be verified.</source>
        <translation>Пакет не удалось проверить.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="118"/>
        <source>The verifier answered with far too much output and was stopped.</source>
        <translation>Проверяющий процесс выдал слишком много данных и был остановлен.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="119"/>
        <source>Verification stopped; nothing was decided about this bundle.</source>
        <translation>Проверка остановлена; о пакете ничего не решено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="120"/>
        <source>Verifying took too long and was stopped.</source>
        <translation>Проверка шла слишком долго и была остановлена.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="87"/>
        <source>This passphrase cannot be used.</source>
        <translation>Эту парольную фразу нельзя использовать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="160"/>
        <source>Give a number from 1 to {limit}, or off.</source>
        <translation>Укажите число от 1 до {limit} или off.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="88"/>
        <source>The passphrase is wrong.</source>
        <translation>Неверная парольная фраза.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="89"/>
        <source>The passphrase is wrong. Wrong passphrases in a row left before this vault is erased (wipe-after is on): {left}.</source>
        <translation>Неверная парольная фраза. Осталось неверных попыток подряд до стирания хранилища (включено стирание после неудачных попыток): {left}.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="90"/>
        <source>The .age bundle is ASCII-armored; only binary age files are supported.</source>
        <translation>Пакет .age в текстовом виде (ASCII); поддерживаются только двоичные файлы age.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="91"/>
        <source>The .age bundle is damaged, or was altered.</source>
        <translation>Пакет .age повреждён или изменён.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="92"/>
        <source>The .age bundle could not be decrypted.</source>
        <translation>Пакет .age не удалось расшифровать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="93"/>
        <source>The age identity file holds something that is not a valid age secret key.</source>
        <translation>В файле ключа age есть что-то, что не является корректным секретным ключом age.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="94"/>
        <source>{path} holds no AGE-SECRET-KEY-1... line.</source>
        <translation>В {path} нет строки AGE-SECRET-KEY-1...</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="95"/>
        <source>{path} is not a regular file.</source>
        <translation>{path} — не обычный файл.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="96"/>
        <source>The .age bundle is encrypted to a passphrase (scrypt); it needs an X25519 key instead.</source>
        <translation>Пакет .age зашифрован парольной фразой (scrypt); вместо неё нужен ключ X25519.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="97"/>
        <source>The .age bundle is not encrypted to this age key.</source>
        <translation>Пакет .age зашифрован не для этого ключа age.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="98"/>
        <source>This is not an age v1 file.</source>
        <translation>Это не файл age версии 1.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="121"/>
        <source>The timestamp authority could not be used, or a token is not a well-formed token over this data.</source>
        <translation>Службой меток времени не удалось воспользоваться, или метка составлена неверно либо относится не к этим данным.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="122"/>
        <source>The timestamp token repeats its {attribute} attribute.</source>
        <translation>В метке времени повторяется атрибут {attribute}.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="123"/>
        <source>The token&apos;s ESSCertIDv2 uses an unsupported hash ({algorithm}).</source>
        <translation>ESSCertIDv2 метки использует неподдерживаемую хеш-функцию ({algorithm}).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="124"/>
        <source>The token&apos;s ESSCertID names another certificate than the one that signed it.</source>
        <translation>ESSCertID метки называет другой сертификат, а не тот, которым она подписана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="125"/>
        <source>The token&apos;s ESSCertID names another certificate serial than its signer&apos;s.</source>
        <translation>ESSCertID метки называет другой серийный номер сертификата, чем у подписавшего.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="126"/>
        <source>The timestamp token&apos;s signed content was altered.</source>
        <translation>Подписанное содержимое метки времени изменено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="127"/>
        <source>The token uses an unsupported digest ({digest}).</source>
        <translation>Метка использует неподдерживаемую хеш-функцию ({digest}).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="128"/>
        <source>The timestamp token is for other data than this tag manifest.</source>
        <translation>Метка времени выдана для других данных, а не для этого манифеста.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="129"/>
        <source>The timestamp token is malformed.</source>
        <translation>Метка времени составлена неверно.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="130"/>
        <source>The timestamp token does not name its signer&apos;s certificate (no ESSCertID).</source>
        <translation>Метка времени не называет сертификат подписавшего (нет ESSCertID).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="131"/>
        <source>The timestamp token does not include the TSA&apos;s certificate.</source>
        <translation>Метка времени не содержит сертификата службы меток времени.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="132"/>
        <source>The timestamp token answers another request (nonce mismatch).</source>
        <translation>Метка времени — ответ на другой запрос (одноразовое число не совпадает).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="133"/>
        <source>The stored timestamp request (token.tsq) is for other data than this tag manifest.</source>
        <translation>Сохранённый запрос метки времени (token.tsq) относится к другим данным, а не к этому манифесту.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="134"/>
        <source>The timestamp token must have exactly one signer.</source>
        <translation>У метки времени должна быть ровно одна подпись.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="135"/>
        <source>The timestamp authority {url} sent an oversized answer.</source>
        <translation>Служба меток времени {url} прислала слишком большой ответ.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="136"/>
        <source>The TSA&apos;s certificate has malformed extensions.</source>
        <translation>Сертификат службы меток времени содержит неверные расширения.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="137"/>
        <source>The certificate that signed the token is not a timestamping certificate (EKU).</source>
        <translation>Сертификат, которым подписана метка, не предназначен для меток времени (EKU).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="138"/>
        <source>The TSA uses a key type this version cannot check.</source>
        <translation>Служба меток времени использует тип ключа, который эта версия не умеет проверять.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="139"/>
        <source>A timestamp authority is reached over http(s); {url} is not such an address.</source>
        <translation>Со службой меток времени связываются по http или https; {url} — не такой адрес.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="140"/>
        <source>The timestamp authority refused the request.</source>
        <translation>Служба меток времени отклонила запрос.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="141"/>
        <source>The TSA&apos;s signature on the token does not verify.</source>
        <translation>Подпись службы меток времени на метке не проходит проверку.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="142"/>
        <source>The timestamp authority {url} could not be reached.</source>
        <translation>Не удалось связаться со службой меток времени {url}.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="143"/>
        <source>A tag file of the bundle is not what BagIt or Evidence Locker writes: {name} is not UTF-8 text (byte {offset}).</source>
        <translation>Служебный файл пакета не такой, какие пишут BagIt или Evidence Locker: {name} — не текст UTF-8 (байт {offset}).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="161"/>
        <source>Stopped by the user. The files listed as stored are kept; metadata not read yet is read by `locker reindex`.</source>
        <translation>Остановлено вами. Файлы, отмеченные как сохранённые, остаются в хранилище; метаданные, которые ещё не прочитаны, прочитает команда `locker reindex`.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="162"/>
        <source>{name}: the bytes received do not match the SHA-256 the sender announced; nothing was stored.</source>
        <translation>{name}: полученные байты не совпадают с SHA-256, который объявил отправитель; ничего не сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="163"/>
        <source>{name}: the sender announced {announced} bytes but sent {sent}; nothing was stored.</source>
        <translation>{name}: отправитель объявил {announced} байт, а прислал {sent}; ничего не сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="164"/>
        <source>{name}: the sender sent more bytes than it announced ({announced}); nothing was stored.</source>
        <translation>{name}: отправитель прислал больше байт, чем объявил ({announced}); ничего не сохранено.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="165"/>
        <source>The transfer was cancelled; the file was not stored.</source>
        <translation>Передача отменена; файл не сохранён.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="166"/>
        <source>The picture sent by the sandbox is malformed; it was not shown.</source>
        <translation>Изображение из песочницы повреждено; оно не показано.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="175"/>
        <source>This computer has no local-network address to listen on.</source>
        <translation>У этого компьютера нет адреса в локальной сети, на котором можно принимать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="176"/>
        <source>Another program already listens on the receiver&apos;s port.</source>
        <translation>Порт приёма уже занят другой программой.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="177"/>
        <source>The sanitiser answered something malformed; no copy was written.</source>
        <translation>Очистка вернула неверный ответ; копия не записана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="178"/>
        <source>Too many files with the same name in the target folder.</source>
        <translation>В папке назначения слишком много файлов с таким же именем.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="179"/>
        <source>Stripping on import needs an in-memory file, which this system does not offer.</source>
        <translation>Для очистки при импорте нужен файл в памяти, а эта система его не предоставляет.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="180"/>
        <source>The copy could not be made.</source>
        <translation>Копию не удалось сделать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="181"/>
        <source>The copy could not be re-checked, so it was not written.</source>
        <translation>Копию не удалось перепроверить, поэтому она не записана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="182"/>
        <source>A page of the PDF is larger than a copy made of pictures of its pages may draw (A0 at most).</source>
        <translation>Страница PDF больше, чем может нарисовать копия из изображений страниц (не больше формата А0).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="183"/>
        <source>The PDF&apos;s pages together are larger than a copy made of pictures of its pages may draw (the area of 1000 A4 pages at most).</source>
        <translation>Страницы PDF вместе больше, чем может нарисовать копия из изображений страниц (не больше площади 1000 страниц формата А4).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="184"/>
        <source>The PDF has too many pages for a copy made of pictures of its pages.</source>
        <translation>В PDF слишком много страниц для копии, составленной из изображений его страниц.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="185"/>
        <source>Drawing the PDF&apos;s pages took more than ten minutes, so the copy was not made.</source>
        <translation>Рисование страниц PDF заняло больше десяти минут, поэтому копия не сделана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="186"/>
        <source>The share copy could not be made.</source>
        <translation>Копию для передачи не удалось сделать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="187"/>
        <source>The copy still contains identifying data, so it was not written.</source>
        <translation>В копии остались данные, по которым можно опознать человека, поэтому она не записана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="188"/>
        <source>no share copy for files of type {media_type} ({type_name}): {format_reason} (supported: {supported})</source>
        <translation>копия для передачи не делается для файлов типа {media_type} ({type_name}): {format_reason} (поддерживаются: {supported})</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="189"/>
        <source>The sanitiser produced a file of an unexpected type; no copy was written.</source>
        <translation>Очистка выдала файл неожиданного типа; копия не записана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="190"/>
        <source>The face review answered something malformed.</source>
        <translation>Просмотр лиц вернул неверный ответ.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="191"/>
        <source>Faces could not be detected.</source>
        <translation>Лица не удалось найти.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="192"/>
        <source>The document is damaged: its archive cannot be read, so it cannot be cleaned.</source>
        <translation>Документ повреждён: его архив не читается, поэтому очистить документ нельзя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="193"/>
        <source>The document is too large to clean safely: it holds more than {limit} parts or unpacks to more than {limit_size}.</source>
        <translation>Документ слишком велик, чтобы безопасно его очистить: в нём больше {limit} частей или в распакованном виде он больше {limit_size}.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="194"/>
        <source>The part {part} is a damaged archive, which cannot be cleaned.</source>
        <translation>Часть {part} — повреждённый архив; очистить его нельзя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="195"/>
        <source>The part {part} is an archive that is not an office document, which cannot be cleaned.</source>
        <translation>Часть {part} — архив, но не офисный документ; такой архив очистить нельзя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="196"/>
        <source>The part {part} is a PDF, which cannot be cleaned inside a document.</source>
        <translation>Часть {part} — документ PDF; внутри документа его очистить нельзя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="197"/>
        <source>The part {part} is an embedded object of another program (an OLE compound file), which cannot be cleaned.</source>
        <translation>Часть {part} — встроенный объект другой программы (составной файл); очистить его нельзя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="198"/>
        <source>The part {part} is a sound or video, which cannot be cleaned inside a document.</source>
        <translation>Часть {part} — звук или видео; внутри документа их очистить нельзя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="199"/>
        <source>The name of the program that encoded the {audio_format} sound could not be removed from the copy, so it was not written.</source>
        <translation>Из звука в формате {audio_format} не удалось убрать название программы, которая его закодировала, поэтому копия не записана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="200"/>
        <source>Faces cannot be covered: a part of the face detector is not installed here ({component}).</source>
        <translation>Лица нельзя закрыть: здесь не установлена часть детектора лиц ({component}).</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="201"/>
        <source>The part {part} is a picture or sound in a format we cannot clean.</source>
        <translation>Часть {part} — изображение или звук в формате, который мы не умеем очищать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="202"/>
        <source>The part {part} holds documents nested too deep to clean.</source>
        <translation>В части {part} документы вложены слишком глубоко, чтобы их очистить.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="203"/>
        <source>The file has no sound track, so there is no sound to copy.</source>
        <translation>В файле нет звуковой дорожки — копировать нечего.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="204"/>
        <source>Not one frame of the video could be decoded, so there is nothing to copy.</source>
        <translation>Не удалось декодировать ни одного кадра видео — копировать нечего.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="205"/>
        <source>The file has no video track, so there is no video to copy.</source>
        <translation>В файле нет видеодорожки — копировать нечего.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="206"/>
        <source>The PDF can only be opened with its password, so no copy can be made of it.</source>
        <translation>Этот PDF открывается только паролем, поэтому сделать его копию нельзя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="207"/>
        <source>The PDF could not be read, even to draw its pages: it is damaged, or written in a way we cannot read.</source>
        <translation>PDF не удалось прочитать даже для того, чтобы нарисовать его страницы: он повреждён или записан так, что мы не можем его прочесть.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="208"/>
        <source>The part {part} is a picture in {picture_format} format, which cannot be cleaned.</source>
        <translation>Часть {part} — изображение в формате {picture_format}; такие изображения очистить нельзя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="209"/>
        <source>The part {part} is an SVG picture with another picture inside it, which cannot be cleaned.</source>
        <translation>Часть {part} — векторное изображение с другим изображением внутри; очистить его нельзя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="210"/>
        <source>The picture {part} is damaged or built in a way we cannot clean.</source>
        <translation>Изображение {part} повреждено или устроено так, что мы не умеем его очищать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="211"/>
        <source>The picture is too large to copy safely: it has more than {limit} million pixels.</source>
        <translation>Изображение слишком велико, чтобы безопасно сделать копию: в нём больше {limit} млн пикселей.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="212"/>
        <source>The picture could not be read: it is damaged, or stored in a way we cannot decode.</source>
        <translation>Изображение не удалось прочитать: оно повреждено или сохранено так, что мы не умеем его декодировать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="213"/>
        <source>The copy holds archives nested deeper than the re-check reads, so it was not written.</source>
        <translation>В копии архивы вложены глубже, чем читает повторная проверка, поэтому она не записана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="214"/>
        <source>The copy unpacks to more than the re-check may read ({limit_size}), so it was not written.</source>
        <translation>В распакованном виде копия больше, чем может прочитать повторная проверка ({limit_size}), поэтому она не записана.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="215"/>
        <source>The recording could not be read: it is damaged, or encoded in a way we cannot decode.</source>
        <translation>Запись не удалось прочитать: она повреждена или закодирована так, что мы не умеем её декодировать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="216"/>
        <source>The part {part} is damaged: its text is not valid {encoding}, so it cannot be cleaned.</source>
        <translation>Часть {part} повреждена: её текст не соответствует кодировке {encoding}, поэтому очистить её нельзя.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="217"/>
        <source>The workbook has Excel 4 macro or dialog sheets ({part}), which cannot be taken out without breaking it.</source>
        <translation>В книге есть листы макросов или диалогов старого образца ({part}); их нельзя убрать, не испортив книгу.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="218"/>
        <source>This item could not be displayed.</source>
        <translation>Этот материал не удалось показать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="219"/>
        <source>The page could not be displayed.</source>
        <translation>Страницу не удалось показать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="220"/>
        <source>The picture could not be displayed.</source>
        <translation>Изображение не удалось показать.</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="227"/>
        <source>our reader still finds &apos;{value}&apos; in the copy</source>
        <translation>наша программа чтения всё ещё находит в копии «{value}»</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="228"/>
        <source>our reader still finds a {value} section in the copy</source>
        <translation>наша программа чтения всё ещё находит в копии раздел {value}</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="229"/>
        <source>the value &apos;{value}&apos; from the original&apos;s metadata is inside the copy&apos;s compressed parts</source>
        <translation>значение «{value}» из метаданных оригинала есть в сжатых частях копии</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="230"/>
        <source>the value &apos;{value}&apos; from the original&apos;s metadata is in the copy</source>
        <translation>значение «{value}» из метаданных оригинала есть в копии</translation>
    </message>
    <message>
        <location filename="../error_templates.py" line="231"/>
        <source>the value &apos;{value}&apos; from the original&apos;s metadata is shown on its pages, which the copy&apos;s pictures show</source>
        <translation>значение «{value}» из метаданных оригинала видно на его страницах, а их показывают изображения копии</translation>
    </message>
    <message>
        <location filename="../error_text.py" line="49"/>
        <source>Something went wrong and the operation did not finish. The technical details are kept, in English.</source>
        <translation>Что-то пошло не так, и действие не завершилось. Технические подробности сохранены (на английском).</translation>
    </message>
</context>
<context>
    <name>formats</name>
    <message>
        <location filename="../../locker/formats.py" line="97"/>
        <source>raw camera files are not re-encoded here; export a JPEG from the camera or a photo editor and share that</source>
        <extracomment>(extension, media type) of the share copy; None when there is none. Why there is no share copy (one sentence, shown in the refusal); empty when there is one. Other names the same type goes by (older sniffers, other platforms).</extracomment>
        <translation>RAW-файлы камеры здесь не перекодируются; сохраните JPEG в камере или фоторедакторе и передавайте его</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="101"/>
        <source>no sanitiser for this type checks every place it can hide a name yet; save it as PDF and share that</source>
        <translation>для этого типа пока нет очистки, проверяющей все места, где может скрываться имя; сохраните его как PDF и передавайте PDF</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="107"/>
        <source>Photo (JPEG)</source>
        <translation>Фото (JPEG)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="109"/>
        <source>Picture (PNG)</source>
        <translation>Изображение (PNG)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="111"/>
        <source>Picture (WebP)</source>
        <translation>Изображение (WebP)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="113"/>
        <source>Picture (GIF)</source>
        <translation>Изображение (GIF)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="115"/>
        <source>Picture (TIFF)</source>
        <translation>Изображение (TIFF)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="118"/>
        <source>Photo (HEIC)</source>
        <translation>Фото (HEIC)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="121"/>
        <source>Photo (HEIF)</source>
        <translation>Фото (HEIF)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="124"/>
        <source>Picture (AVIF)</source>
        <translation>Изображение (AVIF)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="126"/>
        <source>Raw photo (DNG)</source>
        <translation>Снимок RAW (DNG)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="129"/>
        <source>Raw photo (Canon CR2)</source>
        <translation>Снимок RAW (Canon CR2)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="132"/>
        <source>Raw photo (Nikon NEF)</source>
        <translation>Снимок RAW (Nikon NEF)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="135"/>
        <source>Raw photo (Sony ARW)</source>
        <translation>Снимок RAW (Sony ARW)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="139"/>
        <source>Video (MP4)</source>
        <translation>Видео (MP4)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="142"/>
        <source>Video (MOV)</source>
        <translation>Видео (MOV)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="145"/>
        <source>Video (M4V)</source>
        <translation>Видео (M4V)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="147"/>
        <source>Video (3GP)</source>
        <translation>Видео (3GP)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="149"/>
        <source>Video (3G2)</source>
        <translation>Видео (3G2)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="151"/>
        <source>Video (MKV)</source>
        <translation>Видео (MKV)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="153"/>
        <source>Video (WebM)</source>
        <translation>Видео (WebM)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="155"/>
        <source>Video (AVI)</source>
        <translation>Видео (AVI)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="157"/>
        <source>Video (MTS/M2TS)</source>
        <translation>Видео (MTS/M2TS)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="160"/>
        <source>Video (MPEG)</source>
        <translation>Видео (MPEG)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="164"/>
        <source>Sound (MP3)</source>
        <translation>Звук (MP3)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="167"/>
        <source>Sound (M4A)</source>
        <translation>Звук (M4A)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="170"/>
        <source>Sound (OGG/Opus)</source>
        <translation>Звук (OGG/Opus)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="172"/>
        <source>Sound (WAV)</source>
        <translation>Звук (WAV)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="175"/>
        <source>Sound (FLAC)</source>
        <translation>Звук (FLAC)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="177"/>
        <source>Sound (AMR)</source>
        <translation>Звук (AMR)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="180"/>
        <source>Sound (AAC)</source>
        <translation>Звук (AAC)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="183"/>
        <source>PDF document</source>
        <translation>Документ PDF</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="186"/>
        <source>Word document</source>
        <translation>Документ Word</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="189"/>
        <source>Excel spreadsheet</source>
        <translation>Таблица Excel</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="192"/>
        <source>PowerPoint presentation</source>
        <translation>Презентация PowerPoint</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="195"/>
        <source>OpenDocument text</source>
        <translation>Текст OpenDocument</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="198"/>
        <source>OpenDocument spreadsheet</source>
        <translation>Таблица OpenDocument</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="201"/>
        <source>OpenDocument presentation</source>
        <translation>Презентация OpenDocument</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="204"/>
        <source>E-book (EPUB)</source>
        <translation>Электронная книга (EPUB)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="207"/>
        <source>RTF document</source>
        <translation>Документ RTF</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="210"/>
        <source>E-mail (EML)</source>
        <translation>Электронное письмо (EML)</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="212"/>
        <source>an e-mail&apos;s headers name its sender, recipients and their servers; copy the text you want to share into a new document instead</source>
        <translation>заголовки письма называют отправителя, получателей и их серверы; вместо этого скопируйте нужный текст в новый документ</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="213"/>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="215"/>
        <source>the app cannot tell which words of a text identify someone; copy what you want to share into a new file instead</source>
        <translation>приложение не может понять, какие слова текста указывают на человека; вместо этого скопируйте нужное в новый файл</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="217"/>
        <source>ZIP archive</source>
        <translation>Архив ZIP</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="219"/>
        <source>archives are not unpacked: import the files inside it one by one instead</source>
        <translation>архивы не распаковываются: вместо этого импортируйте файлы из него по одному</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="220"/>
        <source>Unknown file</source>
        <translation>Неизвестный файл</translation>
    </message>
    <message>
        <location filename="../../locker/formats.py" line="222"/>
        <source>the app does not know this type, so it cannot prove a copy of it is clean</source>
        <translation>приложение не знает этот тип, поэтому не может доказать, что копия чиста</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../labels.py" line="21"/>
        <source>vault created</source>
        <translation>хранилище создано</translation>
    </message>
    <message>
        <location filename="../labels.py" line="22"/>
        <source>case created</source>
        <translation>дело создано</translation>
    </message>
    <message>
        <location filename="../labels.py" line="23"/>
        <source>case changed</source>
        <translation>дело изменено</translation>
    </message>
    <message>
        <location filename="../labels.py" line="24"/>
        <source>imported</source>
        <translation>импортирован</translation>
    </message>
    <message>
        <location filename="../labels.py" line="25"/>
        <source>received from a phone</source>
        <translation>получено с телефона</translation>
    </message>
    <message>
        <location filename="../labels.py" line="26"/>
        <source>metadata read</source>
        <translation>метаданные прочитаны</translation>
    </message>
    <message>
        <location filename="../labels.py" line="27"/>
        <source>notes, tags or case changed</source>
        <translation>изменены заметки, метки или дело</translation>
    </message>
    <message>
        <location filename="../labels.py" line="28"/>
        <source>exported for counsel</source>
        <translation>передан адвокату (экспорт)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="29"/>
        <source>original saved to a file</source>
        <translation>оригинал сохранён в файл</translation>
    </message>
    <message>
        <location filename="../labels.py" line="30"/>
        <source>share copy made</source>
        <translation>сделана копия для публикации</translation>
    </message>
    <message>
        <location filename="../labels.py" line="31"/>
        <source>trusted timestamp added</source>
        <translation>добавлена доверенная метка времени</translation>
    </message>
    <message>
        <location filename="../labels.py" line="32"/>
        <source>passphrase changed</source>
        <translation>парольная фраза изменена</translation>
    </message>
    <message>
        <location filename="../labels.py" line="33"/>
        <source>vault checked</source>
        <translation>хранилище проверено</translation>
    </message>
    <message>
        <location filename="../labels.py" line="34"/>
        <source>vault format upgraded</source>
        <translation>формат хранилища обновлён</translation>
    </message>
    <message>
        <location filename="../labels.py" line="46"/>
        <source>The bundle can be opened</source>
        <translation>Пакет открывается</translation>
    </message>
    <message>
        <location filename="../labels.py" line="47"/>
        <source>Only ordinary files (no links or devices)</source>
        <translation>Только обычные файлы (без ссылок и устройств)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="48"/>
        <source>It is a BagIt bundle</source>
        <translation>Это пакет BagIt</translation>
    </message>
    <message>
        <location filename="../labels.py" line="49"/>
        <source>The evidence files can be read</source>
        <translation>Файлы доказательств читаются</translation>
    </message>
    <message>
        <location filename="../labels.py" line="50"/>
        <source>Every evidence file is unchanged (first check sum)</source>
        <translation>Каждый файл доказательств не изменён (первая контрольная сумма)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="51"/>
        <source>Every evidence file is unchanged (second check sum)</source>
        <translation>Каждый файл доказательств не изменён (вторая контрольная сумма)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="52"/>
        <source>The number and total size of the files match</source>
        <translation>Число файлов и их общий размер совпадают</translation>
    </message>
    <message>
        <location filename="../labels.py" line="53"/>
        <source>The bundle&apos;s description files are unchanged</source>
        <translation>Служебные файлы пакета не изменены</translation>
    </message>
    <message>
        <location filename="../labels.py" line="54"/>
        <source>The signatures are there</source>
        <translation>Подписи на месте</translation>
    </message>
    <message>
        <location filename="../labels.py" line="55"/>
        <source>First signature (minisign) is valid</source>
        <translation>Первая подпись (minisign) верна</translation>
    </message>
    <message>
        <location filename="../labels.py" line="56"/>
        <source>Second signature (SSH) is valid</source>
        <translation>Вторая подпись (SSH) верна</translation>
    </message>
    <message>
        <location filename="../labels.py" line="57"/>
        <source>Both signatures were made with one key</source>
        <translation>Обе подписи сделаны одним ключом</translation>
    </message>
    <message>
        <location filename="../labels.py" line="58"/>
        <source>The key the bundle names is the key that signed it</source>
        <translation>Пакет подписан тем ключом, который в нём указан</translation>
    </message>
    <message>
        <location filename="../labels.py" line="61"/>
        <source>Signed with the key you expected</source>
        <translation>Подписан ключом, который вы ожидали</translation>
    </message>
    <message>
        <location filename="../labels.py" line="62"/>
        <source>The custody log is whole and unbroken</source>
        <translation>Журнал хранения цел и непрерывен</translation>
    </message>
    <message>
        <location filename="../labels.py" line="63"/>
        <source>The files are the ones the log says were imported</source>
        <translation>Файлы — те самые, что журнал записал при импорте</translation>
    </message>
    <message>
        <location filename="../labels.py" line="66"/>
        <source>Signed with the key of the vault the log describes</source>
        <translation>Подписан ключом того хранилища, которое описывает журнал</translation>
    </message>
    <message>
        <location filename="../labels.py" line="69"/>
        <source>Trusted time</source>
        <translation>Доверенное время</translation>
    </message>
    <message>
        <location filename="../labels.py" line="77"/>
        <source>Trusted timestamp (%1)</source>
        <translation>Доверенная метка времени (%1)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="84"/>
        <source>passed</source>
        <translation>пройдена</translation>
    </message>
    <message>
        <location filename="../labels.py" line="85"/>
        <source>FAILED</source>
        <translation>НЕ ПРОЙДЕНА</translation>
    </message>
    <message>
        <location filename="../labels.py" line="86"/>
        <source>not recorded</source>
        <translation>не записано</translation>
    </message>
    <message>
        <location filename="../labels.py" line="87"/>
        <source>time not trusted</source>
        <translation>время не доверенное</translation>
    </message>
    <message>
        <location filename="../labels.py" line="97"/>
        <source>Photos and pictures (%1)</source>
        <translation>Фото и изображения (%1)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="98"/>
        <source>Videos (%1)</source>
        <translation>Видео (%1)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="99"/>
        <source>Sound recordings (%1)</source>
        <translation>Звукозаписи (%1)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="100"/>
        <source>Documents (%1)</source>
        <translation>Документы (%1)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="103"/>
        <source>Evidence files (%1)</source>
        <translation>Файлы доказательств (%1)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="107"/>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="131"/>
        <source>Maker of the camera or phone</source>
        <translation>Производитель камеры или телефона</translation>
    </message>
    <message>
        <location filename="../labels.py" line="132"/>
        <source>Model of the camera or phone</source>
        <translation>Модель камеры или телефона</translation>
    </message>
    <message>
        <location filename="../labels.py" line="142"/>
        <source>Time taken</source>
        <translation>Время съёмки</translation>
    </message>
    <message>
        <location filename="../labels.py" line="150"/>
        <source>Time last changed</source>
        <translation>Время последнего изменения</translation>
    </message>
    <message>
        <location filename="../labels.py" line="152"/>
        <source>Where the time was found in the file</source>
        <translation>Где в файле найдено время</translation>
    </message>
    <message>
        <location filename="../labels.py" line="153"/>
        <source>Latitude</source>
        <translation>Широта</translation>
    </message>
    <message>
        <location filename="../labels.py" line="154"/>
        <source>Longitude</source>
        <translation>Долгота</translation>
    </message>
    <message>
        <location filename="../labels.py" line="155"/>
        <source>Altitude</source>
        <translation>Высота над уровнем моря</translation>
    </message>
    <message>
        <location filename="../labels.py" line="156"/>
        <source>Latitude: north or south</source>
        <translation>Широта: северная или южная</translation>
    </message>
    <message>
        <location filename="../labels.py" line="157"/>
        <source>Longitude: east or west</source>
        <translation>Долгота: восточная или западная</translation>
    </message>
    <message>
        <location filename="../labels.py" line="158"/>
        <source>Altitude: above or below sea level</source>
        <translation>Высота: выше или ниже уровня моря</translation>
    </message>
    <message>
        <location filename="../labels.py" line="159"/>
        <source>Date from the satellites</source>
        <translation>Дата по спутникам</translation>
    </message>
    <message>
        <location filename="../labels.py" line="160"/>
        <source>Time from the satellites</source>
        <translation>Время по спутникам</translation>
    </message>
    <message>
        <location filename="../labels.py" line="161"/>
        <source>Orientation (how to turn the picture)</source>
        <translation>Ориентация (как повернуть снимок)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="167"/>
        <source>Duration (seconds)</source>
        <translation>Длительность (секунды)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="175"/>
        <source>Width (pixels)</source>
        <translation>Ширина (пиксели)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="183"/>
        <source>Height (pixels)</source>
        <translation>Высота (пиксели)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="190"/>
        <source>Codec (how it is compressed)</source>
        <translation>Кодек (способ сжатия)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="198"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location filename="../labels.py" line="200"/>
        <source>Program or person that made it</source>
        <translation>Программа или человек, создавшие файл</translation>
    </message>
    <message>
        <location filename="../labels.py" line="201"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../labels.py" line="207"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../labels.py" line="209"/>
        <source>Subject</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../labels.py" line="210"/>
        <source>Keywords</source>
        <translation>Ключевые слова</translation>
    </message>
    <message>
        <location filename="../labels.py" line="211"/>
        <source>Copyright</source>
        <translation>Авторские права</translation>
    </message>
    <message>
        <location filename="../labels.py" line="217"/>
        <source>Pages</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <location filename="../labels.py" line="224"/>
        <source>Program</source>
        <translation>Программа</translation>
    </message>
    <message>
        <location filename="../labels.py" line="226"/>
        <source>Program that wrote the file</source>
        <translation>Программа, записавшая файл</translation>
    </message>
    <message>
        <location filename="../labels.py" line="234"/>
        <source>Serial number</source>
        <translation>Серийный номер</translation>
    </message>
    <message>
        <location filename="../labels.py" line="236"/>
        <source>Serial number of the lens</source>
        <translation>Серийный номер объектива</translation>
    </message>
    <message>
        <location filename="../labels.py" line="237"/>
        <source>Lens</source>
        <translation>Объектив</translation>
    </message>
    <message>
        <location filename="../labels.py" line="238"/>
        <source>Maker of the lens</source>
        <translation>Производитель объектива</translation>
    </message>
    <message>
        <location filename="../labels.py" line="255"/>
        <source>Other fields: %1</source>
        <translation>Другие поля: %1</translation>
    </message>
</context>
<context>
    <name>report_labels</name>
    <message>
        <location filename="../report_label_text.py" line="19"/>
        <source>EXIF (camera, times, GPS, serial numbers, thumbnail)</source>
        <translation>EXIF (камера, время, координаты GPS, серийные номера, миниатюра)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="20"/>
        <source>XMP</source>
        <translation>XMP</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="21"/>
        <source>ICC colour profile</source>
        <translation>цветовой профиль ICC</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="22"/>
        <source>comment</source>
        <translation>комментарий</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="23"/>
        <source>IPTC / Photoshop resources</source>
        <translation>IPTC и ресурсы Photoshop</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="24"/>
        <source>resolution tags</source>
        <translation>сведения о разрешении</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="25"/>
        <source>PNG text chunks</source>
        <translation>текстовые блоки PNG</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="26"/>
        <source>TIFF tags (artist, software, date, ...)</source>
        <translation>теги TIFF (автор, программа, дата и др.)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="27"/>
        <source>orientation tag (applied to the pixels)</source>
        <translation>сведения о повороте (снимок повёрнут как надо)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="28"/>
        <source>container tags ({names})</source>
        <translation>теги файла ({names})</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="29"/>
        <source>video stream tags</source>
        <translation>теги видеодорожки</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="30"/>
        <source>audio stream tags</source>
        <translation>теги звуковой дорожки</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="31"/>
        <source>stream tags</source>
        <translation>теги дорожек</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="32"/>
        <source>other streams (subtitles, data, GPS tracks, extra sound): {count}</source>
        <translation>другие дорожки (субтитры, данные, треки GPS, дополнительный звук): {count}</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="35"/>
        <source>sound (voices identify people; keep it with --keep-audio)</source>
        <translation>звук (по голосу можно узнать человека; чтобы оставить его, отметьте «Сохранить звук»)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="38"/>
        <source>document information (author, creator, producer, dates)</source>
        <translation>сведения о документе (автор, создатель, программа, даты)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="41"/>
        <source>XMP metadata</source>
        <translation>метаданные XMP</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="42"/>
        <source>document ID (replaced by a new one)</source>
        <translation>идентификатор документа (заменён новым)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="43"/>
        <source>annotations and comments (what a visible one shows is kept, drawn into the page)</source>
        <translation>пометки и комментарии (видимое в них сохранено и нарисовано на странице)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="46"/>
        <source>form fields and signatures</source>
        <translation>поля форм и подписи</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="47"/>
        <source>attached files, scripts and named destinations</source>
        <translation>вложенные файлы, сценарии и именованные ссылки</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="48"/>
        <source>attached files</source>
        <translation>вложенные файлы</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="49"/>
        <source>scripts and actions</source>
        <translation>сценарии и действия</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="50"/>
        <source>bookmarks</source>
        <translation>закладки</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="51"/>
        <source>page thumbnails</source>
        <translation>миниатюры страниц</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="52"/>
        <source>document structure and alternative texts</source>
        <translation>структура документа и альтернативные тексты</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="53"/>
        <source>application private data</source>
        <translation>служебные данные программ</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="54"/>
        <source>layer names</source>
        <translation>названия слоёв</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="58"/>
        <source>other data not needed to draw the pages</source>
        <translation>другие данные, не нужные для показа страниц</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="59"/>
        <source>earlier revisions and unreferenced objects</source>
        <translation>прежние редакции и неиспользуемые объекты</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="60"/>
        <source>metadata inside embedded pictures (EXIF, XMP, comments)</source>
        <translation>метаданные внутри вставленных картинок (EXIF, XMP, комментарии)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="55"/>
        <source>fonts, with the names, notices and programs inside them</source>
        <translation>шрифты вместе с именами, примечаниями и программами внутри них</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="63"/>
        <source>the same from embedded documents (a chart&apos;s workbook, an embedded file)</source>
        <translation>то же из вложенных документов (таблица диаграммы, вставленный файл)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="66"/>
        <source>metadata inside pictures (EXIF, XMP, comments, text chunks)</source>
        <translation>метаданные внутри картинок (EXIF, XMP, комментарии, текстовые блоки)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="69"/>
        <source>authors, dates and editing ids of comments and tracked changes</source>
        <translation>авторы, даты и метки правки у комментариев и исправлений</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="72"/>
        <source>folders of linked local files</source>
        <translation>папки связанных файлов на компьютере</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="73"/>
        <source>custom properties</source>
        <translation>пользовательские свойства</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="74"/>
        <source>thumbnail</source>
        <translation>миниатюра</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="75"/>
        <source>custom XML data</source>
        <translation>пользовательские данные XML</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="76"/>
        <source>people list</source>
        <translation>список участников</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="77"/>
        <source>printer settings (printer name)</source>
        <translation>настройки принтера (его название)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="78"/>
        <source>macros (VBA project)</source>
        <translation>макросы (проект VBA)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="79"/>
        <source>embedded objects of other programs (OLE), each replaced by its picture</source>
        <translation>вставленные объекты других программ (OLE), каждый заменён своей картинкой</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="82"/>
        <source>sounds and videos (and the animations of the slides that played them)</source>
        <translation>звуки и видео (и анимации слайдов, которые их запускали)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="85"/>
        <source>document properties (author, last modified by, dates, revision)</source>
        <translation>свойства документа (автор, кто менял последним, даты, номер редакции)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="88"/>
        <source>application properties (program, company, template, editing time)</source>
        <translation>свойства программы (программа, организация, шаблон, время правки)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="91"/>
        <source>folders of linked local files, mail-merge sources, document variables and XML comments</source>
        <translation>папки связанных файлов на компьютере, источники рассылки, переменные документа и комментарии XML</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="94"/>
        <source>the template and the folder the document was saved in</source>
        <translation>шаблон и папка, в которой документ был сохранён</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="97"/>
        <source>LibreOffice&apos;s layout cache</source>
        <translation>кэш разметки LibreOffice</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="98"/>
        <source>LibreOffice&apos;s toolbar and menu configuration</source>
        <translation>настройки панелей и меню LibreOffice</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="101"/>
        <source>macros (Basic and scripts)</source>
        <translation>макросы (Basic и сценарии)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="102"/>
        <source>replacement pictures of embedded objects (drawn again on opening)</source>
        <translation>картинки-заменители вставленных объектов (рисуются заново при открытии)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="105"/>
        <source>document properties (creator, dates, generator, editing time)</source>
        <translation>свойства документа (создатель, даты, программа, время правки)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="108"/>
        <source>printer settings (printer name and driver setup)</source>
        <translation>настройки принтера (его название и параметры драйвера)</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="109"/>
        <source>only the first {count} frames were kept</source>
        <translation>сохранены только первые кадры: {count}</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="110"/>
        <source>the value of a form field that had no appearance could not be drawn; it was left out</source>
        <translation>значение поля формы, у которого не было внешнего вида, не удалось нарисовать; оно не вошло в копию</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="113"/>
        <source>the original&apos;s annotations could not be drawn into its pages; they were left out</source>
        <translation>пометки оригинала не удалось нарисовать на его страницах; они не вошли в копию</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="116"/>
        <source>the original was encrypted; the copy is not</source>
        <translation>оригинал был зашифрован; копия не зашифрована</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="119"/>
        <source>the original&apos;s metadata could not be read, so the re-check relied on our reader alone</source>
        <translation>метаданные оригинала не удалось прочитать, поэтому повторная проверка опиралась только на нашу программу чтения</translation>
    </message>
    <message>
        <location filename="../report_label_text.py" line="122"/>
        <source>the pages were turned into pictures of themselves: the text cannot be selected or searched</source>
        <translation>страницы превращены в свои изображения: текст нельзя выделить или найти поиском</translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <location filename="../units.py" line="17"/>
        <source>{number} B</source>
        <translation>{number} Б</translation>
    </message>
    <message>
        <location filename="../units.py" line="19"/>
        <source>{number} KiB</source>
        <translation>{number} КиБ</translation>
    </message>
    <message>
        <location filename="../units.py" line="20"/>
        <source>{number} MiB</source>
        <translation>{number} МиБ</translation>
    </message>
    <message>
        <location filename="../units.py" line="21"/>
        <source>{number} GiB</source>
        <translation>{number} ГиБ</translation>
    </message>
    <message>
        <location filename="../units.py" line="22"/>
        <source>{number} TiB</source>
        <translation>{number} ТиБ</translation>
    </message>
</context>
</TS>
