"""Sentence-by-sentence editing through the Flask client: the grid's boxes carry each English sentence's span;
saving two of them makes one revision of the whole document, with the rest of the text as it was."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from review.db.models import Revision
from review.db.session import make_engine, make_session_factory
from review.settings import Settings
from tests.web.test_review_flow import Login, post

pytestmark = pytest.mark.apertium
BOX = re.compile(r'<textarea form="grid-form" class="seg-edit" name="(s-(\w+)-(\d+)-(\d+))"')


def test_two_sentences_saved_from_the_grid_make_one_revision(login: Login, scored_seed: int,
                                                             settings: Settings) -> None:
    translator = login("translator")
    item = f"/items/{scored_seed}"
    assert "grid-form" not in translator.get(item).get_data(as_text=True)  # not claimed: no boxes
    post(translator, f"{item}/claim", item)
    page = translator.get(item).get_data(as_text=True)
    boxes = [(name, field, int(start), int(end)) for name, field, start, end in BOX.findall(page)]
    body_boxes = [box for box in boxes if box[1] == "body"]
    assert len(body_boxes) >= 2 and any(box[1] == "headline" for box in boxes)
    with make_session_factory(make_engine(settings.database_url))() as session:
        before = session.scalar(select(Revision).where(Revision.document_id == scored_seed)).target_body
    (first, _, s1, e1), (second, _, s2, e2) = body_boxes[0], body_boxes[1]
    response = post(translator, f"{item}/sentences", item, base_revision="1",
                    **{first: "The first sentence, rewritten.", second: "The second one too."})
    assert response.status_code == 303
    assert "Saved revision 2" in html.unescape(translator.get(item).get_data(as_text=True))
    with make_session_factory(make_engine(settings.database_url))() as session:
        after = session.scalar(select(Revision).where(Revision.document_id == scored_seed, Revision.number == 2))
        assert after.target_body == (before[:s1] + "The first sentence, rewritten." + before[e1:s2]
                                     + "The second one too." + before[e2:])
    stale = post(translator, f"{item}/sentences", item, base_revision="1", **{first: "Late."})
    assert stale.status_code == 409 and "Late." in stale.get_data(as_text=True)  # the conflict page keeps it
