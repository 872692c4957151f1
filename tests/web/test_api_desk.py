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


@pytest.mark.apertium
def test_scorecard_and_detector_record_through_the_api(app: Flask, scored_seed: int, tokens: Tokens) -> None:
    client = app.test_client()
    editor = bearer(tokens["editor"])
    document = client.get(f"/api/v1/documents/{scored_seed}", headers=editor).json
    card = client.get(f"/api/v1/batches/{document['batch_id']}/scorecard", headers=editor)
    assert card.status_code == 200
    seed = next(row for row in card.json["per_document"] if row["document_id"] == scored_seed)
    assert seed["detector"]["flags"] == len(document["flags"]) and seed["reviewer"]["flags"] == 0
    assert card.json["documents"] == 6 and card.json["translators"] == []
    assert client.get("/api/v1/batches/999/scorecard", headers=editor).status_code == 404
    record = client.get("/api/v1/detectors", headers=editor).json
    assert record["batch"] is None
    quote = next(row for row in record["codes"] if row["code"] == "quote_dropped")
    assert quote["raised"] == quote["open"] >= 1 and quote["confirmation_rate"] is None  # nothing decided yet
    assert client.get(f"/api/v1/detectors?batch={document['batch_id']}", headers=editor).json["codes"] == record["codes"]
    assert client.get("/api/v1/detectors?batch=999", headers=editor).status_code == 404


@pytest.mark.apertium
def test_scorecard_downloads(app: Flask, scored_seed: int, login) -> None:  # type: ignore[no-untyped-def]
    client = login("editor")
    csv_file = client.get("/batches/1/scorecard.csv")
    assert csv_file.status_code == 200 and csv_file.mimetype == "text/csv"
    lines = csv_file.get_data(as_text=True).splitlines()
    assert lines[0].startswith("document,status,words,mqm,detector_mqm,reviewer_mqm,detector:accuracy:critical,"
                               "detector:accuracy:major,detector:accuracy:minor")
    assert len(lines) == 1 + 6 + 1 and lines[-1].startswith("batch demo,")
    assert "attachment" in csv_file.headers["Content-Disposition"]
    assert client.get("/batches/1/scorecard.json").json["documents"] == 6
