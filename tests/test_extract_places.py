"""Place mentions: what an analyst would mark as a place, from several conflicts."""

import pytest

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


def names(text):
    return [p.name for p in places(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # cue-marked places the lexicon does not know
        ("Russian forces shelled the village of Tuwaym overnight.", ["Tuwaym"]),
        ("Many Alawites are sheltering at the Russian airbase in Hmeimim.", ["Hmeimim"]),
        ("Junta troops raided Let Yet Kone village in Sagaing on Monday.", ["Let Yet Kone", "Sagaing"]),
        # gazetteer hits with population
        ("Residents of Bakhmut fled to Kramatorsk after Russian shelling.", ["Bakhmut", "Kramatorsk"]),
        ("M23 rebels seized Goma in January.", ["Goma"]),
        ("An Israeli airstrike hit a school in Khan Younis.", ["Khan Younis"]),
        ("Gunmen opened fire at a party in Culiacán, the prosecutor said.", ["Culiacán"]),
        # people are not places: role nouns, ages, later surnames, speech verbs
        ("Lebanese lawmaker Haidar Nasser said many Alawites are fleeing to Lebanon.", ["Lebanon"]),
        ("Ali Sheha, a 57-year-old resident of Baniyas, said gunmen came. Sheha said they fled.", ["Baniyas"]),
        ("Abu Bakr, who lost two sons, told reporters the camp was shelled.", []),
        ("The Syrian Observatory’s Rami Abdurrahman called it a massacre.", []),
        ("President Volodymyr Zelensky visited Kharkiv.", ["Kharkiv"]),
        # organisations, demonyms, religions, weekdays, months
        ("The Syrian Observatory for Human Rights and the Associated Press reported on Friday in March.", []),
        ("Sunni Muslim gunmen targeted Alawite and Druze families; Kurdish and Rohingya groups condemned it.", []),
        # sentence-initial common words that are also tiny places
        ("Photos sent to the Associated Press showed bodies. Death tolls rose. Police said nothing.", []),
        ("Government forces regained control of the area.", []),
        # a person used as an actor is not a place even with a lexicon hit
        ("Fighters loyal to Assad attacked the checkpoint.", []),
        ("Assad loyalists ambushed the patrol.", []),
    ],
)
def test_place_names(text, expected):
    assert names(text) == expected


def test_headings_do_not_make_places_from_common_words():
    text = "Death Toll Mounts\nGovernment Forces Regain Control\nThe shelling of Kharkiv continued."
    assert names(text) == ["Kharkiv"]


def test_country_as_actor_vs_location():
    found = places("France expressed deep concern. France’s foreign ministry called for calm. Thousands are fleeing to Lebanon.")
    roles = [(p.name, p.role) for p in found]
    assert roles == [("France", "actor"), ("France", "actor"), ("Lebanon", "location")]


def test_capital_as_government_is_an_actor():
    found = places("The new government in Damascus blamed remnants of the old regime.")
    assert [(p.name, p.role) for p in found] == [("Damascus", "actor")]


def test_feature_and_region_from_apposition():
    found = places("However, residents of Tuwaym, a village in central Syria, buried 31 people.")
    tuwaym = next(p for p in found if p.name == "Tuwaym")
    assert (tuwaym.feature, tuwaym.region, tuwaym.cue) == ("village", "central Syria", "residents of")
    region = next(p for p in found if p.name == "central Syria")
    assert region.feature == "region"


def test_el_fasher_a_city_in_north_darfur():
    found = places("El Fasher, a city in North Darfur, came under heavy shelling.")
    assert [(p.name, p.feature, p.region) for p in found][0] == ("El Fasher", "city", "North Darfur")


@pytest.mark.parametrize(
    "text,region",
    [
        ("Fighting spread across northern Ethiopia.", "northern Ethiopia"),
        ("Sectarian violence on Syria’s coast left hundreds dead.", "Syria’s coast"),
        ("Roads leading to the coastal region were blocked.", "the coastal region"),
        ("Hospitals in northern Gaza ran out of fuel.", "northern Gaza"),
    ],
)
def test_region_phrases(text, region):
    found = [p for p in places(text) if p.feature == "region"]
    assert [p.name for p in found] == [region]


def test_offsets_and_sentences_are_exact():
    text = "Residents of Bakhmut fled.\nThey went to Kramatorsk, officials said."
    sentences = split_sentences(text)
    for p in places(text):
        assert text[p.start : p.end] == p.name
        s = sentences[p.sentence]
        assert s.start <= p.start < s.end


def test_curly_apostrophe_and_al_prefix_names():
    text = "A funeral was held in the village of Al-Janoudiya and in al-Qusayr, near Ma’arrat al-Nu’man."
    assert names(text) == ["Al-Janoudiya", "al-Qusayr", "Ma’arrat al-Nu’man"]


# Real GeoNames has large towns called Hamas (DE), Sunni (US), Police (PL), Hassan (IN),
# Allah (DE), Mobile (US), Independence (US), Media (MA): none of them is a place in these sentences.
TRAPS = DictLexicon({
    "Hamas": town("DE", 178_967), "Sunni": town("US", 31_286), "Police": town("PL", 34_350),
    "Hassan": town("IN", 155_006), "Allah": town("DE", 67_085), "Mobile": town("US", 183_289),
    "Independence": town("US", 117_255), "Media": town("MA", 31_269), "UN": town("XX", 50_000),
    "Rafah": town("PS", 150_000),
})


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hamas said the strike on Rafah killed 12 people.", ["Rafah"]),
        ("Sunni and Shia leaders met. Police said nothing.", []),
        ("Hassan told reporters that Allah would protect them.", []),
        ("Mobile phone networks were down on Independence Day. Media reported looting.", []),
        ("The UN said aid trucks reached Rafah.", ["Rafah"]),
        ("Mohammed Hassan, a farmer from Rafah, said gunmen came.", ["Rafah"]),
    ],
)
def test_common_words_and_names_that_are_also_towns(text, expected):
    sentences = split_sentences(text)
    found = scan_places(text, sentences, TRAPS).places
    assert [p.name for p in found] == expected


@pytest.mark.parametrize(
    "name",
    ["Deir ez-Zor", "Ras al-Ain", "Jisr al-Shughur", "Kafr Nabl", "Ma'arat al-Numan", "N'Djamena", "Côte d'Ivoire",
     "Port-au-Prince", "Dar es Salaam", "Bandar-e Abbas", "Sa’dah", "Al Hudaydah", "São Paulo", "Łódź"],
)
def test_spellings_survive_whole(name):
    text = f"Fighting was reported in {name} on Monday."
    found = scan_places(text, split_sentences(text), DictLexicon({})).places
    assert [p.name for p in found] == [name]


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
