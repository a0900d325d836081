#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the project's fixtures.

Each seed is one selector byte followed by the input:
- `repair_text`: selector 0 (the default configuration), 0xff, or for texts over
  1000 bytes 0x7f (repeated into one line longer than the engine's window), then a
  text:
  golden inputs, samples, clean text and every 20th synthetic case;
- `decode`: selector 0 (detect the encoding) or the index of the file's
  `--encoding` label in the target's table, then the bytes of every input of
  fixtures/files/ (20 encodings, byte order marks, stray windows-1252 runs) and
  of the golden inputs;
- `jsonl`: selector 0 (field `text`), 1 (`text` and `title`) or 2 (`meta.title`),
  or with 0x80 added (the ftfy preset), then a record built from a synthetic case,
  written both as UTF-8 and with ASCII escapes.
Run from anywhere; the corpora go to fuzz/corpus/<target>/.
"""
import hashlib
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def write(target: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


# The decode target's table of `--encoding` labels (fuzz_targets/decode.rs).
DECODE_LABELS = [
    None, None, None, None,
    "utf-8", "windows-1252", "windows-1251", "iso-8859-2",
    "koi8-r", "shift_jis", "euc-jp", "gbk", "gb18030",
    "big5", "euc-kr", "utf-16le", "utf-16be", "iso-2022-jp",
    "x-user-defined", "macintosh",
]


def decode_seeds() -> int:
    count = 0
    cases = ROOT / "fixtures" / "files" / "cases.tsv"
    for row in cases.read_text(encoding="utf-8").splitlines():
        if row.startswith("#") or not row.strip():
            continue
        name, arguments = row.split("\t")[:2]
        data = (ROOT / "fixtures" / "files" / f"{name}.in").read_bytes()
        write("decode", b"\x00" + data)
        words = arguments.split()
        if "--encoding" in words:
            label = words[words.index("--encoding") + 1]
            if label in DECODE_LABELS:
                write("decode", bytes([DECODE_LABELS.index(label)]) + data)
        count += 1
    for path in sorted((ROOT / "fixtures" / "golden").glob("*.input.txt")):
        write("decode", b"\x00" + path.read_bytes())
        count += 1
    return count


def jsonl_seeds() -> int:
    count = 0
    with open(ROOT / "fixtures" / "synthetic" / "cases.jsonl", encoding="utf-8") as cases:
        for i, line in enumerate(cases):
            if i % 40:
                continue
            text = json.loads(line)["input"]
            record = {"id": i, "text": text, "title": text[:20], "n": 1.50,
                      "meta": {"title": text, "tags": ["a", text]}}
            for ascii_only in (False, True):
                data = json.dumps(record, ensure_ascii=ascii_only).encode("utf-8")
                for selector in (0, 1, 2, 0x80):
                    write("jsonl", bytes([selector]) + data)
            count += 1
    return count


def main() -> None:
    texts = []
    for path in sorted((ROOT / "fixtures" / "golden").glob("*.input.txt")):
        texts.append(path.read_bytes())
    for path in sorted((ROOT / "seeds").rglob("*")):
        if path.is_file():
            texts.append(path.read_bytes())
    with open(ROOT / "fixtures" / "synthetic" / "cases.jsonl", encoding="utf-8") as cases:
        for i, line in enumerate(cases):
            if i % 20 == 0:
                texts.append(json.loads(line)["input"].encode("utf-8"))
    for text in texts:
        write("repair_text", b"\x00" + text)
        write("repair_text", b"\xff" + text)
        if len(text) > 1000:
            write("repair_text", b"\x7f" + text)
    print(f"{len(texts)} seed texts for repair_text written under {CORPUS}")
    print(f"{decode_seeds()} inputs for decode, {jsonl_seeds()} records for jsonl")


if __name__ == "__main__":
    main()
