"""The language data of the clause analysis: ``lang/<code>/syntax.toml``, validated.

``[meta] engine`` names the engine that reads the rest: ``model`` (a parser pipeline shipped on
PyPI whose labels are converted to UD) or ``grammar`` (the rule-based analysis over the
project's own morphology).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagebild.datafiles import DataFileError, FieldSpec, load_toml, package_path, validate_record
from lagebild.lang import UnsupportedLanguage

_LIST = FieldSpec((list,), required=True)
_META_SCHEMA = {"language": FieldSpec((str,), required=True), "engine": FieldSpec((str,), required=True)}
_MODEL_SCHEMA = {"package": FieldSpec((str,), required=True), "components": _LIST}
_CONVERSION_SCHEMA = {
    "labels": FieldSpec((dict,), required=True),
    **{
        key: _LIST
        for key in (
            "preposition_labels",
            "preposition_object_labels",
            "preposition_clause_labels",
            "agent_labels",
            "copula_lemmas",
            "predicate_labels",
            "expletive_labels",
            "nominal_upos",
            "infinitive_marker_tags",
            "flat_entity_labels",
            "finite_tags",
            "report_lemmas",
            "expletive_lemmas",
            "raising_lemmas",
            "name_upos",
        )
    },
}


@dataclass(frozen=True)
class ModelRules:
    """What the model engine needs: the pipeline package and the label conversion."""

    package: str
    components: frozenset[str]
    labels: dict[str, str]
    preposition_labels: frozenset[str]
    preposition_object_labels: frozenset[str]
    preposition_clause_labels: frozenset[str]
    agent_labels: frozenset[str]
    copula_lemmas: frozenset[str]
    predicate_labels: frozenset[str]
    expletive_labels: frozenset[str]
    nominal_upos: frozenset[str]
    infinitive_marker_tags: frozenset[str]
    flat_entity_labels: frozenset[str]
    finite_tags: frozenset[str]
    report_lemmas: frozenset[str]
    expletive_lemmas: frozenset[str]
    raising_lemmas: frozenset[str]
    name_upos: frozenset[str]


def syntax_path(code: str) -> Path:
    """The syntax data file of a language; raises ``UnsupportedLanguage`` if there is none."""
    path = package_path("lang", code, "syntax.toml")
    if not path.is_file():
        raise UnsupportedLanguage(f"language {code!r} has no clause analysis (no {path.name})")
    return path


def load_syntax_data(code: str) -> tuple[str, dict[str, Any], Path]:
    """Read a language's syntax file; return its engine name, its data and its path."""
    path = syntax_path(code)
    data = load_toml(path)
    meta = data.get("meta")
    if not isinstance(meta, dict):
        raise DataFileError(f"{path}: missing [meta]")
    validate_record(meta, _META_SCHEMA, f"{path}: [meta]")
    if meta["language"] != code:
        raise DataFileError(f"{path}: meta.language must be {code!r}")
    return meta["engine"], data, path


def model_rules(data: dict[str, Any], path: Path) -> ModelRules:
    """Validate and build the rules of the model engine."""
    validate_record(
        data,
        {
            "meta": FieldSpec((dict,)),
            "model": FieldSpec((dict,), required=True),
            "conversion": FieldSpec((dict,), required=True),
        },
        str(path),
    )
    validate_record(data["model"], _MODEL_SCHEMA, f"{path}: [model]")
    conversion = data["conversion"]
    validate_record(conversion, _CONVERSION_SCHEMA, f"{path}: [conversion]")
    sets = {key: frozenset(conversion[key]) for key in _CONVERSION_SCHEMA if key != "labels"}
    return ModelRules(
        package=data["model"]["package"],
        components=frozenset(data["model"]["components"]),
        labels={str(k): str(v) for k, v in conversion["labels"].items()},
        **sets,
    )


