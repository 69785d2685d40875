"""The report chart: activity over time with joins and leaves, and the sentiment trend. Pure.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no global state, no display), so
it is safe in a worker thread; call :func:`render` through ``asyncio.to_thread``. The labels come
translated from the caller.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from cogs.stats.report import DayRow

WIDTH_PX, HEIGHT_PX, DPI = 1000, 600, 100


def render(days: Sequence[DayRow], labels: Mapping[str, str]) -> bytes:
    """A PNG of ``WIDTH_PX`` x ``HEIGHT_PX``. ``labels``: title, messages, active, joins, leaves,
    sentiment (translated)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    top, bottom = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1.3]})
    x = list(range(len(days)))
    names = [d.day.strftime("%d.%m.") for d in days]
    messages = [d.messages for d in days]
    top.bar(x, messages, color="#5865F2", alpha=0.75, label=labels.get("messages", "messages"))
    active = [d.active_members if d.active_members is not None else float("nan") for d in days]
    top.plot(x, active, color="#EB459E", marker="o", markersize=3, label=labels.get("active", ""))
    top.set_title(labels.get("title", ""), fontsize=12)
    top.grid(axis="y", alpha=0.3)
    members = top.twinx()
    members.plot(
        x,
        [d.joins for d in days],
        color="#57F287",
        marker="^",
        markersize=3,
        label=labels.get("joins", "joins"),
    )
    members.plot(
        x,
        [-d.leaves for d in days],
        color="#ED4245",
        marker="v",
        markersize=3,
        label=labels.get("leaves", "leaves"),
    )
    members.axhline(0, color="#999999", linewidth=0.5)
    handles, texts = top.get_legend_handles_labels()
    more_handles, more_texts = members.get_legend_handles_labels()
    top.legend(handles + more_handles, texts + more_texts, loc="upper left", fontsize=8)
    sentiment = [d.sentiment if d.sentiment is not None else float("nan") for d in days]
    bottom.plot(x, sentiment, color="#FEE75C", marker="o", markersize=3)
    bottom.axhline(0, color="#999999", linewidth=0.5)
    bottom.set_ylim(-1, 1)
    bottom.set_ylabel(labels.get("sentiment", "sentiment"), fontsize=9)
    bottom.grid(axis="y", alpha=0.3)
    step = max(1, len(days) // 12)
    bottom.set_xticks(x[::step], names[::step], fontsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
