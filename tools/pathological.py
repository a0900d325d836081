#!/usr/bin/env python3
"""Times the release binary on pathological inputs, each at two sizes.

For every case it generates the input into target/pathological/, runs
`target/release/mojifix ARGS < input > /dev/null` under `/usr/bin/time -v` and
prints the wall time, the CPU time (user + system), the peak resident memory
and, for the larger size, the ratio of CPU time and of memory to the smaller
one. Linear time shows as a CPU ratio close to the size ratio (about 2); bounded
memory as a memory ratio close to 1 in the streaming modes.

    cargo build --release && python3 tools/pathological.py
    python3 tools/pathological.py --only fffd-run --scale 0.1   # one case, smaller
    python3 tools/pathological.py --list

Not a test: the numbers depend on the machine and its load. The tables of
docs/robustness.md ("Pathological input") were made with it.
"""
import argparse
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "pathological"
MB = 1_000_000


def sloppy_cp1252(data: bytes) -> str:
    """Bytes read as windows-1252, undefined bytes as the C1 control of the same
    number (what a browser or a careless converter does)."""
    out = []
    for b in data:
        if 0x80 <= b <= 0x9F:
            try:
                out.append(bytes([b]).decode("cp1252"))
            except UnicodeDecodeError:
                out.append(chr(b))
        else:
            out.append(chr(b))
    return "".join(out)


def garble(text: str, layers: int) -> str:
    for _ in range(layers):
        text = sloppy_cp1252(text.encode("utf-8"))
    return text


WORDS = ("Le garçon a mangé une crème brûlée à côté de la gare , Grüße aus "
         "München , привет как дела , καλημέρα κόσμε , zażółć gęślą jaźń").split()


