"""Exports sent as they are read: JSON Lines and CSV of any size, in bounded memory.

A SQLite connection belongs to the thread that opened it, and a streamed response is
read on whichever thread is free. So one thread of its own opens the database, reads
the rows and hands the text over in chunks through a small queue; when the client goes
away, the reader stops at the next chunk.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from fastapi.responses import StreamingResponse

from onrecord.render.listing import record_lines
from onrecord.store import Store, open_store

CHUNK_LINES = 200  # lines sent together
QUEUED_CHUNKS = 8  # chunks read ahead of the client
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}

_DONE = object()
_log = logging.getLogger(__name__)

Reader = Callable[[Store], Iterable[dict[str, Any]]]


def export(
    db: str | Path, read: Reader, fmt: str, fields: tuple[str, ...], name: str
) -> StreamingResponse:
    """Return a response streaming the records `read(store)` yields, as `fmt`."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=QUEUED_CHUNKS)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            with open_store(db, write=False) as store:
                batch: list[str] = []
                for line in record_lines(read(store), fmt, fields):
                    batch.append(line)
                    if len(batch) >= CHUNK_LINES:
                        if not put("".join(batch)):
                            return
                        batch = []
                if batch:
                    put("".join(batch))
        except Exception:  # the response has begun: the client sees it end early
            _log.exception("export of %s stopped", name)
        finally:
            put(_DONE)

    threading.Thread(target=produce, name=f"export-{name}", daemon=True).start()

    def body() -> Iterator[str]:
        try:
            while (item := chunks.get()) is not _DONE:
                yield str(item)
        finally:
            stop.set()

    headers = {"Content-Disposition": f'inline; filename="{name}.{fmt}"'}
    return StreamingResponse(body(), media_type=MEDIA_TYPES[fmt], headers=headers)
