"""Finding the right parties: attributes, places, conjuncts, agents and phrasal verbs."""

from __future__ import annotations

from coder_helpers import code, keys
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.events.clauses import Clause, clause_of
from lagebild.events.lexicon import load_event_lexicon
from lagebild.events.parties import Party, _clause_index, _token_span, coordinated_with
from lagebild.model import Actor, Token
from lagebild.nlp.tokens import tokenize


def test_attribute_after_a_noun_of_an_earlier_phrase_is_the_object() -> None:
    events = code(
        "Die türkische Armee hat nach eigenen Angaben Stellungen der PKK bombardiert.",
        [("Die türkische Armee", "TUR", "MIL"), ("der PKK", "PKK", "REB")],
    )
    assert keys(events) == [("ASSAULT", "TUR", "PKK")]


def test_party_without_root_takes_the_country_it_is_in() -> None:
    events = code(
        "Der Außenminister kritisierte die Militärjunta in Mali scharf.",
        [("Der Außenminister", "FRA", "GOV"), ("die Militärjunta", "", "MIL"), ("Mali", "MLI", "GOV")],
    )
    assert keys(events) == [("ACCUSE", "FRA", "MLI")]


def test_target_without_root_belongs_to_the_source_country() -> None:
    events = code(
        "Die Polizei in Minsk hat am Samstag Dutzende Demonstranten festgenommen.",
        [("Die Polizei in Minsk", "BLR", "COP"), ("Demonstranten", "", "CVL")],
    )
    assert keys(events) == [("COERCE", "BLR", "BLR")]


def test_conjoined_genitives_share_their_head_noun() -> None:
    events = code(
        "Die Regierungschefs Kroatiens und Sloweniens haben ein Grenzabkommen unterzeichnet.",
        [("Die Regierungschefs Kroatiens", "HRV", "GOV"), ("Sloweniens", "SVN", "GOV")],
    )
    assert ("AGREE", "HRV", "SVN") in keys(events)


def test_conjunct_shares_the_preposition_and_is_no_object() -> None:
    events = code(
        "Der IS hat an der Grenze zwischen Syrien und dem Irak drei türkische Soldaten entführt.",
        [
            ("Der IS", "IS", "REB"),
            ("Syrien", "SYR", "GOV"),
            ("dem Irak", "IRQ", "GOV"),
            ("türkische Soldaten", "TUR", "MIL"),
        ],
    )
    assert keys(events) == [("COERCE", "IS", "TUR")]


def test_perfect_infinitive_is_no_finite_verb() -> None:
    events = code(
        "Aserbaidschan beschuldigt Armenien, Dörfer an der Grenze beschossen zu haben.",
        [("Aserbaidschan", "AZE", "GOV"), ("Armenien", "ARM", "GOV")],
    )
    assert keys(events) == [("ACCUSE", "AZE", "ARM")]


def test_agent_phrase_of_an_event_noun_with_conjuncts() -> None:
    events = code(
        "Die Lieferung von Panzern durch Polen und Tschechien an die Ukraine hat begonnen.",
        [("Polen", "POL", "GOV"), ("Tschechien", "CZE", "GOV"), ("die Ukraine", "UKR", "GOV")],
    )
    assert sorted(keys(events)) == [("AID", "CZE", "UKR"), ("AID", "POL", "UKR")]


def test_english_phrasal_verb_with_its_particle() -> None:
    events = code(
        "Police in Tbilisi cracked down on protesters on Saturday.",
        [("Police", "", "COP"), ("protesters", "", "CVL")],
        places=[("Tbilisi", "GEO")],
        language="en",
    )
    assert [(e.type, e.source.root if e.source else "") for e in events] == [("COERCE", "GEO")]
    assert events[0].trigger == "cracked down"


def test_english_verb_without_its_particle_is_not_the_phrasal_verb() -> None:
    events = code(
        "Russia pulled its ambassador from the talks.",
        [("Russia", "RUS", "GOV")],
        language="en",
    )
    assert keys(events) == []
    withdrawal = code(
        "Russia pulled out of the grain deal on Monday.", [("Russia", "RUS", "GOV")], language="en"
    )
    assert [e.type for e in withdrawal] == ["RETREAT"]


