"""Running the server: ``lagebild serve``."""

from __future__ import annotations

from pathlib import Path

import uvicorn

from lagebild.api.app import create_app
from lagebild.settings import Settings


def serve(db: Path | str, host: str, port: int, settings: Settings) -> None:
    """Serve the API and dashboard over the store at ``db`` until interrupted.

    One process, one worker: this process owns the store file (DuckDB allows one writer), and
    ingest goes through its queue. Writes are enabled only when ``settings.api_token`` is set.
    """
    app = create_app(db, settings)
    shown = f"[{host}]" if ":" in host else host
    print(f"lagebild: dashboard at http://{shown}:{port}/ (API documentation at /docs)", flush=True)
    uvicorn.run(app, host=host, port=port, workers=1, log_level="info", proxy_headers=False)
