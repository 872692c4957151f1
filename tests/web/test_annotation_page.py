"""The item page's annotation form through the Flask client: shown to whoever may annotate, stored as a
reviewer flag that lowers the MQM score shown on the page, refused with a reason when the span is wrong."""
from __future__ import annotations

import re

import pytest

from tests.web.test_review_flow import Login, post

pytestmark = pytest.mark.apertium


def mqm(page: str) -> float:
    match = re.search(r'id="mqm-value">([\d.]+)<', page)
    assert match, "no MQM score on the page"
    return float(match.group(1))


def test_annotating_a_span_adds_a_reviewer_flag_and_lowers_mqm(login: Login, scored_seed: int) -> None:
    translator = login("translator")
    item = f"/items/{scored_seed}"
    page = translator.get(item).get_data(as_text=True)
    assert 'id="annotate-form"' not in page  # not claimed: nothing to annotate yet
    before = mqm(page)
    assert post(translator, f"{item}/claim", item).status_code == 303
    page = translator.get(item).get_data(as_text=True)
    assert 'id="annotate-form"' in page and 'class="seg-edit"' in page and 'data-side="source"' in page
    assert post(translator, f"{item}/annotations", item, field="body", side="target", start="0", end="3",
                category="fluency/grammar", severity="major", note="wrong article").status_code == 303
    page = translator.get(item).get_data(as_text=True)
    assert "Annotation added: fluency/grammar (major)." in page
    assert "annotation by translator" in page and "wrong article" in page
    assert mqm(page) < before
    refused = post(translator, f"{item}/annotations", item, field="body", side="target", start="0", end="999999",
                   category="fluency/grammar", severity="major")
    assert refused.status_code == 400 and "is not inside the target body" in refused.get_data(as_text=True)
    editor_page = login("editor").get(item).get_data(as_text=True)
    assert 'id="annotate-form"' not in editor_page  # with its translator, not awaiting sign-off
