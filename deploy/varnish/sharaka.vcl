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
# the "purgers" ACL. Varnish asks the app to render what it fetches anew
# (X-Page-Cache-Refresh), so it never keeps an older copy from the app's own cache.
#
# The app servers are declared in backends.vcl (an example sits beside this file); run
#   varnishd -a :80 -p vcl_path=/etc/varnish/sharaka -f sharaka.vcl -s malloc,256m

vcl 4.1;

import directors;

include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = app_servers.backend();

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
    if (req.url ~ "^/(admin|documents|forms|language|_util|media)/" || req.url ~ "^/(healthz|readyz)$" || req.url == "/") {
        return (pass);
    }
    if (req.url ~ "\?") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|sharaka_sent|__Host-sharaka_sent)=") {
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
    # Only what the app says may be shared is kept; a response that sets a cookie never is.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;  # remembered as "do not cache" (hit-for-miss)
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Varnish-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}
