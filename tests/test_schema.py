"""The published JSON Schema: valid, complete, and it accepts every sample."""
from __future__ import annotations

import json

import jsonschema
import pytest
from ruamel.yaml import YAML

from canvas.schema import json_schema
from conftest import SAMPLE_IDS, SAMPLES


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_schema_lists_every_block_and_vocabulary():
    schema = json_schema()
    assert set(schema["properties"]) >= {
        "version", "meta", "segments", "personas", "value_propositions", "channels", "relationships",
        "journeys", "funnel", "competitors", "revenue_streams", "key_resources", "key_activities",
        "key_partners", "cost_structure", "custom_stages"}
    channel = schema["$defs"]["Channel"]["properties"]
    assert channel["category"]["enum"] == ["physical", "mobile", "internet"]
    assert schema["$defs"]["Relationship"]["properties"]["type"]["enum"][0] == "personal_assistance"
    assert len(schema["$defs"]["Persona"]["properties"]["archetype"]["anyOf"][0]["enum"]) == 12
    # bilingual text: a string or {fa, en}
    title = schema["$defs"]["Meta"]["properties"]["title"]
    assert title["anyOf"][1]["properties"].keys() == {"fa", "en"}


@pytest.mark.parametrize("sample", SAMPLES, ids=SAMPLE_IDS)
def test_samples_validate_against_schema(sample):
    data = YAML(typ="safe", pure=True).load(sample.read_text("utf-8"))
    jsonschema.validate(json.loads(json.dumps(data, default=str)), json_schema())


def test_schema_rejects_what_loader_rejects():
    bad = {"version": 1, "meta": {"title": "T", "language": "en"}, "chanels": []}
    with pytest.raises(jsonschema.ValidationError, match="chanels"):
        jsonschema.validate(bad, json_schema())


def test_cli_schema_prints_the_same_schema(cli, tmp_path):
    result = cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.output) == json_schema()
    target = tmp_path / "s.json"
    assert cli("schema", "-o", target).exit_code == 0
    assert json.loads(target.read_text("utf-8")) == json_schema()
