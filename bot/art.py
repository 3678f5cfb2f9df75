"""The bot's pictures, drawn with Pillow: the countdown card and the premiere event's cover.

Plain Python (no Discord): ``bot.rendering`` puts the card's PNG in a message, the premiere events service sends
the cover. The default art is drawn here, by our own code (a gradient with two hearts, no still from the show);
an operator may put their own background in ``data/`` (see :data:`BACKGROUND_FILENAME`).
"""

from __future__ import annotations

import asyncio
import io
import logging
import math
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

__all__ = [
    "BACKGROUND_FILENAME",
    "CARD_SIZE",
    "CardArt",
    "CardFace",
    "cover_image",
    "default_background",
]

log = logging.getLogger(__name__)

#: The operator's own background, looked for beside the data file (``data/card_background.png``).
BACKGROUND_FILENAME = "card_background.png"
#: The card's size in pixels: 5:2, as Discord shows a single gallery image without cropping it.
CARD_SIZE = (800, 320)
# A background file larger than this, or with more pixels, is not opened (a decompression bomb, or simply a
# photo far too big to be worth decoding for an 800-pixel card): the default is drawn instead.
MAX_BACKGROUND_BYTES = 8 * 1024 * 1024
MAX_BACKGROUND_PIXELS = 40_000_000
# Cards kept in memory: one per day count and size, so a few hundred bytes of key and ~60 KB each.
CACHE_ENTRIES = 64

# The words take at most this share of the card's width (the panel behind them is a little wider), in a font
# no smaller than MIN_FONT_SIZE.
TEXT_WIDTH = 0.5
MIN_FONT_SIZE = 10

PINK = (236, 112, 160)
BLUE = (92, 136, 218)
WHITE = (255, 246, 250)
INK = (40, 24, 48)


@dataclass(frozen=True, slots=True)
class CardFace:
    """What the card says: ``headline`` in large type (the days to go, "TODAY", "OUT NOW") and a ``caption``
    under it ("DAYS TO GO"); ``kicker`` is the small line above (the film's title). ``language``: the catalog the
    words are in ("pt_BR"), part of the cache key, so two languages never share a picture."""

    headline: str
    caption: str
    kicker: str = "HEARTSTOPPER FOREVER"
    language: str = "en"


def _heart(draw: ImageDraw.ImageDraw, cx: float, cy: float, size: float, fill: tuple[int, ...]) -> None:
    """A heart (the parametric curve x = 16 sin³t, y = 13 cos t - 5 cos 2t - 2 cos 3t - cos 4t), centred."""
    scale = size / 17
    points = []
    for step in range(120):
        t = 2 * math.pi * step / 120
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((cx + x * scale, cy - y * scale))
    draw.polygon(points, fill=fill)


@cache
def _default_background(width: int, height: int) -> Image.Image:
    # A horizontal pink-to-blue gradient: one row computed, then stretched (a resize, not a per-pixel loop).
    row = Image.new("RGB", (width, 1))
    row.putdata(
        [
            tuple(round(a + (b - a) * x / max(1, width - 1)) for a, b in zip(PINK, BLUE, strict=True))
            for x in range(width)
        ]
    )
    image = row.resize((width, height))
    draw = ImageDraw.Draw(image)
    size = height * 0.30
    for cx in (width * 0.40, width * 0.60):
        _heart(draw, cx, height * 0.5, size, WHITE)
    return image


def default_background(size: tuple[int, int] = CARD_SIZE) -> Image.Image:
    """The project's own art: a pink-to-blue gradient with two white hearts (a copy, free to draw on)."""
    return _default_background(*size).copy()


@cache
def cover_image(width: int = 800, height: int = 320) -> bytes:
    """The premiere event's cover (Discord shows covers at 800x320): the default background as a PNG."""
    return _png(_default_background(width, height))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


#: The card's typeface: Lato Bold (SIL Open Font License, bot/fonts/OFL.txt), shipped with the bot so every
#: machine draws the same. Pillow's own default font has no accented capitals ("DÍAS", "JÁ", "Ü"), which the
#: other languages' words need.
FONT_FILE = Path(__file__).parent / "fonts" / "Lato-Bold.ttf"


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_FILE, size)


def missing_glyphs(text: str) -> set[str]:
    """The characters of ``text`` the card's font cannot draw (it would show an empty box for them)."""
    font = _font(40)
    empty = _glyph(font, "\uffff")
    return {char for char in set(text) if not char.isspace() and _glyph(font, char) == empty}


