"""HTTP API and offline dashboard over the store (``lagebild serve``); see docs/API.md."""

from lagebild.api.app import create_app
from lagebild.api.server import serve

__all__ = ["create_app", "serve"]
