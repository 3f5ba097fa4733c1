"""Flat illustrations for the demo content, drawn with Pillow.

The demo must load offline and must not reuse anyone's photographs, so each
picture is drawn from simple shapes in the site's colours. They are real
images for the image pipeline (renditions, alt text, sharing cards).
"""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

WIDTH, HEIGHT = 1200, 675
BLUE, DARK, GREEN, SAND, RED, WHITE, YELLOW = (
    "#0b4f8a",
    "#083b68",
    "#146c43",
    "#f6f3ec",
    "#a4161a",
    "#ffffff",
    "#ffbf47",
)


def _skyline(draw, base=520, colour=DARK):
    x = 0
    heights = [180, 260, 210, 320, 240, 290, 200, 350, 230, 270, 190, 310]
    for index, height in enumerate(heights):
        width = 80 + (index % 3) * 20
        draw.rectangle([x, base - height, x + width, base], fill=colour)
        for wy in range(base - height + 20, base - 20, 40):
            for wx in range(x + 12, x + width - 12, 28):
                draw.rectangle([wx, wy, wx + 12, wy + 18], fill=YELLOW)
        x += width + 10


def _shield(draw, cx, cy, size, colour=BLUE):
    half = size // 2
    draw.polygon(
        [
            (cx - half, cy - half),
            (cx + half, cy - half),
            (cx + half, cy),
            (cx, cy + half + 30),
            (cx - half, cy),
        ],
        fill=colour,
        outline=WHITE,
        width=8,
    )
    draw.line([(cx - 40, cy), (cx - 10, cy + 30), (cx + 45, cy - 30)], fill=WHITE, width=14)


def city(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#cfe3f5")
    _skyline(draw)
    draw.rectangle([0, 520, WIDTH, HEIGHT], fill=GREEN)
    _shield(draw, 900, 250, 220)


def road(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#cfe3f5")
    _skyline(draw, base=360, colour="#7a9cc0")
    draw.rectangle([0, 360, WIDTH, HEIGHT], fill="#4a4f55")
    for x in range(330, 870, 90):
        draw.rectangle([x, 420, x + 50, 640], fill=WHITE)
    draw.ellipse([120, 250, 190, 320], fill=YELLOW)
    draw.rectangle([148, 320, 162, 470], fill=DARK)


def conversation(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=SAND)
    draw.rounded_rectangle([120, 120, 620, 380], radius=60, fill=BLUE)
    draw.polygon([(220, 370), (320, 370), (200, 470)], fill=BLUE)
    draw.rounded_rectangle([560, 280, 1080, 540], radius=60, fill=GREEN)
    draw.polygon([(960, 530), (880, 530), (1000, 630)], fill=GREEN)
    for x in (280, 370, 460):
        draw.ellipse([x, 230, x + 40, 270], fill=WHITE)
    for x in (720, 810, 900):
        draw.ellipse([x, 390, x + 40, 430], fill=WHITE)


def signs(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=SAND)
    draw.polygon([(600, 90), (900, 580), (300, 580)], fill=YELLOW, outline=DARK, width=14)
    draw.rectangle([585, 250, 615, 440], fill=DARK)
    draw.ellipse([580, 480, 620, 520], fill=DARK)


def help_line(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#e8f3ee")
    draw.rounded_rectangle([470, 110, 730, 570], radius=40, fill=DARK)
    draw.rounded_rectangle([495, 160, 705, 500], radius=12, fill=WHITE)
    draw.ellipse([578, 520, 622, 556], fill=WHITE)
    for radius in (90, 150, 210):
        draw.arc(
            [600 - radius + 230, 300 - radius, 600 + radius + 230, 300 + radius],
            -45,
            45,
            fill=GREEN,
            width=16,
        )


def circle_of_people(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=SAND)
    draw.ellipse([380, 200, 820, 520], fill="#d9c9a3")
    colours = [BLUE, GREEN, RED, DARK, YELLOW, BLUE, GREEN, DARK]

    for index, colour in enumerate(colours):
        angle = index * (2 * math.pi / len(colours))
        x = 600 + int(300 * math.cos(angle))
        y = 360 + int(200 * math.sin(angle))
        draw.ellipse([x - 34, y - 100, x + 34, y - 32], fill=colour)
        draw.rounded_rectangle([x - 50, y - 28, x + 50, y + 70], radius=30, fill=colour)


def olive_harvest(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#dff0d8")
    draw.rectangle([0, 500, WIDTH, HEIGHT], fill="#8a6d3b")
    for cx in (280, 640, 980):
        draw.rectangle([cx - 18, 330, cx + 18, 520], fill="#5c4326")
        draw.ellipse([cx - 170, 130, cx + 170, 380], fill="#556b2f")
        for dx, dy in ((-80, 40), (30, -20), (90, 60), (-20, 110), (60, 150)):
            draw.ellipse([cx + dx - 12, 220 + dy - 18, cx + dx + 12, 220 + dy + 18], fill="#2f3b12")


def laptop(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#e7eef6")
    draw.rounded_rectangle([330, 150, 870, 480], radius=20, fill=DARK)
    draw.rectangle([360, 180, 840, 450], fill=WHITE)
    draw.polygon([(270, 500), (930, 500), (990, 560), (210, 560)], fill="#6c757d")
    draw.rounded_rectangle([540, 250, 660, 360], radius=14, outline=BLUE, width=14)
    draw.arc([555, 200, 645, 300], 180, 360, fill=BLUE, width=14)


def bar_chart(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#e8f3ee")
    draw.line([(180, 580), (1020, 580)], fill=DARK, width=10)
    for index, height in enumerate((140, 220, 300, 380, 460)):
        x = 230 + index * 160
        draw.rectangle([x, 580 - height, x + 100, 575], fill=GREEN if index % 2 else BLUE)
    draw.ellipse([930, 70, 1030, 170], fill=YELLOW)


DRAWINGS = {
    "bar-chart": bar_chart,
    "city": city,
    "road": road,
    "conversation": conversation,
    "signs": signs,
    "help-line": help_line,
    "circle": circle_of_people,
    "olive-harvest": olive_harvest,
    "laptop": laptop,
}


def demo_image(key, title):
    """The Wagtail image for ``key``, drawn and saved the first time."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", (WIDTH, HEIGHT), WHITE)
    DRAWINGS[key](ImageDraw.Draw(canvas))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"demo-{key}.png"))
