"""The review state machine and role rules. Illegal moves raise domain errors; nothing here touches storage."""
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
    APPROVE = "approve"
    SIGN_OFF = "sign_off"
    RETURN = "return"


class WorkflowError(Exception):
    """Base of the domain errors a view turns into a 4xx response."""


class IllegalTransition(WorkflowError):
    """The action is not allowed from the item's current state (HTTP 409)."""


class Forbidden(WorkflowError):
    """The user's role may not take this action (HTTP 403)."""


# action -> (states it may start from, state it leads to); APPROVE's target depends on the flags.
_TRANSITIONS: dict[Action, tuple[frozenset[Status], Status]] = {
    Action.SCORE: (frozenset({Status.NEW, Status.FAILED}), Status.SCORED),
    Action.FAIL: (frozenset({Status.NEW, Status.FAILED}), Status.FAILED),
    Action.CLAIM: (frozenset({Status.SCORED, Status.RETURNED, Status.IN_REVIEW}), Status.IN_REVIEW),
    Action.APPROVE: (frozenset({Status.SCORED, Status.IN_REVIEW, Status.RETURNED}), Status.APPROVED),
    Action.SIGN_OFF: (frozenset({Status.NEEDS_SIGNOFF}), Status.SIGNED_OFF),
    Action.RETURN: (frozenset({Status.NEEDS_SIGNOFF}), Status.RETURNED),
}

_ALLOWED_ROLES: dict[Action, frozenset[Role]] = {
    Action.SCORE: frozenset(Role),
    Action.FAIL: frozenset(Role),
    Action.CLAIM: frozenset({Role.TRANSLATOR, Role.ADMIN}),
    Action.APPROVE: frozenset({Role.TRANSLATOR, Role.ADMIN}),
    Action.SIGN_OFF: frozenset({Role.EDITOR, Role.ADMIN}),
    Action.RETURN: frozenset({Role.EDITOR, Role.ADMIN}),
}


def next_status(current: Status, action: Action, role: Role, *, needs_signoff: bool = False) -> Status:
    """The state `action` leads to, or a WorkflowError. Approving an item with major or critical
    flags routes it to the editor's sign-off queue instead of straight to approved."""
    if role not in _ALLOWED_ROLES[action]:
        raise Forbidden(f"a {role.value} may not {action.value.replace('_', ' ')} an item")
    sources, target = _TRANSITIONS[action]
    if current not in sources:
        raise IllegalTransition(f"cannot {action.value.replace('_', ' ')} an item that is {current.value.replace('_', ' ')}")
    if action is Action.APPROVE and needs_signoff:
        return Status.NEEDS_SIGNOFF
    return target
