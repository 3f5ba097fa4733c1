"""Migration operations for tables that are large and busy in production.

A plain ``AddIndex`` on PostgreSQL builds the index under a lock that stops every write
to the table until it is done: on the outbox or the applications, no form could be sent
meanwhile. ``AddIndexConcurrently`` builds it with ``CREATE INDEX CONCURRENTLY`` there
(writes go on; the migration must be ``atomic = False``), and as a plain index on SQLite,
which has neither the option nor the traffic.
"""

from django.db import migrations


class AddIndexConcurrently(migrations.AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, self.index, concurrently=True)
        return None

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, self.index, concurrently=True)
        return None
