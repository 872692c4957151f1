"""The embedded broker (kombu's SQLAlchemy transport): its queues polled in order, interactive first, and the next
message fetched as soon as a worker process is free.

kombu's virtual transports poll the queues a worker consumes in turn (FairCycle); its Redis transport has a
`queue_order_strategy` option for this and this transport does not. They also sleep `polling_interval` (1 s)
after any poll that delivered nothing, including one that could not fetch because every message the worker may
hold (its prefetch limit, one per pool process) is in hand: a pool process that finished its task then idled for
half a second on average before the next one came. Here an acknowledgement (or rejection) ends that sleep.

Importing this module makes the `sqla` transport alias name PriorityTransport.
"""
from __future__ import annotations

import socket
import threading
from queue import Empty
from time import monotonic
from typing import Any

from kombu.transport import TRANSPORT_ALIASES
from kombu.transport.sqlalchemy import Channel, Transport
from kombu.transport.virtual import QoS
from kombu.utils.scheduling import FairCycle


class PriorityCycle(FairCycle):
    """FairCycle that tries the resources from the first each time, so an earlier one always wins."""

    def get(self, callback: Any, **kwargs: Any) -> Any:
        self.pos = 0
        return super().get(callback, **kwargs)


class SignallingQoS(QoS):
    """QoS that tells its transport when a message in hand is settled (acks may come from the pool's threads)."""

    def ack(self, delivery_tag: Any) -> None:
        super().ack(delivery_tag)
        self.channel.connection.settled.set()

    def reject(self, delivery_tag: Any, requeue: bool = False) -> None:
        super().reject(delivery_tag, requeue=requeue)
        self.channel.connection.settled.set()


class PriorityChannel(Channel):
    QoS = SignallingQoS

    def _reset_cycle(self) -> None:
        self._cycle = PriorityCycle(self._get_and_deliver, self._active_queues, Empty)


class PriorityTransport(Transport):
    Channel = PriorityChannel

    def __init__(self, client: Any, **kwargs: Any) -> None:
        super().__init__(client, **kwargs)
        self.settled = threading.Event()

    def drain_events(self, connection: Any, timeout: float | None = None) -> None:
        """Deliver one message, as kombu's virtual transport does, but between polls wait for `polling_interval`
        or until a message in hand is settled, whichever comes first."""
        start = monotonic()
        while True:
            self.settled.clear()  # before polling: a settlement during the poll cuts the wait after it short
            try:
                self.cycle.get(self._deliver, timeout=timeout)
                return
            except Empty:
                waited = monotonic() - start
                if timeout is not None and waited >= timeout:
                    raise socket.timeout() from None
                interval = self.polling_interval or 0.0
                wait = interval if timeout is None else min(interval, timeout - waited)
                self.settled.wait(wait)


TRANSPORT_ALIASES["sqla"] = f"{__name__}:PriorityTransport"
