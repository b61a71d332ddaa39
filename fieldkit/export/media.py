"""Photos made fit for a document: upright, a sensible size, and saying nothing else.

A phone photo is 3 to 5 MB of pixels plus metadata: who took it (EXIF Artist),
where (GPS), a description, comments, an orientation flag. A document needs
none of that. Every image an export embeds is therefore decoded and saved
anew by Pillow: turned upright from its EXIF orientation, its long side cut
to :data:`LONG_SIDE` pixels, its colours brought to sRGB, and written without
any metadata. Twenty phone photos then make a document of a few MB.

Preparing a photo takes a moment, so the result is kept in a cache folder
(:func:`cache_dir`) under its source's SHA-256: a second export of the same
photos costs nothing. The cache holds only prepared copies, never anything
of the survey file; a damaged or missing cache is rebuilt without a word.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from fieldkit.places import cache_dir

#: The long side of an embedded image, in pixels: sharp on a printed A4 page.
LONG_SIDE = 1600
JPEG_QUALITY = 82
#: A PNG with at most this many colours is a drawing, kept as PNG; more is a photo.
DRAWING_COLOURS = 4096
#: Bumped whenever the recipe changes, so that older prepared copies are not reused.
RECIPE = "2"
#: The cache is pruned to this size, oldest copies first.
CACHE_LIMIT = 300 * 1024 * 1024


#: What an image file says about its own encoding: not metadata about anyone.
_ENCODING_INFO = frozenset(
    {"dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression"}
)


@dataclass(frozen=True)
class Picture:
    """An image ready to embed: its bytes, its upright size in pixels and its kind."""

    data: bytes
    width: int
    height: int
    extension: str


def prepare(data: bytes) -> Picture | None:
    """The image in ``data`` upright, resized and without metadata; ``None`` if unreadable."""
    digest = hashlib.sha256(data).hexdigest()
    cached = _from_cache(digest)
    if cached is not None:
        return cached
    picture = _convert(data)
    if picture is not None:
        _to_cache(digest, picture)
    return picture


def _convert(data: bytes) -> Picture | None:
    try:
        with warnings.catch_warnings():
            # Pillow refuses images over ~180 megapixels (a "decompression bomb").
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as source:
                kind = source.format or ""
                source.draft("RGB", (LONG_SIDE, LONG_SIDE))  # JPEG: decode at a smaller scale
                image = ImageOps.exif_transpose(source)
                image = _to_srgb(image)
                image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
                return _encode(image, drawing=kind in {"PNG", "GIF", "BMP"})
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return None
    except (SyntaxError, EOFError):  # what some damaged files raise from deep inside Pillow
        return None


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colours in sRGB (what documents assume), in a mode JPEG or PNG can hold."""
    profile = image.info.get("icc_profile")
    if profile and image.mode in {"RGB", "RGBA", "CMYK"}:
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
            if converted is not None:
                image = converted
    if image.mode == "P" and "transparency" in image.info:
        return image.convert("RGBA")
    if image.mode not in {"RGB", "RGBA", "L", "LA"}:
        return image.convert("RGB")
    return image


def _encode(image: Image.Image, drawing: bool) -> Picture:
    """Save ``image`` with no metadata at all: a fresh ``info`` carries nothing over.

    A drawing (a PNG or GIF with transparency or few colours: a plan, a
    screenshot) stays PNG; anything else is a photo, saved as JPEG.
    """
    image.info = {}
    transparent = image.mode in {"RGBA", "LA"}
    if transparent or (drawing and image.getcolors(DRAWING_COLOURS) is not None):
        output = io.BytesIO()
        image.save(output, "PNG")
        return Picture(output.getvalue(), image.width, image.height, "png")
    output = io.BytesIO()
    image.convert("RGB" if image.mode != "L" else "L").save(
        output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
    )
    return Picture(output.getvalue(), image.width, image.height, "jpg")


# -- the cache ---------------------------------------------------------------------------


def _cached(digest: str, extension: str) -> Path:
    return cache_dir() / "images" / f"{digest}-{LONG_SIDE}-{RECIPE}.{extension}"


def _from_cache(digest: str) -> Picture | None:
    for extension in ("jpg", "png"):
        path = _cached(digest, extension)
        try:
            data = path.read_bytes()
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
        except (OSError, UnidentifiedImageError, ValueError):
            continue
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return Picture(data, width, height, extension)
    return None


def _to_cache(digest: str, picture: Picture) -> None:
    """Keep a prepared copy; a cache that cannot be written is simply not used."""
    target = _cached(digest, picture.extension)
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, name = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as written:
                written.write(picture.data)
            os.replace(name, target)
        finally:
            Path(name).unlink(missing_ok=True)
        _prune(target.parent)


def _prune(folder: Path) -> None:
    """Remove the least recently used copies until the cache is under :data:`CACHE_LIMIT`."""
    entries = []
    for path in folder.iterdir():
        with contextlib.suppress(OSError):
            status = path.stat()
            entries.append((status.st_mtime, status.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= CACHE_LIMIT:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size


def metadata(data: bytes) -> dict[str, object]:
    """What an image says besides its pixels (EXIF tags, text chunks, comments, profiles).

    Empty for an image fieldkit prepared. Used by the leak check and the tests.
    """
    found: dict[str, object] = {}
    try:
        with Image.open(io.BytesIO(data)) as image:
            for key, value in image.info.items():
                if key not in _ENCODING_INFO:
                    found[str(key)] = value
            exif = image.getexif()
            for tag, value in exif.items():
                found[f"exif:{tag}"] = value
            for ifd in (0x8769, 0x8825, 0xA005):  # Exif, GPS, interoperability
                for tag, value in exif.get_ifd(ifd).items():
                    found[f"exif:{ifd:x}:{tag}"] = value
            if hasattr(image, "text"):
                found.update({f"text:{k}": v for k, v in image.text.items()})
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        return {}
    return found
