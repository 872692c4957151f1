"""Server-side SVG charts for the dashboard, drawn with matplotlib (no JavaScript, no copied assets)."""
from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

SEVERITY_COLOURS = {"critical": "#a00000", "major": "#b35900", "minor": "#335577", "info": "#777777"}


WIDTH = 10  # inches: the page shows each chart at the full width of its column


def histogram_svg(values: Sequence[float], title: str, xlabel: str) -> bytes:
    figure = Figure(figsize=(WIDTH, 2.8))
    axes = figure.subplots()
    axes.hist(values or [0], bins=20, range=(0, 100) if all(0 <= v <= 100 for v in values) else None,
              color="#3b6e99", edgecolor="white", alpha=1 if values else 0)
    axes.set_title(title if values else f"{title} (no data yet)")
    axes.set_xlabel(xlabel)
    axes.set_ylabel("documents")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole documents, never 0.5 of one
    return _svg(figure)


def bar_svg(counts: Mapping[str, int], title: str, xlabel: str = "open flags") -> bytes:
    figure = Figure(figsize=(WIDTH, max(1.6, 0.35 * len(counts) + 0.9)))
    axes = figure.subplots()
    labels = list(counts) or ["(none)"]
    values = list(counts.values()) or [0]
    colours = [SEVERITY_COLOURS.get(label, "#3b6e99") for label in labels]
    axes.barh(labels, values, color=colours)
    axes.invert_yaxis()
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _svg(figure)


def _svg(figure: Figure) -> bytes:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
