"""School configuration: the example loads; every broken field is named with its file."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.domain.school import DEFAULT_CONFIG, ConfigError, load_config, load_schools


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


def _school_file(folder: Path, school_id: str, name: str = "x.yml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    data["school_id"] = school_id
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_folder_of_school_files_is_one_instance_for_many_schools(tmp_path):
    _school_file(tmp_path, "de-eik", "de-eik.yml")
    _school_file(tmp_path, "de-linde", "de-linde.yml")
    (tmp_path / "LEESMIJ.txt").write_text("not a school", encoding="utf-8")
    schools = load_schools(tmp_path)
    assert schools.ids == ("de-eik", "de-linde") and schools.default.school_id == "de-eik"
    assert schools.resolve("de-linde").school_id == "de-linde"
    # With more than one school, a chat that names none, or one we do not serve, gets no school.
    for requested in (None, "", "de-beuk", "DE-EIK", "../de-eik"):
        assert schools.resolve(requested) is None
    # One school: a chat that names none is that school's; a wrong name still is not.
    one = load_schools(_school_file(tmp_path / "een", "de-eik"))
    assert one.resolve(None).school_id == "de-eik" and one.resolve("de-beuk") is None


def test_two_files_with_one_school_id_are_refused_naming_both(tmp_path):
    first = _school_file(tmp_path, "de-eik", "a.yml")
    second = _school_file(tmp_path, "de-eik", "b.yml")
    with pytest.raises(ConfigError) as caught:
        load_schools(tmp_path)
    assert str(second) in str(caught.value) and str(first) in str(caught.value)
    assert caught.value.field_name == "school_id"


def test_a_broken_school_in_the_folder_is_named_with_its_file_and_field(tmp_path):
    _school_file(tmp_path, "de-eik", "de-eik.yml")
    broken = _school_file(tmp_path, "Fout!", "fout.yml")
    with pytest.raises(ConfigError) as caught:
        load_schools(tmp_path)
    assert caught.value.path == broken and caught.value.field_name == "school_id"


def test_an_empty_folder_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="no school file"):
        load_schools(tmp_path)


@pytest.mark.parametrize("value, expected", [
    (None, "vertrouwenspersoon@voorbeeldschool.example"),
    ("deputy", "plaatsvervanger@voorbeeldschool.example"),
    ({"name": "Mevrouw B. Bestuur", "role": "vertrouwenspersoon van het bestuur", "email": "vp@bestuur.example",
      "where": "bestuursbureau", "when": "op afspraak"}, "vp@bestuur.example"),
])
def test_reports_about_an_adult_go_where_the_school_file_says(tmp_path, value, expected):
    def change(data):
        data.pop("staff_reports", None)
        if value is not None:
            data["staff_reports"] = value
    config = load_config(_write(tmp_path, change))
    assert config.handler(about_adult=True).email == expected
    assert config.handler(about_adult=False) == config.aanspreekpunt


@pytest.mark.parametrize("value", ["aanspreekpunt", "de directeur"])
def test_staff_reports_never_reaches_the_aanspreekpunt_and_names_known_people(tmp_path, value):
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, lambda d: d.update(staff_reports=value)))
    assert caught.value.field_name == "staff_reports"


def test_staff_reports_with_the_aanspreekpunts_address_is_refused(tmp_path):
    def change(data):
        data["staff_reports"] = dict(data["aanspreekpunt"], name="Iemand anders")
    with pytest.raises(ConfigError, match="aanspreekpunt"):
        load_config(_write(tmp_path, change))
