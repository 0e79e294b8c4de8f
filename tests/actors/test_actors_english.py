"""English actor phrases: one realistic sentence per case, the phrase and the code it must get."""

from __future__ import annotations

import pytest
from actor_helpers import codes, find

from lagebild.actors import ActorRecognizer

CASES = [
    ("Russia rejected the accusations on Monday.", "Russia", "RUS", "GOV"),
    ("Moscow announced a response.", "Moscow", "RUS", "GOV"),
    ("The Kremlin denied the report.", "The Kremlin", "RUS", "GOV"),
    ("A Kremlin spokesman said the offer was being studied.", "A Kremlin spokesman", "RUS", "GOV"),
    ("The White House confirmed the talks.", "The White House", "USA", "GOV"),
    ("The Pentagon is sending more aircraft.", "The Pentagon", "USA", "MIL"),
    ("Downing Street declined to comment.", "Downing Street", "GBR", "GOV"),
    ("Beijing protested against the visit.", "Beijing", "CHN", "GOV"),
    ("Kyiv reported new attacks in the east.", "Kyiv", "UKR", "GOV"),
    ("The United States changed its position.", "The United States", "USA", "GOV"),
    ("The U.S. imposed new sanctions.", "The U.S.", "USA", "GOV"),
    ("Germany's chancellor travelled to Paris.", "Germany's chancellor", "DEU", "GOV"),
    ("Russian President Vladimir Putin signed the law.", "Russian President Vladimir Putin", "RUS", "GOV"),
    ("President Vladimir Putin signed the law.", "President Vladimir Putin", "RUS", "GOV"),
    ("Russian troops seized the airport.", "Russian troops", "RUS", "MIL"),
    ("The Russians ended their exercises.", "The Russians", "RUS", None),
    ("A U.S. ambassador was summoned.", "A U.S. ambassador", "USA", "GOV"),
    ("The U.S. ambassador was summoned.", "The U.S. ambassador", "USA", "GOV"),
    ("NATO's top general warned Moscow.", "NATO's top general", "NATO", "MIL"),
    ("The head of NATO met the minister.", "The head of NATO", "NATO", "IGO"),
    ("NATO demanded an explanation.", "NATO", "NATO", "IGO"),
    ("The European Union imposed sanctions.", "The European Union", "EU", "IGO"),
    ("The United Nations warned of famine.", "The United Nations", "UN", "IGO"),
    ("The UN Security Council condemned the attack.", "The UN Security Council", "UN", "IGO"),
    ("The Arab League met in Cairo.", "The Arab League", "ARL", "IGO"),
    ("The Taliban control the city.", "The Taliban", "TALIBAN", "REB"),
    ("Islamic State fighters withdrew from the town.", "Islamic State fighters", "IS", "REB"),
    ("IS claimed the attack.", "IS", "IS", "REB"),
    ("Hezbollah threatened Israel.", "Hezbollah", "HEZBOLLAH", "REB"),
    ("The Ukrainian army reported losses.", "The Ukrainian army", "UKR", "MIL"),
    # Guardian wording (2017-2018): the leader named before "-led" owns the coalition
    ("The US-led coalition launched airstrikes on Raqqa.", "The US-led coalition", "USA", "MIL"),
    ("A Riyadh-led coalition has launched airstrikes.", "A Riyadh-led coalition", "SAU", "MIL"),
    ("The anti-Islamic State US-led coalition backed them.", "US-led coalition", "USA", "MIL"),
    ("Chinese diplomats left the room.", "Chinese diplomats", "CHN", "GOV"),
    ("The British police arrested three men.", "The British police", "GBR", "COP"),
    ("The government in London said it would respond.", "The government in London", "GBR", "GOV"),
    ("Syrian rebels shelled the city.", "Syrian rebels", "SYR", "REB"),
    ("Iran's Revolutionary Guards seized a tanker.", "Iran's Revolutionary Guards", "IRN", "MIL"),
    ("The Bundeswehr joined the mission.", "The Bundeswehr", "DEU", "MIL"),
    ("Congress passed the bill.", "Congress", "USA", "LEG"),
    ("Secretary General Jens Stoltenberg welcomed the step.", "Secretary General Jens Stoltenberg",
     "NATO", "IGO"),
]


@pytest.mark.parametrize(("sentence", "phrase", "root", "sector"), CASES)
def test_phrase_is_one_mention_with_its_code(
    en: ActorRecognizer, sentence: str, phrase: str, root: str, sector: str | None
) -> None:
    assert (phrase, root, sector) in codes(find(en, sentence))


NOT_ACTORS = [
    ("Let us know what is planned.", "us"),
    ("This is what the report says.", "is"),
    ("In general, prices rose.", "general"),
    ("The general election is in May.", "general"),
    ("The alliance between the two retailers ended in June.", "alliance"),
    ("Police stations were closed.", "Police"),
    ("The turkey was served at noon.", "turkey"),
    # a coalition without its leader may be a government's and is no actor
    ("The coalition government fell in June.", "coalition"),
]


@pytest.mark.parametrize(("sentence", "word"), NOT_ACTORS)
def test_word_is_not_an_actor(en: ActorRecognizer, sentence: str, word: str) -> None:
    assert not [m for m in find(en, sentence) if word in m.text]


def test_unknown_capitalised_owner_keeps_a_role_rootless(en: ActorRecognizer) -> None:
    text = "Turkey launched an offensive. Later, Kurdish fighters retook the town."
    assert ("Kurdish fighters", "", "REB") in codes(find(en, text))


def test_role_owned_by_a_known_person_takes_the_term(en: ActorRecognizer) -> None:
    text = "The Putin government rejected the plan."
    assert ("The Putin government", "RUS", "GOV") in codes(find(en, text))


def test_alliance_is_nato_after_nato_was_named(en: ActorRecognizer) -> None:
    text = "NATO reinforced its eastern flank. The alliance is responding to Moscow."
    assert ("The alliance", "NATO", "IGO") in codes(find(en, text))


@pytest.mark.parametrize(
    ("sentence", "phrase", "root", "sector"),
    [
        ("Government troops shelled the town.", "Government troops", "", "MIL"),
        ("The army chief resigned.", "The army chief", "", "MIL"),
        ("Syrian government forces advanced.", "Syrian government forces", "SYR", "MIL"),
        ("A military spokesman confirmed the raid.", "A military spokesman", "", "MIL"),
    ],
)
def test_role_used_as_modifier_joins_its_head(
    en: ActorRecognizer, sentence: str, phrase: str, root: str, sector: str
) -> None:
    assert (phrase, root, sector) in codes(find(en, sentence))
