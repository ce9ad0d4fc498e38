"""Numbered schema steps. Each module ``mNNNN_name.py`` holds ``VERSION = NNNN`` and
``apply(db)``, with its table definitions frozen as SQL so later edits to the
models never change what an old step does. The runner (``storage/migrate.py``)
finds them by name; a new step is a new file, nothing else to register."""
