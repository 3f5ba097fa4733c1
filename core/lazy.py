"""Values of a page's context made when the template first uses them.

A page's listings (featured campaigns, a page of cards, the buttons' pages) cost queries
and work that only its content needs. Made lazily, they are never made when the content
comes from the kept parts of the page (core/fragment_cache.py); rendered, the template
uses them as it would the values themselves (truth, iteration, length, attributes,
comparison and text are all the value's).
"""

from django.utils.functional import SimpleLazyObject

from core import fragment_cache


def lazy_value(compute):
    """What ``compute()`` returns, computed when first used.

    A failure is raised again at every later use, and spoils the kept parts of the page
    (core/fragment_cache.py): a template's ``{% if %}`` hides an error, and the page
    rendered without the value must not be kept for everyone.
    """
    failures = []

    def computed():
        if failures:
            raise failures[0]
        try:
            return compute()
        except Exception as error:
            failures.append(error)
            fragment_cache.spoil()
            raise

    return SimpleLazyObject(computed)


def lazy_values(compute, names):
    """``{name: value}`` for each of ``names`` in the dict ``compute()`` returns, which is
    called once, when the first of them is used."""
    values = lazy_value(compute)
    return {name: lazy_value(lambda name=name: values[name]) for name in names}