_TAG_KEYS = (
    "finite",
    "nonfinite",
    "participles",
    "nouns",
    "names",
    "pronouns",
    "determiners",
    "adjectives",
    "numbers",
    "adverbs",
    "prepositions",
    "postpositions",
    "comparisons",
    "coordinators",
    "subordinators",
    "infinitive_subordinators",
    "infinitive_marker",
    "particles",
    "punctuation",
)
_WORD_KEYS = (
    "relative_pronouns",
    "complement_subordinators",
    "interrogatives",
    "report_lemmas",
    "auxiliary_lemmas",
    "passive_lemmas",
    "modal_lemmas",
    "infinitive_verbs",
    "copula_lemmas",
    "clause_coordinators",
    "noun_attaching_prepositions",
    "degree_adverbs",
    "time_nouns",
    "clause_punctuation",
    "articles",
    "separable_particles",
    "expletives",
    "expletive_subject_verbs",
    "singular_words",
    "plural_words",
    "plural_verb_forms",
    "determiner_forms",
    "dative_verbs",
    "singular_verb_forms",
    "predicative_verbs",
    "title_nouns",
)
_WORD_TUPLE_KEYS = (
    "verb_lemma_endings",
    "participle_endings",
    "genitive_noun_endings",
    "plural_verb_endings",
    "noun_endings",
)
_GRAMMAR_SCHEMA = {
    "meta": FieldSpec((dict,)),
    "tags": FieldSpec((dict,), required=True),
    "words": FieldSpec((dict,), required=True),
    "case": FieldSpec((dict,), required=True),
    "relations": FieldSpec((dict,), required=True),
    "learned": FieldSpec((dict,)),
}
_LEARNED_SCHEMA = {
    "model": FieldSpec((str,), required=True),
    "head_bonus": FieldSpec((dict,), required=True),
    "relation_bonus": FieldSpec((dict,), required=True),
    "non_head_tags": FieldSpec((list,), required=True),
    "trained_on": FieldSpec((str,), required=True),
    "licence": FieldSpec((str,), required=True),
    "attribution": FieldSpec((str,), required=True),
}
_TAGS_SCHEMA = {"upos": FieldSpec((dict,), required=True), **{key: _LIST for key in _TAG_KEYS}}
_WORDS_SCHEMA = {
    "infinitive_marker": FieldSpec((str,), required=True),
    **{key: _LIST for key in (*_WORD_KEYS, *_WORD_TUPLE_KEYS)},
}
_CASE_SCHEMA = {
    "forms": FieldSpec((dict,), required=True),
    "endings": FieldSpec((dict,), required=True),
    "uninflected": _LIST,
    "reflexives": _LIST,
}
_RELATIONS_SCHEMA = {
    "relative_clause": FieldSpec((str,), required=True),
    "dative_object": FieldSpec((str,), required=True),
    "passive_agent_prepositions": _LIST,
}


@dataclass(frozen=True)
class LearnedSource:
    """The learned second pass of a grammar: its model file (inside the package) and where its
    training data came from."""

    model: str
    head_bonus: dict[str, float]
    relation_bonus: dict[str, float]
    non_head_tags: frozenset[str]
    trained_on: str
    licence: str
    attribution: str

    @property
    def path(self) -> Path:
        """The model file."""
        return package_path(*self.model.split("/"))


@dataclass(frozen=True)
class GrammarRules:
    """What the grammar engine needs: tag classes, word lists, case tables and label choices."""

    upos: dict[str, str]
    tags: dict[str, frozenset[str]]
    words: dict[str, frozenset[str]]
    endings: dict[str, tuple[str, ...]]
    infinitive_marker: str
    case_forms: dict[str, str]
    case_endings: tuple[tuple[str, str], ...]
    uninflected: frozenset[str]
    reflexives: frozenset[str]
    relative_clause: str
    dative_object: str
    passive_agent_prepositions: frozenset[str]
    learned: LearnedSource | None = None


def grammar_rules(data: dict[str, Any], path: Path) -> GrammarRules:
    """Validate and build the rules of the grammar engine."""
    validate_record(data, _GRAMMAR_SCHEMA, str(path))
    tags, words, case, relations = data["tags"], data["words"], data["case"], data["relations"]
    validate_record(tags, _TAGS_SCHEMA, f"{path}: [tags]")
    validate_record(words, _WORDS_SCHEMA, f"{path}: [words]")
    validate_record(case, _CASE_SCHEMA, f"{path}: [case]")
    validate_record(relations, _RELATIONS_SCHEMA, f"{path}: [relations]")
    endings = sorted(case["endings"].items(), key=lambda item: -len(item[0]))
    learned = None
    if "learned" in data:
        validate_record(data["learned"], _LEARNED_SCHEMA, f"{path}: [learned]")
        section = data["learned"]
        learned = LearnedSource(
            model=section["model"],
            head_bonus={str(k): float(v) for k, v in section["head_bonus"].items()},
            relation_bonus={str(k): float(v) for k, v in section["relation_bonus"].items()},
            non_head_tags=frozenset(str(t) for t in section["non_head_tags"]),
            trained_on=section["trained_on"],
            licence=section["licence"],
            attribution=section["attribution"],
        )
    return GrammarRules(
        upos={str(k): str(v) for k, v in tags["upos"].items()},
        tags={key: frozenset(tags[key]) for key in _TAG_KEYS},
        words={key: frozenset(words[key]) for key in _WORD_KEYS},
        endings={key: tuple(words[key]) for key in _WORD_TUPLE_KEYS},
        infinitive_marker=words["infinitive_marker"],
        case_forms={str(k): str(v) for k, v in case["forms"].items()},
        case_endings=tuple((str(k), str(v)) for k, v in endings),
        uninflected=frozenset(case["uninflected"]),
        reflexives=frozenset(case["reflexives"]),
        relative_clause=relations["relative_clause"],
        dative_object=relations["dative_object"],
        passive_agent_prepositions=frozenset(relations["passive_agent_prepositions"]),
        learned=learned,
    )
