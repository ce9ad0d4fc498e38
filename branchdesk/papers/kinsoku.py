"""Where a line of Chinese text may break (避头尾), as plain rules without reportlab."""

from __future__ import annotations

# Marks that must not begin a line (GB/T 15834 and W3C clreq 避头), full- and half-width.
CANNOT_START = (
    "，。、；：！？）》」』】〕〗〉〙〛”’…‥·・〃々〻"
    "！＂％＇），．：；？］｝～｠｣"
    ",.;:!?)]}%‰℃°′″"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー"
    "︶︺︾﹀﹄﹚﹜﹞"
)
# Marks that must not end a line (避尾): opening brackets and quotes, currency signs.
CANNOT_END = "（《「『【〔〖〈〘〚“‘([{＜［｛｟｢￥$£#"
# Marks doubled into one sign that must stay on one line.
PAIRED = "—…⋯"

# A number and its unit stay together: 「2024年」「6月」「30日」「12.5万元」.
UNITS_AFTER_DIGITS = "年月日时分秒号万亿元岁人名个次项条页%％"

# Fullwidth characters start at U+2E80; below it, letters, digits and in-word signs of
# Latin text form words that are not broken.
_WORD_SIGNS = set(".,:/-_%@+#&'")


def _wordish(ch: str) -> bool:
    return ord(ch) < 0x2E80 and (ch.isalnum() or ch in _WORD_SIGNS)


def can_break_between(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` with ``after`` starting the next line."""
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before == after and before in PAIRED:
        return False
    if before.isdigit() and after in UNITS_AFTER_DIGITS:
        return False
    return not (_wordish(before) and _wordish(after))
