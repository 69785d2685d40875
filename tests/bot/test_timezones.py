from cogs.config.timezones import suggest


def test_suggestions_prefer_common_zones_and_match_city_names():
    assert suggest("")[0] == "Europe/Berlin"
    assert suggest("berl")[0] == "Europe/Berlin"
    assert "America/New_York" in suggest("new york")
    assert len(suggest("a")) == 25
    assert suggest("zzzz") == []
