"""The two command-line actions of the clause analysis, as plain functions returning text.

``lagebild parse FILE.conllu --language de|en`` → ``parse_command(path, language, False)``;
``lagebild parse --text FILE.txt`` → ``parse_command(path, language or None, True)``;
``lagebild eval parse GOLD.conllu --language de|en`` → ``eval_parse_command(path, language)``.
"""

from __future__ import annotations

from pathlib import Path

from lagebild.syntax import analyser
from lagebild.syntax.conllu import ConlluSentence, Word, input_words, read_conllu, write_conllu
from lagebild.syntax.evaluate import Scores

# Sentences go to the analyser in batches of this many (model engines run faster in batches).
BATCH = 256


def parse_command(path: str | Path, language: str | None, text_mode: bool = False) -> str:
    """Analyse a CoNLL-U file (or, with ``text_mode``, a plain-text file) and return CoNLL-U.

    From CoNLL-U only ID, FORM and MISC are read; comments, multiword-token and empty-node
    lines are kept; UPOS, LEMMA, XPOS, HEAD and DEPREL are filled by the analysis. Plain text is
    split into sentences and words by the project's own splitter and tokenizer.
    """
    source = Path(path)
    text = source.read_text(encoding="utf-8")
    if text_mode:
        code = language or _identify(text)
        sentences = text_sentences(text, code)
    else:
        if language is None:
            raise ValueError("parsing CoNLL-U needs --language")
        code, sentences = language, list(read_conllu(text.splitlines()))
    return "".join(_analysed(sentences, code))


def eval_parse_command(gold_path: str | Path, language: str) -> str:
    """Analyse a gold CoNLL-U file from its words alone and report UAS, LAS and core-argument F1."""
    gold = list(read_conllu(Path(gold_path).read_text(encoding="utf-8").splitlines()))
    scores = Scores()
    engine = analyser(language)
    for start in range(0, len(gold), BATCH):
        batch = gold[start : start + BATCH]
        for sentence, predicted in zip(
            batch, engine.analyse_many([input_words(s) for s in batch]), strict=True
        ):
            scores.add(sentence.words, predicted)
    return f"{Path(gold_path).name} ({language})\n{scores.report()}"


def _analysed(sentences: list[ConlluSentence], language: str) -> list[str]:
    engine = analyser(language)
    out: list[str] = []
    for start in range(0, len(sentences), BATCH):
        batch = sentences[start : start + BATCH]
        analysed = engine.analyse_many([input_words(s) for s in batch])
        out.extend(write_conllu(s, words) for s, words in zip(batch, analysed, strict=True))
    return out


def text_sentences(text: str, language: str) -> list[ConlluSentence]:
    """Split plain text into CoNLL-U sentences (``sent_id`` and ``text`` comments, ``SpaceAfter=No``)."""
    from lagebild.lang import load_text_rules
    from lagebild.nlp.sentences import SentenceSplitter
    from lagebild.nlp.tokens import tokenize

    sentences = []
    for number, sentence in enumerate(SentenceSplitter(load_text_rules(language)).split(text), start=1):
        tokens = tokenize(text, sentence.start, sentence.end)
        if not tokens:
            continue
        words = []
        for k, token in enumerate(tokens):
            joined = k + 1 < len(tokens) and tokens[k + 1].start == token.end
            words.append(Word(k + 1, token.text, misc="SpaceAfter=No" if joined else "_"))
        comments = [
            f"# sent_id = {number}",
            "# text = " + " ".join(text[sentence.start : sentence.end].split()),
        ]
        sentences.append(ConlluSentence(comments, words))
    return sentences


def _identify(text: str) -> str:
    from lagebild.nlp.langid import LanguageIdentifier

    code = LanguageIdentifier.from_data().identify(text[:5000])
    if code is None:
        raise ValueError("could not tell the text's language; pass --language")
    return code
