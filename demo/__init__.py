"""Bilingual demo content.

``manage.py load_demo_content`` runs the ``load(demo)`` function of each module
in ``STEPS`` in order. Every module writes its Arabic content and the English
text beside it; ``Bilingual`` remembers the pairs and turns them into
wagtail-localize translations, so the English tree is a real, synced
translation an editor can keep working on in the translation editor.
"""

STEPS = [
    "demo.site",
    "demo.campaigns",
    "demo.volunteers",
    "demo.surveys",
]
