<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own texts that qtbase_zh_CN.qm of the PySide6 wheel (6.12) does not translate:
     Qt 6.12 gave these labels of the file and print dialogs an accelerator (&), and the shipped
     catalogue still has only the older "Look in:", "Files of type:" and "Page Set:". Loaded by ui/translations.py.
     After editing: .venv/bin/pyside6-lrelease qtbase_extra_zh_CN.ts -qm qtbase_extra_zh_CN.qm -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面组(&amp;S)：</translation>
    </message>
</context>
</TS>
