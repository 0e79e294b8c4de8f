"""Per-language data folders: one folder per coded language, read by the engines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lagebild.datafiles import DataFileError, FieldSpec, load_toml, package_path, validate_record


class UnsupportedLanguage(ValueError):
    """The language has no data folder, so its text is not coded."""


def supported_languages() -> tuple[str, ...]:
    """Return the codes of the languages that have a data folder (and so are coded)."""
    root = package_path("lang")
    return tuple(sorted(p.name for p in root.iterdir() if (p / "nlp.toml").is_file()))


@dataclass(frozen=True)
class ContextRules:
    """Tags that depend on the neighbouring words, not on the word alone (nlp.toml ``[context]``).

    A word form out of context can be several things: "Von" at a sentence start is the
    preposition, not a name; "beliefern" after "zu" is an infinitive, not an unknown adjective;
    "empfangen" before "werde" is an infinitive (future), not a passive participle.
    """

    sentence_start_closed_tags: frozenset[str] = frozenset()
    infinitive_marker: str | None = None
    infinitive_tag: str | None = None
    infinitive_endings: tuple[str, ...] = ()
    participle_tag: str | None = None
    future_auxiliary_forms: frozenset[str] = frozenset()
    dateline: re.Pattern[str] | None = None
    # A participle form right after a comma, before its subject, is the finite verb of an
    # inverted report ("..., kritisiert Manahl die Regierung"), unless an auxiliary follows.
    finite_tag: str | None = None
    inversion_subject_tags: frozenset[str] = frozenset()
    auxiliary_lemmas: frozenset[str] = frozenset()
    # An attributive-adjective tag on a word that no noun follows, with a participle ending, is a
    # participle ("ist in die Ukraine einmarschiert."): ending -> the infinitive's ending.
    attributive_tag: str | None = None
    noun_phrase_tags: frozenset[str] = frozenset()
    participle_endings: tuple[tuple[str, str], ...] = ()
    # A form read as a finite verb right before a noun, that is a participle with an adjective
    # ending, is attributive after a determiner or another finite verb of its clause: "will
    # entführte Staatsbürger heimholen", "die entführten Soldaten".
    attributive_endings: tuple[str, ...] = ()
    determiner_tags: frozenset[str] = frozenset()
    noun_tags: frozenset[str] = frozenset()
    # Participle prefixes: a participle with one is no past-tense stem ("gelobt", not "lobten").
    participle_prefixes: tuple[str, ...] = ()
    # An attributive-adjective reading right after a word with one of these tags cannot be one
    # (an attributive adjective follows a determiner or stands first): a form the word list can
    # read as finite is the finite verb ("Die Regierung in Wien erntete heftige Kritik").
    finite_after_tags: frozenset[str] = frozenset()
    # ... and ends like a past tense of a weak verb: only such words are looked up (each look-up
    # asks the word list for a full analysis).
    finite_after_endings: tuple[str, ...] = ()
    # Prepositions' tags: a preposition right after a determiner opens an extended attribute
    # ("des [von der Hamas] kontrollierten Ministeriums"), whose last word stays an adjective.
    preposition_tags: frozenset[str] = frozenset()
    # Verb forms their auxiliary settles: after one of a rule's words (with adverbs and negation
    # between), a word the word list can also read with the rule's tag takes it ("had negotiated").
    forms_after: tuple[FormAfter, ...] = ()
    # A stretch that a subordinating word opens ends in its finite verb: with no verb tagged
    # finite, its last verb tagged as an infinitive is the finite one ("weil die Regierungen nicht
    # liefern,": the plural present has the infinitive's form). Infinitive tag -> finite tag.
    verb_final_openers: frozenset[str] = frozenset()
    finite_of_infinitive: tuple[tuple[str, str], ...] = ()
    stretch_breaks: frozenset[str] = frozenset()
    # A participle form right before one of these tags, with no finite verb or auxiliary in its
    # stretch, is the finite verb when the word list can read it so ("Richterin Raufer verurteilt
    # ihn"): a participle without its auxiliary takes no object.
    finite_before_tags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FormAfter:
    """After these words, or a word with one of these endings (``skip`` words between), a word
    that can take ``tag`` takes it."""

    after: frozenset[str]
    skip: frozenset[str]
    tag: str
    after_endings: tuple[str, ...] = ()
    # Words with these tags are skipped too ("were savagely attacked": any adverb).
    skip_tags: frozenset[str] = frozenset()
    # Only words the word list read with one of these tags change. Empty: any word.
    from_tags: frozenset[str] = frozenset()
    # The rule holds only when the next word has one of ``next_tags`` (if given) and none of
    # ``not_next_tags``: "the official said" is a noun, "an official challenge" an adjective.
    next_tags: frozenset[str] = frozenset()
    not_next_tags: frozenset[str] = frozenset()


_FORM_AFTER_SCHEMA = {
    "after": FieldSpec((list,), required=True),
    "after_endings": FieldSpec((list,)),
    "skip": FieldSpec((list,)),
    "tag": FieldSpec((str,), required=True),
    "skip_tags": FieldSpec((list,)),
    "from_tags": FieldSpec((list,)),
    "next_tags": FieldSpec((list,)),
    "not_next_tags": FieldSpec((list,)),
}


def _forms_after(records: object, where: str) -> tuple[FormAfter, ...]:
    """Read the ``[[context.forms_after]]`` rules."""
    rules = []
    for number, record in enumerate(records if isinstance(records, list) else [], start=1):
        validate_record(record, _FORM_AFTER_SCHEMA, f"{where}: [[context.forms_after]] #{number}")
        rules.append(
            FormAfter(
                frozenset(w.lower() for w in record["after"]),
                frozenset(w.lower() for w in record.get("skip", ())),
                record["tag"],
                tuple(e.lower() for e in record.get("after_endings", ())),
                frozenset(record.get("skip_tags", ())),
                frozenset(record.get("from_tags", ())),
                frozenset(record.get("next_tags", ())),
                frozenset(record.get("not_next_tags", ())),
            )
        )
    return tuple(rules)


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
    # Tags for unknown lower-case words by their ending, when the lemmatiser strips an inflection
    # from them ("tasked" → VVN, "airstrikes" → NN2); longest ending first.
    unknown_suffix_tags: tuple[tuple[str, str], ...] = ()
    # Tags for unknown lower-case words by an ending that is no inflection ("definitively" → AV0).
    unknown_ending_tags: tuple[tuple[str, str], ...] = ()
    # Letters a spelling reform changed, newer -> older, tried where the word list knows only the
    # older spelling (German "muss" is listed as "muß").
    older_spellings: tuple[tuple[str, str], ...] = ()
    # Syllables that mark a participle or a marked infinitive inside a verb form, after its
    # separable particle ("an-ge-schossen", "ein-zu-bringen"): such unknown forms are analysed in full.
    verb_form_infixes: tuple[str, ...] = ()
    context: ContextRules = field(default_factory=ContextRules)


_STRINGS = FieldSpec((list,), required=True)
_NLP_SCHEMA = {
    "meta": FieldSpec((dict,), required=True),
    "morphology": FieldSpec((dict,), required=True),
    "sentences": FieldSpec((dict,), required=True),
    "context": FieldSpec((dict,)),
}
_MORPHOLOGY_SCHEMA = {
    "model": FieldSpec((str,), required=True),
    "finite_verb_tags": _STRINGS,
    "separable_particle_tags": _STRINGS,
    "full_verb_prefix": FieldSpec((str,), required=True),
    "unknown_capitalised_tag": FieldSpec((str,), required=True),
    "unknown_tag": FieldSpec((str,), required=True),
    "unknown_suffix_tags": FieldSpec((dict,)),
    "unknown_ending_tags": FieldSpec((dict,)),
    "older_spellings": FieldSpec((dict,)),
    "verb_form_infixes": FieldSpec((list,)),
}
_SENTENCES_SCHEMA = {"abbreviations": _STRINGS, "ordinal_followers": _STRINGS}
_OPTIONAL_STRINGS = FieldSpec((list,))
_CONTEXT_SCHEMA = {
    "sentence_start_closed_tags": _OPTIONAL_STRINGS,
    "infinitive_marker": FieldSpec((str,)),
    "infinitive_tag": FieldSpec((str,)),
    "infinitive_endings": _OPTIONAL_STRINGS,
    "participle_tag": FieldSpec((str,)),
    "future_auxiliary_forms": _OPTIONAL_STRINGS,
    "dateline": FieldSpec((str,)),
    "finite_tag": FieldSpec((str,)),
    "inversion_subject_tags": _OPTIONAL_STRINGS,
    "auxiliary_lemmas": _OPTIONAL_STRINGS,
    "attributive_tag": FieldSpec((str,)),
    "noun_phrase_tags": _OPTIONAL_STRINGS,
    "participle_endings": FieldSpec((dict,)),
    "attributive_endings": _OPTIONAL_STRINGS,
    "determiner_tags": _OPTIONAL_STRINGS,
    "noun_tags": _OPTIONAL_STRINGS,
    "participle_prefixes": _OPTIONAL_STRINGS,
    "forms_after": FieldSpec((list,)),
    "verb_final_openers": _OPTIONAL_STRINGS,
    "finite_of_infinitive": FieldSpec((dict,)),
    "stretch_breaks": _OPTIONAL_STRINGS,
    "finite_before_tags": _OPTIONAL_STRINGS,
    "finite_after_tags": _OPTIONAL_STRINGS,
    "finite_after_endings": _OPTIONAL_STRINGS,
    "preposition_tags": _OPTIONAL_STRINGS,
}


def _context_rules(data: dict[str, object], where: str) -> ContextRules:
    """Read the optional ``[context]`` section of nlp.toml."""
    section = data.get("context") or {}
    if not isinstance(section, dict):
        raise DataFileError(f"{where}: [context] must be a table")
    validate_record(section, _CONTEXT_SCHEMA, f"{where}: [context]")
    return ContextRules(
        sentence_start_closed_tags=frozenset(section.get("sentence_start_closed_tags", ())),
        infinitive_marker=section.get("infinitive_marker"),
        infinitive_tag=section.get("infinitive_tag"),
        infinitive_endings=tuple(section.get("infinitive_endings", ())),
        participle_tag=section.get("participle_tag"),
        future_auxiliary_forms=frozenset(section.get("future_auxiliary_forms", ())),
        dateline=_pattern(section.get("dateline"), f"{where}: [context] dateline"),
        finite_tag=section.get("finite_tag"),
        inversion_subject_tags=frozenset(section.get("inversion_subject_tags", ())),
        auxiliary_lemmas=frozenset(section.get("auxiliary_lemmas", ())),
        attributive_tag=section.get("attributive_tag"),
        noun_phrase_tags=frozenset(section.get("noun_phrase_tags", ())),
        participle_endings=tuple(dict(section.get("participle_endings", {})).items()),
        attributive_endings=tuple(section.get("attributive_endings", ())),
        determiner_tags=frozenset(section.get("determiner_tags", ())),
        noun_tags=frozenset(section.get("noun_tags", ())),
        participle_prefixes=tuple(section.get("participle_prefixes", ())),
        forms_after=_forms_after(section.get("forms_after"), where),
        verb_final_openers=frozenset(section.get("verb_final_openers", ())),
        finite_of_infinitive=tuple(dict(section.get("finite_of_infinitive", {})).items()),
        stretch_breaks=frozenset(section.get("stretch_breaks", ())),
        finite_before_tags=frozenset(section.get("finite_before_tags", ())),
        finite_after_tags=frozenset(section.get("finite_after_tags", ())),
        finite_after_endings=tuple(section.get("finite_after_endings", ())),
        preposition_tags=frozenset(section.get("preposition_tags", ())),
    )


def _pattern(source: str | None, where: str) -> re.Pattern[str] | None:
    """Compile a regular expression of a data file, naming the file when it is invalid."""
    if source is None:
        return None
    try:
        return re.compile(source)
    except re.error as exc:
        raise DataFileError(f"{where}: invalid regular expression: {exc}") from exc


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
        unknown_suffix_tags=tuple(
            sorted(dict(morphology.get("unknown_suffix_tags", {})).items(), key=lambda item: -len(item[0]))
        ),
        unknown_ending_tags=tuple(
            sorted(dict(morphology.get("unknown_ending_tags", {})).items(), key=lambda item: -len(item[0]))
        ),
        older_spellings=tuple(dict(morphology.get("older_spellings", {})).items()),
        verb_form_infixes=tuple(morphology.get("verb_form_infixes", ())),
        context=_context_rules(data, str(path)),
    )
