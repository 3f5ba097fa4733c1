"""``{% shared_part "name" [for page] %}…{% endshared_part %}``: a part of a public page kept
rendered (core/fragment_cache.py says when it is shared and until when).

``for page`` keeps one part per page (its content, its header with the menu's current
item and the language links); without it, one per site and language (the footer).
"""

from django import template
from django.utils.safestring import mark_safe

from core import fragment_cache

register = template.Library()


class SharedPartNode(template.Node):
    def __init__(self, nodelist, name, page):
        self.nodelist, self.name, self.page = nodelist, name, page

    def render(self, context):
        page = self.page.resolve(context) if self.page is not None else None
        key = fragment_cache.part_key(context, self.name, page, for_page=self.page is not None)
        if key is None:
            return self.nodelist.render(context)
        html = fragment_cache.get(key)
        if html is None:
            html = str(self.nodelist.render(context))
            fragment_cache.keep(key, html)
        return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered


@register.tag
def shared_part(parser, token):
    bits = token.split_contents()
    if len(bits) not in (2, 4) or (len(bits) == 4 and bits[2] != "for"):
        raise template.TemplateSyntaxError(f'Usage: {{% {bits[0]} "name" [for page] %}}')
    name = bits[1].strip("\"'")
    page = parser.compile_filter(bits[3]) if len(bits) == 4 else None
    nodelist = parser.parse(("endshared_part",))
    parser.delete_first_token()
    return SharedPartNode(nodelist, name, page)
