"""Wagtail's admin widgets started without inline scripts, so the admin's CSP can forbid them.

Wagtail 8 starts date pickers, choosers and inline panels with an inline
``<script>`` written next to each widget (``BaseChooser.render``, the
``wagtailadmin/widgets/*_input.html`` and ``panels/*_panel.html`` templates).
A per-request nonce cannot reach them: widget templates are rendered without the
request, and chooser modals and inline-panel forms arrive later through scripts,
where a nonce of the page would not match. So instead each of those places writes
an inert JSON description of the call it used to make::

    <script type="application/json" data-sharaka-start>
        {"name": "PageChooser", "construct": true, "args": ["id_page", {...}]}
    </script>

and ``static/js/admin/start-widgets.js``, loaded on every admin page, makes that
call for each description as it enters the document, whether parsed with the page,
inserted by a modal or added by "Add another". Only the constructors and functions
listed in ``STARTERS`` (and in the script) can be named, so injected markup cannot
call anything else. The admin's policy then needs no ``'unsafe-inline'`` for
scripts (``config/settings/base.py``).
"""

from django.utils.html import json_script
from django.utils.safestring import mark_safe
from wagtail.admin.widgets import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

# What Wagtail 8 starts inline, by the global name its scripts define (window.<name>).
CONSTRUCTORS = frozenset(
    {
        "Chooser",
        "PageChooser",
        "ImageChooser",
        "DocumentChooser",
        "SnippetChooser",
        "InlinePanel",
        "MultipleChooserPanel",
    }
)
FUNCTIONS = frozenset({"initDateChooser", "initTimeChooser", "initDateTimeChooser", "createTaskChooser"})
STARTERS = CONSTRUCTORS | FUNCTIONS


def start_marker(name, *args):
    """The inert element that asks start-widgets.js to call ``name(*args)`` (or ``new name(*args)``)."""
    if name not in STARTERS:
        raise ValueError(f"{name!r} is not a widget start-widgets.js may start")
    spec = {"name": name, "construct": name in CONSTRUCTORS, "args": list(args)}
    # json_script escapes <, > and &, so the text can never close the element early.
    marker = json_script(spec).replace('type="application/json"', 'type="application/json" data-sharaka-start', 1)
    return mark_safe(marker)  # noqa: S308 - json_script's output, one attribute added


def _chooser_marker(widget, id_, name, value_data):
    if isinstance(widget, AdminTaskChooser):
        return start_marker("createTaskChooser", id_)
    if type(widget).render_js_init is not BaseChooser.render_js_init:
        raise TypeError(f"{type(widget).__name__} starts itself with its own script; teach core.admin_scripts")
    return start_marker(widget.js_constructor, id_, widget.get_js_init_options(id_, name, value_data))


def render_chooser(self, name, value, attrs=None, renderer=None):
    """``BaseChooser.render`` with a start marker where Wagtail writes ``<script>{js}</script>``."""
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    # widget_html is Wagtail's own rendering (escaped by its template); the marker is JSON-escaped.
    return mark_safe(widget_html + _chooser_marker(self, id_, name, value_data))  # noqa: S308


WAGTAIL_CHOOSER_RENDER = BaseChooser.render  # kept for tests/test_admin_scripts.py's upgrade tripwire


def install():
    """Give every chooser widget the marker instead of an inline script (called from CoreConfig.ready)."""
    BaseChooser.render = render_chooser
