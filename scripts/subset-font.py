#!/usr/bin/env python3
"""Builds the fonts AcuChart embeds in its PDFs, subset once from Debian's Noto fonts.

Two families, both Noto (SIL Open Font Licence, crates/core/data/fonts/OFL.txt):

  * Noto Sans (fonts-noto-core) for Latin with every accent a patient's name may carry
    (Basic, Latin-1, Extended-A/B, Extended Additional: Ł, Ő, Ș, ǚ …), Greek, Cyrillic,
    punctuation, currency and the few symbols documents print (≤ ≥ × · –). Noto Sans CJK's own
    Latin lacks Ł, Ő and Ș, hence this face.
  * Noto Sans CJK SC (fonts-noto-cjk, the .ttc's Simplified Chinese face) for hanzi: every
    character of GB 2312 (6,763 common Simplified hanzi), Big5 level 1 (5,401 common
    Traditional hanzi, for names such as 陳 and 黃), CJK punctuation and full-width forms, and
    every character of the point catalogue (crates/core/data/acupoints.csv). Its bold face keeps
    only the catalogue's hanzi (headings of point names); other bold hanzi are drawn in regular.

The document code draws each character from the first face that has it (Sans, then Han), and
printpdf subsets each PDF again to the glyphs it uses, so these files weigh on the binary only.

Usage (needs fonttools from PyPI, fonts-noto-core and fonts-noto-cjk):
    pip install fonttools && python3 scripts/subset-font.py
Re-run when the catalogue gains characters; a core test fails if one has no glyph.
"""
import csv
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "crates/core/data/fonts"
NOTO = "/usr/share/fonts/truetype/noto/NotoSans-{}.ttf"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
SC_FACE = "Noto Sans CJK SC"
ALPHABETS = [
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x1E00, 0x1EFF),  # Latin
    (0x0300, 0x036F),  # combining accents (decomposed input)
    (0x0370, 0x03FF), (0x0400, 0x052F),  # Greek, Cyrillic
    (0x2000, 0x206F), (0x20A0, 0x20CF),  # punctuation, currency
    (0x2100, 0x214F), (0x2190, 0x21FF), (0x2212, 0x2212), (0x2264, 0x2265),  # ← → − ≤ ≥
    (0x25A0, 0x25FF),  # geometric shapes (chart legend markers)
]
CJK_RANGES = [(0x3000, 0x303F), (0xFF00, 0xFFEF)]


def decoded(encoding: str, his, los) -> set[int]:
    chars = set()
    for hi in his:
        for lo in los:
            try:
                chars.add(ord(bytes([hi, lo]).decode(encoding)))
            except UnicodeDecodeError:
                pass
    return chars


def catalogue() -> set[int]:
    with open(ROOT / "crates/core/data/acupoints.csv", encoding="utf-8") as f:
        return {ord(c) for row in csv.reader(f) for cell in row for c in cell}


def expand(ranges) -> set[int]:
    return {u for lo, hi in ranges for u in range(lo, hi + 1)}


def save_subset(font: TTFont, wanted: set[int], target: pathlib.Path) -> None:
    options = subset.Options()
    options.layout_features = ["kern", "liga", "locl", "ccmp", "mark", "mkmk"]
    options.name_IDs = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.hinting = False  # printed and zoomed: hints only add bytes
    sub = subset.Subsetter(options)
    cmap = font.getBestCmap()
    sub.populate(unicodes=[u for u in wanted if u in cmap])
    sub.subset(font)
    font.save(target)
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")


def sc_face(path: str) -> TTFont:
    return next(f for f in TTCollection(path).fonts
                if f["name"].getDebugName(4).startswith(SC_FACE)
                and "Mono" not in f["name"].getDebugName(4))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    alphabets = expand(ALPHABETS)
    points = {u for u in catalogue() if u >= 0x2E80}
    hanzi = (decoded("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
             | decoded("big5", range(0xA4, 0xC7), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))
             | expand(CJK_RANGES) | points)
    hanzi = {u for u in hanzi if u >= 0x2E80}
    for style in ("Regular", "Bold"):
        save_subset(TTFont(NOTO.format(style)), alphabets, OUT / f"AcuChartSans-{style}.ttf")
    save_subset(sc_face(CJK.format("Regular")), hanzi, OUT / "AcuChartHan-Regular.otf")
    save_subset(sc_face(CJK.format("Bold")), points | expand(CJK_RANGES), OUT / "AcuChartHan-Bold.otf")
    missing = sorted(chr(u) for u in catalogue() if u > 0x20 and u not in alphabets | hanzi)
    if missing:
        print(f"catalogue characters in neither face: {missing}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
