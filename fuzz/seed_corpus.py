#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the project's fixtures.

Each seed for `repair_text` is one selector byte (0: the default configuration)
followed by a line of text: golden inputs, synthetic mojibake and clean text.
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
    print(f"{len(texts)} seed texts written under {CORPUS}")


if __name__ == "__main__":
    main()
