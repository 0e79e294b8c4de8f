"""What every request handler needs: the store, the settings, the ingest queue and the templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import Request

from lagebild.api.html import Templates
from lagebild.api.ingest import IngestQueue
from lagebild.settings import Settings
from lagebild.store import Store

WEB = Path(__file__).resolve().parent / "web"


@dataclass
class AppContext:
    """The server's shared objects; one per application, held in ``app.state.lagebild``."""

    store: Store
    settings: Settings
    ingest: IngestQueue
    templates: Templates
    max_body_bytes: int
    writable: bool


def get_context(request: Request) -> AppContext:
    """The application's context (a FastAPI dependency)."""
    context = request.app.state.lagebild
    assert isinstance(context, AppContext)
    return context
