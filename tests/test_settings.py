"""Every setting is documented in the README, and bad values are refused with the variable's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.settings import SETTINGS, load_settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_setting_documented(name: str) -> None:
    assert f"`{SETTINGS[name].env}`" in README


def test_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_PORT", "eighty")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "KG_PORT" in info.value.message


def test_binds_to_loopback_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_HOST", raising=False)
    assert load_settings().host == "127.0.0.1"
