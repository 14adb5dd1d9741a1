"""Serve: notice a save within a tenth of a second.

MkDocs watches files with watchdog's polling observer, which looks every half second:
on average a quarter of a second before a rebuild even starts, and up to half of the
one-second budget from save to reload. The watched folders of a course are small
(tens of files), so looking every 0.1 s costs next to nothing. Polling stays (not
inotify): MkDocs chose it because it also sees saves on network and container mounts.
"""

from __future__ import annotations

from typing import Any

from watchdog.observers.polling import PollingObserver

INTERVAL_S = 0.1


def poll_often(server: Any, interval: float = INTERVAL_S) -> None:
    """Set the interval of the server's observer, before it starts: the paths watched
    so far and those watched from now on (watchdog gives no public setter)."""
    observer = getattr(server, "observer", None)
    if not isinstance(observer, PollingObserver) or observer.is_alive():
        return
    observer._timeout = interval
    for emitter in observer.emitters:
        emitter._timeout = interval
