"""Times in the reader's own time zone: templates write `{{ moment|when }}` (or `|when("time")`), a <time>
element carrying the UTC instant, which the page's script rewrites in the browser's local time; without the
script the UTC time stays, marked as UTC."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Flask
from markupsafe import Markup, escape


def init_app(app: Flask) -> None:
    app.jinja_env.filters["when"] = when


def when(moment: datetime | None, style: str = "datetime") -> Markup:
    if moment is None:
        return Markup("–")
    utc = moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
    shown = utc.strftime("%H:%M UTC" if style == "time" else "%Y-%m-%d %H:%M UTC")
    return Markup('<time datetime="{}" data-style="{}">{}</time>').format(
        utc.strftime("%Y-%m-%dT%H:%M:%SZ"), escape(style), shown)
