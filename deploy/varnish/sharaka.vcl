# Varnish in front of the Sharaka app servers (Varnish 7, VCL 4.1).
#
# Keeps what the app marks public (Cache-Control: public, s-maxage=N: anonymous public
# pages, static files) for s-maxage, and passes everything personal straight through:
# the admin, documents (collections may be private), the form-token endpoint, the
# language switch, query strings (search, filtered listings, confirmations) and any
# request carrying a staff session, a CSRF cookie or a form confirmation. Other cookies
# (a language preference, anything a browser extension or analytics adds) say nothing
# the page depends on, so they are dropped and the page is served from the cache.
#
# Invalidation (core/frontend_cache.py): the app sends PURGE for a page's URLs when it
# is published or unpublished (Wagtail's front-end cache invalidation) and BAN for
# everything when anything else shown on pages changes; both only from the networks in
# the "purgers" ACL. Keep that ACL to the app servers' own addresses: if TLS ends on this
# host (hitch, nginx), requests arrive from 127.0.0.1, so leave loopback out of it then.
# Varnish asks the app to render what it fetches anew (X-Page-Cache-Refresh, which the
# app believes only from TRUSTED_PROXIES), so it never keeps an older copy from the app's
# own cache. When every app server is down (their database is), kept pages are served
# for up to a day (grace), and anything else gets a short bilingual "unavailable" page.
#
# The app servers are declared in backends.vcl (an example sits beside this file); run
#   varnishd -a :80 -p vcl_path=/etc/varnish/sharaka -f sharaka.vcl -s malloc,256m

vcl 4.1;

import directors;
import std;

include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = app_servers.backend();
    # Only Varnish asks the app to render anew; a client must not (core/page_cache.py).
    unset req.http.X-Page-Cache-Refresh;
    # With the app servers healthy, a page past its time is fetched anew at once; with all
    # of them down (their database is: /readyz), the last copy is served for up to a day.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    # The probes are for the load balancer and Varnish, on the app servers themselves.
    if (req.url ~ "^/(healthz|readyz)(\?|$)") {
        return (synth(404, "Not Found"));
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.status != 0");
        return (synth(200, "Banned"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents|forms|language|_util|media)/" || req.url == "/") {
        return (pass);
    }
    if (req.url ~ "\?") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # A staff session, the admin's CSRF cookie, a form confirmation or an applicant's own
    # page (their certificates' downloads too), under their names in development and in
    # production (where they are __Host- cookies).
    if (req.http.Cookie ~ "(^|;\s*)(__Host-)?(sessionid|csrftoken|sharaka_sent|sharaka_applicant)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_fetch {
    if (!bereq.uncacheable) {
        set bereq.http.X-Page-Cache-Refresh = "1";
    }
}

sub vcl_backend_response {
    set beresp.grace = 24h;
    # Only what the app says may be shared is kept; a response that sets a cookie never is.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;  # remembered as "do not cache" (hit-for-miss)
        return (deliver);
    }
}

sub vcl_backend_error {
    # No app server answered and nothing was kept: say so in both languages.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    synthetic({"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>الموقع غير متاح للحظات | The site is unavailable for a moment</title></head>
<body><main>
<h1>الموقع غير متاح للحظات</h1><p>يُرجى المحاولة مرة أخرى بعد دقيقة. إذا كنت ترسل نموذجًا، فإنه لم يصلنا: يُرجى إرساله مرة أخرى حينها.</p>
<div lang="en" dir="ltr"><h2>The site is unavailable for a moment</h2><p>Please try again in a minute. If you were sending a form, it has not reached us: please send it again then.</p></div>
</main></body></html>
"});
    return (deliver);
}

sub vcl_deliver {
    # A kept page carries the id of the request that rendered it; each answer gets its own.
    set resp.http.X-Request-ID = req.xid;
    if (obj.uncacheable) {
        set resp.http.X-Varnish-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}
