"""The TypedDicts that everything but validation reads keep in step with the pydantic models."""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints

import pytest
from pydantic import BaseModel

from weakcli.kb import models, records

PAIRS: list[tuple[type[Any], type[BaseModel]]] = [
    (records.SourceRecord, models.Source),
    (records.GlossaryRecord, models.GlossaryTerm),
    (records.HpoRecord, models.Hpo),
    (records.FindingRecord, models.Finding),
    (records.RuleRecord, models.Rule),
    (records.OptionRecord, models.Option),
    (records.QuestionRecord, models.Question),
    (records.RedFlagRecord, models.RedFlag),
    (records.TestResultRecord, models.TestResult),
    (records.TestRecord, models.DiagnosticTest),
    (records.TreatmentRecord, models.Treatment),
    (records.PatternRecord, models.Pattern),
    (records.FindingLinkRecord, models.FindingLink),
    (records.TestLinkRecord, models.TestLink),
    (records.TreatmentLinkRecord, models.TreatmentLink),
    (records.DailyLifeRecord, models.DailyLife),
    (records.CodesRecord, models.Codes),
    (records.PeopleRecord, models.People),
    (records.CauseRecord, models.Cause),
    (records.KnowledgeBaseRecord, models.KnowledgeBase),
]
RECORD_OF = {model: record for record, model in PAIRS}


def shape(annotation: Any) -> Any:
    """A type reduced to what a reader of the dumped data sees: constraints dropped, models
    replaced by their record, unions as frozensets, literals as their values."""
    if get_origin(annotation) is Annotated:
        return shape(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return RECORD_OF[annotation]
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return frozenset(shape(arg) for arg in get_args(annotation))
    if origin is Literal:
        return (Literal, get_args(annotation))
    if origin is list:
        return (list, shape(get_args(annotation)[0]))
    return annotation


@pytest.mark.parametrize(("record", "model"), PAIRS, ids=[model.__name__ for _, model in PAIRS])
def test_each_record_has_its_models_fields_and_types(
    record: type[Any], model: type[BaseModel]
) -> None:
    hints = get_type_hints(record, include_extras=True)
    fields = {field.alias or name: field for name, field in model.model_fields.items()}
    assert list(hints) == list(fields)  # the dumped data uses the YAML's own keys
    for name, field in fields.items():
        assert shape(hints[name]) == shape(field.annotation), f"{model.__name__}.{name}"


def test_every_model_has_a_record() -> None:
    defined = {
        value
        for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, models.Model) and value is not models.Model
    }
    assert defined == set(RECORD_OF)
