"""The state machine and the role × action matrix, table-driven."""
from __future__ import annotations

import pytest

from review.core.workflow import ALLOWED_ROLES, Action, Forbidden, IllegalTransition, InvalidRequest, Role, Status, \
    next_status

T, E, A = Role.TRANSLATOR, Role.EDITOR, Role.ADMIN
MATRIX = {
    Action.CLAIM: {T, A}, Action.EDIT: {T, A}, Action.DISMISS_FLAG: {T, A}, Action.APPROVE: {T, A},
    Action.SIGN_OFF: {E, A}, Action.RETURN: {E, A}, Action.OVERRIDE_FLAG: {E, A},
    Action.SCORE: {T, E, A}, Action.FAIL: {T, E, A},
}
A_STATE_WHERE_ALLOWED = {
    Action.CLAIM: Status.SCORED, Action.EDIT: Status.IN_REVIEW, Action.DISMISS_FLAG: Status.IN_REVIEW,
    Action.APPROVE: Status.IN_REVIEW, Action.SIGN_OFF: Status.NEEDS_SIGNOFF, Action.RETURN: Status.NEEDS_SIGNOFF,
    Action.OVERRIDE_FLAG: Status.NEEDS_SIGNOFF, Action.SCORE: Status.NEW, Action.FAIL: Status.NEW,
}


def test_matrix_covers_every_action() -> None:
    assert set(MATRIX) == set(Action) == set(ALLOWED_ROLES)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_role_action_matrix(action: Action, role: Role) -> None:
    state = A_STATE_WHERE_ALLOWED[action]
    if role in MATRIX[action]:
        next_status(state, action, role, reason="because")
    else:
        with pytest.raises(Forbidden):
            next_status(state, action, role, reason="because")


@pytest.mark.parametrize("current, action, role, expected", [
    (Status.NEW, Action.SCORE, A, Status.SCORED),
    (Status.SCORED, Action.CLAIM, T, Status.IN_REVIEW),
    (Status.RETURNED, Action.CLAIM, T, Status.IN_REVIEW),
    (Status.IN_REVIEW, Action.APPROVE, T, Status.APPROVED),
    (Status.NEEDS_SIGNOFF, Action.SIGN_OFF, E, Status.SIGNED_OFF),
    (Status.NEEDS_SIGNOFF, Action.RETURN, E, Status.RETURNED),
    (Status.IN_REVIEW, Action.EDIT, T, Status.IN_REVIEW),
])
def test_legal_transitions(current: Status, action: Action, role: Role, expected: Status) -> None:
    assert next_status(current, action, role, reason="because") is expected


@pytest.mark.parametrize("current, action, role", [
    (Status.NEW, Action.CLAIM, T),
    (Status.SCORED, Action.APPROVE, T),
    (Status.APPROVED, Action.APPROVE, T),
    (Status.APPROVED, Action.SIGN_OFF, E),
    (Status.SIGNED_OFF, Action.RETURN, E),
    (Status.SIGNED_OFF, Action.EDIT, T),
    (Status.SCORED, Action.SCORE, A),
])
def test_illegal_transitions(current: Status, action: Action, role: Role) -> None:
    with pytest.raises(IllegalTransition):
        next_status(current, action, role, reason="because")


def test_approval_routes_serious_items_to_signoff_and_refuses_open_flags() -> None:
    assert next_status(Status.IN_REVIEW, Action.APPROVE, T, carried_serious_flags=True) is Status.NEEDS_SIGNOFF
    with pytest.raises(IllegalTransition, match="2 open flag"):
        next_status(Status.IN_REVIEW, Action.APPROVE, T, open_flags=2)


@pytest.mark.parametrize("action, role, state", [
    (Action.RETURN, E, Status.NEEDS_SIGNOFF), (Action.OVERRIDE_FLAG, E, Status.NEEDS_SIGNOFF),
    (Action.DISMISS_FLAG, T, Status.IN_REVIEW)])
def test_reasons_are_required(action: Action, role: Role, state: Status) -> None:
    with pytest.raises(InvalidRequest):
        next_status(state, action, role, reason="  ")


def test_reasons_have_a_length_limit() -> None:
    with pytest.raises(InvalidRequest, match="at most"):
        next_status(Status.NEEDS_SIGNOFF, Action.SIGN_OFF, E, reason="x" * 2_001)
