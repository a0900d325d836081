#!/usr/bin/env python3
"""Generate fixtures/files/: inputs in many encodings with their expected output.

Each case is an input file `<name>.in` (bytes in some encoding), the expected
output `<name>.expected` (UTF-8, what `mojifix` prints and what `mojifix --write`
leaves in the file), and a line in `cases.tsv`:

    name <TAB> extra arguments <TAB> text that standard error must contain

tests/files.rs runs the real binary on every case in both modes. Rerun this script
after changing it; .ci/run checks that the committed files have not drifted.

Usage: python3 tools/gen_file_fixtures.py
"""

import os
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "fixtures", "files")

# Clean text per language, long enough for detection (chardetng judges documents,
# not single words). Each ends with a newline; some cases switch to CRLF.
TEXT = {
    "fr": (
        "Le café de la gare est fermé le dimanche.\n"
        "Céline a déjà réservé une chambre à l'hôtel près du théâtre.\n"
        "Où est la boulangerie ? Elle est là-bas, après l'église.\n"
    ),
    "de": (
        "Über die Brücke gehen wir morgen früh zur Bäckerei.\n"
        "Die Straße ist für größere Fahrzeuge gesperrt, schöne Grüße.\n"
        "Wir müssen heute noch die Bücher zurückgeben.\n"
    ),
    "cs": (
        "Příliš žluťoučký kůň úpěl ďábelské ódy.\n"
        "Dobrý den, prosím vás, kde je nádraží a kolik stojí jízdenka?\n"
        "Děkuji, přeji vám hezký večer a šťastnou cestu domů.\n"
    ),
    "pl": (
        "Zażółć gęślą jaźń, powiedział pan Józef.\n"
        "Dzień dobry, proszę o kawę i ciastko z kremem.\n"
        "Dziękuję bardzo, życzę miłego dnia i spokojnej nocy.\n"
    ),
    "ru": (
        "Привет, как дела? Всё хорошо, спасибо.\n"
        "Съешь же ещё этих мягких французских булок да выпей чаю.\n"
        "Мы встретимся завтра утром около вокзала.\n"
    ),
    "uk": (
        "Доброго ранку! Як справи? Дякую, все добре.\n"
        "Їжак з'їв ґудзик, а потім пішов додому через поле.\n"
        "Ми зустрінемося завтра біля вокзалу о дев'ятій.\n"
    ),
    "el": (
        "Καλημέρα, τι κάνεις; Είμαι καλά, ευχαριστώ πολύ.\n"
        "Θα συναντηθούμε αύριο το πρωί κοντά στον σταθμό.\n"
        "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.\n"
    ),
    "tr": (
        "Günaydın, nasılsınız? Teşekkür ederim, iyiyim.\n"
        "Yarın sabah istasyonun yanında buluşacağız.\n"
        "Pijamalı hasta yağız şoföre çabucak güvendi.\n"
    ),
    "ja": (
        "こんにちは、元気ですか？私は元気です、ありがとう。\n"
        "明日の朝、駅の近くで会いましょう。天気が良ければ公園にも行きます。\n"
        "日本語の文章を正しく読み込めるかどうかを確認します。\n"
    ),
    "zh_cn": (
        "你好，你好吗？我很好，谢谢你。\n"
        "我们明天早上在火车站附近见面，然后一起去公园散步。\n"
        "这是一个用来检查编码检测是否正确的中文句子。\n"
    ),
    "zh_tw": (
        "你好，你好嗎？我很好，謝謝你。\n"
        "我們明天早上在火車站附近見面，然後一起去公園散步。\n"
        "這是一個用來檢查編碼檢測是否正確的中文句子。\n"
    ),
    "ko": (
        "안녕하세요, 어떻게 지내세요? 저는 잘 지내요, 감사합니다.\n"
        "내일 아침에 기차역 근처에서 만나요. 날씨가 좋으면 공원에도 가요.\n"
        "이것은 인코딩 감지가 올바른지 확인하기 위한 한국어 문장입니다.\n"
    ),
}

# A line of mojibake (French UTF-8 read as windows-1252) and its repair: decoding
# must come first, then the engine repairs the decoded text.
MOJIBAKE = "Le cafÃ© de la gare est fermÃ© le dimanche.\n"
REPAIRED = "Le café de la gare est fermé le dimanche.\n"

BOM = "\ufeff"

CASES = []  # (name, input bytes, expected text, args, stderr)


def case(name, data, expected, args="", stderr=""):
    CASES.append((name, data, expected.encode("utf-8"), args, stderr))


def crlf(text):
    return text.replace("\n", "\r\n")


