"""Language identification among the languages listed in data/languages.toml."""

from __future__ import annotations

from dataclasses import dataclass, field

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from lagebild.datafiles import FieldSpec, load_toml_table, package_path

# Identification reads the opening of an article only: language rarely changes mid-article and
# the detector's cost grows with the text length (400 characters are some 60 words).
SAMPLE_CHARS = 400
_LANGUAGE_SCHEMA = {"code": FieldSpec((str,), required=True), "lingua": FieldSpec((str,), required=True)}


@dataclass
class LanguageIdentifier:
    """Guesses an article's language; built once and reused for every article."""

    codes_by_language: dict[Language, str] = field(default_factory=dict)
    _detector: LanguageDetector | None = None

    @classmethod
    def from_data(cls) -> LanguageIdentifier:
        """Build an identifier over the languages declared in ``data/languages.toml``."""
        path = package_path("data", "languages.toml")
        entries = load_toml_table(path, "language", _LANGUAGE_SCHEMA)
        return cls({getattr(Language, e["lingua"]): e["code"] for e in entries})

    def identify(self, text: str) -> str | None:
        """Return the ISO 639-1 code of ``text``'s language, or ``None`` if undecidable."""
        if self._detector is None:
            # Trigram models only ("low accuracy", meant for text of a sentence or more) load in a
            # tenth of a second and a fifth of the memory; loaded up front, because loaded lazily
            # they cost several milliseconds per call.
            builder = LanguageDetectorBuilder.from_languages(*self.codes_by_language).with_low_accuracy_mode()
            self._detector = builder.with_preloaded_language_models().build()
        language = self._detector.detect_language_of(text[:SAMPLE_CHARS])
        return None if language is None else self.codes_by_language[language]
