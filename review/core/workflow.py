"""The review state machine and role rules. Illegal moves raise domain errors; nothing here touches storage.

States: new → scored → in_review → approved | needs_signoff → signed_off, plus returned (an editor
sent the item back) and failed (the pipeline gave up). Approving an item that carried major or
critical flags routes it to needs_signoff, the editor's queue.
"""
from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    NEW = "new"
    SCORED = "scored"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    NEEDS_SIGNOFF = "needs_signoff"
    SIGNED_OFF = "signed_off"
    RETURNED = "returned"
    FAILED = "failed"


class Role(str, Enum):
    TRANSLATOR = "translator"
    EDITOR = "editor"
    ADMIN = "admin"


class Action(str, Enum):
    SCORE = "score"
    FAIL = "fail"
    CLAIM = "claim"
    EDIT = "edit"
    DISMISS_FLAG = "dismiss_flag"
    APPROVE = "approve"
    SIGN_OFF = "sign_off"
    RETURN = "return"
    OVERRIDE_FLAG = "override_flag"


class FlagStatus(str, Enum):
    OPEN = "open"
    DISMISSED = "dismissed"  # a translator explained why it is a false alarm
    OVERRIDDEN = "overridden"  # an editor overrode it as a false alarm


class WorkflowError(Exception):
    """Base of the domain errors a view turns into a 4xx response."""


class IllegalTransition(WorkflowError):
    """The action is not allowed from the item's current state (HTTP 409)."""


class Forbidden(WorkflowError):
    """The user's role may not take this action (HTTP 403)."""


class InvalidRequest(WorkflowError):
    """The request is incomplete, e.g. a return without a comment (HTTP 400)."""


REVIEWING = frozenset({Status.IN_REVIEW})
# action -> the states it may be taken in; the state it leads to is in _LEADS_TO (None: unchanged).
_ALLOWED_FROM: dict[Action, frozenset[Status]] = {
    Action.SCORE: frozenset({Status.NEW, Status.FAILED}),
    Action.FAIL: frozenset({Status.NEW, Status.FAILED}),
    Action.CLAIM: frozenset({Status.SCORED, Status.RETURNED, Status.IN_REVIEW}),
    Action.EDIT: REVIEWING,
    Action.DISMISS_FLAG: REVIEWING,
    Action.APPROVE: REVIEWING,
    Action.SIGN_OFF: frozenset({Status.NEEDS_SIGNOFF}),
    Action.RETURN: frozenset({Status.NEEDS_SIGNOFF}),
    Action.OVERRIDE_FLAG: frozenset({Status.NEEDS_SIGNOFF}),
}
_LEADS_TO: dict[Action, Status | None] = {
    Action.SCORE: Status.SCORED,
    Action.FAIL: Status.FAILED,
    Action.CLAIM: Status.IN_REVIEW,
    Action.EDIT: None,
    Action.DISMISS_FLAG: None,
    Action.APPROVE: Status.APPROVED,
    Action.SIGN_OFF: Status.SIGNED_OFF,
    Action.RETURN: Status.RETURNED,
    Action.OVERRIDE_FLAG: None,
}
_TRANSLATOR_WORK = frozenset({Role.TRANSLATOR, Role.ADMIN})
_EDITOR_WORK = frozenset({Role.EDITOR, Role.ADMIN})
ALLOWED_ROLES: dict[Action, frozenset[Role]] = {
    Action.SCORE: frozenset(Role),
    Action.FAIL: frozenset(Role),
    Action.CLAIM: _TRANSLATOR_WORK,
    Action.EDIT: _TRANSLATOR_WORK,
    Action.DISMISS_FLAG: _TRANSLATOR_WORK,
    Action.APPROVE: _TRANSLATOR_WORK,
    Action.SIGN_OFF: _EDITOR_WORK,
    Action.RETURN: _EDITOR_WORK,
    Action.OVERRIDE_FLAG: _EDITOR_WORK,
}
NEEDS_REASON = frozenset({Action.DISMISS_FLAG, Action.RETURN, Action.OVERRIDE_FLAG})
MAX_REASON_CHARS = 2_000


def check_role(action: Action, role: Role) -> None:
    if role not in ALLOWED_ROLES[action]:
        raise Forbidden(f"a {role.value} may not {_words(action.value)}")


def next_status(current: Status, action: Action, role: Role, *, carried_serious_flags: bool = False,
                open_flags: int = 0, reason: str = "") -> Status:
    """The state `action` leads to from `current`, or a WorkflowError saying why not."""
    check_role(action, role)
    if current not in _ALLOWED_FROM[action]:
        raise IllegalTransition(f"cannot {_words(action.value)} an item that is {_words(current.value)}")
    if action in NEEDS_REASON and not reason.strip():
        raise InvalidRequest(f"to {_words(action.value)}, give a reason")
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidRequest(f"a reason may hold at most {MAX_REASON_CHARS:,} characters")
    if action is Action.APPROVE:
        if open_flags:
            raise IllegalTransition(f"resolve the {open_flags} open flag(s) first: fix the English, "
                                    "or explain why each is a false alarm")
        return Status.NEEDS_SIGNOFF if carried_serious_flags else Status.APPROVED
    return _LEADS_TO[action] or current


def _words(value: str) -> str:
    return value.replace("_", " ")