def test_relative_clause_without_an_actor_antecedent_has_no_source() -> None:
    events = code(
        "Russland legte ein Veto gegen die Resolution ein, die den Einmarsch verurteilt.",
        [("Russland", "RUS", "GOV")],
    )
    assert [e.type for e in events] == ["REJECT"]


def test_relative_pronoun_stands_for_an_actor_antecedent() -> None:
    events = code(
        "Turkey's president, who met Vladimir Putin on Monday, criticised the sanctions.",
        [("Turkey's president", "TUR", "GOV"), ("Vladimir Putin", "RUS", "GOV")],
        language="en",
    )
    assert keys(events) == [("CONSULT", "TUR", "RUS"), ("ACCUSE", "TUR", "")]


def test_event_noun_governed_by_a_phase_verb_takes_the_clause_subject() -> None:
    events = code(
        "Die Türkei hat mit dem Abzug ihrer Truppen aus dem Nordirak begonnen.",
        [("Die Türkei", "TUR", "GOV")],
    )
    assert [(e.type, e.source.root if e.source else "") for e in events] == [("RETREAT", "TUR")]
    other = code(
        "Die Türkei hat über den Abzug der Truppen gesprochen.",
        [("Die Türkei", "TUR", "GOV")],
    )
    assert all(e.type != "RETREAT" for e in other)


def test_comparison_is_no_preposition_of_the_object() -> None:
    events = code(
        "Die Polizei in Hongkong hat mehr als 40 Aktivisten festgenommen.",
        [("Die Polizei", "", "COP"), ("Hongkong", "HKG", "GOV"), ("Aktivisten", "", "OPP")],
    )
    assert keys(events) == [("COERCE", "HKG", "HKG")]


def test_english_noun_naming_no_actor_before_the_verb_is_its_subject() -> None:
    events = code(
        "Moscow has often escalated at moments when western diplomats meet in Geneva.",
        [("Moscow", "RUS", "GOV")],
        language="en",
    )
    assert all(e.type != "CONSULT" for e in events)
    dated = code(
        "Peru and Chile on Tuesday signed a fisheries agreement.",
        [("Peru", "PER", "GOV"), ("Chile", "CHL", "GOV")],
        language="en",
    )
    assert ("AGREE", "PER", "CHL") in keys(dated)


# Look-ups stay cheap in long sentences: binary searches that agree with a plain scan.

_TOKEN_TEXT = "Die Nato , Russland und die Ukraine trafen sich in Genf mit Vertretern der EU ."


def _scan_span(tokens: tuple[Token, ...], start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, t in enumerate(tokens) if t.end > start and t.start < end]
    return (inside[0], inside[-1]) if inside else None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(-2, len(_TOKEN_TEXT) + 2), st.integers(0, 30))
def test_token_span_agrees_with_a_scan(start: int, length: int) -> None:
    tokens = tokenize(_TOKEN_TEXT)
    assert _token_span(tokens, start, start + length) == _scan_span(tokens, start, start + length)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=8), st.integers(-1, 40))
def test_clause_index_agrees_with_clause_of(lengths: list[int], token: int) -> None:
    clauses, start = [], 0
    for index, length in enumerate(lengths):
        clauses.append(Clause(index, start, start + length, None, True, False))
        start += length + (index % 2)  # a break token between some clauses belongs to none
    assert _clause_index(clauses, token) == clause_of(clauses, token).index


def test_lists_in_a_long_sentence_are_grouped_as_in_a_short_one() -> None:
    # "A, B und C", "D und E" and "F, G" (a list no coordinator closes falls apart), repeated:
    # grouped the same however many parties the sentence holds.
    grammar = load_event_lexicon("de").grammar
    block = ["Polen", ",", "Litauen", "und", "Lettland", "tagten", "Estland", "und", "Finnland"]
    block += ["tagten", "Schweden", ",", "Norwegen", "tagten"]
    words = block * 50
    tokens = tuple(Token(i * 20, i * 20 + len(w), w) for i, w in enumerate(words))
    parties = [
        Party(_ACTOR, i, i, 0, None, frozenset({"nom"}), False) for i, w in enumerate(words) if w[0].isupper()
    ]
    sizes = [len(coordinated_with(p, parties, tokens, grammar)[1]) for p in parties]
    assert sizes == [3, 3, 3, 2, 2, 1, 1] * 50


_ACTOR = Actor("Polen", "Polen", "POL", None, "GOV", 0, 5)
