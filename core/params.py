"""Reading ids and numbers from query strings that anyone can edit.

``str.isdigit()`` is true for "²" and "٣", and ``int()`` of 400 digits is a
number no database column holds: both reached the ORM and answered 500.
Here a parameter is a database id only if it is plain ASCII digits of a size
a ``BigAutoField`` can hold; anything else is treated as absent.
"""

import re

_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value):
    """The positive integer in ``value``, or None when it is not a plausible id."""
    if isinstance(value, str) and _ID.fullmatch(value):
        number = int(value)
        return number or None
    return None


def parse_ids(values):
    """The plausible ids among ``values`` (e.g. ``request.GET.getlist("id")``), in order, no repeats."""
    return list(dict.fromkeys(number for number in map(parse_id, values) if number is not None))
