"""The trend of inspection totals on screen, drawn with QPainter (QtCharts is not in
PySide6-Essentials): one point per period on a 100-point scale, the self-scores as a
dashed line, the grade bands shaded behind — the same picture as the PDF's chart
(``branchdesk.papers.charts``), with the same tints."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from branchdesk.papers.charts import BAND_TINTS

from ...text import tr

LINE = QColor("#b3261e")
SELF_LINE = QColor("#5f6368")
AXIS = QColor("#777777")
MARGINS = (40, 30, 92, 26)  # left, top (legend), right (band names), bottom (period labels)


class TrendChart(QWidget):
    """``set_points(points, thresholds)``: TrendPoints (``.percent``, ``.self_total_x10``,
    ``.filed``, ``.period.short``) and the grade Thresholds whose bands are shaded."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("trend_chart")
        self.points: list = []
        self.bands: list[tuple[str, float]] = []
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_points(self, points: list, thresholds) -> None:
        self.points = list(points)
        self.bands = [(name, lowest / 10) for name, lowest in thresholds.bands] if thresholds is not None else []
        self.update()

    # -- geometry --------------------------------------------------------------
    def _values(self) -> list[float | None]:
        return [p.percent if p.complete else None for p in self.points]

    def _self_values(self) -> list[float | None]:
        return [p.self_total_x10 * 100 / p.total_points_x10
                if p.complete and p.self_total_x10 is not None and p.total_points_x10 else None
                for p in self.points]

    def floor(self) -> float:
        """The lowest value shown: ten below the lowest point or band, in tens."""
        seen = [v for v in self._values() + self._self_values() if v is not None] + [b[1] for b in self.bands]
        lowest = min(seen) if seen else 80
        return max(0.0, (int(lowest) // 10) * 10 - 10) if lowest > 10 else 0.0

    def plot_rect(self) -> QRectF:
        left, top, right, bottom = MARGINS
        return QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))

    def y_of(self, value: float, plot: QRectF, low: float) -> float:
        value = min(max(value, low), 100.0)
        return plot.bottom() - (value - low) / (100.0 - low) * plot.height()

    def x_of(self, n: int, plot: QRectF) -> float:
        count = max(len(self.points), 1)
        return plot.left() + plot.width() * (n + 0.5) / count

    # -- painting --------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        plot = self.plot_rect()
        low = self.floor()
        metrics = QFontMetrics(painter.font())
        self._paint_bands(painter, plot, low, metrics)
        self._paint_axes(painter, plot, low, metrics)
        if not self.points:
            painter.setPen(AXIS)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, tr("targets", "还没有检查考核记录"))
            painter.end()
            return
        self._paint_line(painter, plot, low, self._self_values(), SELF_LINE, Qt.PenStyle.DashLine, 3)
        self._paint_line(painter, plot, low, self._values(), LINE, Qt.PenStyle.SolidLine, 4)
        for n, point in enumerate(self.points):
            x = self.x_of(n, plot)
            painter.setPen(AXIS)
            label = point.period.short
            painter.drawText(QRectF(x - 40, plot.bottom() + 4, 80, metrics.height()), Qt.AlignmentFlag.AlignHCenter,
                             label)
            if self._values()[n] is None:
                painter.drawText(QRectF(x - 30, plot.bottom() - metrics.height() - 2, 60, metrics.height()),
                                 Qt.AlignmentFlag.AlignHCenter, tr("targets", "未评"))
        self._paint_legend(painter, plot, metrics)
        painter.end()

    def _paint_bands(self, painter: QPainter, plot: QRectF, low: float, metrics: QFontMetrics) -> None:
        upper = 100.0
        for n, (name, lowest) in enumerate(self.bands):
            if lowest >= upper or upper <= low:
                upper = min(upper, lowest)
                continue
            top, bottom = self.y_of(upper, plot, low), self.y_of(max(lowest, low), plot, low)
            tint = QColor(BAND_TINTS[n % len(BAND_TINTS)])
            painter.fillRect(QRectF(plot.left(), top, plot.width(), bottom - top), tint)
            painter.setPen(QPen(AXIS, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(plot.left(), bottom), QPointF(plot.right(), bottom))
            painter.setPen(QColor("#444444"))
            text = f"{name} ≥{lowest:g}"
            painter.drawText(QRectF(plot.right() + 6, (top + bottom) / 2 - metrics.height() / 2,
                                    MARGINS[2] - 8, metrics.height()), Qt.AlignmentFlag.AlignLeft, text)
            upper = lowest

    def _paint_axes(self, painter: QPainter, plot: QRectF, low: float, metrics: QFontMetrics) -> None:
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        step = 5 if 100 - low <= 30 else 10
        value = low
        while value <= 100:
            y = self.y_of(value, plot, low)
            painter.drawLine(QPointF(plot.left() - 3, y), QPointF(plot.left(), y))
            painter.drawText(QRectF(0, y - metrics.height() / 2, plot.left() - 5, metrics.height()),
                             Qt.AlignmentFlag.AlignRight, f"{value:g}")
            value += step

    def _paint_line(self, painter: QPainter, plot: QRectF, low: float, values, colour: QColor, style, radius) -> None:
        pen = QPen(colour, 2, style)
        previous = None
        for n, value in enumerate(values):
            if value is None:
                previous = None
                continue
            point = QPointF(self.x_of(n, plot), self.y_of(value, plot, low))
            painter.setPen(pen)
            if previous is not None:
                painter.drawLine(previous, point)
            filed = self.points[n].filed
            painter.setPen(QPen(colour, 2))
            painter.setBrush(colour if filed or style != Qt.PenStyle.SolidLine else Qt.GlobalColor.white)
            painter.drawEllipse(point, radius, radius)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            previous = point

    def _paint_legend(self, painter: QPainter, plot: QRectF, metrics: QFontMetrics) -> None:
        x, y = plot.left() + 8, plot.top() - metrics.height() - 8
        for colour, style, text in ((LINE, Qt.PenStyle.SolidLine, tr("targets", "考核得分（空心：未归档）")),
                                    (SELF_LINE, Qt.PenStyle.DashLine, tr("targets", "自评"))):
            painter.setPen(QPen(colour, 2, style))
            middle = y + metrics.height() / 2
            painter.drawLine(QPointF(x, middle), QPointF(x + 22, middle))
            painter.setPen(QColor("#333333"))
            width = metrics.horizontalAdvance(text)
            painter.drawText(QRectF(x + 26, y, width + 4, metrics.height()), Qt.AlignmentFlag.AlignLeft, text)
            x += 26 + width + 16
