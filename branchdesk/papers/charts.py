"""Charts as paper blocks: plain data here, drawn with reportlab graphics only when the
paper is rendered (labels then get the paper's own embedded fonts, see
``layout.StoryBuilder.image``).

:class:`TrendChart` is a line of totals per period over horizontal grade bands, e.g. the
target-management totals of several years::

    TrendChart(labels=["24上", "24下", "25上"], values=[91.5, 96.0, None],
               bands=[("优秀", 97), ("合格", 90), ("基本合格", 86)], caption="图1 历次检查得分")

A value of None (no inspection) leaves a gap in the line, marked ``gap_label``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Light tints, best band first; the lowest band (below every threshold) stays white.
BAND_TINTS = ("#E3F1E3", "#EAF0FA", "#FBF3DC", "#F8E6E6", "#EFEFEF")


@dataclass(frozen=True)
class TrendChart:
    """A line chart of ``values`` (one per label, None for a gap) with the grade bands
    ``bands`` ((name, lowest value), best first) shaded behind it. ``secondary``: a
    second, dashed line (e.g. self-scores), named by ``legend``."""

    labels: Sequence[str]
    values: Sequence[float | None]
    bands: Sequence[tuple[str, float]] = ()
    y_min: float | None = None
    y_max: float = 100
    secondary: Sequence[float | None] | None = None
    legend: tuple[str, str] = ("得分", "自评")
    width_mm: float = 150
    height_mm: float = 72
    caption: str = ""
    unit: str = "分"
    gap_label: str = "未检"


def _y_floor(chart: TrendChart) -> float:
    if chart.y_min is not None:
        return chart.y_min
    seen = [v for v in list(chart.values) + list(chart.secondary or []) if v is not None]
    lowest = min(seen + [b[1] for b in chart.bands] or [0])
    return max(0.0, (int(lowest) // 10) * 10 - 10 if lowest > 10 else 0)


def trend_drawing(chart: TrendChart):
    """The chart as a reportlab ``Drawing`` (reportlab is imported here, at render time)."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    width, height = chart.width_mm * mm, chart.height_mm * mm
    left, right, bottom, top = 34, 58, 30, 12
    plot_w, plot_h = width - left - right, height - bottom - top
    low, high = _y_floor(chart), chart.y_max
    if high <= low:
        high = low + 10
    drawing = Drawing(width, height)

    def y_of(value: float) -> float:
        return bottom + (min(max(value, low), high) - low) / (high - low) * plot_h

    # grade bands, best on top, each from its threshold up to the band above
    upper = high
    for n, (name, lowest) in enumerate(chart.bands):
        if lowest >= upper or upper <= low:
            upper = min(upper, lowest)
            continue
        y0, y1 = y_of(max(lowest, low)), y_of(upper)
        drawing.add(Rect(left, y0, plot_w, y1 - y0, fillColor=colors.HexColor(BAND_TINTS[n % len(BAND_TINTS)]),
                         strokeColor=None))
        drawing.add(Line(left, y0, left + plot_w, y0, strokeColor=colors.HexColor("#9A9A9A"), strokeWidth=0.5,
                         strokeDashArray=(2, 2)))
        drawing.add(String(left + plot_w + 4, (y0 + y1) / 2 - 3, f"{name} ≥{lowest:g}", fontSize=7.5,
                           fillColor=colors.HexColor("#444444")))
        upper = lowest
    # axes and the value scale
    axis = colors.HexColor("#333333")
    drawing.add(Line(left, bottom, left, bottom + plot_h, strokeColor=axis, strokeWidth=0.8))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=axis, strokeWidth=0.8))
    step = 5 if high - low <= 40 else 10
    tick = low - low % step + (step if low % step else 0)
    while tick <= high + 1e-9:
        y = y_of(tick)
        drawing.add(Line(left - 3, y, left, y, strokeColor=axis, strokeWidth=0.6))
        drawing.add(String(left - 5, y - 3, f"{tick:g}", fontSize=7.5, textAnchor="end"))
        tick += step
    drawing.add(String(left - 5, bottom + plot_h + 4, chart.unit, fontSize=7.5, textAnchor="end"))
    count = max(len(chart.labels), 1)
    slot = plot_w / count

    def x_of(index: int) -> float:
        return left + slot * (index + 0.5)

    for index, label in enumerate(chart.labels):
        drawing.add(String(x_of(index), bottom - 12, label, fontSize=8, textAnchor="middle"))
    lines = [(chart.values, colors.HexColor("#B22222"), None, True)]
    if chart.secondary is not None:
        lines.append((chart.secondary, colors.HexColor("#4A6FA5"), (3, 2), False))
    for values, colour, dash, labelled in lines:
        run: list[float] = []
        for index, value in enumerate(list(values) + [None]):
            if value is None:
                if len(run) >= 4:
                    drawing.add(PolyLine(run, strokeColor=colour, strokeWidth=1.4, strokeDashArray=dash))
                run = []
                if labelled and index < len(values):
                    drawing.add(String(x_of(index), bottom + 4, chart.gap_label, fontSize=7.5, textAnchor="middle",
                                       fillColor=colors.HexColor("#666666")))
                continue
            x, y = x_of(index), y_of(value)
            run += [x, y]
            drawing.add(Circle(x, y, 2.2, fillColor=colour, strokeColor=colour))
            if labelled:  # under the point: a second line (self-scores) usually runs just above
                drawing.add(String(x, y - 10, f"{value:g}", fontSize=7.5, textAnchor="middle", fillColor=colour))
    if chart.secondary is not None:  # legend under the axis labels
        y = 6
        for n, (name, colour, dash) in enumerate(((chart.legend[0], "#B22222", None),
                                                  (chart.legend[1], "#4A6FA5", (3, 2)))):
            x = left + n * 70
            drawing.add(Line(x, y + 3, x + 16, y + 3, strokeColor=colors.HexColor(colour), strokeWidth=1.4,
                             strokeDashArray=dash))
            drawing.add(String(x + 20, y, name, fontSize=7.5))
    return drawing
