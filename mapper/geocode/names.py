"""Place-name folding: one match key for the many Latin spellings of a name.

News copy, GeoNames and Wikipedia transliterate Arabic, Cyrillic, Kurdish...
names differently ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"). ``fold`` maps
such variants to one key so an exact dictionary lookup finds them; ``skeleton``
is a coarser consonant key used only to *propose* fuzzy candidates, which the
gazetteer then accepts or rejects with a string-similarity test.

``fold`` rules, in the order applied:

====  =========================================  ===========================  ==================================================
 #    rule                                       example                      why
====  =========================================  ===========================  ==================================================
 1    NFKD, drop combining marks; map letters    Bāniyās -> baniyas,          diacritics are dropped by most English copy
      NFKD leaves alone (ł ø đ ß æ ə ı ...);     Qamışlı -> qamisli
      casefold
 2    delete ' ’ ‘ ` ´ ʿ ʾ ʻ ʼ                    Ma'arrat -> maarrat          they mark ayn/hamza, which English copy mostly
                                                                              omits; turning them into spaces would split
                                                                              words ("ma arrat") and miss "Maarrat"
 3    hyphens and other punctuation -> space     ad-Dawr -> ad dawr           separates hyphen-prefixed articles into tokens
 4    drop Arabic article tokens (al el ad ed    Al Qamishli -> qamishli,     "al-" is written, assimilated or omitted at will;
      ar er as es ash esh at et az ez an en)     Deir ez-Zor -> deir zor      only whole tokens, so "Alan" stays "alan"; never
      unless it is the only token                                             the last remaining token
 5    drop a glued assimilated article           Deir Ezzor -> deir zor       "ez-Zor" is also written "Ezzor"; not on the
      (a/e + doubled sun letter) from a                                       first token, where it would eat real names
      non-first token                                                         ("Essen", "Ennis", "Addis")
 6    word-final ah/eh -> a, iye -> iya          Jableh/Jablah -> jabla,      ta marbuta is spelled -a, -ah, -eh, -e; done
                                                 Jnoudiye -> jnudiya          before kh -> h so "Gazakh" keeps apart from "Gaza"
 7    kh -> h, q -> k                            Kharkov -> harkov,           kh/h and q/k are the commonest consonant
                                                 Qamishli -> kamishli         alternations (Khan/Han, Qamishli/Kamishli)
 8    ee -> i, oo/ou -> u                        Tartous -> tartus            English and French vowel spellings of i / u
 9    ay, ey, ei -> ai; aw -> o                  Dayr/Deir/Deyr -> dair,      Arabic diphthongs; only before a consonant or
      (not before a vowel)                       Zawr -> zor                  word end, so the y/w of "Bayan"/"Hawija" stays a
                                                                              consonant
 10   o -> u                                     Zor/Zour/Zawr -> zur         Arabic has no "o": Levantine o and classical u
                                                                              are the same vowel (this also makes Homs/Khoms
                                                                              meet, which the country filter separates)
 11   word-final y -> i                          Kamishly -> kamishli         final -i is written -y in English copy
 12   collapse doubled letters                   Lattakia -> latakia          gemination is marked or not at will
 13   collapse spaces                            "  a  b " -> "a b"           stable keys
====  =========================================  ===========================  ==================================================

Rules deliberately *not* applied, so unrelated names keep apart: no i/e or
a/e merging (Kyiv/Kiev, Homs/Hama stay distinct; those meet through GeoNames
alternate names), no dropping of other vowels (that is ``skeleton``'s job).

``skeleton`` = ``fold`` with spaces and every vowel except a leading one
removed, w -> v, and doubled letters collapsed again: "Kharkiv" and
"Kharkov" both give "hrkv".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into base letter + combining mark.
_SPECIAL_LETTERS = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d",
    "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ə": "e",
    "Ə": "e", "ħ": "h", "þ": "th", "ŀ": "l", "ŋ": "n",
})
_APOSTROPHES = re.compile(r"['’‘`´ʿʾʻʼ′]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
ARTICLES = frozenset(
    "al el ad ed ar er as es ash esh at et az ez an en".split()
)
# a/e + a doubled "sun letter" (the consonants the article assimilates to).
_GLUED_ARTICLE = re.compile(r"^[ae](?=(t|d|r|z|s|n)\1)")
_DIPHTHONG_AI = re.compile(r"(?:ay|ey|ei)(?![aeiouy])")
_DIPHTHONG_AW = re.compile(r"aw(?![aeiouy])")
_DOUBLED = re.compile(r"(.)\1+")
_NON_LEADING_VOWELS = re.compile(r"(?<=.)[aeiouy]")


def _strip_marks(name: str) -> str:
    if name.isascii():  # most names; NFKD would change nothing
        return name
    decomposed = unicodedata.normalize("NFKD", name.translate(_SPECIAL_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)  # words recur across names ("tell", "kafr", "village")
def _fold_token(token: str) -> str:
    if token.endswith(("ah", "eh")) and len(token) > 3:
        token = token[:-2] + "a"
    elif token.endswith("iye"):
        token = token[:-1] + "a"
    token = token.replace("kh", "h").replace("q", "k")
    token = token.replace("ee", "i").replace("oo", "u").replace("ou", "u")
    token = _DIPHTHONG_AI.sub("ai", token)
    token = _DIPHTHONG_AW.sub("o", token)
    token = token.replace("o", "u")
    if token.endswith("y") and len(token) > 2:
        token = token[:-1] + "i"
    return _DOUBLED.sub(r"\1", token)


@lru_cache(maxsize=1 << 18)
def fold(name: str) -> str:
    """The primary match key of a place name (see the module docstring)."""
    text = _strip_marks(name).casefold()
    text = _APOSTROPHES.sub("", text)
    tokens = _NON_ALNUM.sub(" ", text).split()
    words = [token for token in tokens if token not in ARTICLES]
    if not words:  # the name is nothing but an article ("Al"): keep it
        words = tokens
    for index in range(1, len(words)):
        unglued = _GLUED_ARTICLE.sub("", words[index])
        if len(unglued) >= 3:
            words[index] = unglued
    return " ".join(_fold_token(word) for word in words)


def skeleton(name: str) -> str:
    """A coarse consonant key for fuzzy fallback: "Kharkiv" -> "hrkv"."""
    return skeleton_of_fold(fold(name))


def skeleton_of_fold(key: str) -> str:
    """``skeleton`` of a name whose ``fold`` is ``key`` (saves refolding keys)."""
    key = key.replace(" ", "").replace("w", "v")
    key = _NON_LEADING_VOWELS.sub("", key)
    return _DOUBLED.sub(r"\1", key)
