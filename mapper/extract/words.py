"""General word lists used by the rules, read from ``mapper/extract/lexicon/`` (not written here).

All entries are lower-case; callers compare with ``word.lower()``. To add a word, add a line to
the CSV file named beside each set (see the README, "Where the rules live").
"""

from __future__ import annotations

from mapper.extract.vocabulary import table, words

_CALENDAR = table("calendar.csv")
WEEKDAYS = tuple(r.text("word") for r in _CALENDAR if r.text("kind") == "weekday")
MONTHS = tuple(r.text("word") for r in _CALENDAR if r.text("kind") == "month")
MONTH_ABBR = {r.text("word"): r.integer("number") for r in _CALENDAR if r.text("kind") == "month_abbr"}

# demonyms.csv, religions.csv: never places; the victims' community ("Alawite civilians").
DEMONYMS = words("demonyms.csv")
RELIGIONS = words("religions.csv")

# common_words.csv
ORG_ACRONYMS = words("common_words.csv", "org_acronym")  # "UN", "EU": also places in gazetteers
NEWS_AGENCIES = words("common_words.csv", "news_agency")  # "Xinhua", "Reuters": never places
PERSONAL_NAMES = words("common_words.csv", "personal_name")  # "Hassan", "Ali": need a locative cue
# "KYIV, Nov 3 (Reuters)": GeoNames has a town called Nov
FUNCTION_WORDS = words("common_words.csv", "function_word") | frozenset(MONTH_ABBR)
ORG_WORDS = words("common_words.csv", "org_word")  # make a capitalised run an organisation
FACILITY_WORDS = words("facility_words.csv")  # "Vancouver International Airport": a facility, not a place
COMMON_WORD_PLACES = words("common_words.csv", "common_word_place")  # never enough alone
CONTRACTIONS = tuple(sorted(words("common_words.csv", "contraction")))  # "I've", "Don't": never places


def _group_words() -> frozenset[str]:
    """armed_groups.csv: one-word names and aliases in lower case, plus each row's ``words``
    ("Fano", "FSA", "boko", "haram"): a capitalised word that is one of them is never a place."""
    out: set[str] = set()
    for row in table("armed_groups.csv"):
        for form in (row.text("name"), *row.items("aliases")):
            if " " not in form:
                out.add(form.lower())
        out.update(row.items("words"))
    return frozenset(out)


GROUP_NAMES = _group_words()

# people_words.csv
PERSON_TITLES = words("people_words.csv", "title")  # "President Ruto": a person
ROLE_NOUNS = words("people_words.csv", "role")  # "lawmaker Ali Sheha": a person
SPEECH_VERBS = words("people_words.csv", "speech_verb")  # "Sheha said"
ACTOR_POSSESSED = words("people_words.csv", "possessed")  # "France's foreign ministry": France acts
