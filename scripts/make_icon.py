"""Draws AcuChart's app icon (a teal tile with a needle and a point) at 1024 px.

Run once when the mark changes; `npx tauri icon` then derives every platform size.
"""
import sys
from PIL import Image, ImageDraw

S = 1024
img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
d = ImageDraw.Draw(img)
d.rounded_rectangle([64, 64, S - 64, S - 64], radius=210, fill=(13, 148, 136, 255))
d.rounded_rectangle([64, 64, S - 64, S // 2], radius=210, fill=(20, 170, 155, 255))
d.rectangle([64, 300, S - 64, S // 2], fill=(20, 170, 155, 255))
d.rounded_rectangle([64, S // 2 - 2, S - 64, S - 64], radius=210, fill=(13, 148, 136, 255))
d.rectangle([64, S // 2 - 2, S - 64, S - 300], fill=(13, 148, 136, 255))
# the needle: a fine diagonal shaft with a handle
d.line([(300, 760), (700, 300)], fill=(255, 255, 255, 255), width=26)
d.line([(640, 370), (760, 230)], fill=(255, 255, 255, 255), width=70)
# the point
d.ellipse([250, 700, 370, 820], fill=(254, 240, 138, 255))
img.save(sys.argv[1] if len(sys.argv) > 1 else "app-icon.png")
