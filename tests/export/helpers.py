"""A populated survey for the export tests, and small readers of the files they write."""

from __future__ import annotations

import random
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from fieldkit.survey import Survey


def png(
    width: int, height: int, rgb: tuple[int, int, int] = (90, 120, 150), noisy: bool = False
) -> bytes:
    """A PNG of the given size, made without an imaging library.

    Plain by default; ``noisy`` fills it with random pixels, which compress
    as badly as a real photo's.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    if noisy:
        noise = random.Random(width * height + sum(rgb))
        raw = b"".join(b"\x00" + noise.randbytes(3 * width) for _ in range(height))
    else:
        raw = (b"\x00" + bytes(rgb) * width) * height
    pixels = zlib.compress(raw, 6)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Garage:
    """Ids of the populated survey's initiative and its two visits."""

    initiative: str
    first: str
    second: str


FIRST_NEEDS = "Plus de garage à moins de 30 km.\n\nLes personnes sans voiture restaient chez elles."
SECOND_NEEDS = "Vu en novembre : la liste d’attente compte 40 personnes."
PEOPLE = ("Sandrine Mercadier", "Julie Perraud", "Karim Bensaïd")
AGREES_TO_ALL = {
    "personne_consentement": "oui",
    "personne_citation": "oui",
    "personne_photo": "oui",
}
REFUSES_ALL = {"personne_consentement": "non", "personne_citation": "non", "personne_photo": "non"}


def populate(survey: Survey, folder: Path) -> Garage:
    """An initiative visited twice, with people (one refusing to be named), quotes, photos."""
    initiative = survey.add_initiative(
        "Garage solidaire du Val",
        territory="Dijon métropole",
        network="PESAD 21",
        kind="garage_solidaire",
    )
    first = survey.add_interview(initiative, "2026-03-01", "Le Val", ["Camille Roussel"])
    second = survey.add_interview(initiative, "2026-11-14", "Dijon", ["Yanis Benali"])
    survey.set_answer(
        first,
        "description_initiative",
        "Un garage associatif.\nIl répare à prix coûtant.\n\nPour Sandrine, c’est d’abord un lieu.",
    )
    survey.set_answer(first, "besoins_non_couverts", FIRST_NEEDS)
    survey.set_answer(second, "besoins_non_couverts", SECOND_NEEDS)
    survey.set_answer(first, "origine_projet", "mobilisation_citoyenne")
    survey.set_answer(first, "besoins_domaines", ["mobilite", "emploi_insertion"])
    survey.set_answer(first, "annee_creation", 2015)
    survey.set_answer(first, "effectif_salarie", 4.5)
    survey.set_answer(second, "effectif_salarie", 6)
    survey.set_answer(first, "marge_manoeuvre_echelle", 4)
    survey.set_answer(second, "axe1_part_locale", 70)
    survey.set_answer(
        second, "note_libre", "Julie Perraud a ouvert l’atelier ; Julie y tient à rester discrète."
    )
    people = survey.guide.question("personnes_rencontrees")
    assert people is not None
    survey.add_row(
        first,
        people.id,
        {
            "personne_nom": PEOPLE[0],
            "personne_role": "Coordinatrice",
            "personne_structure": "PESAD 21",
            **AGREES_TO_ALL,
        },
    )
    survey.add_row(
        first,
        people.id,
        {"personne_nom": PEOPLE[1], "personne_role": "Animatrice", **REFUSES_ALL},
    )
    survey.add_row(
        second,
        people.id,
        {"personne_nom": PEOPLE[2], "personne_role": "Directeur", **AGREES_TO_ALL},
    )
    survey.add_quote(
        first, "On répare des voitures, et du lien.", "Sandrine Mercadier", "besoins_non_couverts"
    )
    survey.add_quote(second, "Ici, personne n’est de trop !", "Karim Bensaïd")
    landscape = folder / "quai.png"
    landscape.write_bytes(png(800, 600))
    survey.attach(first, landscape, "description_initiative", "Le quai, avec Sandrine")
    portrait = folder / "atelier.png"
    portrait.write_bytes(png(300, 900))
    survey.attach(second, portrait)
    brochure = folder / "plaquette.pdf"
    brochure.write_bytes(b"%PDF-1.4\n%fake\n")
    survey.attach(second, brochure, caption="Plaquette de l’association")
    return Garage(initiative, first, second)


def package_text(path: Path) -> str:
    """Every XML part of a .docx or .xlsx package, concatenated: what a grep would see."""
    with zipfile.ZipFile(path) as package:
        return "\n".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        )


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")
