"""The base of every form block: a StreamField block that carries its form's handler."""

from django.utils.functional import cached_property
from wagtail import blocks

from . import embedding


class EmbeddedFormBlock(blocks.StructBlock):
    """Base for form blocks: carries its form's handler and finds its state in the page context.

    Subclasses set ``handler_class`` (an ``embedding.EmbeddedForm``); that is all a page
    needs to receive the form, whatever the block is called in the stream.
    """

    handler_class = None

    @cached_property
    def form_handler(self):
        return self.handler_class()

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        block_id = parent_context.get("block_id") or ""
        states = parent_context.get("form_states") or {}
        state = states.get(block_id)
        page = parent_context.get("page")
        request = parent_context.get("request")
        handler = self.form_handler
        if state is None and page is not None and request is not None and block_id:
            # Rendered outside EmbeddedFormsMixin (a preview): a working, empty form.
            state = embedding.fresh_state(handler, value, page, request, block_id)
        context.update(
            {
                "block_id": block_id,
                "state": state,
                "is_open": handler.is_open(value),
            }
        )
        return context
