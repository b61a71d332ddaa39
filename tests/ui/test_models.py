"""Every item model of the window passes pytest-qt's model tester."""

from __future__ import annotations

from pathlib import Path

from pytestqt.modeltest import ModelTester

from fieldkit.survey import Survey
from ui.interview.history_dialog import RevisionsModel
from ui.interview.section_list import SectionListModel
from ui.overview.model import OverviewFilter, OverviewModel
from ui.overview.search import SearchResultsModel, describe


def test_the_overview_model_and_its_filter(
    qtmodeltester: ModelTester, demo_path: Path, french: None
) -> None:
    with Survey.open(demo_path) as survey:
        model = OverviewModel()
        model.load(survey)
        qtmodeltester.check(model)
        proxy = OverviewFilter()
        proxy.setSourceModel(model)
        proxy.set_filter_text("garage")
        qtmodeltester.check(proxy)
        assert proxy.rowCount() == 1
        proxy.set_filter_text("paysan juillet")
        assert proxy.rowCount() == 1 and proxy.rowCount(proxy.index(0, 0)) == 1


def test_the_trash_model(qtmodeltester: ModelTester, demo_path: Path) -> None:
    with Survey.open(demo_path) as survey:
        first = survey.interviews()[0]
        survey.delete("interview", first.id)
        survey.delete("initiative", survey.initiatives()[-1].id)
        model = OverviewModel()
        model.load(survey, trash=True)
        qtmodeltester.check(model)
        assert model.counts()[0] == 2


def test_the_section_list_model(qtmodeltester: ModelTester, demo_path: Path) -> None:
    with Survey.open(demo_path, readonly=True) as survey:
        interview = survey.interviews()[0].id
        model = SectionListModel()
        model.set_guide(survey.guide_for(interview), "fr", survey.answers(interview))
        qtmodeltester.check(model)
        model.set_current(2)
        qtmodeltester.check(model)


def test_the_history_and_search_models(qtmodeltester: ModelTester, demo_path: Path) -> None:
    with Survey.open(demo_path) as survey:
        interview = survey.interviews()[0].id
        survey.set_answer(interview, "note_libre", "première idée")
        survey.log.session = "autre session"  # a new editing session keeps the old version
        survey.set_answer(interview, "note_libre", "seconde idée")
        guide = survey.guide_for(interview)
        revisions = survey.answer_history(interview, "note_libre")
        qtmodeltester.check(RevisionsModel(guide.question("note_libre"), revisions, "fr"))
        results = SearchResultsModel()
        hits = survey.search("innovation")
        results.set_results("innovation", [describe(survey, h, "fr", {}) for h in hits])
        assert results.rowCount() > 0
        qtmodeltester.check(results)
        results.set_results("zorglub", [], "Aucun résultat pour « zorglub »")
        assert results.rowCount() == 1
        qtmodeltester.check(results)
