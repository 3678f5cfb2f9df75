"""The countdown card and the event cover, drawn with Pillow: what they are, their cache, an operator's background."""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from bot import rendering
from bot.art import (
    CARD_SIZE,
    MAX_BACKGROUND_BYTES,
    CardArt,
    CardFace,
    cover_image,
    default_background,
    missing_glyphs,
    panel_box,
    render_card,
    text_boxes,
)
from bot.domain.knowledge import ReleaseInfo, SourceRef
from bot.domain.release import ReleaseDate
from bot.i18n import ENGLISH, Language, language
from bot.services.countdown import countdown_status

FACE = CardFace("42", "DAYS TO GO")


def opened(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    image.load()
    return image


def test_the_card_is_a_png_of_the_card_size_well_under_discords_attachment_limit() -> None:
    png = CardArt().card(FACE)
    assert opened(png).size == CARD_SIZE
    assert len(png) < 200_000  # Discord takes 10 MiB per message; each post uploads the card


def test_each_day_count_and_size_is_drawn_once() -> None:
    art = CardArt()
    first = art.card(FACE)
    assert art.card(FACE) is first  # the cached bytes, not a second drawing
    other_day = art.card(CardFace("41", "DAYS TO GO"))
    assert other_day != first
    small = art.card(FACE, (400, 160))
    assert opened(small).size == (400, 160)


async def test_card_async_draws_off_the_event_loop_and_caches() -> None:
    art = CardArt()
    png = await art.card_async(FACE)
    assert await art.card_async(FACE) is png and opened(png).size == CARD_SIZE


def centre_pixel(png: bytes) -> tuple[int, ...]:
    # Left of the text panel: the background shows through there untouched.
    return opened(png).convert("RGB").getpixel((20, CARD_SIZE[1] // 2))


def test_an_operators_background_is_used_and_a_replacement_is_picked_up(tmp_path: Path) -> None:
    background = tmp_path / "card_background.png"
    Image.new("RGB", (1600, 640), (10, 200, 30)).save(background)
    art = CardArt(background)
    green = art.card(FACE)
    assert centre_pixel(green)[1] > 150 and centre_pixel(green)[0] < 50
    Image.new("RGB", (1600, 640), (200, 10, 30)).save(background)
    red = art.card(FACE)
    assert centre_pixel(red)[0] > 150 and centre_pixel(red)[1] < 50


def test_a_card_over_the_default_art_is_a_small_palette_png_and_an_operators_photo_keeps_full_colour(
    tmp_path: Path,
) -> None:
    own = opened(CardArt().card(FACE))
    assert own.mode == "P" and len(CardArt().card(FACE)) < 20_000  # a third of the full-colour file
    # Every colour of the default art survives the palette within a few steps (no visible banding).
    full_colour = Image.open(io.BytesIO(render_card(FACE, CARD_SIZE, default_background()))).convert("RGB")
    difference = ImageStat.Stat(ImageChops.difference(own.convert("RGB"), full_colour))
    assert max(difference.mean) < 4
    photo = tmp_path / "card_background.png"
    Image.merge("RGB", [Image.effect_noise((800, 320), 60) for _ in range(3)]).save(photo)
    assert opened(CardArt(photo).card(FACE)).mode == "RGB"


@pytest.mark.parametrize("problem", ["missing", "broken", "huge"])
def test_a_missing_broken_or_huge_background_falls_back_to_the_default_with_one_warning(
    tmp_path: Path, problem: str, caplog: pytest.LogCaptureFixture
) -> None:
    background = tmp_path / "card_background.png"
    if problem == "broken":
        background.write_bytes(b"\x89PNG\r\n\x1a\nnot really a picture")
    elif problem == "huge":
        background.write_bytes(b"\0" * (MAX_BACKGROUND_BYTES + 1))
    default = CardArt().card(FACE)
    with caplog.at_level(logging.WARNING, logger="bot.art"):
        art = CardArt(background)
        assert art.card(FACE) == default
        assert art.card(CardFace("41", "DAYS TO GO")) == CardArt().card(CardFace("41", "DAYS TO GO"))
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == (0 if problem == "missing" else 1)


def test_a_background_with_too_many_pixels_is_not_decoded(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    background = tmp_path / "card_background.png"
    Image.new("1", (8000, 6000)).save(background)  # a small file that would decode to 48 megapixels
    with caplog.at_level(logging.WARNING, logger="bot.art"):
        assert CardArt(background).card(FACE) == CardArt().card(FACE)
    assert "pixels" in caplog.text


def test_the_default_art_and_the_event_cover_are_our_own_drawing() -> None:
    cover = opened(cover_image())
    assert cover.size == (800, 320)
    drawn = default_background((800, 320))
    # The cover is the default background itself; left edge pink, right edge blue.
    assert cover.convert("RGB").tobytes() == drawn.tobytes()
    left, right = drawn.getpixel((0, 10)), drawn.getpixel((799, 10))
    assert left[0] > left[2] and right[2] > right[0]


def test_python_m_bot_card_draws_the_picture_over_the_operators_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("DATA_FILE", str(tmp_path / "heartstopper_forever.toml"))
    assert main(["card", "--days", "7", "--out", str(tmp_path / "seven.png")]) == 0
    assert "the default art" in capsys.readouterr().out
    assert opened((tmp_path / "seven.png").read_bytes()).size == CARD_SIZE
    Image.new("RGB", (800, 320), (10, 200, 30)).save(tmp_path / "card_background.png")
    assert main(["card", "--today", "--out", str(tmp_path / "today.png")]) == 0
    assert "card_background.png" in capsys.readouterr().out
    assert centre_pixel((tmp_path / "today.png").read_bytes())[1] > 150
    assert main(["card", "--days", "0"]) == 2 and "--today" in capsys.readouterr().err


# --------------------------------------------------------------------------------------- the card's languages


def _faces_in(reader: Language) -> list[CardFace]:
    """Every face the card can show in ``reader``'s language, through the renderer (its longest day counts too)."""
    release = ReleaseInfo(
        film_title="Heartstopper Forever",
        platform="Netflix",
        platform_url=None,
        date=ReleaseDate.parse("2026-05-01"),
        status="confirmed",
        source=SourceRef("Source", "2025-07-28"),
    )
    faces = [rendering.countdown_face(countdown_status(ReleaseDate.parse("2026"), NOW), release, reader)]
    for days in (1, 2, 365, 1000):
        status = countdown_status(
            ReleaseDate.parse("2026-05-01"), datetime(2026, 5, 1, tzinfo=UTC) - timedelta(days)
        )
        faces.append(rendering.countdown_face(status, release, reader))
    faces.append(
        rendering.countdown_face(
            countdown_status(release.date, datetime(2026, 5, 1, 12, tzinfo=UTC)), release, reader
        )
    )
    faces.append(
        rendering.countdown_face(
            countdown_status(release.date, datetime(2026, 5, 3, tzinfo=UTC)), release, reader
        )
    )
    return faces


NOW = datetime(2026, 1, 1, tzinfo=UTC)
READERS = ["en-US", "es-ES", "pt-BR", "fr", "de", "it"]


@pytest.mark.parametrize("locale", READERS)
def test_every_caption_of_every_language_fits_in_the_cards_panel(locale: str) -> None:
    """The longest words of each language (German, French...) are drawn smaller rather than past the panel, and
    every letter they use (accented capitals too) is one the card's font has."""
    reader = language(locale)
    faces = _faces_in(reader)
    longest = max(faces, key=lambda face: len(face.caption))
    left, top, right, bottom = panel_box(CARD_SIZE)
    for face in faces:
        assert not missing_glyphs(face.kicker + face.headline + face.caption), (
            locale,
            face,
        )  # no empty boxes
        for name, (x0, y0, x1, y1) in text_boxes(face, CARD_SIZE).items():
            assert left <= x0 and x1 <= right and top <= y0 and y1 <= bottom, (locale, face, name)
    assert opened(CardArt().card(longest)).size == CARD_SIZE


def test_the_font_check_finds_a_letter_the_font_lacks() -> None:
    assert missing_glyphs("DÍAS") == set() and missing_glyphs("残り7日") == {"残", "り", "日"}


def test_the_card_speaks_the_readers_language_and_languages_never_share_a_picture() -> None:
    spanish, english = _faces_in(language("es-ES")), _faces_in(ENGLISH)
    assert [face.caption for face in spanish][1:3] == ["DÍA PARA EL ESTRENO", "DÍAS PARA EL ESTRENO"]
    assert spanish[0] == CardFace("PRONTO", "FECHA POR ANUNCIAR", language="es")
    assert english[2] == CardFace("2", "DAYS TO GO")  # English as it always was
    assert {face.headline for face in _faces_in(language("fr"))} >= {"AUJOURD'HUI", "DISPONIBLE"}
    # The same words in two languages (a number, "NETFLIX"...) are still two cache entries.
    art = CardArt()
    same_words = [CardFace("7", "7", language="en"), CardFace("7", "7", language="de")]
    for face in same_words:
        art.card(face)
    assert len(art._cards) == 2
