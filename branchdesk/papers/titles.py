"""Where a title too long for one line is broken, and how its lines are shaped.

GB/T 9704-2012 7.3.3: a title of more than one line breaks where the meaning allows
(回行时要做到词意完整，排列对称), its lines shaped as a trapezoid (梯形, the upper line
longer) or a diamond (菱形, the middle line longest). Titles here are composed from known
parts — the branch's name, a year, 「关于」, the name of the paper — so a small rule-based
splitter finds the places between words without a dictionary library: the branch name is
one word, a number with its unit (「2025年度」) is one word, quoted text is one word, and
the vocabulary of the papers below is known. A break is allowed only at the edge of a known
word (never between two characters of a word it does not know), and ranked: after the
branch name and before 「关于」 best, then after a year or at a particle (的、和、与、及),
then any other edge of a known word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# The words of the papers' titles, longest first when matching.
_WORDS = sorted({
    "中国共产党", "中共", "党支部", "党总支", "支部委员会", "委员会", "支部", "党委",
    "支部党员大会", "党员大会", "支部委员会会议", "党小组会", "党小组", "党课", "主题党日", "活动",
    "组织生活会", "民主评议党员", "民主评议", "党员", "三会一课", "会议记录", "会议通知", "会议",
    "记录", "通知", "决议", "报告", "情况", "登记表", "考核表", "目标管理", "检查考核", "考核",
    "档案", "年度档案", "汇编", "汇总表", "汇总", "整改台账", "台账", "公示", "整改", "清单",
    "关于", "召开", "开展", "举行", "工作", "总结", "计划", "学习", "专题", "各支部", "组织生活",
    "上半年", "下半年", "第一季度", "第二季度", "第三季度", "第四季度", "年度",
}, key=len, reverse=True)
_PARTICLES = set("的和与及")
_BRANCH = re.compile(r"(?:中国共产党|中共)?[\u3400-\u9fff]{1,16}?(?:党总支部|党总支|党支部|支部委员会|党委员会|党委)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:年度|年|月|日|季度|期|次|号)?")
_QUOTED = re.compile(r"[“《「][^”》」]*[”》」]")


@dataclass(frozen=True)
class _Token:
    text: str
    known: bool  # a word of the vocabulary, a name, a number, quoted text or a particle
    after: int = 1  # how good a break after this token is (0: not at all)


def tokens(title: str) -> list[_Token]:
    """The title as words (known or single unknown characters)."""
    found: list[_Token] = []
    rest = title
    branch = _BRANCH.match(rest)
    if branch:
        found.append(_Token(branch.group(), True, after=3))
        rest = rest[branch.end():]
    while rest:
        for pattern, strength in ((_NUMBER, 2), (_QUOTED, 1)):
            match = pattern.match(rest)
            if match:
                found.append(_Token(match.group(), True, after=strength))
                rest = rest[match.end():]
                break
        else:
            word = next((w for w in _WORDS if rest.startswith(w)), None)
            if word:
                found.append(_Token(word, True, after=2 if word in ("年度", "上半年", "下半年") else 1))
                rest = rest[len(word):]
            else:
                ch = rest[0]
                found.append(_Token(ch, ch in _PARTICLES, after=2 if ch in _PARTICLES else 1))
                rest = rest[1:]
    return found


def _break_value(before: _Token, after: _Token) -> int:
    """How good a break between ``before`` and ``after`` is: 0 never."""
    if not (before.known or after.known):
        return 0  # inside a word this splitter does not know
    if after.text == "的":
        return 0  # a line never starts with 的
    if after.text == "关于":
        return 3
    if after.text in _PARTICLES:
        return 2
    return before.after if before.known else 1


def split_title(title: str, fits: Callable[[str], float], width: float) -> list[str]:
    """The lines of ``title``: one if it fits ``width``, else two (梯形: the upper line
    not shorter) or three (梯形 or 菱形), broken only between words. ``fits`` measures
    a line. When no such shape fits, the title as one piece (the paragraph wraps it)."""
    title = title.strip()
    if "\n" in title or fits(title) <= width:
        return [title]
    words = tokens(title)
    breaks = [(i, _break_value(words[i - 1], words[i])) for i in range(1, len(words))]
    breaks = [(i, value) for i, value in breaks if value]

    def line(start: int, stop: int) -> str:
        return "".join(w.text for w in words[start:stop])

    em = max(fits("国"), 1.0)
    best: tuple[float, list[str]] | None = None
    for i, value in breaks:
        upper, lower = line(0, i), line(i, len(words))
        wu, wl = fits(upper), fits(lower)
        if wu > width or wl > width or wu < wl:
            continue
        score = 3 * value - (wu - wl) / em
        if best is None or score > best[0]:
            best = (score, [upper, lower])
    if best:
        return best[1]
    for a, value_a in breaks:
        for b, value_b in breaks:
            if b <= a:
                continue
            lines = [line(0, a), line(a, b), line(b, len(words))]
            w1, w2, w3 = (fits(t) for t in lines)
            if max(w1, w2, w3) > width:
                continue
            if not (w1 >= w2 >= w3 or (w2 >= w1 and w2 >= w3)):
                continue
            score = 3 * (value_a + value_b) - (max(w1, w2, w3) - min(w1, w2, w3)) / em
            if best is None or score > best[0]:
                best = (score, lines)
    return best[1] if best else [title]
