"""A flag route acts only on a flag of the document in its URL: /items/2/flags/1/dismiss, where flag 1 belongs to
document 1, is a 404 that changes nothing (dismiss, override, comment)."""
from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import func, select

from review.db.models import Document, FlagComment, FlagRow, Revision
from review.db.session import make_engine, make_session_factory
from review.settings import Settings
from tests.web.conftest import csrf_token


def test_flag_routes_check_the_flag_belongs_to_the_document(login: Callable[[str], FlaskClient], settings: Settings,
                                                            scored_seed: int) -> None:
    sessions = make_session_factory(make_engine(settings.database_url))
    with sessions() as session:
        flag_id = session.scalar(select(FlagRow.id).join(Revision).where(Revision.document_id == scored_seed))
        other = session.scalar(select(Document.id).where(Document.id != scored_seed).order_by(Document.id))
    assert flag_id is not None and other is not None
    admin = login("admin")
    token = csrf_token(admin, "/queue")
    for document_id in (other, scored_seed):
        admin.post(f"/items/{document_id}/claim", data={"csrf_token": token})
    for action, field in (("dismiss", "reason"), ("override", "reason"), ("comments", "body")):
        response = admin.post(f"/items/{other}/flags/{flag_id}/{action}",
                              data={field: "aimed at the wrong document", "csrf_token": token})
        assert response.status_code == 404, (action, response.status_code)
    with sessions() as session:
        assert session.scalar(select(FlagRow.status).where(FlagRow.id == flag_id)) == "open"
        assert session.scalar(select(func.count(FlagComment.id))) == 0
    right = admin.post(f"/items/{scored_seed}/flags/{flag_id}/comments", data={"body": "ok", "csrf_token": token})
    assert right.status_code == 303
