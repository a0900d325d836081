#!/usr/bin/env python3
"""Write a large text with some mojibake to stdout, for measuring memory and speed.

Usage: python3 tools/gen_big_input.py SIZE_IN_MB > big.txt

Lines mix clean English, clean French and German, Cyrillic, and mojibake of the same
sentences (UTF-8 read as windows-1252 / windows-1251); one line in 500 is a long
line of about 64 KiB. The content is deterministic.
"""

import sys

CLEAN = [
    "The quick brown fox jumps over the lazy dog, again and again.",
    "Le café de la gare est fermé le dimanche, dit Céline.",
    "Über die Brücke gehen wir morgen früh zur Bäckerei.",
    "Привет, как дела? Всё хорошо, спасибо.",
    "Dzień dobry, proszę o kawę i ciastko.",
]


def garble(text, page):
    return text.encode("utf-8").decode(page, errors="replace")


def lines():
    mojibake = [garble(CLEAN[1], "cp1252"), garble(CLEAN[2], "cp1252"), garble(CLEAN[3], "cp1251")]
    i = 0
    while True:
        i += 1
        if i % 500 == 0:
            yield (" ".join(CLEAN) + " ") * 200 + mojibake[i % 3] + "\n"
        elif i % 7 == 0:
            yield mojibake[i % 3] + "\r\n"
        else:
            yield CLEAN[i % len(CLEAN)] + "\n"


def main():
    size = int(sys.argv[1]) * 1_000_000
    out = sys.stdout.buffer
    written = 0
    buf = []
    for line in lines():
        data = line.encode("utf-8")
        buf.append(data)
        written += len(data)
        if len(buf) >= 4096 or written >= size:
            out.write(b"".join(buf))
            buf = []
        if written >= size:
            break


if __name__ == "__main__":
    main()
