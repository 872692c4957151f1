"""Hunspell word lists: stems read without affixes, names told from common words, missing files read as empty."""
from __future__ import annotations

from pathlib import Path

from review.core.flags.wordlists import is_english_word, is_spanish_common_word, is_spanish_verb_form


def dictionary(tmp_path: Path, name: str, text: str) -> tuple[Path, ...]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return (path,)


def test_spanish_common_words_and_names(tmp_path: Path) -> None:
    spanish = dictionary(tmp_path, "es.dic", "6\nfiscalía/S\ntreta/S\nvega/S\nVega\nSevilla\ndelegación/S\n")
    assert is_spanish_common_word("Fiscalía", spanish)
    assert is_spanish_common_word("Subdelegación", spanish)  # a prefixed common word
    assert not is_spanish_common_word("Subvega", spanish)  # the rest too short to tell a prefix
    assert is_spanish_common_word("Tretas", spanish)  # a plural found through its stem
    assert not is_spanish_common_word("Vega", spanish)  # also listed as a name
    assert not is_spanish_common_word("Sevilla", spanish)
    assert not is_spanish_common_word("Korolev", spanish)
    assert not is_spanish_common_word("ONU", spanish)


def test_inflected_and_unaccented_spanish_words(tmp_path: Path) -> None:
    spanish = dictionary(tmp_path, "es.dic", "4\naprovisionar/RED\nprecedente/S\ndesgravación/S\nademás\n")
    assert is_spanish_common_word("Aprovisionada", spanish)  # a participle through its verb
    assert is_spanish_common_word("Precedentemente", spanish)  # an adverb through its adjective
    assert is_spanish_common_word("Desgravaciones", spanish)
    assert is_spanish_common_word("Ademas", spanish)  # its accent lost
    assert not is_spanish_common_word("Aprovisionadero", spanish)


def test_conjugated_spanish_verbs(tmp_path: Path) -> None:
    spanish = dictionary(tmp_path, "es.dic", "4\nsuceder/RED\nintuir/IRD\nnevar/IRD\nArmando\n")
    assert all(is_spanish_verb_form(word, spanish) for word in ("Sucedió", "Intuyó", "Nevaba", "Sucedieron"))
    assert not is_spanish_verb_form("Armando", spanish)  # listed as a name
    assert not is_spanish_verb_form("Korolev", spanish)


def test_spanish_verbs_with_pronouns_at_their_end(tmp_path: Path) -> None:
    spanish = dictionary(tmp_path, "es.dic", "4\ncallar/RED\nhacer/RED\ncana/S\nmirar/RED\n")
    assert all(is_spanish_verb_form(word, spanish) for word in ("Cállate", "Hacerlo", "Mírame", "Mírala"))
    assert not is_spanish_verb_form("Canales", spanish)  # cana + les: a noun, not a verb, before the pronoun
    assert not is_spanish_verb_form("Sele", spanish)  # too little left before the pronoun


def test_english_words_through_their_stems(tmp_path: Path) -> None:
    english = dictionary(tmp_path, "en.dic", "\ufeff3\ncalibre/M\npretension/SM\nclose/DG\n")  # en_GB starts with a BOM
    assert all(is_english_word(word, english) for word in ("calibre", "pretensions", "closed", "closing"))
    assert not is_english_word("cambio", english)


def test_a_missing_dictionary_reads_as_empty(tmp_path: Path) -> None:
    missing = (tmp_path / "none.dic",)
    assert not is_spanish_common_word("Fiscalía", missing)
    assert not is_english_word("calibre", missing)
