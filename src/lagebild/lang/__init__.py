"""Per-language data folders: one folder per coded language, read by the engines."""

from __future__ import annotations

from dataclasses import dataclass

from lagebild.datafiles import DataFileError, FieldSpec, load_toml, package_path, validate_record


class UnsupportedLanguage(ValueError):
    """The language has no data folder, so its text is not coded."""


def supported_languages() -> tuple[str, ...]:
    """Return the codes of the languages that have a data folder (and so are coded)."""
    root = package_path("lang")
    return tuple(sorted(p.name for p in root.iterdir() if (p / "nlp.toml").is_file()))


@dataclass(frozen=True)
class TextRules:
    """What tokenising, sentence splitting and morphology need to know about a language."""

    code: str
    morphology_model: str
    finite_verb_tags: frozenset[str]
    separable_particle_tags: frozenset[str]
    abbreviations: frozenset[str]
    ordinal_followers: frozenset[str]
    full_verb_prefix: str
    unknown_capitalised_tag: str
    unknown_tag: str


_STRINGS = FieldSpec((list,), required=True)
_NLP_SCHEMA = {
    "meta": FieldSpec((dict,), required=True),
    "morphology": FieldSpec((dict,), required=True),
    "sentences": FieldSpec((dict,), required=True),
}
_MORPHOLOGY_SCHEMA = {
    "model": FieldSpec((str,), required=True),
    "finite_verb_tags": _STRINGS,
    "separable_particle_tags": _STRINGS,
    "full_verb_prefix": FieldSpec((str,), required=True),
    "unknown_capitalised_tag": FieldSpec((str,), required=True),
    "unknown_tag": FieldSpec((str,), required=True),
}
_SENTENCES_SCHEMA = {"abbreviations": _STRINGS, "ordinal_followers": _STRINGS}


def load_text_rules(code: str) -> TextRules:
    """Load and validate ``lang/<code>/nlp.toml``."""
    if code not in supported_languages():
        raise UnsupportedLanguage(f"language {code!r} is not supported (supported: {supported_languages()})")
    path = package_path("lang", code, "nlp.toml")
    data = load_toml(path)
    validate_record(data, _NLP_SCHEMA, str(path))
    validate_record(data["morphology"], _MORPHOLOGY_SCHEMA, f"{path}: [morphology]")
    validate_record(data["sentences"], _SENTENCES_SCHEMA, f"{path}: [sentences]")
    if data["meta"].get("language") != code:
        raise DataFileError(f"{path}: meta.language must be {code!r}")
    morphology, sentences = data["morphology"], data["sentences"]
    return TextRules(
        code=code,
        morphology_model=morphology["model"],
        finite_verb_tags=frozenset(morphology["finite_verb_tags"]),
        separable_particle_tags=frozenset(morphology["separable_particle_tags"]),
        abbreviations=frozenset(sentences["abbreviations"]),
        ordinal_followers=frozenset(sentences["ordinal_followers"]),
        full_verb_prefix=morphology["full_verb_prefix"],
        unknown_capitalised_tag=morphology["unknown_capitalised_tag"],
        unknown_tag=morphology["unknown_tag"],
    )
