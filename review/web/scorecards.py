"""The batch scorecard as a download, CSV (one row per document and one for the batch) or JSON."""
from __future__ import annotations

import json

from flask import Blueprint, Response
from flask_login import login_required

from review.services.scorecards import batch_scorecard, scorecard_csv
from review.web.context import db

blueprint = Blueprint("scorecards", __name__)


@blueprint.route("/batches/<id:batch_id>/scorecard.<any(csv, json):fmt>")
@login_required
def download(batch_id: int, fmt: str) -> Response:
    card = batch_scorecard(db(), batch_id)
    body, mimetype = (scorecard_csv(card), "text/csv") if fmt == "csv" else (json.dumps(card, indent=1), "application/json")
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="batch-{batch_id}-scorecard.{fmt}"'})
