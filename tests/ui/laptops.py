"""Two laptops and their copies of one survey, made through the Survey API (window tests)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from fieldkit.places import config_dir
from fieldkit.survey import Survey
from fieldkit.survey.device import Device
from fieldkit.survey.dump import dump_text

CAMILLE = Device(id="c4a1e5d0a7b94f0e8d2b6a3c1f9e7d55", author="Camille Roussel")
YANIS = Device(id="9b7e3f1a2c4d4e6f8a0b1c2d3e4f5a6b", author="Yanis Benali")


def be(device: Device) -> None:
    """Make the window run on this laptop (its identity file, in the test's own folder)."""
    identity = {"device": device.id, "author": device.author}
    (config_dir() / "device.json").write_text(json.dumps(identity), encoding="utf-8")


@dataclass(frozen=True)
class Laptops:
    """Camille's survey (opened in the window, on her laptop) and Yanis's copy, edited apart."""

    camille: Path
    yanis: Path
    interview: str  # the visit both of them edited


def two_laptops(folder: Path, conflicts: bool = True) -> Laptops:
    """A survey copied to a second laptop; both edit it, Yanis adds a visit of his own.

    With ``conflicts``, both change the same two answers without seeing each
    other's change: one had a common earlier version, the other did not.
    """
    be(CAMILLE)
    camille = folder / "enquête de Camille.fieldkit"
    yanis = folder / "portable de Yanis.fieldkit"
    Survey.create(camille, device=CAMILLE).close()
    with Survey.open(camille, device=CAMILLE) as survey:
        garage = survey.add_initiative("Garage solidaire du Val", territory="Dijon")
        interview = survey.add_interview(garage, "2026-11-14", "Dijon", ["Camille Roussel"])
        survey.set_answer(interview, "besoins_non_couverts", "Réparer sans se ruiner.")
    shutil.copy(camille, yanis)
    with Survey.open(camille, device=CAMILLE) as survey:
        survey.set_answer(interview, "acteurs_depart", "Trois bénévoles du quartier.")
        if conflicts:
            survey.set_answer(
                interview, "besoins_non_couverts", "Réparer sans se ruiner, et apprendre."
            )
            survey.set_answer(interview, "definition_innovation", "Faire ensemble.")
    with Survey.open(yanis, device=YANIS) as survey:
        ressourcerie = survey.add_initiative("Ressourcerie des Monts", territory="Morvan")
        visit = survey.add_interview(ressourcerie, "2026-11-20", "Autun", ["Yanis Benali"])
        survey.set_answer(visit, "methodes_animation", "Des ateliers ouverts le samedi.")
        survey.set_answer(interview, "origine_details", "Une idée née au café associatif.")
        if conflicts:
            survey.set_answer(
                interview, "besoins_non_couverts", "Réparer, mais surtout se rencontrer."
            )
            survey.set_answer(interview, "definition_innovation", "Changer de regard.")
    return Laptops(camille, yanis, interview)


def dump_of(path: Path) -> str:
    with Survey.open(path, readonly=True) as survey:
        return dump_text(survey)


def answer(path: Path, interview: str, question: str) -> object:
    with Survey.open(path, readonly=True) as survey:
        return survey.answers(interview).get(question)
