"""Subset the vendored IBM Plex Sans Arabic to the characters an Arabic or English page uses.

Why: the font is most of a phone's first download (128 KB of 187 KB before).
Each file keeps a whole script, not only the characters the pages use today,
so an editor's next sentence renders in the same font: the Arabic letters,
marks, digits and punctuation (U+0600–U+066D, U+0670), their
presentation forms, and every OpenType layout feature, so letters still join
(init, medi, fina, rlig) and marks still sit in place (mark, mkmk). What is
dropped: letters of other languages written in Arabic script (Persian, Urdu,
Kurdish: U+0671 onwards and the Arabic Supplement and Extended blocks) and
TrueType hinting, which phones ignore. A character outside these ranges is
drawn by the next font in the stack (static/css/fonts.css lists the same
ranges in unicode-range, and tests/test_static_assets.py checks they agree).

Run by scripts/vendor-assets.sh (`make vendor`), from the font files in
node_modules/@fontsource/ibm-plex-sans-arabic; needs fonttools and brotli
(requirements-dev.txt).
"""

import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "@fontsource" / "ibm-plex-sans-arabic" / "files"
DESTINATION = ROOT / "static" / "vendor" / "ibm-plex-sans-arabic"
WEIGHTS = (400, 700)

# The same ranges as the unicode-range of static/css/fonts.css.
RANGES = {
    "arabic": "U+0600-066D,U+0670,U+06D4,U+200C-200F,U+2010-2011,U+FE70-FE74,U+FE76-FEFC",
    "latin": (
        "U+0020-007E,U+00A0-00FF,U+2013-2014,U+2018-201A,U+201C-201E,U+2022,U+2026,U+2039-203A,U+20AC,U+2122,U+2212"
    ),
}


def options():
    chosen = subset.Options()
    chosen.flavor = "woff2"
    chosen.layout_features = ["*"]
    chosen.hinting = False
    chosen.desubroutinize = True
    chosen.name_IDs = ["*"]  # keep the copyright and licence records (OFL)
    chosen.notdef_outline = True
    return chosen


def main():
    DESTINATION.mkdir(parents=True, exist_ok=True)
    for script, ranges in RANGES.items():
        unicodes = subset.parse_unicodes(ranges)
        for weight in WEIGHTS:
            name = f"ibm-plex-sans-arabic-{script}-{weight}-normal.woff2"
            chosen = options()
            font = subset.load_font(str(SOURCE / name), chosen)
            subsetter = subset.Subsetter(chosen)
            subsetter.populate(unicodes=unicodes)
            subsetter.subset(font)
            subset.save_font(font, str(DESTINATION / name), chosen)
            sys.stderr.write(f"{name}: {(DESTINATION / name).stat().st_size / 1024:.1f} KB\n")


if __name__ == "__main__":
    main()
