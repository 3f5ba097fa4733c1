"""Wagtail's database search backend, with queries normalised as the index is.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`` points here. The database
backend picks its SQLite, PostgreSQL, MySQL or fallback implementation from the
connection; this module wraps whichever it picks so that ``search()`` and
``autocomplete()`` normalise the query (core.search.normalise: Arabic
letter forms, diacritics, tatweel, digits, English stems) for models that index
normalised text: every page, and the snippets declared with
``normalised_fields``. Every caller gets the same normalisation in one place:
the public search view, the admin's page search and explorer, the page chooser
and the snippet listings. Other models (images, documents, users) are searched
as before.
"""

from django.db.models import QuerySet
from modelsearch.backends.database import SearchBackend as database_backend
from wagtail.models import Page
from wagtail.search.query import And, Not, Or, Phrase, PlainText

from core.search import indexes_normalised_text, normalise_query

_CLASSES = {}


def normalise_search_query(query):
    """``query`` (a string or a query object) normalised; None if nothing is left of it."""
    if isinstance(query, str):
        return normalise_query(query) or None
    if isinstance(query, PlainText):
        text = normalise_query(query.query_string)
        return PlainText(text, operator=query.operator, boost=query.boost) if text else None
    if isinstance(query, Phrase):
        text = normalise_query(query.query_string)
        return Phrase(text) if text else None
    if isinstance(query, (And, Or)):
        subqueries = [q for q in (normalise_search_query(sub) for sub in query.subqueries) if q is not None]
        if not subqueries:
            return None
        return subqueries[0] if len(subqueries) == 1 else type(query)(subqueries)
    if isinstance(query, Not):
        subquery = normalise_search_query(query.subquery)
        return Not(subquery) if subquery is not None else None
    return query  # MATCH_ALL and the like


def searches_normalised_text(model):
    # Every page type of the site indexes normalised text (tests/test_search.py checks
    # it), so a search over Page, which spans all of them, is normalised too.
    return issubclass(model, Page) or indexes_normalised_text(model)


class NormalisingQueriesMixin:
    def _normalised(self, query, model_or_queryset):
        model = model_or_queryset.model if isinstance(model_or_queryset, QuerySet) else model_or_queryset
        if not searches_normalised_text(model):
            return query
        normalised = normalise_search_query(query)
        # An empty string is the base backend's "no results" answer.
        return "" if normalised is None else normalised

    def search(self, query, model_or_queryset, *args, **kwargs):
        return super().search(self._normalised(query, model_or_queryset), model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        return super().autocomplete(self._normalised(query, model_or_queryset), model_or_queryset, *args, **kwargs)


# How much more a word in the title counts than the same word in the text, in SQLite's
# BM25 ranking. PostgreSQL gets the same effect from the title's boost (weight A against
# D for the normalised text).
SQLITE_TITLE_WEIGHT = 10.0


def _sqlite_compiler_class():
    """SQLite's query compiler, ranking title matches above text matches.

    The stock ranking is ``bm25(table) * (title_norm + 1)``: BM25 with every FTS
    column weighted alike, times a factor that grows as the page's title gets
    shorter, wherever the word was found. A page with the word only in its text
    and a short title could so outrank a page with the word in its title.
    """
    from django.db.models import FloatField, Func
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry, SQLiteSearchQueryCompiler

    class WeightedBM25(Func):
        output_field = FloatField()

        def __init__(self):
            super().__init__()

        def as_sql(self, compiler, connection, **extra_context):
            # The FTS5 table's columns are (autocomplete, body, title).
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 1.0, 1.0, {SQLITE_TITLE_WEIGHT})", []

    class TitleWeightedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
        def _build_rank_expression(self, vectors, config):
            # bm25() scores the whole MATCH, whatever the query's shape; lower is better,
            # as the compiler's ascending order by score expects.
            return WeightedBM25()

    return TitleWeightedSQLiteSearchQueryCompiler


def SearchBackend(params):  # the name Wagtail looks for
    """The database backend for the current connection, normalising queries."""
    base = type(database_backend(params))
    if base not in _CLASSES:
        attrs = {}
        if base.__name__ == "SQLiteSearchBackend":
            attrs["query_compiler_class"] = _sqlite_compiler_class()
        _CLASSES[base] = type(f"Normalising{base.__name__}", (NormalisingQueriesMixin, base), attrs)
    return _CLASSES[base](params)


__all__ = ["SearchBackend", "normalise_search_query"]
