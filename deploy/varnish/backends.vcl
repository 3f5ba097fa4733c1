# The app servers behind Varnish (an example: one line per server), and who may purge.
# sharaka.vcl includes this file.

probe ready {
    .url = "/readyz";   # 503 while the server's database does not answer (core/health.py)
    .interval = 5s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

backend app1 { .host = "10.0.2.11"; .port = "8000"; .probe = ready; .first_byte_timeout = 60s; }
backend app2 { .host = "10.0.2.12"; .port = "8000"; .probe = ready; .first_byte_timeout = 60s; }

sub vcl_init {
    new app_servers = directors.round_robin();
    app_servers.add_backend(app1);
    app_servers.add_backend(app2);
}

# The app servers' network: they send PURGE and BAN.
acl purgers {
    "127.0.0.1";
    "10.0.2.0"/24;
}
