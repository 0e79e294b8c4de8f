"""The English event coder runs on the same engine with its own data files."""

from __future__ import annotations

import pytest

import lagebild


def _keys(text: str, published: str = "2023-03-14") -> list[tuple[str | None, str, str, str]]:
    return [
        (e.type, e.source.root if e.source else "", e.target.root if e.target else "", e.modality)
        for e in lagebild.extract(text, published=published)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO accused Russia of violating the treaty.", ("ACCUSE", "NATO", "RUS", "asserted")),
        (
            "The United States imposed new sanctions on Iran, the Treasury Department said.",
            ("SANCTION", "USA", "IRN", "asserted"),
        ),
        (
            "Germany will send air defence systems to Ukraine, Chancellor Olaf Scholz said.",
            ("AID", "DEU", "UKR", "planned"),
        ),
        (
            "Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing on Tuesday.",
            ("CONSULT", "RUS", "CHN", "asserted"),
        ),
        ("North Korea threatened to attack South Korea.", ("THREATEN", "PRK", "KOR", "asserted")),
    ],
)
def test_english_sentence(text: str, expected: tuple[str, str, str, str]) -> None:
    assert expected in _keys(text)


def test_threatened_attack_is_not_an_asserted_attack() -> None:
    keys = _keys("North Korea threatened to attack South Korea.")
    assert not any(k[0] == "ASSAULT" and k[3] == "asserted" for k in keys)


def test_attribution_in_english() -> None:
    events = lagebild.extract(
        "The United States imposed new sanctions on Iran, the Treasury Department said.",
        published="2023-03-14",
    )
    assert events[0].attribution == "Treasury Department"
