"""School configuration: the example loads; every broken field is named with its file."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.domain.school import DEFAULT_CONFIG, ConfigError, load_config


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "school.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_example_configuration_loads():
    config = load_config(DEFAULT_CONFIG)
    assert config.school_id == "voorbeeldschool"
    assert config.helpline("zelfmoordpreventie").phone == "113"
    assert config.helplines_checked_on.year >= 2026


@pytest.mark.parametrize(
    "field, change",
    [
        ("aanspreekpunt.email", lambda d: d["aanspreekpunt"].update(email="geen mail")),
        ("deputy", lambda d: d.pop("deputy")),
        ("response_days", lambda d: d.update(response_days=0)),
        ("retention_days", lambda d: d.update(retention_days="een jaar")),
        ("klachtenregeling_url", lambda d: d.update(klachtenregeling_url="http://onveilig.example")),
        ("helplines.checked_on", lambda d: d["helplines"].update(checked_on="gisteren")),
        ("helplines.politie", lambda d: d["helplines"].pop("politie")),
        ("helplines.veilig_thuis.phone", lambda d: d["helplines"]["veilig_thuis"].update(phone="bel ons")),
        ("school_id", lambda d: d.update(school_id="Mijn School!")),
        ("parent_register", lambda d: d.update(parent_register="jij")),
    ],
)
def test_broken_field_is_named_with_the_file(tmp_path, field, change):
    path = _write(tmp_path, change)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.field_name == field
    assert str(path) in str(error.value) and field in str(error.value)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("school_id: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)
