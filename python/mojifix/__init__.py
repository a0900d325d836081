"""mojifix: repair mojibake and normalize Unicode, with the Rust engine inside.

>>> import mojifix
>>> mojifix.fix_text("Le cafÃ© de la gare")
'Le café de la gare'
>>> mojifix.fix_batch(["CĂ©line", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚"])
['Céline', 'привет']

Functions take keyword options named as ftfy's ``TextFixerConfig`` names them
(``OPTIONS`` lists them) and ``preset="safe"`` (the default: repair encoding and C1
controls, NFC) or ``preset="ftfy"`` (ftfy 6.3.1's ``fix_text`` defaults):

- ``fix_text(text, **options) -> str``
- ``fix_and_explain(text, **options) -> (str, list[Change])``, offsets in characters
- ``fix_batch(texts, **options) -> list[str]``, in parallel without the GIL
- ``needs_fix(text, **options) -> bool``

The same wheel installs the ``mojifix`` command (the full command-line tool).
"""

from ._mojifix import (
    OPTIONS,
    Change,
    __version__,
    fix_and_explain,
    fix_batch,
    fix_text,
    needs_fix,
)

__all__ = [
    "OPTIONS",
    "Change",
    "__version__",
    "fix_and_explain",
    "fix_batch",
    "fix_text",
    "needs_fix",
]
