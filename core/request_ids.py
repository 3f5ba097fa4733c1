"""A request id on every log line and every response (``X-Request-ID``).

django-log-request-id keeps the id for the request's thread and its log filter writes it
on each record (``%(request_id)s``, config/logging.py). The id one of our proxies
(``TRUSTED_PROXIES``: the load balancer, Varnish) sends in ``X-Request-ID`` is kept, so one
request can be followed from the proxy's log to ours; an id from anyone else, or anything
that does not look like an id (a line break to forge a log line, a name, a kilobyte of
text), is replaced by a new random one.
"""

import re

from log_request_id.middleware import RequestIDMiddleware as LibraryRequestIDMiddleware

from core.client_address import from_trusted_proxy

ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{8,128}")


class RequestIDMiddleware(LibraryRequestIDMiddleware):
    def _get_request_id(self, request):
        sent = request.META.get(self.request_id_header or "", "")
        if ACCEPTED.fullmatch(sent) and from_trusted_proxy(request):
            return sent
        return self._generate_id()
