"""Loading what a process keeps until it exits (NER pipelines, the gazetteer) without the
cyclic garbage collector walking it again and again.

Loading spaCy and a pipeline, or unpickling the gazetteer's 190,000 names, makes millions of
objects. Each one set off collections that freed nothing (the gazetteer's unpickling took
2.5 s instead of 1.2 s), and once loaded, every later full collection walked them again,
the last one at the interpreter's exit (0.3 s of a fresh process's translate stage, measured
with both loaded). So they are made with the collector paused, then frozen
(:func:`gc.freeze`): moved out of the generations collections walk. They are still freed
by reference counting like any object; what the freeze catches besides (the caller's objects
of that moment) is only walked no more, and unreachable cycles among them, if any, stay until
exit: once per pipeline or gazetteer a process loads.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """Pause the collector while the block makes objects the process keeps; freeze them
    (and whatever else exists then) once it succeeds."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if was_enabled:
            gc.enable()
