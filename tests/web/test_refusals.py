"""A refused form post goes back to the page it came from with the reason; without a same-site referrer (a
script, an API tool) the status code stays."""
from __future__ import annotations

import pytest

from tests.web.conftest import csrf_token
from tests.web.test_review_flow import Login

pytestmark = pytest.mark.apertium


def test_a_refusal_is_explained_on_the_page_it_came_from(login: Login, scored_seed: int) -> None:
    translator = login("translator")
    item = f"/items/{scored_seed}"
    token = csrf_token(translator, item)
    translator.post(f"{item}/claim", data={"csrf_token": token})
    refused = translator.post(f"{item}/approve", data={"csrf_token": token},
                              headers={"Referer": f"http://localhost{item}"})
    assert refused.status_code == 303 and refused.headers["Location"] == item
    page = translator.get(item).get_data(as_text=True)
    assert '<p class="notice error" role="status">Not done: resolve the' in page
    elsewhere = translator.post(f"{item}/approve", data={"csrf_token": token},
                                headers={"Referer": "http://evil.example/items/1"})
    assert elsewhere.status_code == 409
    assert translator.post(f"{item}/approve", data={"csrf_token": token}).status_code == 409
