"""Hostile article text stays text: the payload is shown, never run; a control page proves the detector."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from web_support import HOSTILE_ID, HOSTILE_TEXT

DETECTOR = "() => window.__xss"


def test_article_with_script_payload_is_shown_not_run(browser: Any, server: str, artifacts: Path) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        # The real page, with its CSP: the payload is visible as text and did not run.
        page.goto(f"{server}/ui/articles/{HOSTILE_ID}", wait_until="load")
        assert page.evaluate(DETECTOR) is None
        shown = page.inner_text("#article-text")
        assert "<script>window.__xss=1</script>" in shown
        assert '<img src=x onerror="window.__xss=1">' in shown
        assert page.inner_text("h1") == "<i>Leserbrief</i>"
        assert page.locator("#article-text script, #article-text img").count() == 0
        page.screenshot(path=str(artifacts / "ui_article_xss.png"), full_page=True)

        # The same page with the CSP lifted: escaping alone keeps the payload inert.
        page.goto(f"{server}/test-only/no-csp/{HOSTILE_ID}", wait_until="load")
        assert page.evaluate(DETECTOR) is None
        assert "<script>window.__xss=1</script>" in page.inner_text("#article-text")

        # Control: a test-only page pastes the text unescaped, and the detector fires.
        page.goto(f"{server}/test-only/unsafe/{HOSTILE_ID}", wait_until="load")
        page.wait_for_function("window.__xss === 1", timeout=5_000)
        assert page.evaluate(DETECTOR) == 1
        assert HOSTILE_TEXT.startswith("Ein Leser schrieb")
    finally:
        context.close()


def test_hostile_text_in_the_events_table_is_escaped(browser: Any, server: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{server}/ui/events?text=Vilnius", wait_until="load")
        assert page.evaluate(DETECTOR) is None
        cells = page.locator("#events-table td.evidence-cell").all_inner_texts()
        assert any("<script>window.__xss=1</script>" in cell for cell in cells)
    finally:
        context.close()
