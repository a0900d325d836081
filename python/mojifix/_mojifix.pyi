"""Type stubs for the extension module; `mojifix` re-exports all of it.

The keyword options of each function are the names in ``OPTIONS`` (a test checks
that these stubs list exactly those).
"""

from typing import Iterable, List, Literal, Optional, Tuple, Union

__version__: str
OPTIONS: Tuple[str, ...]

_Preset = Optional[Literal["safe", "ftfy"]]
_Normalization = Optional[Literal["NFC", "NFKC"]]
_Switch = Union[bool, Literal["auto"]]

class Change:
    """One change: ``text[start:end]``, which is ``before``, became ``after``.

    Offsets count characters (Python str indices), not bytes.
    """

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def before(self) -> str: ...
    @property
    def after(self) -> str: ...
    @property
    def chain(self) -> List[str]:
        """The steps that explain the change, earliest damage first."""
    @property
    def confidence(self) -> float:
        """How sure the repair is, from 0 to 1."""
    @property
    def explanation(self) -> str:
        """The chain as one phrase, such as "UTF-8 read as windows-1252"."""
    def to_dict(self) -> dict:
        """The change as a plain dict."""

def fix_text(
    text: str,
    /,
    *,
    preset: _Preset = None,
    fix_encoding: bool = ...,
    fix_c1_controls: bool = ...,
    unescape_html: _Switch = ...,
    remove_terminal_escapes: bool = ...,
    remove_control_chars: bool = ...,
    remove_bom: bool = ...,
    fix_surrogates: bool = ...,
    fix_latin_ligatures: bool = ...,
    fix_character_width: bool = ...,
    uncurl_quotes: bool = ...,
    fix_line_breaks: bool = ...,
    normalization: _Normalization = ...,
    max_layers: int = ...,
) -> str:
    """Repair mojibake in ``text`` and return the repaired str."""

def fix_and_explain(
    text: str,
    /,
    *,
    preset: _Preset = None,
    fix_encoding: bool = ...,
    fix_c1_controls: bool = ...,
    unescape_html: _Switch = ...,
    remove_terminal_escapes: bool = ...,
    remove_control_chars: bool = ...,
    remove_bom: bool = ...,
    fix_surrogates: bool = ...,
    fix_latin_ligatures: bool = ...,
    fix_character_width: bool = ...,
    uncurl_quotes: bool = ...,
    fix_line_breaks: bool = ...,
    normalization: _Normalization = ...,
    max_layers: int = ...,
) -> Tuple[str, List[Change]]:
    """Repair ``text`` and return ``(fixed_text, changes)``."""

def fix_batch(
    texts: Iterable[str],
    /,
    *,
    preset: _Preset = None,
    fix_encoding: bool = ...,
    fix_c1_controls: bool = ...,
    unescape_html: _Switch = ...,
    remove_terminal_escapes: bool = ...,
    remove_control_chars: bool = ...,
    remove_bom: bool = ...,
    fix_surrogates: bool = ...,
    fix_latin_ligatures: bool = ...,
    fix_character_width: bool = ...,
    uncurl_quotes: bool = ...,
    fix_line_breaks: bool = ...,
    normalization: _Normalization = ...,
    max_layers: int = ...,
) -> List[str]:
    """Repair every str of ``texts`` in parallel, without the GIL."""

def needs_fix(
    text: str,
    /,
    *,
    preset: _Preset = None,
    fix_encoding: bool = ...,
    fix_c1_controls: bool = ...,
    unescape_html: _Switch = ...,
    remove_terminal_escapes: bool = ...,
    remove_control_chars: bool = ...,
    remove_bom: bool = ...,
    fix_surrogates: bool = ...,
    fix_latin_ligatures: bool = ...,
    fix_character_width: bool = ...,
    uncurl_quotes: bool = ...,
    fix_line_breaks: bool = ...,
    normalization: _Normalization = ...,
    max_layers: int = ...,
) -> bool:
    """Whether ``fix_text(text, ...)`` would change ``text``."""
