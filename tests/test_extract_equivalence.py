"""Extraction output is pinned: speed work must not change a single byte of it.

The corpus is generated here, deterministically (no files, no gazetteer): wire-style
articles from several conflicts with real town names, figures, weekdays, dates,
datelines, quotes, triggers of every family and sentences that report nothing, plus
a few texts whose lower-casing changes their length (the slow, exact regex path).
Every ArticleExtraction (sentences, places, incidents, all fields) and the merged rows
are serialised to JSON and hashed. When extraction rules change on purpose, update
GOLDEN_DIGEST / GOLDEN_COUNTS in the same commit and say why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import random

from mapper.articles import Article
from mapper.extract import extract_article, merge_duplicates
from mapper.lexicon import DictLexicon, KnownName

_TOWNS = {
    "SY": ("Syria", "Baniyas Jableh Latakia Homs Hama Idlib Aleppo Tartus Qardaha Douma".split()),
    "UA": ("Ukraine", "Kharkiv Dnipro Kherson Sumy Odesa Pokrovsk Kramatorsk Nikopol".split()),
    "SD": ("Sudan", "Khartoum Omdurman Nyala Geneina Tawila Kassala Sennar Kadugli".split()),
    "MM": ("Myanmar", "Sagaing Monywa Lashio Sittwe Myawaddy Bhamo Hakha Loikaw".split()),
    "CD": ("Congo", "Goma Bukavu Beni Butembo Bunia Rutshuru Sake Uvira".split()),
    "YE": ("Yemen", "Sanaa Aden Taiz Hodeidah Marib Ibb Saada Mocha".split()),
}
_ACTORS = ["government forces", "Russian troops", "the Rapid Support Forces", "junta troops", "M23 rebels",
           "Houthi fighters", "gunmen loyal to the former government", "unidentified gunmen", "police",
           "Israeli forces", "armed men"]
_MONITORS = ["the Syrian Observatory for Human Rights", "the regional governor", "local officials",
             "the Sudan Doctors Network", "medical sources", "Reuters"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NUMS = ["two", "three", "four", "five", "a dozen", "twenty-one", "1", "3", "7", "12", "45", "1,200", "at least 9",
         "more than 30", "dozens", "hundreds"]

_EVENTS = [
    "{Actor} shelled {town} on {day}, killing {n} civilians and wounding {k} others, {monitor} said.",
    "An air strike on a market in {town} killed {n} people, including {k} children, on {day}.",
    "A Russian drone strike hit the village of {town} on {day} night, killing {n} people.",
    "Clashes between {actor} and {actor2} near {town} left {n} fighters dead on {date}.",
    "At least {n} people were killed when {actor} attacked {town}, a town in {region}, on {day}, residents said.",
    "{Actor} looted shops and set fire to homes in {town} on {day}, witnesses told {monitor}.",
    "Thousands of families fled {town} for {town2} after the fighting, aid groups said on {day}.",
    "Hundreds of people protested in {town} on {day} against rising prices and blocked roads.",
    "A funeral was held in {town} on {day} for {n} people killed in the strikes.",
    "{Actor} abducted {n} men from a checkpoint outside {town} the previous day, relatives said.",
    "Security forces arrested {n} activists in {town} on {date}, a rights group said.",
    "“They killed my brother in front of me,” said Ali Hassan, a resident of {town}, who fled on {day}.",
    "{Actor} said on {day} they had repelled an assault on their positions near {town}.",
    "A roadside bomb killed {n} soldiers on the road between {town} and {town2} three days later.",
    "Missiles struck the power station in {town} early on {day}, and parts of the city were left without electricity.",
    "Soldiers killed {n} villagers in {town}; on {date} they shelled {town2}, killing {k}.",
    "The death toll from the attack rose to {n}, {monitor} said.",
    "The victims included {k} women and {k2} children.",
    "No one was killed in the raid on {town} on {day}, but {k} houses were destroyed.",
    "The clashes began on {day} in {region} and spread to {town}.",
    "{country}'s foreign ministry condemned the killing of {n} civilians in {town} last week.",
    "Mr. Smith, a U.S. envoy, said the ceasefire in {town} would hold. Gen. Ahmed denied it.",
    "Local activists put the death toll at more than {n}, including {k} in {town}.",
    "The army regained control of {town} on {day} after fierce fighting with {actor2}.",
    "Mourners gathered in {town} on {day}. A mass grave with {n} bodies was found near {town2} two days ago.",
    "In {town}, {actor} opened fire on protesters, killing {n} and injuring {k}, on {date}.",
]
_QUIET = [
    "The United Nations called for calm and urged all parties to protect civilians.",
    "Prices of bread and fuel have risen sharply in recent weeks, traders said.",
    "Talks are expected to resume next month, diplomats said.",
    "It was not possible to verify the reports independently.",
    "The minister attacked the budget and protested his innocence.",
]
_REGIONS = ["central Syria", "northern Sudan", "the coastal region", "eastern Ukraine", "Yemen's west"]


def _article(i: int) -> Article:
    rng = random.Random(20250309 + i)
    code = rng.choice(sorted(_TOWNS))
    country, towns = _TOWNS[code]
    paragraphs = []
    for _ in range(rng.randint(1, 4)):
        sentences = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.2:
                sentences.append(rng.choice(_QUIET))
                continue
            town, town2 = rng.sample(towns, 2)
            actor, actor2 = rng.sample(_ACTORS, 2)
            day = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(8))
            sentences.append(rng.choice(_EVENTS).format(
                town=town, town2=town2, actor=actor, actor2=actor2, Actor=actor[0].upper() + actor[1:],
                n=rng.choice(_NUMS), k=rng.choice(_NUMS[:6]), k2=rng.choice(_NUMS[:6]), day=rng.choice(_DAYS),
                date=rng.choice([f"March {day.day}", f"{day.day} March 2025", day.isoformat()]),
                monitor=rng.choice(_MONITORS), region=rng.choice(_REGIONS), country=country,
            ))
        paragraphs.append(" ".join(sentences))
    if rng.random() < 0.5:
        paragraphs[0] = f"{towns[0].upper()}, {country} (Reuters) — {paragraphs[0]}"
    if rng.random() < 0.3:
        paragraphs.insert(0, f"Violence in {country}")
    if rng.random() < 0.1:
        paragraphs.append("Officials in İstanbul said İdlib residents fled on Friday after shelling killed 4.")
    published = None if rng.random() < 0.1 else dt.date(2025, 3, 9)
    return Article(f"g{i:03d}", "\n".join(paragraphs) + "\n", published)


def articles(n: int = 240) -> list[Article]:
    return [_article(i) for i in range(n)]


LEXICON = DictLexicon({
    **{town: KnownName("populated", 50_000 + 1000 * k, code) for code, (_, towns) in _TOWNS.items()
       for k, town in enumerate(towns) if k % 4 != 3},
    **{town: KnownName("populated", 5_000, code) for code, (_, towns) in _TOWNS.items()
       for k, town in enumerate(towns) if k % 4 == 3},
    **{country: KnownName("country", 20_000_000, code) for code, (country, _) in _TOWNS.items()},
    "Hassan": KnownName("populated", 30_000, "IN"), "Police": KnownName("populated", 20_000, "PL"),
    "Smith": KnownName("populated", 1_000, "US"),
})


def _digest(rows) -> tuple[str, list[int]]:
    h = hashlib.sha256()
    counts = [0, 0, 0, 0]
    everything = []
    for a in rows:
        r = extract_article(a, LEXICON)
        h.update(json.dumps(dataclasses.asdict(r), default=str, ensure_ascii=False, sort_keys=True).encode())
        counts[0] += 1
        counts[1] += len(r.sentences)
        counts[2] += len(r.places)
        counts[3] += len(r.incidents)
        everything.extend(r.incidents)
    for row in merge_duplicates(everything):
        h.update(json.dumps(dataclasses.asdict(row), default=str, ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest(), counts


GOLDEN_DIGEST = "276799d677f8f75de328873e9faa9e1f4d6ff0317c7091d99e5053df373149c3"
GOLDEN_COUNTS = [240, 1677, 1702, 1334]  # articles, sentences, places, incidents


def test_extraction_output_is_byte_identical_to_the_golden_run():
    digest, counts = _digest(articles())
    assert counts == GOLDEN_COUNTS
    assert digest == GOLDEN_DIGEST


if __name__ == "__main__":
    print(_digest(articles()))