def unicode_cases():
    text = MOJIBAKE + TEXT["fr"]
    fixed = REPAIRED + TEXT["fr"]
    case("utf8_plain", text.encode("utf-8"), fixed)
    case("utf8_bom_kept", (BOM + text).encode("utf-8"), BOM + fixed)
    case("utf8_bom_stripped", (BOM + text).encode("utf-8"), fixed, "--strip-bom")
    case("utf8_crlf_no_final_newline", crlf(text).rstrip("\r\n").encode("utf-8"),
         crlf(fixed).rstrip("\r\n"))
    text = MOJIBAKE + TEXT["ru"] + TEXT["ja"]
    fixed = REPAIRED + TEXT["ru"] + TEXT["ja"]
    for name, codec in [("utf16le", "utf-16-le"), ("utf16be", "utf-16-be"),
                        ("utf32le", "utf-32-le"), ("utf32be", "utf-32-be")]:
        label = codec.upper().replace("-LE", "LE").replace("-BE", "BE")
        case(name + "_bom", (BOM + text).encode(codec), BOM + fixed, "",
             "decoded as " + label)
        case(name + "_bom_stripped", (BOM + text).encode(codec), fixed, "--strip-bom",
             "decoded as " + label)
    case("utf16le_no_bom_forced", crlf(text).encode("utf-16-le"), crlf(fixed),
         "--encoding utf-16le", "decoded as UTF-16LE")


# (name, Python codec, encoding_rs name, text, forced label or "")
LEGACY = [
    ("windows_1252_fr", "cp1252", "windows-1252", TEXT["fr"], ""),
    ("windows_1252_de_crlf", "cp1252", "windows-1252", crlf(TEXT["de"]), ""),
    ("windows_1250_cs", "cp1250", "windows-1250", TEXT["cs"], ""),
    ("windows_1250_pl", "cp1250", "windows-1250", TEXT["pl"], ""),
    ("iso_8859_2_pl_forced", "iso8859-2", "ISO-8859-2", TEXT["pl"], "iso-8859-2"),
    ("windows_1251_ru", "cp1251", "windows-1251", TEXT["ru"], ""),
    # chardetng names Russian KOI8 text KOI8-U, a superset that decodes it the same.
    ("koi8_r_ru", "koi8-r", "KOI8-U", TEXT["ru"], ""),
    ("koi8_u_uk_forced", "koi8-u", "KOI8-U", TEXT["uk"], "koi8-u"),
    ("windows_1253_el", "cp1253", "windows-1253", TEXT["el"], ""),
    ("iso_8859_7_el_forced", "iso8859-7", "ISO-8859-7", TEXT["el"], "iso-8859-7"),
    ("windows_1254_tr", "cp1254", "windows-1254", TEXT["tr"], ""),
    ("shift_jis_ja", "shift_jis", "Shift_JIS", TEXT["ja"], ""),
    ("euc_jp_ja", "euc_jp", "EUC-JP", TEXT["ja"], ""),
    ("gbk_zh", "gbk", "GBK", TEXT["zh_cn"], ""),
    ("gb18030_zh_forced", "gb18030", "gb18030", TEXT["zh_cn"], "gb18030"),
    ("big5_zh", "big5", "Big5", TEXT["zh_tw"], ""),
    ("euc_kr_ko", "euc_kr", "EUC-KR", TEXT["ko"], ""),
]


def legacy_cases():
    for name, codec, rs_name, text, forced in LEGACY:
        args = "--encoding " + forced if forced else ""
        case(name, text.encode(codec), text, args, "decoded as " + rs_name)


def mixed_cases():
    # A UTF-8 file with one paragraph saved by a windows-1252 editor.
    head = TEXT["de"].encode("utf-8")
    stray = "Un café crème, s'il vous plaît.\n".encode("cp1252")
    tail = "Danke schön und bis später.\n".encode("utf-8")
    expected = TEXT["de"] + "Un café crème, s'il vous plaît.\nDanke schön und bis später.\n"
    first = len(head) + stray.index(b"\xe9")
    case("utf8_with_windows_1252_paragraph", head + stray + tail, expected, "",
         "invalid UTF-8 at byte %d (1 bytes), decoded as windows-1252" % first)
    # A stray byte at the very end (a truncated sequence).
    case("utf8_truncated_at_end", "Grüße\n".encode("utf-8") + b"caf\xc3", "Grüße\ncafÃ",
         "", "invalid UTF-8 at byte 11 (1 bytes), decoded as windows-1252")


def write():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rows = []
    for name, data, expected, args, stderr in CASES:
        with open(os.path.join(OUT, name + ".in"), "wb") as f:
            f.write(data)
        with open(os.path.join(OUT, name + ".expected"), "wb") as f:
            f.write(expected)
        rows.append("\t".join([name, args, stderr]))
    with open(os.path.join(OUT, "cases.tsv"), "w", encoding="utf-8") as f:
        f.write("# name\targuments\tstandard error contains (generated by tools/gen_file_fixtures.py)\n")
        f.write("\n".join(rows) + "\n")
    print("%d cases in %s" % (len(CASES), os.path.relpath(OUT, ROOT)))


if __name__ == "__main__":
    unicode_cases()
    legacy_cases()
    mixed_cases()
    write()
