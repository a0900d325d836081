"""The Python API: results, options, offsets, surrogates and error messages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mojifix
from conftest import GOLDEN, golden_cases, read_text, synthetic_inputs


def test_repairs_and_returns_clean_text_unchanged():
    assert mojifix.fix_text("Le cafÃ© de la gare") == "Le café de la gare"
    assert mojifix.fix_text("CĂ©line et FranÃ§ois") == "Céline et François"
    clean = "Vielen Dank für Ihre Nachricht"
    # Nothing to do: the very same object comes back, no copy.
    assert mojifix.fix_text(clean) is clean


def test_options_reach_the_engine():
    assert mojifix.fix_text("Cafe\u0301") == "Café"
    assert mojifix.fix_text("Cafe\u0301", normalization=None) == "Cafe\u0301"
    assert mojifix.fix_text("ﬁne", normalization="NFKC") == "fine"
    assert mojifix.fix_text("CafÃ©", fix_encoding=False) == "CafÃ©"
    assert mojifix.fix_text("Ã¢â‚¬Å“hiÃ¢â‚¬Â\x9d") == "“hi”"
    assert mojifix.fix_text("Ã¢â‚¬Å“hi", max_layers=0) == "Ã¢â‚¬Å“hi"
    assert mojifix.fix_text("parlé\x85", fix_c1_controls=False) == "parlé\x85"
    assert mojifix.fix_text("parlé\x85") == "parlé…"


def test_presets_and_overrides():
    text = "“ﬁne” &amp; Ａ"
    assert mojifix.fix_text(text) == text
    assert mojifix.fix_text(text, preset="safe") == text
    assert mojifix.fix_text(text, preset="ftfy") == '"fine" & A'
    assert mojifix.fix_text(text, preset="ftfy", uncurl_quotes=False) == "“fine” & A"
    assert mojifix.fix_text("a &amp; b", unescape_html=True) == "a & b"
    assert mojifix.fix_text("a &amp; b", unescape_html="auto") == "a & b"
    assert mojifix.fix_text("a\r\nb", fix_line_breaks=True) == "a\nb"
    assert mojifix.fix_text("a\r\nb") == "a\r\nb"


def test_every_fix_option_changes_something():
    # One input per option that the option alone repairs: proves the table maps
    # each Python name onto a fix of the engine.
    examples = {
        "fix_encoding": ("CafÃ©", "Café"),
        "fix_c1_controls": ("parlé\x85", "parlé…"),
        "unescape_html": ("caf&eacute;", "café"),
        "remove_terminal_escapes": ("\x1b[31mred\x1b[0m", "red"),
        "remove_control_chars": ("a\x07b", "ab"),
        "remove_bom": ("a\ufeffb", "ab"),
        "fix_surrogates": ("\\ud83d\\ude00", "😀"),
        "fix_latin_ligatures": ("ﬁne", "fine"),
        "fix_character_width": ("ＡＢＣ", "ABC"),
        "uncurl_quotes": ("“x”", '"x"'),
        "fix_line_breaks": ("a\rb", "a\nb"),
    }
    switches = [name for name in mojifix.OPTIONS if name not in ("normalization", "max_layers")]
    assert sorted(examples) == sorted(switches)
    for name, (before, after) in examples.items():
        off = {n: False for n in switches}
        on = dict(off, **{name: True})
        assert mojifix.fix_text(before, normalization=None, **off) == before, name
        assert mojifix.fix_text(before, normalization=None, **on) == after, name


def test_stubs_list_exactly_the_options():
    stub = Path(mojifix.__file__).with_name("_mojifix.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    assert set(functions) == {"fix_text", "fix_and_explain", "fix_batch", "needs_fix"}
    for f in functions.values():
        keywords = [a.arg for a in f.args.kwonlyargs]
        assert keywords == ["preset", *mojifix.OPTIONS], f.name
    assert (Path(mojifix.__file__).parent / "py.typed").exists()


def test_docstrings():
    for f in (mojifix.fix_text, mojifix.fix_and_explain, mojifix.fix_batch, mojifix.needs_fix):
        assert f.__doc__ and len(f.__doc__) > 80, f.__name__
    assert "preset" in (mojifix.fix_text.__text_signature__ or "")
    assert mojifix.Change.__doc__


def test_fix_and_explain_offsets_are_characters():
    text = "😀 Céline says CĂ©line"
    fixed, changes = mojifix.fix_and_explain(text)
    assert fixed == "😀 Céline says Céline"
    (change,) = changes
    assert (change.start, change.end) == (15, 17)
    assert text[change.start : change.end] == change.before == "Ă©"
    assert change.after == "é"
    assert change.chain == ["UTF-8 read as windows-1250"]
    assert change.explanation == "UTF-8 read as windows-1250"
    assert 0.0 < change.confidence <= 1.0
    assert change.to_dict()["start"] == 15
    assert "windows-1250" in repr(change)


def apply_changes(text: str, changes) -> str:
    out, pos = [], 0
    for c in changes:
        assert c.start >= pos, "changes are in order and do not overlap"
        out.append(text[pos : c.start])
        out.append(c.after)
        pos = c.end
    out.append(text[pos:])
    return "".join(out)


@pytest.mark.parametrize("preset", ["safe", "ftfy"])
def test_changes_rebuild_the_output(preset):
    texts = [read_text(GOLDEN / f"{name}.input.txt") for name in golden_cases()]
    texts += synthetic_inputs()[::25]
    for text in texts:
        fixed, changes = mojifix.fix_and_explain(text, preset=preset)
        assert fixed == mojifix.fix_text(text, preset=preset)
        for c in changes:
            assert text[c.start : c.end] == c.before
        assert apply_changes(text, changes) == fixed


def test_needs_fix_agrees_with_fix_text():
    texts = synthetic_inputs()[::10] + ["plain ascii", "Café", "", "a\r\nb"]
    for text in texts:
        assert mojifix.needs_fix(text) == (mojifix.fix_text(text) != text), text
    assert mojifix.needs_fix("a\r\nb", fix_line_breaks=True)


def test_surrogates_are_repaired_and_reported():
    # A Python str can hold surrogate code points (JSON read with surrogatepass,
    # os.fsdecode); Rust text cannot. Pairs are joined, lone ones become U+FFFD.
    text = "a\ud83d\ude00b\udc00 CafÃ©"
    assert mojifix.fix_text(text) == "a😀b\ufffd Café"
    assert mojifix.fix_batch([text, "\ud800"]) == ["a😀b\ufffd Café", "\ufffd"]
    assert mojifix.needs_fix("\ud800")
    fixed, changes = mojifix.fix_and_explain(text)
    assert fixed == "a😀b\ufffd Café"
    assert [(c.start, c.end) for c in changes] == [(1, 3), (4, 5), (9, 11)]
    assert [c.explanation for c in changes] == [
        "surrogate pair joined into one character",
        "lone surrogate replaced with U+FFFD",
        "UTF-8 read as windows-1252",
    ]
    for c in changes:
        assert text[c.start : c.end] == c.before
    assert apply_changes(text, changes) == fixed


BAD_CALLS = [
    (lambda: mojifix.fix_text(b"caf\xc3\xa9"), TypeError, "argument 'text' must be str, not bytes"),
    (lambda: mojifix.fix_text(None), TypeError, "must be str, not NoneType"),
    (lambda: mojifix.needs_fix(3), TypeError, "needs_fix() argument 'text' must be str, not int"),
    (lambda: mojifix.fix_and_explain(["x"]), TypeError, "must be str, not list"),
    (lambda: mojifix.fix_batch("abc"), TypeError, "not a str (use fix_text)"),
    (lambda: mojifix.fix_batch(5), TypeError, "must be an iterable of str, not int"),
    (lambda: mojifix.fix_batch(["a", b"b"]), TypeError, "fix_batch() item 1 must be str, not bytes"),
    (lambda: mojifix.fix_text("x", uncurl_quote=True), TypeError, "unexpected option \"uncurl_quote\""),
    (lambda: mojifix.fix_text("x", explain=True), TypeError, "use fix_and_explain()"),
    (lambda: mojifix.fix_text("x", restore_byte_a0=True), TypeError, "part of fix_encoding"),
    (lambda: mojifix.fix_text("x", uncurl_quotes="yes"), ValueError, "must be True or False, not \"yes\""),
    (lambda: mojifix.fix_text("x", uncurl_quotes=1), TypeError, "must be a bool, not int"),
    (lambda: mojifix.fix_text("x", unescape_html="always"), ValueError, "True, False or \"auto\""),
    (lambda: mojifix.fix_text("x", normalization="NFD"), ValueError, "not supported"),
    (lambda: mojifix.fix_text("x", normalization="nfx"), ValueError, "unknown normalization"),
    (lambda: mojifix.fix_text("x", normalization=1), TypeError, "\"NFC\", \"NFKC\" or None"),
    (lambda: mojifix.fix_text("x", max_layers=17), ValueError, "between 0 and 16, not 17"),
    (lambda: mojifix.fix_text("x", max_layers=-1), ValueError, "between 0 and 16, not -1"),
    (lambda: mojifix.fix_text("x", max_layers="2"), TypeError, "must be an int, not str"),
    (lambda: mojifix.fix_text("x", max_layers=True), TypeError, "must be an int, not bool"),
    (lambda: mojifix.fix_text("x", preset="fast"), ValueError, "unknown preset \"fast\""),
    (lambda: mojifix.fix_text("x", preset=1), TypeError, "\"preset\" must be \"safe\", \"ftfy\" or None, not int"),
    (lambda: mojifix.fix_text(), TypeError, "text"),
]


@pytest.mark.parametrize("call,error,message", BAD_CALLS, ids=[m for _, _, m in BAD_CALLS])
def test_bad_input_raises_clear_errors(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_normalization_names_are_case_insensitive():
    assert mojifix.fix_text("ﬁ", normalization="nfkc") == "fi"
    assert mojifix.fix_text("Cafe\u0301", normalization="none") == "Cafe\u0301"


def test_docstring_examples_run():
    import doctest

    names = {name: getattr(mojifix, name) for name in mojifix.__all__}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    parser = doctest.DocTestParser()
    objects = [mojifix, mojifix.fix_text, mojifix.fix_and_explain, mojifix.fix_batch, mojifix.needs_fix]
    examples = 0
    for obj in objects:
        test = parser.get_doctest(obj.__doc__, {**names, "mojifix": mojifix}, obj.__name__, None, 0)
        examples += len(test.examples)
        runner.run(test)
    assert examples >= 6
    assert runner.summarize(verbose=False).failed == 0


def test_offsets_hold_on_random_text_with_surrogates():
    # Random mixes of mojibake, clean text, astral characters and surrogates (paired
    # and lone): every change still indexes the caller's str.
    import random

    rng = random.Random(1252)
    pieces = ["CafÃ©", "CĂ©line", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "ok ", "😀", "\ud83d\ude00", "\ud800", "\udfff", "\r\n", "â€œxâ€\x9d", " ", "é"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        for preset in ("safe", "ftfy"):
            fixed, changes = mojifix.fix_and_explain(text, preset=preset)
            assert fixed == mojifix.fix_text(text, preset=preset)
            for c in changes:
                assert text[c.start : c.end] == c.before, (text, c)
            assert apply_changes(text, changes) == fixed, (text, changes)
            assert "\ud800" not in fixed and "\udfff" not in fixed
