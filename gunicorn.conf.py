"""gunicorn's settings in production; gunicorn reads this file from the working directory.

Threaded workers (gthread), not the default sync ones: a sync worker tells gunicorn's
arbiter it is alive only between requests, so any response that takes longer than
``timeout`` to send (a 100,000-row export, or a small one to a slow connection) is killed
and the download cut off. A gthread worker keeps telling the arbiter it is alive while its
threads send, so ``timeout`` only catches a worker that is really stuck. tests/test_gunicorn.py
serves an export with this file and a 2-second timeout to a slow reader and checks that the
whole file arrives (and that a sync worker would have cut it off).

Each value can be changed through gunicorn's environment variables or its command line
(``--workers``, ``--threads``, ``--timeout``; ``--bind`` sets the address).
"""

import os

worker_class = "gthread"
# Two processes per core (WEB_CONCURRENCY to change it), of one thread each by default
# (GUNICORN_THREADS): in CPython one thread of a process runs at a time, so a second busy
# thread adds no speed, only waits. A thread that sends a query waits for the interpreter
# again when the answer comes, up to 5 ms at each of the dozen queries of a form sent,
# while the other thread computes. At 16 applications at a time (make bench), 4 threads
# per worker doubled the slowest applications' wait for the same rate.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# A worker takes a connection only when a thread of its own is free for it, and closes it
# after the answer (no keep-alive: the load balancer or Varnish in front keeps the
# visitors' connections). So every request waits in the one queue all workers share, the
# listening socket's, and goes to the first worker free, as with sync workers. Otherwise
# a busy worker goes on accepting connections that wait behind its own requests while
# another worker is idle: at 16 applications at a time, the slowest waited 2.5 times as
# long as the median. The cost: a long request (an export) holds its whole worker, so
# run enough workers, or 2 threads where staff export often (README, "Running in production").
worker_connections = threads
keepalive = 0
# A worker that has not reported for this long is stuck and is restarted; long responses do not count.
timeout = 30
# Time given to requests in progress (an export being sent) when a worker is restarted or stopped.
graceful_timeout = 60
# gunicorn's control socket (for gunicornc) is one path per user by default, so a second
# instance on the same host (a blue-green deploy, two sites) clashed with the first. Off,
# unless GUNICORN_CONTROL_SOCKET names this instance's own path.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
