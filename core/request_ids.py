"""A request id on every log line and every response (``X-Request-ID``).

django-log-request-id keeps the id for the request's thread and its log filter writes it
on each record (``%(request_id)s``, config/logging.py). The id a load balancer or proxy
sends in ``X-Request-ID`` is kept, so one request can be followed from the proxy's log to
ours; anything else a client puts there (a line break to forge a log line, a name, a
kilobyte of text) is replaced by a new random id.
"""

import re

from log_request_id.middleware import RequestIDMiddleware as LibraryRequestIDMiddleware

ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{8,128}")


class RequestIDMiddleware(LibraryRequestIDMiddleware):
    def _get_request_id(self, request):
        sent = request.META.get(self.request_id_header or "", "")
        return sent if ACCEPTED.fullmatch(sent) else self._generate_id()
