"""Photos in documents: upright, at most 1600 px, without metadata, light, cached, described."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image, ImageChops, ImageFilter

from fieldkit.export import media, write_monograph
from fieldkit.export.media import metadata, prepare
from fieldkit.places import cache_dir
from fieldkit.survey import Survey
from tests.export.private import photo, png_with_text


def _embedded(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as package:
        return [package.read(n) for n in package.namelist() if n.startswith("word/media/")]


def _one_photo_monograph(survey: Survey, folder: Path, data: bytes, caption: str) -> Path:
    initiative = survey.add_initiative("Atelier du Val")
    interview = survey.add_interview(initiative, "2026-03-12")
    source = folder / "IMG_2041.jpg"
    source.write_bytes(data)
    survey.attach(interview, source, caption=caption)
    return write_monograph(survey, initiative, folder / "m.docx", include_drafts=True)


def test_a_phone_photo_is_embedded_upright_small_and_silent(survey: Survey, tmp_path: Path) -> None:
    source = photo(size=(3000, 2000), orientation=6)  # a portrait photo stored sideways
    assert metadata(source)  # Artist, description, GPS, orientation, comment
    path = _one_photo_monograph(survey, tmp_path, source, "L’atelier")
    [embedded] = _embedded(path)
    assert metadata(embedded) == {}
    with Image.open(io.BytesIO(embedded)) as image:
        assert image.size == (1067, 1600)  # upright, long side 1600
        rgb = image.convert("RGB")
        top, bottom = rgb.getpixel((530, 20)), rgb.getpixel((530, 1580))
    assert top[0] > 180 and top[2] < 100  # the red band, on the left when stored, is on top
    assert bottom[2] > 150
    shape = docx.Document(str(path)).inline_shapes[0]
    assert shape.height > shape.width  # the frame follows the upright picture


def test_a_figure_is_described_by_its_caption_and_named_by_its_number(
    survey: Survey, tmp_path: Path
) -> None:
    path = _one_photo_monograph(survey, tmp_path, photo(), "L’atelier, vu du quai")
    body = docx.Document(str(path)).element.body
    [properties] = list(body.iter(qn("wp:docPr")))
    assert properties.get("descr") == "L’atelier, vu du quai (visite du 12\u00a0mars 2026)".replace(
        "\u00a0", " "
    )
    assert properties.get("name") == "Figure 1"
    assert all(p.get("name") == "Figure 1" for p in body.iter(qn("pic:cNvPr")))
    assert "IMG_2041" not in zipfile.ZipFile(path).read("word/document.xml").decode()


def test_drawings_stay_png_without_their_text_chunks() -> None:
    picture = prepare(png_with_text())
    assert picture is not None and picture.extension == "png"
    assert metadata(picture.data) == {}
    transparent = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(transparent, "PNG")
    kept = prepare(transparent.getvalue())
    assert kept is not None and kept.extension == "png"
    with Image.open(io.BytesIO(kept.data)) as image:
        assert image.mode == "RGBA"


def test_what_is_not_an_image_is_refused_not_fatal() -> None:
    assert prepare(b"not really a picture") is None
    assert prepare(b"\x89PNG\r\n\x1a\n broken") is None


def _phone_photos(count: int) -> list[bytes]:
    """``count`` different 12-megapixel photos of about 2.5 MB, as a phone takes them."""
    size = (4032, 3024)
    base = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 64)
    texture = Image.blend(base, noise, 0.5).filter(ImageFilter.GaussianBlur(1.2))
    photos = []
    shuffle = random.Random(7)
    for index in range(count):
        moved = ImageChops.offset(texture, shuffle.randrange(4000), shuffle.randrange(3000))
        image = Image.merge(
            "RGB", (moved, texture, base.point(lambda v, i=index: (v + 9 * i) % 256))
        )
        output = io.BytesIO()
        image.save(output, "JPEG", quality=92)
        photos.append(output.getvalue())
    return photos


def test_twenty_phone_photos_make_a_monograph_of_a_few_megabytes(
    survey: Survey, tmp_path: Path
) -> None:
    initiative = survey.add_initiative("Atelier du Val")
    interview = survey.add_interview(initiative, "2026-03-12")
    photos = _phone_photos(20)
    assert sum(map(len, photos)) > 40_000_000
    for index, data in enumerate(photos):
        source = tmp_path / f"IMG_{index}.jpg"
        source.write_bytes(data)
        survey.attach(interview, source, caption=f"Photo {index}")
    path = write_monograph(survey, initiative, tmp_path / "m.docx", include_drafts=True)
    assert path.stat().st_size < 10_000_000
    embedded = _embedded(path)
    assert len(embedded) == 20
    for data in embedded:
        with Image.open(io.BytesIO(data)) as image:
            assert max(image.size) <= 1600


def test_a_second_export_takes_the_prepared_copies_from_the_cache(
    survey: Survey, tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _one_photo_monograph(survey, tmp_path, photo(), "L’atelier")
    changes = survey.log.connection.execute("SELECT count(*) FROM changes").fetchone()
    first = _embedded(path)
    assert cache_dir() == config_dir / "cache"  # never in the survey file, never in $HOME
    assert len(list((cache_dir() / "images").iterdir())) == 1

    def no_second_time(data: bytes) -> None:
        raise AssertionError("prepared again")

    monkeypatch.setattr(media, "_convert", no_second_time)
    again = write_monograph(
        survey, survey.initiatives()[0].id, tmp_path / "again.docx", include_drafts=True
    )
    assert _embedded(again) == first
    after = survey.log.connection.execute("SELECT count(*) FROM changes").fetchone()
    assert after == changes  # an export writes nothing in the survey file


def test_a_damaged_cache_is_rebuilt(survey: Survey, tmp_path: Path) -> None:
    data = photo()
    prepare(data)
    [cached] = list((cache_dir() / "images").iterdir())
    cached.write_bytes(b"damaged")
    picture = prepare(data)
    assert picture is not None and metadata(picture.data) == {}
    assert cached.read_bytes() == picture.data
