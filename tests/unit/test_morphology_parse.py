"""Apertium tagger stream parsing: the fast path and the general one give the tokens the format defines."""
from __future__ import annotations

from review.core.text.morphology import Token, parse_line, reanalysed, split_unit


def test_plain_units_contractions_multiwords_and_unknown_words() -> None:
    line = "Del rally echó por tierra Jerí."
    stream = ("^Del/de<pr>+el<det><def><m><sg>$ ^rally/rally<n><m><sg>$ "
              "^echó por tierra/echar<vblex><ifi><p3><sg># por tierra$ ^Jerí/*Jerí$^./.<sent>$")
    assert parse_line(stream, line) == (
        Token("Del", "de", ("pr",), 0, 3, (("el", ("det", "def", "m", "sg")),)),
        Token("rally", "rally", ("n", "m", "sg"), 4, 9),
        Token("echó por tierra", "echar por tierra", ("vblex", "ifi", "p3", "sg"), 10, 25, split=True),
        Token("Jerí", "Jerí", (), 26, 30),
        Token(".", ".", ("sent",), 30, 31),
    )


def test_escapes_and_irregular_tags_take_the_general_path() -> None:
    line = "a/b x<y q r s t"
    stream = r"^a\/b/a\/b<n><sg>$ ^x\<y/*x\<y$ ^q/q<n>z<x>$ ^r/r<>$ ^s/s<a<b>$ ^t$"
    assert parse_line(stream, line) == (
        Token("a/b", "a/b", ("n", "sg"), 0, 3),
        Token("x<y", "x<y", (), 4, 7),
        Token("q", "qz", ("n", "x"), 8, 9),  # tags not all at the end
        Token("r", "r<>", (), 10, 11),  # an empty tag is not a tag
        Token("s", "s", ("a<b",), 12, 13),
        Token("t", "t", (), 14, 15),  # no analysis at all
    )


def test_a_surface_missing_from_the_line_gets_an_empty_span_where_the_search_stands() -> None:
    assert parse_line("^uno/uno<num>$ ^dos/dos<num>$", "uno tres") == (
        Token("uno", "uno", ("num",), 0, 3), Token("dos", "dos", ("num",), 3, 3))



def test_units_split_and_tokens_reanalysed() -> None:
    """How the translation's tagged stream gets dictionary-case lemmas (review.core.text.tagged_source)."""
    assert split_unit("Los/El<det><def><m><pl>") == ("Los", "El<det><def><m><pl>")
    assert split_unit(r"a\/b/a\/b<n>") == (r"a\/b", r"a\/b<n>") and split_unit("t") == ("t", "t")
    [token] = parse_line("^Del/De<pr>+el<det><def><m><sg>$", "Del")
    assert reanalysed(token, "de<pr>+el<det><def><m><sg>") == Token("Del", "de", ("pr",), 0, 3, (("el", ("det", "def", "m", "sg")),))
