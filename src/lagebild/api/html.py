"""Safe HTML for the dashboard: every value is escaped unless it is already ``Markup``.

Article text, titles and actor names are hostile input. Templates are plain files with
``{name}`` fields; ``render`` escapes each value it fills in, so the only way to put markup into a
page is to build it here from escaped parts. Scripts never appear inline: pages name their
data sources in ``data-`` attributes and separate script files fetch them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlencode


class Markup(str):
    """Text that is already safe HTML (built by ``render``, ``tag`` or ``escape``)."""

    __slots__ = ()


def escape(value: object) -> Markup:
    """Escape a value for HTML text and attributes; ``None`` becomes empty, ``Markup`` stays as it is."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(html.escape(str(value), quote=True))


def join(parts: Iterable[object], separator: str = "") -> Markup:
    """Escape and join parts."""
    return Markup(escape(separator).join(escape(part) for part in parts))


def tag(name: str, content: object = "", **attributes: object) -> Markup:
    """One element: ``tag("a", "text", href="/x", class_="y")``; attributes set to None are left out."""
    attrs = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for key, value in attributes.items()
        if value is not None and value is not False
    )
    return Markup(f"<{name}{attrs}>{escape(content)}</{name}>")


def render(template: str, **values: object) -> Markup:
    """Fill a template's ``{name}`` fields with escaped values."""
    return Markup(template.format_map({key: escape(value) for key, value in values.items()}))


def url(path: str, params: Mapping[str, object] | None = None) -> str:
    """A path with its query string (values left out when None or empty; a list gives the name
    once per value)."""
    kept: list[tuple[str, str]] = []
    for key, value in (params or {}).items():
        for item in value if isinstance(value, list | tuple) else [value]:
            if item is not None and item != "":
                kept.append((key, str(item)))
    return f"{path}?{urlencode(kept)}" if kept else path


class Templates:
    """The dashboard's page templates, read from ``web/templates`` once per application."""

    def __init__(self, folder: Path) -> None:
        self._texts = {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.html")}

    def render(self, name: str, **values: object) -> Markup:
        """Fill template ``name`` (file name without ``.html``)."""
        return render(self._texts[name], **values)
