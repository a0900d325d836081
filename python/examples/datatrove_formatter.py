"""Recipe: mojifix in a HuggingFace datatrove pipeline, in place of FTFYFormatter.

    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.executor import LocalPipelineExecutor
    from datatrove_formatter import MojifixFormatter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("data/raw"),
        MojifixFormatter(),                       # was: FTFYFormatter()
        JsonlWriter("data/clean"),
    ], tasks=4).run()

`MojifixFormatter` repairs documents in batches of `batch_size` with
`mojifix.fix_batch` (all cores, no GIL) instead of one `format` call per document,
and counts the documents it changed in the step's stats ("formatted"), as
datatrove's formatters do. Its options are mojifix's (ftfy's names): the default
is FineWeb's choice for FTFYFormatter, encoding repair without normalization or
typographic changes.
"""

from __future__ import annotations

from itertools import islice
from typing import Any, Iterable, Iterator

import mojifix

# What datatrove's FTFYFormatter turns on, in mojifix's option names: repair the
# encoding, C1 controls, terminal escapes, HTML references, surrogates and control
# characters; leave quotes, widths, ligatures, line breaks and normalization alone.
FINEWEB_OPTIONS: dict[str, Any] = {
    "unescape_html": True,
    "remove_terminal_escapes": True,
    "fix_surrogates": True,
    "remove_control_chars": True,
    "normalization": None,
}


def fix_documents(docs: Iterable[Any], batch_size: int = 1000, **options: Any) -> Iterator[tuple[Any, bool]]:
    """Repairs the `text` of each document in batches; yields (document, changed).

    Works on anything with a `text` attribute (datatrove's Document), so the recipe
    can be used, and tested, without datatrove.
    """
    docs = iter(docs)
    while True:
        batch = list(islice(docs, batch_size))
        if not batch:
            return
        texts = [doc.text for doc in batch]
        for doc, before, after in zip(batch, texts, mojifix.fix_batch(texts, **options)):
            changed = after is not before
            if changed:
                doc.text = after
            yield doc, changed


try:
    from datatrove.pipeline.formatters.base import BaseFormatter
except ImportError:  # datatrove is optional: the recipe's function works without it
    BaseFormatter = None

if BaseFormatter is not None:

    class MojifixFormatter(BaseFormatter):
        """Repairs mojibake in each document's text with mojifix (batched, all cores)."""

        name = "🔧 mojifix"
        _requires_dependencies = ["mojifix"]

        def __init__(self, batch_size: int = 1000, **options: Any):
            super().__init__()
            self.batch_size = batch_size
            self.options = {**FINEWEB_OPTIONS, **options}
            mojifix.fix_text("", **self.options)  # bad option names fail here, early

        def format(self, text: Any) -> str:
            # Single documents (datatrove passes the text, or the Document in newer
            # releases); `run` below does the batched work.
            text = getattr(text, "text", text)
            return mojifix.fix_text(text, **self.options)

        def run(self, data, rank: int = 0, world_size: int = 1):
            from datatrove.utils.typeshelper import StatHints

            for doc, changed in fix_documents(data, self.batch_size, **self.options):
                self.stat_update(StatHints.total)
                if changed:
                    self.stat_update("formatted")
                self.update_doc_stats(doc)
                yield doc
