"""General word lists used by the rules (not tuned to any one article or conflict).

All entries are lower-case; callers compare with ``word.lower()``.
"""

from __future__ import annotations

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
)
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
              "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

# Demonyms / nationalities / languages. Words with typical demonym endings are also
# caught by places._looks_demonym; this list covers irregular ones and plurals.
DEMONYMS = frozenset("""
afghan afghans african africans albanian algerian american americans arab arabs arabic armenian asian
australian austrian azerbaijani azeri bahraini bangladeshi belarusian belgian bosnian brazilian british briton britons
bulgarian burmese burundian cameroonian canadian chadian chechen chinese colombian congolese croatian cuban
cypriot czech danish dutch egyptian emirati eritrean estonian ethiopian european europeans filipino finnish french
georgian german germans ghanaian greek guatemalan haitian honduran hungarian indian indonesian iranian iranians iraqi iraqis
irish israeli israelis italian ivorian japanese jordanian kazakh kenyan korean kosovar kurd kurds kurdish kuwaiti kyrgyz
lebanese liberian libyan lithuanian malian malaysian mauritanian mexican mexicans moldovan moroccan mozambican
nigerian nigerien norwegian pakistani pakistanis palestinian palestinians persian peruvian polish portuguese qatari
romanian russian russians rwandan salvadoran saudi saudis senegalese serb serbs serbian sahrawi somali somalis
south spanish sudanese swedish swiss syrian syrians taiwanese tajik tanzanian thai tunisian turkish turks turkmen
ugandan ukrainian ukrainians uzbek venezuelan vietnamese western yemeni yemenis zambian zimbabwean
pashtun pashto baloch hazara tigrayan tigrayans amhara oromo somali afar berber tuareg fulani hausa yoruba igbo
masalit zaghawa fur nuer dinka hutu hutus tutsi tutsis banyamulenge lendu hema rohingya kachin karen shan chin rakhine bamar
yazidi yazidis druze bedouin bedouins circassian assyrian turkmen uyghur uighur tamil sinhalese
""".split())

RELIGIONS = frozenset("""
alawite alawites alawi sunni sunnis shia shiite shiites shi'ite ismaili muslim muslims islam islamic islamist islamists
christian christians christianity catholic catholics orthodox protestant protestants evangelical coptic copt copts maronite
jewish jew jews judaism hindu hindus buddhist buddhists sikh sikhs sufi salafi salafist jihadist jihadists wahhabi baha'i
allah god ramadan eid christmas easter quran koran bible
""".split())

# Organisation acronyms that gazetteers also list as places ("UN", "EU").
ORG_ACRONYMS = frozenset("un eu nato au ecowas unhcr unicef ocha wfp who icrc msf hrw iom undp unrwa osce iaea icc".split())

# Very common given names that are also towns in GeoNames ("Hassan", "Ali", "Khan"):
# like common words, they need a locative cue to count as places.
PERSONAL_NAMES = frozenset("""
ali hassan hussein husain omar umar ahmed ahmad mohammed muhammad mohamed abu khan ibrahim ismail yusuf youssef
mustafa mahmoud khalid salim saleh fatima aisha maryam john james david michael peter paul mary victoria
maria jose juan carlos luis george william charles
""".split())

GROUP_NAMES = frozenset("""
houthi houthis taliban hamas hezbollah hizbollah isis isil daesh wagner rsf saf janjaweed m23 al-shabaab shabaab
boko haram farc eln cjng sinaloa zetas hts pkk ypg sdf fsa idf
""".split())

# Capitalised words that begin sentences or headings and are never places by themselves.
FUNCTION_WORDS = frozenset("""
a an the this that these those there here it its he she they we i you his her their our my your
and but or nor so yet for of in on at by to from with without into onto over under after before during since until
while when where whereas although though because if as than then also additionally meanwhile however moreover furthermore
according earlier later today yesterday tomorrow tonight last next some many several most all both each every few
one two three four five six seven eight nine ten dozens hundreds thousands scores no not none nobody
mr mrs ms dr sir madam
more less much such other another only even still just now what which who whose why how once either neither
despite amid among around between following nearly over through under unlike upon whether within
""".split()) | frozenset(MONTH_ABBR)  # "KYIV, Nov 3 (Reuters)": GeoNames has a town called Nov

# Words that make a capitalised sequence an organisation rather than a place.
ORG_WORDS = frozenset("""
observatory press agency news ministry ministries army forces force front council committee organization organisation
party movement brigade brigades battalion battalions group union nations office court commission network watch amnesty
crescent cross police guard guards authority authorities government parliament assembly university institute bank
company corporation corps militia coalition alliance federation foundation international times post journal television
tv radio reuters afp bbc cnn aljazeera jazeera associated unicef unhcr ocha who icrc msf hrw department bureau service
services administration cabinet senate congress presidency police directorate command headquarters program programme
fund association society centre center club team league mission
""".split())

# Titles that make the following capitalised words a person.
PERSON_TITLES = frozenset("""
president vice prime minister general gen col colonel lt lieutenant major maj capt captain sgt sergeant commander
mr mrs ms dr sheikh sheik imam father pastor bishop archbishop pope king prince princess queen emir governor mayor
senator rep representative ambassador spokesman spokeswoman spokesperson chief judge justice lawyer secretary
ayatollah mullah rabbi reverend rev sultan chairman chairwoman director professor prof ceo
""".split())

# Lower-case role nouns that, right before a capitalised name, mark it as a person.
ROLE_NOUNS = frozenset("""
lawmaker legislator mp politician minister president spokesman spokeswoman spokesperson commander leader chief official
officer director resident residents farmer journalist reporter photographer analyst activist researcher witness doctor
nurse surgeon teacher student lawyer envoy ambassador governor mayor deputy senator colonel general general's
father mother son daughter brother sister husband wife uncle aunt cousin neighbour neighbor survivor victim
correspondent editor blogger cleric imam priest pastor head founder member mr mrs ms dr
""".split())

SPEECH_VERBS = frozenset("""
said says say told tells stated states added adds described describes reported reports confirmed confirms recalled recalls
explained explains noted notes wrote writes claimed claims denied denies insisted insists warned warns urged urges
called calls expressed expresses condemned condemns announced announces accused accuses demanded demands rejected rejects
welcomed welcomes pledged pledges asked asks argued argues believes believed estimated estimates tweeted posted
""".split())

# Possessive institutions: "France's foreign ministry" => France is an actor there.
ACTOR_POSSESSED = frozenset("""
foreign ministry ministries government president prime army military forces troops embassy envoy ambassador officials
leaders leader authorities parliament defence defense interior security police navy air intelligence regime
administration cabinet spokesman spokeswoman delegation representative
""".split())

# Capitalised words that are also the names of (mostly small) places; never enough alone.
COMMON_WORD_PLACES = frozenset("""
police army government friday death photos reading mobile nice split deal victory liberty independence union hope
progress unity peace eagle march may august june sale bath most best bar man men women children street
central center centre north south east west university hospital parliament general colonel major president
media rapid support security health justice freedom salvation mercy grace

""".split())
