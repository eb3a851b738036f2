"""Deterministic synthetic wire-report corpus for the benchmark.

    python bench/corpus.py OUT_DIR N [--seed 1]

writes N articles ``a000000.txt`` ... with ``.meta.json`` sidecars
(``published``, ``title``, ``source``, ``url``). Same (N, seed) -> byte-identical
files. Each article is about one conflict (Syria, Ukraine, Sudan, Myanmar, DR Congo,
Gaza/West Bank, Yemen), ~9 sentences in three paragraphs, written with real town
names from fixed lists below (every name resolves in the GeoNames gazetteer to a
place in that country; checked by ``check_towns``), varied triggers (killed,
shelling, air strike, clashes, looted, fled, protest, funeral, abducted, arrested),
figures, weekdays and actors, plus sentences that report no incident.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

# country name, ISO code, wires, monitors, armed actors, (province words)
CONFLICTS: dict[str, dict] = {
    "Syria": {
        "code": "SY",
        "towns": """Aleppo Idlib Homs Hama Latakia Tartus Baniyas Jableh Raqqa Qamishli Hasakah Manbij Kobani
            Afrin Azaz Jarablus Saraqib Ariha Daraa Bosra Douma Harasta Zabadani Palmyra Salamiyah Qardaha
            Masyaf Nawa Inkhil Jasim Tafas Yabroud Nabk Qusayr Rastan Talbiseh Safita Binnish
            Taftanaz Mayadin Suwayda Tall Rifaat Atarib Dana Kafr Nabl Muhradah Suqaylabiyah Tell Abyad""",
        "actors": ["government forces", "Syrian security forces", "gunmen loyal to the former government",
                   "Turkish-backed factions", "the Syrian Democratic Forces", "Islamic State militants"],
        "monitor": "the Syrian Observatory for Human Rights",
    },
    "Ukraine": {
        "code": "UA",
        "towns": """Kharkiv Kherson Zaporizhzhia Dnipro Odesa Mykolaiv Kramatorsk Sloviansk Bakhmut Avdiivka
            Pokrovsk Kostiantynivka Toretsk Kupiansk Izium Lyman Sumy Chernihiv Kyiv Lviv Vinnytsia Poltava
            Nikopol Marhanets Huliaipole Orikhiv Vuhledar Kurakhove Selydove Myrnohrad Druzhkivka Siversk
            Lysychansk Mariupol Melitopol Berdiansk Enerhodar Beryslav Okhtyrka Bilopillia Vovchansk
            Chuhuiv Balakliia Shostka Konotop Romny Pavlohrad Uman Cherkasy Zhytomyr Rivne Lutsk Ternopil
            Brovary Irpin Bucha""",
        "actors": ["Russian forces", "Ukrainian forces", "Russian troops", "Ukrainian troops"],
        "monitor": "the regional governor",
    },
    "Sudan": {
        "code": "SD",
        "towns": """Khartoum Omdurman Nyala Zalingei Kadugli Dilling Babanusa Sennar Singa Kosti Rabak Kassala
            Atbara Shendi Dongola Karima Kutum Mellit Kabkabiya Rufaa Tandalti
            Geneina Fasher Obeid Wad Madani Gedaref Damazin Hasahisa Managil Nahud""",
        "actors": ["the Rapid Support Forces", "the Sudanese army", "RSF fighters", "army troops",
                   "allied militias"],
        "monitor": "the Sudan Doctors Network",
    },
    "Myanmar": {
        "code": "MM",
        "towns": """Yangon Mandalay Sagaing Monywa Myingyan Pakokku Magway Bago Pyay Mawlamyine Myawaddy Dawei
            Myeik Sittwe Buthidaung Lashio Kyaukme Muse Laukkai Taunggyi Loikaw
            Demoso Hakha Falam Tedim Kale Tamu Myitkyina Bhamo Hpakant Shwebo Katha Mogok Meiktila Pyinmana
            Taungoo Thayetmyo Pathein Hinthada Thaton Kawkareik""",
        "actors": ["junta troops", "the military", "resistance fighters", "the Arakan Army",
                   "People's Defence Force fighters", "ethnic armed groups"],
        "monitor": "local media",
    },
    "DR Congo": {
        "code": "CD",
        "towns": """Goma Bukavu Beni Butembo Bunia Rutshuru Sake Uvira
            Kisangani Kinshasa Lubumbashi Kananga Tshikapa Kikwit Kalemie Oicha Lubero
            Kanyabayonga Kindu Isiro Bumba Mbandaka Matadi Kolwezi Likasi Kamina
            Boma Gemena Kabinda Kasongo Lisala Inongo Buta Dungu Watsa Kabalo Lodja""",
        "actors": ["M23 rebels", "Congolese troops", "ADF militants", "CODECO militiamen",
                   "Wazalendo fighters"],
        "monitor": "civil society leaders",
    },
    "Gaza": {
        "code": "PS",
        "towns": """Gaza Rafah Jabalia Nuseirat Bureij Jenin Tulkarm Nablus Hebron Ramallah Bethlehem
            Qalqilya Tubas Jericho Yatta Dura Halhul Salfit Qabatiya Beitunia Khan Yunis Deir al-Balah
            Beit Lahia Beit Hanoun Bani Suheila Abasan""",
        "actors": ["Israeli forces", "Israeli troops", "Hamas fighters", "settlers", "Palestinian gunmen"],
        "monitor": "the Health Ministry",
    },
    "Yemen": {
        "code": "YE",
        "towns": """Sanaa Aden Taiz Hodeidah Marib Ibb Dhamar Saada Hajjah Amran Mukalla Zinjibar Ataq Mocha
            Zabid Bajil Harad Lawdar Yarim Dhale Bayda Radaa Khokha Qatabah""",
        "actors": ["Houthi forces", "government troops", "the Southern Transitional Council",
                   "coalition forces", "al-Qaeda militants"],
        "monitor": "medical sources",
    },
}

# multi-word names are kept together: "Tall Rifaat", "Kafr Nabl", "Tell Abyad", "Wad Madani", ...
_PAIRS = {"Tall", "Kafr", "Tell", "Wad", "Khan", "Deir", "Beit", "Bani"}


def _split_towns(text: str) -> list[str]:
    words, towns = text.split(), []
    i = 0
    while i < len(words):
        if words[i] in _PAIRS and i + 1 < len(words):
            towns.append(f"{words[i]} {words[i + 1]}")
            i += 2
        else:
            towns.append(words[i])
            i += 1
    return towns


TOWNS = {country: _split_towns(info["towns"]) for country, info in CONFLICTS.items()}
COUNTRY_IN_TEXT = {"Gaza": "the Gaza Strip", "DR Congo": "Congo"}
WIRES = ["Example Wire", "Agence Exemple", "Daily Dispatch", "Frontline News Service"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"]


def _n(rng: random.Random) -> str:
    """A casualty figure, as digits or words."""
    if rng.random() < 0.3:
        return rng.choice(NUMBER_WORDS)
    return str(rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 14, 17, 21, 26, 33, 40, 52, 75, 120]))


# Event sentences: {town} {town2} {actor} {actor2} {n} {k} {day} {monitor} {country}
EVENTS = [
    "{Actor} shelled {town} on {day}, killing {n} civilians and wounding {k} others, {monitor} said.",
    "An air strike on a market in {town} killed {n} people, including {k} children, on {day}, {monitor} said.",
    "Drone strikes hit residential buildings in {town} on {day} night, killing at least {n} people.",
    "Clashes between {actor} and {actor2} near {town} left {n} fighters dead on {day}.",
    "At least {n} people were killed when {actor} attacked the village of {town} on {day}, residents said.",
    "Gunmen looted shops and set fire to homes in {town} on {day}, witnesses told {wire}.",
    "Thousands of families fled {town} for {town2} after the fighting, aid groups said on {day}.",
    "Hundreds of people protested in {town} on {day} against rising prices and the war.",
    "A funeral was held in {town} on {day} for {n} people killed in the strikes.",
    "{Actor} abducted {n} men from a checkpoint outside {town} on {day}, relatives said.",
    "Security forces arrested {n} activists in {town} on {day}, a rights group said.",
    "Artillery fire struck a school in {town} on {day}, killing {n} children, {monitor} said.",
    "{Actor} said on {day} they had repelled an assault on their positions near {town}.",
    "A roadside bomb killed {n} soldiers on the road between {town} and {town2} on {day}.",
    "Missiles struck the power station in {town} early on {day}, and parts of the city were left without electricity.",
]
FOLLOW_UPS = [
    "The victims included {k} women and {k2} children.",
    "Medics said {k} of the wounded were in critical condition.",
    "Residents said the bodies were still under the rubble on {day}.",
]
QUIET = [
    "The United Nations called for calm and urged all parties to protect civilians.",
    "Prices of bread and fuel have risen sharply in recent weeks, traders said.",
    "Talks on a ceasefire are expected to resume next month, diplomats said.",
    "Aid agencies said they were struggling to reach people in need because of insecurity.",
    "The government did not immediately respond to a request for comment.",
    "Schools have been closed for much of the year, and many teachers have not been paid.",
    "It was not possible to verify the reports independently.",
    "Officials said reinforcements had been sent to the area.",
]


def article(index: int, seed: int = 1) -> tuple[str, dict]:
    """Article ``index`` of the corpus for ``seed``: (text, sidecar dict)."""
    rng = random.Random(seed * 1_000_003 + index)
    country = rng.choice(list(CONFLICTS))
    info, towns = CONFLICTS[country], TOWNS[country]
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
    wire = rng.choice(WIRES)
    paragraphs: list[list[str]] = []
    first_town = None
    for _paragraph in range(3):
        sentences: list[str] = []
        for _sentence in range(3):
            if rng.random() < 0.22:  # no incident in this sentence
                sentences.append(rng.choice(QUIET))
                continue
            town, town2 = rng.sample(towns, 2)
            first_town = first_town or town
            actor, actor2 = rng.sample(info["actors"], 2)
            values = dict(
                town=town, town2=town2, actor=actor, actor2=actor2, Actor=actor[0].upper() + actor[1:],
                n=_n(rng), k=rng.choice(NUMBER_WORDS[:5]), k2=rng.choice(NUMBER_WORDS[:5]),
                day=rng.choice(WEEKDAYS), monitor=info["monitor"], wire=wire, country=country,
            )
            sentences.append(rng.choice(EVENTS).format(**values))
            if rng.random() < 0.12:
                sentences.append(rng.choice(FOLLOW_UPS).format(**values))
        paragraphs.append(sentences)
    place = COUNTRY_IN_TEXT.get(country, country)
    dateline = f"{(first_town or towns[0]).upper()}, {place} ({wire}) —"
    paragraphs[0][0] = f"{dateline} {paragraphs[0][0]}"
    text = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    title = f"Violence in {place}: {first_town or towns[0]} ({published.isoformat()})"
    meta = {"published": published.isoformat(), "title": title, "source": wire,
            "url": f"https://news.example.org/{seed}/{index:06d}"}
    return text, meta


def write_corpus(folder: str | Path, n: int, seed: int = 1) -> Path:
    """Write n articles (+ sidecars) into ``folder`` (created; existing a*.txt are left alone)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text, meta = article(i, seed)
        (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
        (folder / f"a{i:06d}.meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return folder


def articles(n: int, seed: int = 1):
    """n ``mapper.articles.Article`` objects in memory (no files)."""
    from mapper.articles import Article

    for i in range(n):
        text, meta = article(i, seed)
        yield Article(f"a{i:06d}", text, dt.date.fromisoformat(meta["published"]), meta["title"],
                      meta["source"], meta["url"], "")


def check_towns(gazetteer) -> dict[str, list[str]]:
    """Towns whose gazetteer lookup is missing or in another country (should be empty)."""
    bad: dict[str, list[str]] = {}
    for country, towns in TOWNS.items():
        code = CONFLICTS[country]["code"]
        for town in towns:
            known = gazetteer.lookup(town)
            in_country = any(c.country_code == code for c in gazetteer.candidates(town, country_codes=[code]))
            if known is None or not in_country:
                bad.setdefault(country, []).append(f"{town} ({known.country_code if known else 'unknown'})")
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", action="store_true", help="check every town against the gazetteer")
    args = parser.parse_args()
    if args.check:
        from mapper.geocode.gazetteer import Gazetteer

        print(json.dumps(check_towns(Gazetteer.open()), indent=1))
    write_corpus(args.folder, args.n, args.seed)


if __name__ == "__main__":
    main()