def _glyph(font: ImageFont.FreeTypeFont, char: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(char)
    return mask.size, bytes(mask)


def _fit_font(draw: ImageDraw.ImageDraw, text: str, start: int, width: float) -> ImageFont.FreeTypeFont:
    """The largest font size from ``start`` down at which ``text`` fits in ``width`` pixels."""
    size = start
    while True:
        font = _font(size)
        if size <= MIN_FONT_SIZE or draw.textlength(text, font=font) <= width:
            return font
        size = max(MIN_FONT_SIZE, int(size * 0.9))


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    centre: tuple[float, float]
    font: ImageFont.FreeTypeFont
    stroke_width: int


def _layout(draw: ImageDraw.ImageDraw, face: CardFace, size: tuple[int, int]) -> list[_Line]:
    """Where each of the face's lines goes, in a font that fits it in the panel (a long German or French caption
    gets a smaller size, never a line past the panel)."""
    width, height = size
    centre = width / 2
    room = width * TEXT_WIDTH
    stroke = max(1, height // 160)
    return [
        _Line(face.kicker, (centre, height * 0.19), _fit_font(draw, face.kicker, height // 12, room), stroke),
        _Line(
            face.headline,
            (centre, height * 0.52),
            _fit_font(draw, face.headline, int(height * 0.45), room),
            max(2, height // 80),
        ),
        _Line(
            face.caption, (centre, height * 0.82), _fit_font(draw, face.caption, height // 9, room), stroke
        ),
    ]


def panel_box(size: tuple[int, int] = CARD_SIZE) -> tuple[float, float, float, float]:
    """The translucent panel the words are drawn on (left, top, right, bottom)."""
    width, height = size
    return (width * 0.22, height * 0.08, width * 0.78, height * 0.92)


def text_boxes(face: CardFace, size: tuple[int, int] = CARD_SIZE) -> dict[str, tuple[int, int, int, int]]:
    """Each line's bounding box (kicker, headline, caption) as :func:`render_card` draws it: what a test checks
    against :func:`panel_box` for every language's longest words."""
    draw = ImageDraw.Draw(Image.new("RGB", size))
    names = ("kicker", "headline", "caption")
    return {
        name: tuple(  # type: ignore[misc]
            round(value)
            for value in draw.textbbox(
                line.centre, line.text, font=line.font, anchor="mm", stroke_width=line.stroke_width
            )
        )
        for name, line in zip(names, _layout(draw, face, size), strict=True)
    }


#: Colours of a card drawn over the default art: our gradient, hearts and text lose nothing visible in a palette
#: PNG, which is about a third of the full-colour file (36 KB against 11 KB), and every post and /countdown
#: uploads it. An operator's background (a photo, most likely) keeps full colour: a palette would band it.
DEFAULT_ART_COLOURS = 256


def render_card(
    face: CardFace, size: tuple[int, int], background: Image.Image, *, palette: bool = False
) -> bytes:
    """The card as PNG bytes: the face's text over ``background`` (resized and cropped to ``size``); with
    ``palette``, in :data:`DEFAULT_ART_COLOURS` colours."""
    height = size[1]
    image = ImageOps.fit(background.convert("RGB"), size, method=Image.Resampling.LANCZOS)
    # A translucent dark band behind the text keeps it readable over any background an operator puts in.
    shade = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(shade).rounded_rectangle(panel_box(size), radius=height // 10, fill=(*INK, 150))
    image = Image.alpha_composite(image.convert("RGBA"), shade)
    draw = ImageDraw.Draw(image)
    for line in _layout(draw, face, size):
        draw.text(
            line.centre,
            line.text,
            font=line.font,
            fill=WHITE,
            anchor="mm",
            stroke_width=line.stroke_width,
            stroke_fill=INK,
        )
    card = image.convert("RGB")
    if palette:
        return _png(card.quantize(DEFAULT_ART_COLOURS, method=Image.Quantize.FASTOCTREE))
    return _png(card)


class CardArt:
    """Countdown cards, cached per face (the day count or phase) and size.

    ``background_path``: the operator's background; missing, unreadable, not an image or too large, the
    default is used, with one WARNING per version of the file (not one per card). A replaced file is picked up
    by the next card (the cache key carries the file's size and modification time).
    """

    def __init__(self, background_path: Path | None = None) -> None:
        self.background_path = background_path
        self._cards: dict[tuple[CardFace, tuple[int, int], object], bytes] = {}
        self._lock = threading.Lock()  # cards are drawn in worker threads
        self._warned: object = None
        #: Cards being drawn right now (a test sandbox waits for them as for a request in flight).
        self.drawing = 0

    def _signature(self) -> tuple[int, int] | None:
        if self.background_path is None:
            return None
        try:
            stat = self.background_path.stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def _background(self, signature: tuple[int, int] | None) -> Image.Image | None:
        """The operator's background; None when the default art is to be used."""
        path = self.background_path
        if path is None or signature is None:
            return None
        problem: str | None = None
        if signature[1] > MAX_BACKGROUND_BYTES:
            problem = f"it is {signature[1]:,} bytes (at most {MAX_BACKGROUND_BYTES:,})"
        else:
            try:
                with Image.open(path) as opened:
                    pixels = opened.width * opened.height
                    if pixels > MAX_BACKGROUND_PIXELS:
                        problem = (
                            f"it is {opened.width}x{opened.height} pixels (at most {MAX_BACKGROUND_PIXELS:,})"
                        )
                    else:
                        opened.load()
                        return opened.convert("RGB")
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
                problem = f"it cannot be read as an image ({type(error).__name__})"
        if self._warned != signature:
            self._warned = signature
            log.warning("card background %s not used, the default art is: %s", path, problem)
        return None

    def card(self, face: CardFace, size: tuple[int, int] = CARD_SIZE) -> bytes:
        """The card's PNG (drawn once per face, size and background; takes ~50 ms of CPU the first time)."""
        signature = self._signature()
        key = (face, size, signature)
        with self._lock:
            cached = self._cards.get(key)
            if cached is not None:
                return cached
            operators = self._background(signature)
            if operators is None:
                png = render_card(face, size, default_background(size), palette=True)
            else:
                png = render_card(face, size, operators)
            if len(self._cards) >= CACHE_ENTRIES:
                self._cards.pop(next(iter(self._cards)))  # the oldest: days past are not drawn again
            self._cards[key] = png
            return png

    async def card_async(self, face: CardFace, size: tuple[int, int] = CARD_SIZE) -> bytes:
        """:meth:`card` from async code: a cached card at once, a new one drawn off the event loop."""
        key = (face, size, self._signature())
        cached = self._cards.get(key)
        if cached is not None:
            return cached
        self.drawing += 1
        try:
            return await asyncio.to_thread(self.card, face, size)
        finally:
            self.drawing -= 1
