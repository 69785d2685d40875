"""Draws a :class:`~cogs.stats.plotspec.PlotSpec`: small panels on one time axis, for Discord's
dark theme.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no global state, no display), so
it is safe in a worker thread; call :func:`render` through ``asyncio.to_thread``. What is drawn
(values, shaded days, labels) is decided in :mod:`cogs.stats.plotspec`; this module only draws.
"""

from __future__ import annotations

import io
import math
from typing import Any

from cogs.stats.plotspec import Panel, PlotSpec, Series

WIDTH_PX, HEIGHT_PX, DPI = 1000, 820, 100
BACKGROUND = "#2B2D31"  # Discord's dark theme behind an embed
TEXT = "#DBDEE1"
MUTED = "#949BA4"
GRID = "#3F4147"
SHADE = "#4E5058"
HEIGHTS = {"messages": 3.0, "members": 1.7, "active": 2.0, "mood": 1.7}


def _nan(values: tuple[float | None, ...], sign: float = 1.0) -> list[float]:
    return [math.nan if v is None else v * sign for v in values]


def _draw_series(axis: Any, x: list[int], series: Series) -> None:
    if series.kind == "bar":
        axis.bar(x, _nan(series.values), width=0.72, color=series.colour, label=series.label)
    elif series.kind == "outline":
        axis.bar(
            x,
            _nan(series.values),
            width=0.86,
            fill=False,
            edgecolor=series.colour,
            linewidth=1.4,
            label=series.label,
        )
    elif series.kind in ("up", "down"):
        sign = 1.0 if series.kind == "up" else -1.0
        axis.bar(x, _nan(series.values, sign), width=0.6, color=series.colour, label=series.label)
    else:
        axis.plot(
            x,
            _nan(series.values),
            color=series.colour,
            linestyle=series.style,
            linewidth=2,
            marker="o",
            markersize=3.5,
            label=series.label,
        )


def _style(axis: Any, panel: Panel, percent_sign: str) -> None:
    axis.set_facecolor(BACKGROUND)
    for side in ("top", "right"):
        axis.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axis.spines[side].set_color(GRID)
    axis.tick_params(colors=MUTED, labelsize=8)
    axis.grid(axis="y", color=GRID, linewidth=0.8)
    axis.set_axisbelow(True)
    axis.set_ylabel(panel.ylabel, color=TEXT, fontsize=9)
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    if panel.percent:
        axis.yaxis.set_major_formatter(
            FuncFormatter(lambda value, _pos: f"{value * 100:.0f}{percent_sign}")
        )
    else:
        axis.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    if panel.key == "members":  # leaves are drawn downwards but are counted, not negative
        axis.axhline(0, color=MUTED, linewidth=0.8)
        axis.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{abs(value):g}"))
    if panel.ylim is not None:
        axis.set_ylim(*panel.ylim)
    axis.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1),
        fontsize=8,
        frameon=False,
        ncols=3,
        labelcolor=TEXT,
        handlelength=1.8,
        borderaxespad=0.1,
    )


def render(spec: PlotSpec) -> bytes:
    """A PNG of ``WIDTH_PX`` x ``HEIGHT_PX``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor=BACKGROUND)
    FigureCanvasAgg(figure)
    axes = figure.subplots(
        len(spec.panels),
        1,
        sharex=True,
        gridspec_kw={"height_ratios": [HEIGHTS.get(p.key, 2.0) for p in spec.panels]},
    )
    x = list(range(len(spec.days)))
    for axis, panel in zip(axes, spec.panels, strict=True):
        for series in panel.series:
            _draw_series(axis, x, series)
        for index in spec.shaded:
            axis.axvspan(index - 0.5, index + 0.5, color=SHADE, alpha=0.45, linewidth=0)
        _style(axis, panel, spec.percent_sign)
        axis.margins(y=0.25 if panel.key != "mood" else 0)
    if spec.shaded:
        first, last = spec.shaded[0], spec.shaded[-1]
        axes[0].text(
            (first + last) / 2,
            0.5,
            spec.shaded_label,
            transform=axes[0].get_xaxis_transform(),
            ha="center",
            va="center",
            color=TEXT,
            fontsize=9,
            wrap=True,
        )
    step = max(1, math.ceil(len(x) / 14))
    axes[-1].set_xticks(x[::step], list(spec.ticks[::step]))
    axes[-1].set_xlim(-0.5, len(x) - 0.5)
    figure.suptitle(spec.title, color=TEXT, fontsize=12, x=0.01, y=0.985, ha="left")
    # Fixed margins instead of tight_layout(), which measures every text twice.
    figure.subplots_adjust(left=0.075, right=0.985, top=0.925, bottom=0.045, hspace=0.38)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor=BACKGROUND)
    return buffer.getvalue()