def prose(n_bytes: int, garbled_every: int) -> bytes:
    """Words in several languages separated by spaces, one in `garbled_every`
    garbled once (UTF-8 read as windows-1252); no newline."""
    unit = []
    for i, word in enumerate(WORDS * 3):
        unit.append(garble(word, 1) if i % garbled_every == 0 else word)
    block = (" ".join(unit) + " ").encode("utf-8")
    return (block * (n_bytes // len(block) + 1))[:n_bytes].decode("utf-8", "ignore").encode()


def deep_word(layers: int) -> bytes:
    return garble("café", layers).encode("utf-8") + b"\n"


def deep_words(lines: int) -> bytes:
    """Lines of words garbled 1 to 8 times each, every depth on every line."""
    words = [garble(w, d) for d, w in zip(range(1, 9), ["café", "crème", "Grüße", "привет",
                                                        "καλημέρα", "gęślą", "naïve", "où"])]
    line = (" ".join(words) + "\n").encode("utf-8")
    return line * lines


def jsonl_surrogates(records: int) -> bytes:
    good = b'{"id": 1, "text": "caf\\u00c3\\u00a9 cr\\u00c3\\u00a8me"}\n'
    lone = b'{"id": 2, "text": "broken \\ud800 surrogate \\udfff here"}\n'
    return (good + lone) * (records // 2)


def jsonl_long_string(n_bytes: int) -> bytes:
    text = prose(n_bytes, 20).decode("utf-8").replace("\\", "").replace('"', "")
    escaped = text.replace("é", "\\u00e9")
    return ('{"id": 1, "text": "' + escaped + '", "n": 2}\n').encode("utf-8")


# name: (what it is, generator(size), small size, args, size unit)
CASES = {
    "long-line": ("one line of multilingual prose without a newline, 1 word in 50 garbled",
                  lambda n: prose(n, 50), 50 * MB, [], "bytes"),
    "empty-lines": ("nothing but line feeds", lambda n: b"\n" * n, 5 * MB, [], "lines"),
    "deep-word": ("one word garbled N times in a row (UTF-8 read as windows-1252), "
                  "--max-layers 16; size grows 2.2x per layer",
                  deep_word, 12, ["--max-layers", "16"], "layers"),
    "deep-words": ("lines of 8 words garbled 1 to 8 times", deep_words, 200,
                   ["--max-layers", "16"], "lines"),
    "c1-run": ("one line of U+0085 (NEL, a C1 control that was windows-1252 '...')",
               lambda n: "\u0085".encode() * n, 5 * MB, [], "chars"),
    "c1-run-check": ("the same line, --check --format json (one finding per run of C1 controls)",
                     lambda n: "\u0085".encode() * n, 5 * MB, ["--check", "--format", "json"],
                     "chars"),
    "garbled-line": ("one line on which every word is garbled ('cafÃ© ' repeated)",
                     lambda n: "cafÃ© ".encode() * n, 500_000, [], "words"),
    "garbled-line-check": ("the same line, --check --format json (a finding per word)",
                           lambda n: "cafÃ© ".encode() * n, 500_000,
                           ["--check", "--format", "json"], "words"),
    "garbled-line-length": ("the same 0.3 MB of garbled words ('cafÃ© ') in lines of N words, "
                            "each shorter than the engine's window (twice as long, half as many: "
                            "linear time keeps the CPU time)",
                            lambda n: ("cafÃ© " * n + "\n").encode() * (50_000 // n),
                            2_500, [], "words"),
    "garbled-lines": ("lines of 10 words, every word garbled",
                      lambda n: ("cafÃ© " * 10 + "\n").encode() * (n // 10), 500_000, [],
                      "words"),
    "fffd-run": ("one line of U+FFFD", lambda n: "\ufffd".encode() * n, 5 * MB, [], "chars"),
    "a-tilde-run": ("one line of 'Ã' (looks like the start of mojibake)",
                    lambda n: "Ã".encode() * n, 5 * MB, [], "chars"),
    "mojibake-run": ("one line of 'Ã©' without spaces (mojibake of 'é', one giant word)",
                     lambda n: "Ã©".encode() * n, 1 * MB, [], "pairs"),
    "jsonl-surrogates": ("JSON Lines, every other record with lone surrogate escapes, "
                         "--on-error keep", jsonl_surrogates, 200_000,
                         ["--jsonl", "--field", "text", "--on-error", "keep"], "records"),
    "jsonl-long-string": ("one JSON record whose string is one long line of prose",
                          jsonl_long_string, 1_600_000, ["--jsonl", "--field", "text"], "bytes"),
}


def measure(binary: pathlib.Path, args: list, path: pathlib.Path) -> dict:
    with open(path, "rb") as stdin:
        run = subprocess.run(["/usr/bin/time", "-v", str(binary), *args, "-"],
                             stdin=stdin, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, check=False)
    err = run.stderr.decode("utf-8", "replace")

    def field(name):
        return re.search(re.escape(name) + r": (.*)", err).group(1).strip()

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    status = run.returncode
    return {
        "wall": seconds,
        "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
        "rss_kb": int(field("Maximum resident set size (kbytes)")),
        "status": status,
    }


# Below this many CPU seconds at the larger size a ratio is mostly noise.
CHECK_FLOOR_S = 0.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=str(ROOT / "target" / "release" / "mojifix"))
    parser.add_argument("--only", action="append", help="run only this case (repeatable)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply the sizes (not the layer counts) by this")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--keep", action="store_true", help="keep the generated inputs")
    parser.add_argument("--max-cpu-ratio", type=float, default=None,
                        help="exit 1 when a case's CPU time at twice the size is more than "
                             "this many times its CPU time at the first size, both per byte "
                             "of input (linear is about 1, quadratic 2; cases whose larger run "
                             f"takes under {CHECK_FLOOR_S} CPU s, and the layer cases, which "
                             "grow 2.2x per layer by design, are not checked)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each size this many times and keep the run with the least "
                             "CPU time (steadier ratios on a machine whose speed varies)")
    options = parser.parse_args()
    if options.list:
        for name, (what, _, size, args, unit) in CASES.items():
            second = size + 1 if unit == "layers" else 2 * size
            print(f"{name:18} {size:>11,} and {second:>11,} {unit}; {what} {' '.join(args)}")
        return 0
    binary = pathlib.Path(options.bin)
    if not binary.exists():
        print(f"{binary} missing: run `cargo build --release` first", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    too_slow = []
    print(f"{'case':18} {'size':>16} {'MB':>8} {'wall s':>7} {'cpu s':>7} {'RSS MiB':>8}"
          f" {'cpu x':>6} {'RSS x':>6}")
    for name, (what, generate, size, args, unit) in CASES.items():
        if options.only and name not in options.only:
            continue
        first = None
        for factor in (1, 2):
            if unit == "layers":
                n = size + factor - 1
            else:
                n = max(1, int(size * options.scale)) * factor
            path = OUT / f"{name}-{n}"
            data = generate(n)
            path.write_bytes(data)
            megabytes = len(data) / MB
            del data
            result = min((measure(binary, args, path) for _ in range(max(1, options.repeat))),
                         key=lambda r: r["cpu"])
            result["bytes"] = path.stat().st_size
            if not options.keep:
                path.unlink()
            ratios = ""
            if first:
                ratios = (f" {result['cpu'] / max(first['cpu'], 0.01):6.2f}"
                          f" {result['rss_kb'] / first['rss_kb']:6.2f}")
            status = "" if result["status"] in (0, 1) else f"  exit {result['status']}"
            if (first and options.max_cpu_ratio and unit != "layers"
                    and result["cpu"] >= CHECK_FLOOR_S
                    and result["cpu"] / result["bytes"]
                    > options.max_cpu_ratio * max(first["cpu"], 0.01) / first["bytes"]):
                too_slow.append(name)
                status += f"  MORE THAN {options.max_cpu_ratio}x"
            print(f"{name:18} {n:>10,} {unit:5} {megabytes:8.1f} "
                  f"{result['wall']:7.2f} {result['cpu']:7.2f} {result['rss_kb'] / 1024:8.1f}"
                  f"{ratios}{status}", flush=True)
            first = first or result
    if too_slow:
        print(f"superlinear CPU time: {', '.join(too_slow)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
