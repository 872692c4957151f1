"""The review desk's API: annotations (201 with the flag, then in the document as origin reviewer; 400 outside the
text), and the list of batches."""
from __future__ import annotations

import pytest
from flask import Flask

from tests.web.conftest import Tokens
from tests.web.test_api import bearer


@pytest.mark.apertium
def test_an_annotation_becomes_a_reviewer_flag_of_the_document(app: Flask, scored_seed: int, tokens: Tokens) -> None:
    client = app.test_client()
    translator, editor = bearer(tokens["translator"]), bearer(tokens["editor"])
    url = f"/api/v1/documents/{scored_seed}/annotations"
    document = client.get(f"/api/v1/documents/{scored_seed}", headers=translator).json
    assert document["flags"] and {f["origin"] for f in document["flags"]} == {"detector"}
    assert all(f["author"] is None for f in document["flags"])
    headline = document["target"]["headline"]
    word = headline.split()[1]
    start = headline.index(word)
    annotation = {"field": "headline", "side": "target", "start": start, "end": start + len(word),
                  "category": "accuracy/mistranslation", "severity": "major", "note": "not what the Spanish says"}
    assert client.post(url, json=annotation, headers=translator).status_code == 409  # not claimed yet
    assert client.post(f"/api/v1/documents/{scored_seed}/claim", headers=translator).status_code == 200
    assert client.post(url, json=annotation, headers=editor).status_code == 409  # still with its translator
    for bad in ({**annotation, "end": len(headline) + 1}, {**annotation, "start": -1}, {**annotation, "start": "0"},
                {**annotation, "severity": "info"}, {**annotation, "category": "accuracy"}, {**annotation, "side": "x"},
                {k: v for k, v in annotation.items() if k != "field"}):
        response = client.post(url, json=bad, headers=translator)
        assert response.status_code == 400 and response.json["status"] == 400, bad
    created = client.post(url, json=annotation, headers=translator)
    assert created.status_code == 201
    flag = created.json
    assert (flag["origin"], flag["author"], flag["code"], flag["category"], flag["severity"]) == (
        "reviewer", "translator", "accuracy/mistranslation", "accuracy", "major")
    assert flag["target_span"] == [start, start + len(word)] and flag["source_span"] is None
    omission = client.post(url, json={**annotation, "side": "source", "start": 0, "end": 5,
                                      "category": "accuracy/omission", "note": ""}, headers=translator).json
    assert omission["source_span"] == [0, 5] and omission["target_span"] is None
    assert omission["message"].startswith("Accuracy: omission")
    listed = client.get(f"/api/v1/documents/{scored_seed}", headers=editor).json["flags"]
    reviewer = [f for f in listed if f["origin"] == "reviewer"]
    assert [f["id"] for f in reviewer] == [flag["id"], omission["id"]]
    assert all(f["author"] == "translator" for f in reviewer)


def test_batches_are_listed_with_their_progress(app: Flask, tokens: Tokens) -> None:
    from tests.web.test_api import submit
    from tests.web.conftest import DEMO

    client = app.test_client()
    assert client.get("/api/v1/batches", headers=bearer(tokens["translator"])).json == {"batches": []}
    first = submit(client, tokens["admin"], DEMO, "monday").json["id"]
    listed = client.get("/api/v1/batches", headers=bearer(tokens["translator"])).json["batches"]
    assert [(b["id"], b["name"], b["status"], b["done"], b["total"]) for b in listed] == [
        (first, "monday", "queued", 0, 6)]
    assert listed[0]["created"].endswith("Z")
    assert client.get("/api/v1/batches").status_code == 401
