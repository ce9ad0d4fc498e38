"""What the frozen folder keeps (packaging/trim.py) and which ICU data Qt keeps
(packaging/icu_data.py): the window's platforms, the PDF preview and Chinese stay;
GTK, Wayland, unused image formats and other locales' names go. The built folder is
checked for real by tools/check-dist."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
import icu_data
import trim

PLUGINS = "PySide6/Qt/plugins"


def test_the_folder_keeps_what_the_window_and_papers_need():
    for kept in (f"{PLUGINS}/platforms/libqxcb.so", f"{PLUGINS}/platforms/libqoffscreen.so",
                 f"{PLUGINS}/iconengines/libqsvgicon.so", f"{PLUGINS}/imageformats/libqjpeg.so",
                 f"{PLUGINS}/platforminputcontexts/libibusplatforminputcontextplugin.so",
                 f"{PLUGINS}/printsupport/libcupsprintersupport.so", "PySide6/Qt/lib/libQt6Pdf.so.6",
                 "PySide6/Qt/lib/libQt6Network.so.6", "PySide6/plugins/platforms/qwindows.dll"):
        assert trim.keep_binary(kept), kept
    assert trim.keep_data("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert trim.keep_data("resources/translations/qtbase_extra_zh_CN.qm")
    assert trim.keep_data("resources/fonts/HanaMinB.ttf")


def test_the_folder_leaves_out_what_nothing_loads():
    for dropped in (f"{PLUGINS}/platformthemes/libqgtk3.so", f"{PLUGINS}/platforms/libqwayland.so",
                    f"{PLUGINS}/platforms/libqeglfs.so", f"{PLUGINS}/generic/libqevdevmouseplugin.so",
                    f"{PLUGINS}/imageformats/libqtiff.so", f"{PLUGINS}/imageformats/libqwebp.so",
                    f"{PLUGINS}/xcbglintegrations/libqxcb-glx-integration.so",
                    "PySide6/Qt/lib/libQt6WaylandClient.so.6", "PySide6/Qt/lib/libQt6Quick.so.6"):
        assert not trim.keep_binary(dropped), dropped
    assert not trim.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert trim.keep_bundled("libxcb-cursor.so.0") and not trim.keep_bundled("libX11.so.6")


def test_libraries_only_a_dropped_plugin_needed_go_with_it():
    binaries = [("PySide6/Qt/plugins/platforms/libqxcb.so", "qxcb", "BINARY"),
                ("libQt6XcbQpa.so.6", "xcbqpa", "BINARY"),
                ("libQt6WaylandClient.so.6", "wayland", "BINARY"),
                ("QtCore.abi3.so", "qtcore", "EXTENSION")]
    needs = {"qxcb": ["libQt6XcbQpa.so.6"], "xcbqpa": [], "wayland": [], "qtcore": []}
    kept = trim.reachable(binaries, lambda src: needs[src])
    assert [entry[0] for entry in kept] == ["PySide6/Qt/plugins/platforms/libqxcb.so", "libQt6XcbQpa.so.6",
                                            "QtCore.abi3.so"]


def test_icu_keeps_chinese_and_english_collation_and_zones_and_every_converter():
    for kept in ("coll/zh.res", "coll/zh_Hans_CN.res", "coll/root.res", "coll/ucadata.icu", "zone/zh.res",
                 "zone/en.res", "zh_Hans.res", "en.res", "root.res", "gb18030.cnv", "ibm-1386_P100-2001.cnv",
                 "zoneinfo64.res", "metaZones.res", "res_index.res", "curr/res_index.res", "uprops.icu"):
        assert icu_data.keep(kept), kept
    for dropped in ("coll/de.res", "zone/fr.res", "de.res", "fr_CA.res", "curr/zh.res", "lang/en.res",
                    "brkitr/cjdict.dict", "brkitr/root.res", "translit/root.res"):
        assert not icu_data.keep(dropped), dropped
