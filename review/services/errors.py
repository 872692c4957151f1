"""Domain errors raised by use cases; web views and the CLI map them to 4xx responses and exit codes."""
from review.core.workflow import Forbidden, IllegalTransition, WorkflowError


class NotFound(WorkflowError):
    """The id names nothing (HTTP 404)."""


__all__ = ["Forbidden", "IllegalTransition", "NotFound", "WorkflowError"]
