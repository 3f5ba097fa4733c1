"""The public pages' static files: one stylesheet per direction, and fonts cut to their scripts.

The font files and the stylesheets are built by `make vendor` / `make css` and committed
(`make run` needs no npm). These tests catch what a rebuild would change: a stale
stylesheet bundle, a font range in fonts.css that its file does not cover, or site text
in a character the fonts were cut without.
"""

import re
import subprocess
import unicodedata
from pathlib import Path

import polib
import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS_CSS = ROOT / "static" / "css" / "fonts.css"
FONT_FACE = re.compile(r"@font-face\s*{(?P<body>[^}]*)}")

# What any Arabic sentence an editor writes is made of: the letters, hamza forms, tatweel,
# the short vowels and shadda, Arabic-Indic digits, and the comma, semicolon, question mark.
ARABIC_SENTENCE = (
    [chr(code) for code in range(0x0621, 0x063B)]
    + [chr(code) for code in range(0x0640, 0x0653)]
    + [chr(code) for code in range(0x0660, 0x066A)]
    + ["\u060c", "\u061b", "\u061f", "\u066b", "\u066c"]
)
JOINING_FEATURES = {"init", "medi", "fina", "rlig"}
MARK_FEATURES = {"mark", "mkmk"}


def parse_ranges(text):
    codes = set()
    for part in text.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        codes.update(range(int(first, 16), int(last or first, 16) + 1))
    return codes


def font_faces():
    faces = []
    for match in FONT_FACE.finditer(FONTS_CSS.read_text(encoding="utf-8")):
        body = match.group("body")
        source = re.search(r'url\("\.\./(?P<path>[^"]+)"\)', body).group("path")
        weight = re.search(r"font-weight:\s*(\d+)", body).group(1)
        declared = parse_ranges(re.search(r"unicode-range:\s*([^;]+);", body).group(1))
        font = TTFont(ROOT / "static" / source)
        faces.append({"source": source, "weight": weight, "declared": declared, "font": font})
    return faces


@pytest.fixture(scope="module")
def faces():
    return font_faces()


def test_each_font_file_holds_exactly_the_characters_its_unicode_range_declares(faces):
    assert len(faces) == 4
    for face in faces:
        mapped = set(face["font"].getBestCmap())
        # Declared but missing: the browser would download the file and then fall back anyway.
        # Allowed: invisible format characters (ZWNJ, marks of direction) and the two the
        # original font never drew (U+061D ARABIC END OF TEXT MARK, U+2011 NON-BREAKING HYPHEN).
        missing = {code for code in face["declared"] - mapped if unicodedata.category(chr(code)) != "Cf"}
        assert missing <= {0x061D, 0x2011}, face["source"]
        # Mapped but undeclared: bytes no page can use.
        assert mapped <= face["declared"] | {0x0020, 0x00A0, 0x200B, 0xFEFF}, face["source"]


def test_the_arabic_files_render_any_arabic_sentence_joined_and_with_its_marks(faces):
    arabic = [face for face in faces if "-arabic-arabic-" in face["source"]]
    assert {face["weight"] for face in arabic} == {"400", "700"}
    for face in arabic:
        mapped = set(face["font"].getBestCmap())
        assert {ord(character) for character in ARABIC_SENTENCE} <= mapped, face["source"]
        substitutions = {record.FeatureTag for record in face["font"]["GSUB"].table.FeatureList.FeatureRecord}
        positions = {record.FeatureTag for record in face["font"]["GPOS"].table.FeatureList.FeatureRecord}
        assert substitutions >= JOINING_FEATURES, face["source"]
        assert positions >= MARK_FEATURES, face["source"]


def site_text():
    """Every sentence the site ships: the Arabic catalogue (both sides) and the demo content's sources."""
    catalogue = polib.pofile(str(ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
    text = [entry.msgid + "".join(entry.msgstr_plural.values()) + entry.msgstr for entry in catalogue]
    text += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "demo").rglob("*.py"))]
    text += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "templates").rglob("*.html"))]
    return "".join(text)


def test_every_character_the_site_writes_is_drawn_by_the_site_font(faces):
    """A Persian ی or ک typed for an Arabic one would fall back to another font mid-word."""
    covered = set().union(*(set(face["font"].getBestCmap()) for face in faces))
    missing = set()
    for character in set(site_text()):
        if unicodedata.category(character)[0] in "LMN" or "ARABIC" in unicodedata.name(character, ""):
            if ord(character) not in covered:
                missing.add(f"U+{ord(character):04X} {unicodedata.name(character, '?')}")
    assert not missing, sorted(missing)


def test_the_committed_stylesheet_bundles_are_built_from_the_current_sources():
    result = subprocess.run(
        ["node", "scripts/build-css.mjs", "--check"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_text_areas_are_written_in_the_sites_font_not_the_browsers_monospace(direction):
    """Django's widgets write <textarea> where no template names it; Bootstrap's reboot rule
    that gives it the page's font must survive the purge (scripts/build-css.mjs)."""
    bundle = (ROOT / f"static/css/site.{direction}.bundle.css").read_text(encoding="utf-8")
    rules = re.findall(r"([^{}]*\btextarea\b[^{}]*)\{([^}]*)\}", bundle)
    assert any("font-family:inherit" in body.replace(" ", "") for _selector, body in rules)
