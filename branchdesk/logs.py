"""Where the program's log goes: the archive's ``branchdesk.log``. Tracebacks and the
details of repairs go there; the screen and the terminal get a Chinese sentence."""

from __future__ import annotations

import logging
from pathlib import Path

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_LOGGERS = ("branchdesk", "ui")


def log_to(log_file: Path) -> Path | None:
    """Send the ``branchdesk`` and ``ui`` loggers to ``log_file`` (a second call for the
    same file changes nothing); None when the folder cannot be written (a write-protected
    stick): then nothing is kept."""
    log_file = Path(log_file).resolve()
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    if any(getattr(h, "baseFilename", None) == str(log_file) for h in loggers[0].handlers):
        return log_file
    try:
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        return None
    # A log that cannot be written (a full disk) is skipped, never reported on the terminal.
    logging.raiseExceptions = False
    handler.setFormatter(logging.Formatter(_FORMAT))
    for logger in loggers:
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
    return log_file
