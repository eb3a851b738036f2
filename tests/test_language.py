"""An article not in English gives no incidents and says so (mapper.extract.language, W204)."""

from click.testing import CliRunner

from mapper.cli import cli
from mapper.extract.language import language_of

ENGLISH = ("Gunmen killed 12 people in the village of Doro on Monday, officials said. The attack was the third this "
           "month, and residents who fled from the town said that the toll was expected to rise.")
FRENCH = ("Des hommes armés ont tué 12 personnes dans le village de Doro lundi, selon les autorités. Les habitants "
          "sont partis et la ville est vide. Le bilan pour la région est lourd et les secours sont arrivés.")
SPANISH = ("Hombres armados mataron a 12 personas en el pueblo de Doro el lunes, según las autoridades. Los vecinos "
           "huyeron y la ciudad quedó vacía por la violencia de los grupos armados para una noche.")
ARABIC = "قتل مسلحون 12 شخصا في قرية دورو يوم الاثنين، بحسب مسؤولين محليين."


def test_the_language_of_a_text_is_told_by_the_detector():
    assert language_of(ENGLISH) == "English"
    assert language_of(FRENCH) == "French"
    assert language_of(SPANISH) == "Spanish"
    assert language_of(ARABIC) == "Arabic"  # the detector names the language, not only its script


def test_languages_of_one_script_are_told_apart():
    ukrainian = ("Озброєні люди вбили дванадцять людей у селі Доро в понеділок, повідомили місцеві чиновники. "
                 "Мешканці втекли з міста.")
    russian = ("Вооружённые люди убили двенадцать человек в деревне Доро в понедельник, сообщили местные "
               "чиновники. Жители бежали из города.")
    persian = "مردان مسلح روز دوشنبه دوازده نفر را در روستای دورو کشتند، مقامات محلی گفتند که ساکنان از شهر گریختند."
    assert language_of(ukrainian) == "Ukrainian"
    assert language_of(russian) == "Russian"
    assert language_of(persian) == "Persian"


def test_a_script_the_detector_does_not_know_is_named_by_its_script():
    assert language_of("ქალაქ დოროში შეიარაღებულმა პირებმა თორმეტი ადამიანი მოკლეს ორშაბათს.") == "Georgian script"


def test_short_english_notes_are_not_taken_for_another_language():
    # the detector alone calls "Clashes in Goma." German; a note this short is read by its function words
    for note in ("Clashes in Goma.", "Shelling hit Kharkiv on Monday.", "Fighting near Doro, officials said.",
                 "Gunmen attacked a convoy on the road to Kelva at dawn, killing two drivers and a guard."):
        assert language_of(note) == "English", note


def test_a_short_note_with_too_few_words_to_tell_is_read_as_english():
    assert language_of("Protesters gathered in Doro.") == "English"
    assert language_of("Le Doro.") == "English"  # two French words are no text in French


def test_an_english_note_full_of_spanish_names_stays_english():
    # the detector's trigrams say Spanish; the words that hold the sentences together are English
    note = ("On 3 June 2020, in Santa Rosa de Lima, Guanajuato, members of Cartel Santa Rosa de Lima clashed with "
            "members of Cartel Jalisco Nueva Generacion in colonia San Jose del Llano. Four members died. 4 fatalities.")
    found = ("Around 9 May 2020, in Villa del Carmen, Nuevo Leon, a person was found dead in Colonia Lomas del "
             "Pedregal. The body was mutilated inside a plastic bag. 1 fatality.")
    assert language_of(note) == "English"
    assert language_of(found) == "English"
    assert language_of("El 12 de marzo de 2021, en San Miguel del Monte, miembros del Cartel del Norte se "
                       "enfrentaron con policías en la colonia Los Olivos. Tres miembros del grupo murieron.") == "Spanish"


def test_english_quoting_another_language_stays_english():
    quoted = ENGLISH + ' A banner read "la lutte continue" and "el pueblo unido".'
    assert language_of(quoted) == "English"


def test_a_french_article_gives_a_warning_naming_the_file_and_no_incidents(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "fr_wire.txt").write_text(FRENCH + "\n", encoding="utf-8")
    (seeds / "en_wire.txt").write_text(ENGLISH + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--workers", "1", "--seeds", str(seeds), "--data", str(tmp_path / "data"),
                                      "--maps", str(tmp_path / "maps")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "W204" in line]
    assert len(warnings) == 1 and "fr_wire.txt" in warnings[0] and "French" in warnings[0]
    incidents = (tmp_path / "data" / "incidents.csv").read_text(encoding="utf-8")
    assert "en_wire" in incidents and "fr_wire" not in incidents


def test_the_ascii_word_pattern_finds_the_words_of_the_unicode_one_in_ascii_text():
    from mapper.extract.language import _ASCII_WORD, _WORD

    every = "".join(chr(c) for c in range(128))
    for text in (every, every[::-1], "abc_def 12ab a1b O'Neil al-Bab", ENGLISH):
        assert _ASCII_WORD.findall(text) == _WORD.findall(text)
