"""A survey made to leak: odd spellings of names, contacts, and photos that talk.

Three people are met. Damien Ferré agreed to be quoted, not to be named nor
photographed, and asked for general terms for his role and organisation.
Mathilde Roux-Lambert agreed to everything. Jean-Marc Piquet agreed to be
named and photographed, not quoted. The answers write their names in every
way people do; a photo carries EXIF Artist, a description, a GPS position,
an orientation and a JPEG comment; a PNG carries text chunks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from fieldkit.survey import Survey

REFUSING = "Damien Ferré"
AGREEING = "Mathilde Roux-Lambert"
UNQUOTED = "Jean-Marc Piquet"
EMAIL = "damien.ferre@mairie-vernay.fr"
PHONE = "06 12 34 56 78"
OTHER_EMAIL = "contact@atelier-val.org"

#: Every way the answers write the people's names and contacts.
ODD_TEXT = (
    "M. FERRÉ nous reçoit ; DAMIEN et mathilde ouvrent l’atelier. "
    "D. Ferré le confirme, Ferre Damien aussi (c’est le même). "
    "Le maire de Vernay, élu depuis 2014, connaît Jean Marc et J.-M. P. depuis toujours. "
    f"Écrire à {EMAIL} ou appeler le {PHONE} (ou +33 6 12 34 56 78, ou 06.12.34.56.78). "
    f"L’atelier : {OTHER_EMAIL}, 03 80 11 22 33."
)


@dataclass(frozen=True)
class Private:
    initiative: str
    interview: str


def photo(
    size: tuple[int, int] = (3000, 2000), orientation: int = 6, artist: str = REFUSING
) -> bytes:
    """A JPEG that says who took it, where, and which way is up (EXIF 6: turn right)."""
    image = Image.new("RGB", size, (120, 160, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] // 4, size[1]), fill=(220, 40, 40))  # red on the left
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist
    exif[0x010E] = f"Atelier de {artist}"  # ImageDescription
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (47.0, 19.0, 12.0)
    gps[3], gps[4] = "E", (4.0, 31.0, 8.0)
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif, comment=f"{artist} {PHONE}".encode(), quality=90)
    return output.getvalue()


def png_with_text() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", REFUSING)
    info.add_text("Comment", EMAIL)
    output = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 90, 60)).save(output, "PNG", pnginfo=info)
    return output.getvalue()


def populate(survey: Survey, folder: Path) -> Private:
    initiative = survey.add_initiative(
        "Atelier du Val", territory="Vernay-en-Auxois", kind="tiers_lieu"
    )
    interview = survey.add_interview(initiative, "2026-03-12", "Vernay", ["Camille Roussel"])
    people = "personnes_rencontrees"
    survey.add_row(
        interview,
        people,
        {
            "personne_nom": AGREEING,
            "personne_role": "Coordinatrice",
            "personne_consentement": "oui",
            "personne_citation": "oui",
            "personne_photo": "oui",
        },
    )
    survey.add_row(
        interview,
        people,
        {
            "personne_nom": REFUSING,
            "personne_role": "Maire de Vernay",
            "personne_structure": "Commune de Vernay-en-Auxois",
            "personne_consentement": "non",
            "personne_citation": "oui",
            "personne_photo": "non",
            "personne_role_general": "Élu municipal",
            "personne_structure_general": "une commune rurale",
        },
    )
    survey.add_row(
        interview,
        people,
        {
            "personne_nom": UNQUOTED,
            "personne_role": "Menuisier",
            "personne_consentement": "oui",
            "personne_citation": "non",
            "personne_photo": "oui",
        },
    )
    survey.set_answer(interview, "description_initiative", ODD_TEXT)
    survey.set_answer(interview, "origine_details", f"Tout part de {REFUSING}.")
    survey.add_quote(interview, "On a tout repris à zéro.", "M. Ferré", "origine_details")
    survey.add_quote(interview, "Je ne veux pas être cité.", UNQUOTED, "origine_details")
    survey.add_quote(interview, "Ici, tout le monde répare.", "Mathilde", "origine_details")
    survey.add_note(interview, f"Rappeler Damien au {PHONE}.")
    for name, data, caption in (
        ("IMG_2041.jpg", photo(), "L’atelier, avec Mathilde"),
        ("plan.png", png_with_text(), "Le plan de l’atelier"),
        ("IMG_2042.jpg", photo(orientation=1), f"{REFUSING} à l’établi"),
        ("damien_ferre_atelier.jpg", photo(orientation=1), ""),
    ):
        path = folder / name
        path.write_bytes(data)
        survey.attach(interview, path, "description_initiative", caption)
    survey.set_status(interview, "complete")
    return Private(initiative, interview)
