"""Calls run in threads of their own, for the race tests.

Each thread has its own database connection, as each request or worker has, and closes
it at the end (an open one would block the test database's flush). What each call
returned or raised is kept for the assertions: an exception in a thread is otherwise
only printed, and the test would pass without it.
"""

import threading
from contextlib import contextmanager

from django.db import connection


@contextmanager
def in_threads(*calls, timeout=30):
    """Start every call in a thread; the ``with`` body runs while they do. On leaving it,
    wait for them and fill the yielded list with what each returned or raised, in order."""
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            outcomes[index] = call()
        except Exception as error:  # kept for the assertions
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    try:
        yield outcomes
    finally:
        for thread in threads:
            thread.join(timeout)
