"""Which items of ICU's data the frozen Qt keeps (tools/trim-icu-data).

PySide6's wheel ships ICU with its full data (libicudata.so.73, 31 MB: every
locale's currency, language, region and unit names, word-break dictionaries for
Thai, Khmer or Chinese, transliterators). Qt Core calls ICU for four things only
(its undefined ICU symbols): converters (ucnv_*), collation (ucol_*), time-zone
names (ucal_*) and locale case mapping (u_strTo*). So every converter table and
every piece of non-locale data stays; of the locale trees only root, English and
Chinese stay in the ones Qt reads (collation, zones, the main locale data), and
the trees Qt never opens keep only their index and root."""

from __future__ import annotations

import re

# Trees Qt's ICU calls read, per locale.
USED_TREES = {"coll", "zone"}
# Trees Qt never reads: only their index and pool stay (the root of brkitr would pull in
# the dictionaries).
UNUSED_TREES = {"curr", "lang", "region", "unit", "rbnf", "brkitr", "translit"}
INDEX = {"res_index.res", "pool.res"}
ALWAYS = INDEX | {"root.res"}
KEPT_LOCALES = re.compile(r"^(zh|en)(_[A-Za-z0-9]+)*\.res$")
LOCALE_FILE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")


def keep(item: str) -> bool:
    """``item`` as icupkg -l lists it, e.g. ``coll/zh.res``, ``zh_Hans.res``, ``gb18030.cnv``."""
    folder, _, name = item.rpartition("/")
    if folder in UNUSED_TREES:
        return name in INDEX
    if not name.endswith(".res") or name in ALWAYS:
        return True
    if folder in USED_TREES or (not folder and LOCALE_FILE.match(name)):
        return bool(KEPT_LOCALES.match(name))
    return True  # supplemental data (zoneinfo64, metaZones, likelySubtags …)
