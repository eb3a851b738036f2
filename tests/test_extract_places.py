"""Place mentions: the checks that are not table-shaped (offsets, the first mention of a
text, whole-article extraction). The table-driven cases (text -> place names, roles,
regions) are data in tests/gold/places.yaml, run by tests/test_gold_places.py."""

from mapper.extract.places import scan_places
from mapper.extract.sentences import is_heading, split_sentences
from mapper.lexicon import DictLexicon, KnownName


def country(code, pop=10_000_000):
    return KnownName("country", pop, code)


def town(code, pop):
    return KnownName("populated", pop, code)


LEX = DictLexicon({
    "Syria": country("SY"), "Lebanon": country("LB"), "France": country("FR"), "Ukraine": country("UA"),
    "Russia": country("RU"), "Sudan": country("SD"), "Myanmar": country("MM"), "Ethiopia": country("ET"),
    "Gaza": KnownName("admin1", 2_000_000, "PS"), "North Darfur": KnownName("admin1", 2_000_000, "SD"),
    "Sagaing": KnownName("admin1", 5_000_000, "MM"), "Kharkiv": town("UA", 1_400_000), "Kramatorsk": town("UA", 150_000),
    "Bakhmut": town("UA", 70_000), "Goma": town("CD", 670_000), "El Fasher": town("SD", 250_000),
    "Damascus": town("SY", 1_500_000), "Baniyas": town("SY", 41_000), "Khan Younis": town("PS", 200_000),
    "Culiacán": town("MX", 800_000), "Marib": town("YE", 40_000),
    # tiny GeoNames homonyms of common words: never enough on their own
    "Friday": town("US", 50), "Photos": town("GR", 10), "Death": town("US", 10), "Government": town("PH", 10),
    "Police": town("PL", 33_000), "Assad": town("SY", 300),
})


def places(text):
    sentences = split_sentences(text)
    headings = frozenset(s.index for s in sentences if is_heading(s, sentences))
    return scan_places(text, sentences, LEX, headings).places


def test_el_fasher_a_city_in_north_darfur():
    found = places("El Fasher, a city in North Darfur, came under heavy shelling.")
    first = found[0]
    assert (first.name, first.feature, first.region) == ("El Fasher", "city", "North Darfur")


def test_offsets_and_sentences_are_exact():
    text = "Residents of Bakhmut fled.\nThey went to Kramatorsk, officials said."
    sentences = split_sentences(text)
    for p in places(text):
        assert text[p.start : p.end] == p.name
        s = sentences[p.sentence]
        assert s.start <= p.start < s.end


def test_a_name_the_gazetteer_knows_whole_is_joined_across_and():
    from mapper.articles import Article
    from mapper.extract import extract_article
    from mapper.lexicon import DictLexicon, KnownName

    # invented: a two-island state, whose islands are not names of their own here
    lexicon = DictLexicon({"Vella and Corona": KnownName("country", 1_300_000, "VC"),
                           "Syria": KnownName("country", 17_000_000, "SY"), "Lebanon": KnownName("country", 6_800_000, "LB"),
                           "Isla and the Keys": KnownName("country", 100_000, "IK")})
    text = "Floods hit Vella and Corona. Clashes in Syria and Lebanon. Storms reached Isla and the Keys."
    names = [p.name for p in extract_article(Article("d", text), lexicon).places]
    assert names == ["Vella and Corona", "Syria", "Lebanon", "Isla and the Keys"]


def test_month_abbreviations_in_a_dateline_are_not_places():
    from mapper.articles import Article
    from mapper.extract import extract_article
    from mapper.lexicon import DictLexicon, KnownName

    lexicon = DictLexicon({"Nov": KnownName("populated", 9_000, "TJ"), "Kyiv": KnownName("populated", 2_900_000, "UA"),
                           "Kharkiv": KnownName("populated", 1_400_000, "UA")})
    text = "KYIV, Nov 3 (Reuters) - A missile strike on Kharkiv on Sunday killed four people."
    names = [p.name for p in extract_article(Article("d", text), lexicon).places]
    assert "Nov" not in names and "Kharkiv" in names


def test_a_feature_noun_followed_by_near_x_gives_its_region():
    from mapper.articles import Article
    from mapper.extract import extract_article
    from mapper.lexicon import DictLexicon, KnownName

    lexicon = DictLexicon({"El Fasher": KnownName("populated", 250_000, "SD")})
    text = "The RSF attacked the Zamzam displacement camp near El Fasher on Friday, killing 40 civilians."
    places = {p.name: p for p in extract_article(Article("z", text), lexicon).places}
    assert places["Zamzam"].feature == "camp" and places["Zamzam"].region == "El Fasher"
    assert "El Fasher" in places


def test_short_forms_have_their_offsets_and_no_letters_of_their_own():
    text = "Troops from the U.S.A. reached Dayton, Ohio, and the N.J. coast; U.S.-led talks began in Kharkiv."
    found = places(text)
    assert [(p.name, text[p.start : p.end]) for p in found if p.cue == "short form"] == [("U.S.A.", "U.S.A."), ("U.S.", "U.S.")]
    assert not any(len(p.name) == 1 for p in found)  # "U", "S", "A", "N", "J"
    assert "Kharkiv" in [p.name for p in found]


def test_a_short_capitalised_word_is_a_place_opening_a_line_but_not_inside_a_sentence():
    # "GAZA" alone on its line is the place; "DOH" in a sentence is an acronym, whatever towns share it
    text = "GAZA\nStrikes continued, the GAZA office of DOH said."
    lexicon = DictLexicon({"Gaza": KnownName("admin1", 2_000_000, "PS"), "DOH": KnownName("populated", 90_000, "XX")})
    sentences = split_sentences(text)
    headings = frozenset(s.index for s in sentences if is_heading(s, sentences))
    found = scan_places(text, sentences, lexicon, headings).places
    assert [(p.name, p.start, p.cue) for p in found] == [("GAZA", 0, ""), ("GAZA", 28, "same name")]  # (a heading: the lexicon alone)


def test_a_surname_is_counted_as_the_whole_word_regex_counts_it():
    import random
    import re

    from mapper.extract.name_runs import _whole_word_count

    rng = random.Random(7)
    alphabet = ["a", "b", "A", "_", "1", " ", "-", "'", "’", "é", "\u0301", "\u0663", "²", ".", "\n"]
    cases = [("Kivel scored; Kivel", "Kivel"), ("Kivels Kivel_ xKivel Kivel", "Kivel"), ("aaa aa", "aa"),
             ("Kivel\u0301 Kivel", "Kivel"), ("Kivel²", "Kivel")]
    for _ in range(3000):
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        cases.append((text[: len(text) // 2] + word + text[len(text) // 2 :] + rng.choice(["", " ", "a"]) + word, word))
    for text, word in cases:
        expected = len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text))
        assert [_whole_word_count(text, word, least) for least in (1, 2, 9)] == [min(expected, n) for n in (1, 2, 9)]
