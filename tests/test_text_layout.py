"""A PDF's printed lines joined back into paragraphs (mapper.text_layout)."""

from mapper.text_layout import unwrap_lines

WRAPPED = (
    "Flash Update No. 3: Displacement in North Kivu\n"
    "On 13 June, armed men attacked a displacement site near Goma, killing four people,\n"
    "including two children, according to local authorities. Humanitarian partners say\n"
    "the site hosted some 12,000 people.\n"
    "Following clashes between armed groups in Kitshanga on 12 June, an estimated 8,000\n"
    "people fled towards Mweso, where shelters are already full, partners report.\n"
)


def test_the_lines_of_a_paragraph_are_one_line_and_a_short_last_line_ends_it():
    assert unwrap_lines(WRAPPED).split("\n") == [
        "Flash Update No. 3: Displacement in North Kivu",
        "On 13 June, armed men attacked a displacement site near Goma, killing four people, including two "
        "children, according to local authorities. Humanitarian partners say the site hosted some 12,000 people.",
        "Following clashes between armed groups in Kitshanga on 12 June, an estimated 8,000 people fled towards "
        "Mweso, where shelters are already full, partners report.",
    ]


def test_a_word_broken_at_the_end_of_a_line_is_joined():
    text = ("Residents described the attack on the camp as the worst since the start of the displace-\n"
            "ment crisis in the province, officials of the local administration said on Friday evening.\n")
    assert "displacement crisis" in unwrap_lines(text)


def test_a_short_line_that_stops_on_a_comma_goes_on():
    text = ("A very long first line of the report, which fills the whole width of the printed column,\n"
            "and then a short one,\n"
            "that the sentence continues on after the break.\n")
    assert unwrap_lines(text) == ("A very long first line of the report, which fills the whole width of the printed "
                                  "column, and then a short one, that the sentence continues on after the break.")


def test_bullets_headings_and_blank_lines_keep_their_own_lines():
    text = ("Key figures for the week of fighting in the eastern provinces of the country\n"
            "• 4,000 people displaced\n"
            "• 12 health centres closed\n"
            "\n"
            "Humanitarian response\n")
    assert unwrap_lines(text).split("\n") == ["Key figures for the week of fighting in the eastern provinces of the "
                                              "country", "• 4,000 people displaced", "• 12 health centres closed",
                                              "Humanitarian response"]


def test_a_page_of_short_lines_keeps_every_line():
    assert unwrap_lines("Goma\nBukavu\nUvira\n") == "Goma\nBukavu\nUvira"
