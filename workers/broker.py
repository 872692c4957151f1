"""The embedded broker (kombu's SQLAlchemy transport) with its queues polled in order, interactive first.

kombu's virtual transports poll the queues a worker consumes in turn (FairCycle); its Redis transport has a
`queue_order_strategy` option for this and this transport does not. Importing this module makes the `sqla`
transport alias name this subclass, whose poll always starts again from the first queue.
"""
from __future__ import annotations

from queue import Empty
from typing import Any

from kombu.transport import TRANSPORT_ALIASES
from kombu.transport.sqlalchemy import Channel, Transport
from kombu.utils.scheduling import FairCycle


class PriorityCycle(FairCycle):
    """FairCycle that tries the resources from the first each time, so an earlier one always wins."""

    def get(self, callback: Any, **kwargs: Any) -> Any:
        self.pos = 0
        return super().get(callback, **kwargs)


class PriorityChannel(Channel):
    def _reset_cycle(self) -> None:
        self._cycle = PriorityCycle(self._get_and_deliver, self._active_queues, Empty)


class PriorityTransport(Transport):
    Channel = PriorityChannel


TRANSPORT_ALIASES["sqla"] = f"{__name__}:PriorityTransport"
