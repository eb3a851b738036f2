"""Analyst overrides: matched by any spelling, malformed rows named and skipped."""

from mapper.diagnostics import Diagnostics, ignore
from mapper.geocode.names import fold
from mapper.geocode.overrides import OverridesGeocoder, read_overrides

HEADER = "place,aliases,latitude,longitude,geo_precision,country_code,citation\n"


def test_override_matches_place_and_aliases_in_any_spelling(tmp_path):
    path = tmp_path / "places_overrides.csv"
    path.write_text(HEADER + "Hmeimim,Hmeimim Air Base|Khmeimim,35.401,35.949,1,SY,ICAO aerodrome reference point\n")
    geocoder = OverridesGeocoder(read_overrides(path, ignore), fold)
    for spelling in ("Hmeimim", "hmeimim", "Khmeimim", "Hmeimim air base"):
        found = geocoder.geocode(spelling)
        assert (found.latitude, found.longitude) == (35.401, 35.949), spelling
        assert found.raw["citation"] == "ICAO aerodrome reference point"
    assert geocoder.geocode("Latakia") is None


def test_malformed_rows_are_named_by_line_and_the_rest_apply(tmp_path):
    path = tmp_path / "places_overrides.csv"
    path.write_text(
        HEADER
        + "Good One,,35.0,36.0,1,SY,a map\n"  # line 2
        + "Too Far North,,95,36.0,1,SY,typo\n"  # line 3
        + "Wordy,,thirty,36.0,1,SY,typo\n"  # line 4
        + "Short Row,,35.0\n"  # line 5
        + "Bad Precision,,35.0,36.0,7,SY,x\n"  # line 6
        + "Good Two,,34.0,37.0,2,SY,a report\n"  # line 7
    )
    found = Diagnostics()
    overrides = read_overrides(path, found.add)
    assert [o.place for o in overrides] == ["Good One", "Good Two"]
    assert [o.line for o in overrides] == [2, 7]
    assert len(found) == 4 and {d.code for d in found} == {"W401"}
    for line, word in zip((3, 4, 5, 6), ("latitude", "latitude", "", "geo_precision"), strict=True):
        message = next(w for w in found.lines() if f":{line}:" in w)
        assert message.startswith(f"W401 {path}:{line}: override skipped: ") and word in message


def test_header_without_coordinates_is_reported(tmp_path):
    path = tmp_path / "places_overrides.csv"
    path.write_text("place,lat,lon\nX,1,2\n")
    found = Diagnostics()
    assert read_overrides(path, found.add) == []
    [problem] = found
    assert problem.code == "W402" and "latitude" in problem.message
