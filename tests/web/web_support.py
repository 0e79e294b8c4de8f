"""Constants shared by the browser tests and their fixtures."""

from __future__ import annotations

TOKEN = "web-test-token"
HOSTILE_ID = "leserbrief-xss"
HOSTILE_TEXT = (
    "Ein Leser schrieb: <script>window.__xss=1</script> und dazu "
    '<img src=x onerror="window.__xss=1"> – Polen traf Litauen trotzdem in Vilnius.'
)
