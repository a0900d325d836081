"""Recipe: mojifix in NVIDIA NeMo Curator, in place of UnicodeReformatter.

    from nemo_curator.stages.text.modifiers import Modify
    from nemo_curator_modifier import MojifixReformatter

    pipeline.add_stage(Modify(MojifixReformatter()))   # was: Modify(UnicodeReformatter())

NeMo Curator calls a modifier's `modify_document` once per document; on a pandas
Series, `fix_series` below repairs a whole column with `mojifix.fix_batch` (all
cores, no GIL), which is what a `batched` modifier or a custom stage should call.
The defaults follow UnicodeReformatter's (ftfy's fixes without normalization and
without the typographic ones).
"""

from __future__ import annotations

from typing import Any

import mojifix

UNICODE_REFORMATTER_OPTIONS: dict[str, Any] = {
    "unescape_html": True,
    "remove_terminal_escapes": True,
    "fix_surrogates": True,
    "remove_control_chars": True,
    "normalization": None,
}


def fix_series(series: Any, **options: Any) -> Any:
    """Repairs a pandas Series of str in one fix_batch call; other values pass through."""
    import pandas as pd

    options = {**UNICODE_REFORMATTER_OPTIONS, **options}
    values = series.tolist()
    where = [i for i, v in enumerate(values) if isinstance(v, str)]
    fixed = mojifix.fix_batch([values[i] for i in where], **options)
    for i, text in zip(where, fixed):
        values[i] = text
    return pd.Series(values, index=series.index, dtype=series.dtype)


try:
    from nemo_curator.stages.text.modifiers import DocumentModifier
except ImportError:
    try:  # NeMo Curator before 1.0 (Dask)
        from nemo_curator.modifiers import DocumentModifier
    except ImportError:
        DocumentModifier = None

if DocumentModifier is not None:

    class MojifixReformatter(DocumentModifier):
        """Repairs mojibake with mojifix; options are mojifix's (ftfy's names)."""

        def __init__(self, **options: Any):
            super().__init__()
            self.options = {**UNICODE_REFORMATTER_OPTIONS, **options}

        def modify_document(self, text: str) -> str:
            return mojifix.fix_text(text, **self.options)
