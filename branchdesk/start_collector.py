"""Python's cycle collector while the program starts and when it ends (docs/tech-notes.md
"Window start", issue 18).

A start makes some hundred thousand objects that live as long as the process: modules,
classes, peewee's models, PySide6's enums. The collector walks them again and again while
they are being made: about 60 collections and 8 ms of the window's start, against 3 ms for a
bare PySide6 window. So the program's entry point holds the collector off while it starts;
once the start is over, ``gc.freeze`` (Python's own way to keep long-lived objects out of
later collections) sets what the start made aside for good, and the collector runs again,
walking only what the user's work makes. What the start made and dropped in cycles stays too:
about 130 objects, counted with a ``gc.collect()`` at that point (which would cost 8 ms).

At exit the interpreter collects everything once more, only to free memory the system takes
back anyway: 16 ms of every exit. Nothing that must reach the disk waits for it: the archive
is closed, the log's handlers are flushed by logging's own exit hook, and the window's settings
are synced when they are written (ui/window_place.py, ui/font_size.py).

Only the program's entry points call these: a test or a script that imports the command line
keeps its collector as it is."""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """At the program's entry: no collections while the start builds what lives for good."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """The start is over (a command is about to run, or the window is on screen or waits for
    the user in a dialog): what the start made is set aside, and the collector runs again."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def at_exit() -> None:
    """The program is about to end: no last collection over what is left."""
    release()
    gc.freeze()
