"""Tokenizer and phrase-matcher speed: mapper's token layer against spaCy and pyahocorasick.

    python bench/tokenizers.py [N]      # N bench articles (default 300)

The numbers behind the README's choice of our own tokenizer and matcher. spaCy and
pyahocorasick are not mapper dependencies: install them in the environment you run this
in (``pip install spacy pyahocorasick``); a missing one is named and its rows are left out.
Times are the best of three runs on one core.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402

from mapper.extract import vocabulary  # noqa: E402
from mapper.extract.matcher import PhraseMatcher  # noqa: E402
from mapper.extract.sentences import split_sentences  # noqa: E402
from mapper.extract.tokens import tokenize  # noqa: E402


def best(f, runs: int = 3) -> tuple[int, float]:
    times, n = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        n = f()
        times.append(time.perf_counter() - started)
    return n, min(times)


def main(n_articles: int) -> None:
    texts = [a.text for a in corpus.articles(n_articles)]
    sentences = [split_sentences(t) for t in texts]
    docs = [tokenize(t, s) for t, s in zip(texts, sentences, strict=True)]
    n_tokens = sum(len(d) for d in docs)
    n, s = best(lambda: sum(len(tokenize(t, ss)) for t, ss in zip(texts, sentences, strict=True)))
    print(f"{n_articles} bench articles, {n_tokens:,} tokens")
    print(f"mapper tokens.tokenize: {n / s:,.0f} tokens/s")
    phrases = sorted({r.text("word") for r in vocabulary.table("feature_nouns.csv")}
                     | {r.text("word") for r in vocabulary.table("common_words.csv")})
    ours = PhraseMatcher([(p, p) for p in phrases], attr="LOWER")
    found, s = best(lambda: sum(len(list(ours.find(d))) for d in docs))
    print(f"mapper PhraseMatcher, {len(phrases)} phrases: {n_tokens / s:,.0f} tokens/s, {found:,} matches")
    try:
        import spacy
        from spacy.matcher import PhraseMatcher as SpacyPhraseMatcher
    except ImportError:
        print("spaCy not installed: its rows are left out (pip install spacy)")
    else:
        nlp = spacy.blank("en")
        n, s = best(lambda: sum(len(nlp.make_doc(t)) for t in texts))
        print(f"spaCy {spacy.__version__} blank 'en' make_doc: {n / s:,.0f} tokens/s ({n:,} tokens)")
        matcher = SpacyPhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add("T", [nlp.make_doc(p) for p in phrases])
        spacy_docs = [nlp.make_doc(t) for t in texts]
        found, s = best(lambda: sum(len(matcher(d)) for d in spacy_docs))
        print(f"spaCy PhraseMatcher (Doc already made): {sum(len(d) for d in spacy_docs) / s:,.0f} tokens/s, "
              f"{found:,} matches")
    try:
        import ahocorasick
    except ImportError:
        print("pyahocorasick not installed: its row is left out (pip install pyahocorasick)")
    else:
        automaton = ahocorasick.Automaton()
        for p in phrases:
            automaton.add_word(p, p)
        automaton.make_automaton()
        lowered = [t.lower() for t in texts]
        hits, s = best(lambda: sum(1 for low in lowered for _ in automaton.iter(low)))
        print(f"pyahocorasick over the lower-cased text: {n_tokens / s:,.0f} tokens/s, {hits:,} substring hits "
              "(no word boundaries)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
