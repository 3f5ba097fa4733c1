"""Migration operations for tables that are large and busy in production.

A plain ``AddIndex`` on PostgreSQL builds the index under a lock that stops every write
to the table until it is done: on the outbox or the applications, no form could be sent
meanwhile. ``AddIndexConcurrently`` is Django's own (``CREATE INDEX CONCURRENTLY``: writes
go on; it refuses to run inside a transaction, so the migration must be ``atomic =
False``) on PostgreSQL, and a plain index on SQLite, which has neither the option nor the
traffic.
"""

from django.contrib.postgres import operations as postgres
from django.db import migrations


class AddIndexConcurrently(postgres.AddIndexConcurrently):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)
