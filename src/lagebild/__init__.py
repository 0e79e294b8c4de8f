"""lagebild: a time-resolved record of political events from German and English news."""

from __future__ import annotations

__version__ = "0.1.0"
