"""Bilingual demo content.

The prose lives in data files, demo/content/*.toml, with each Arabic text and
its English text side by side (demo/content/README.md). ``manage.py
load_demo_content`` runs the ``load(demo)`` function of each module in
``STEPS`` in order; each reads its files through demo.loader, which builds the
Arabic pages and snippets. ``Bilingual`` remembers the pairs and turns them
into wagtail-localize translations, so the English tree is a real, synced
translation an editor can keep working on in the translation editor.
"""

STEPS = [
    "demo.site",
    "demo.campaigns",
    "demo.volunteers",
    "demo.certificates",
    "demo.surveys",
    "demo.outcomes",
    "demo.feedback",
    "demo.questions",
]
