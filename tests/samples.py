"""Small joined tables for demos, tests and benchmarks of the render stage.

``syrian_coast()`` is a realistic hand-made table (March 2025 coastal
violence, plus Sudan and Ukraine rows so several conflicts and all event
types appear), ``hostile()`` holds article text built to break HTML/JS, and
``synthetic(n)`` makes n plausible incidents, deterministically, for load
tests. The reports are illustrative, not sourced data.
"""

from __future__ import annotations

import random

import pandas as pd

from mapper.schema import INCIDENT_COLUMNS, JOINED_EXTRA_COLUMNS

COLUMNS = list(INCIDENT_COLUMNS) + [c for c in JOINED_EXTRA_COLUMNS if c not in INCIDENT_COLUMNS]


def _row(**values) -> dict:
    row = {column: None for column in COLUMNS}
    row.update(values)
    return row


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


PLACES = {
    # name: (lat, lon, precision, provider, country, admin1, uncertainty_km)
    "Latakia": (35.53, 35.79, 1, "geonames", "SY", "Latakia", None),
    "Baniyas": (35.18, 35.95, 1, "geonames", "SY", "Tartus", None),
    "Jableh": (35.36, 35.93, 1, "geonames", "SY", "Latakia", None),
    "Hmeimim": (35.401, 35.949, 1, "geonames", "SY", "Latakia", None),
    "Al-Janoudiya": (35.885, 36.291, 1, "geonames", "SY", "Idlib", None),
    "near Qardaha": (35.46, 36.06, 2, "geonames", "SY", "Latakia", 10.0),
    "Tuwaym": (34.9, 38.5, 3, "analyst", "SY", None, 100.0),
    "Lebanon": (33.9, 35.5, 3, "geonames", "LB", None, 80.0),
    "coastal region": (35.3, 36.0, 3, "geonames", "SY", None, 60.0),
    "El Fasher": (13.63, 25.35, 1, "geonames", "SD", "North Darfur", None),
    "Kharkiv": (49.99, 36.23, 1, "geonames", "UA", "Kharkiv", None),
}


def _place(name):
    if name not in PLACES:
        return dict(latitude=None, longitude=None, geo_precision=None, provider=None,
                    country_code=None, admin1=None, uncertainty_km=None)
    lat, lon, precision, provider, cc, admin1, unc = PLACES[name]
    return dict(latitude=lat, longitude=lon, geo_precision=precision, provider=provider,
                country_code=cc, admin1=admin1, uncertainty_km=unc)


def syrian_coast() -> pd.DataFrame:
    art = dict(article="2025-03-09-coast.txt", article_title="Days of killing on Syria's coast",
               article_source="Example Wire", article_url="https://news.example.org/syria/coast-killings")
    rows = [
        _row(incident_id="SY-001", event_date="2025-03-06", time_precision=1, date_text="Thursday evening",
             event_type="Battles", sub_event_type="Armed clash", actor1="Government security forces",
             actor2="Assad-loyalist gunmen", location="Jableh", fatalities=16, fatalities_breakdown="",
             scope="local", quote="Gunmen ambushed a security patrol near Jableh on Thursday evening, killing 16.",
             quote_start=120, quote_end=199, notes="", **_place("Jableh"), **art),
        _row(incident_id="SY-002", event_date="2025-03-07", time_precision=1, date_text="Friday",
             event_type="Violence against civilians", sub_event_type="Attack",
             actor1="Unidentified armed group", actor2="Civilians (Syria)", location="Baniyas", fatalities=31,
             fatalities_breakdown="children=9;women=4", scope="local",
             quote="In Baniyas, residents said 31 people were killed in their homes, among them nine children.",
             quote_start=400, quote_end=489, notes="", **_place("Baniyas"), **art),
        _row(incident_id="SY-003", event_date="2025-03-07", time_precision=1, date_text="Friday",
             event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
             actor1="Military Forces of Syria", actor2="", location="near Qardaha", fatalities=3,
             fatalities_breakdown="", scope="local",
             quote="Helicopters struck positions near Qardaha, killing three.", quote_start=600, quote_end=657,
             notes="", **_place("near Qardaha"), **art),
        _row(incident_id="SY-004", event_date="2025-03-08", time_precision=1, date_text="Saturday",
             event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Syria)", actor2="",
             location="Hmeimim", fatalities=0, fatalities_breakdown="", scope="local",
             quote="Hundreds of displaced families gathered at the gates of the Hmeimim base asking for protection.",
             quote_start=700, quote_end=790, notes="", **_place("Hmeimim"), **art),
        _row(incident_id="SY-005", event_date="2025-03-08", time_precision=1, date_text="Saturday",
             event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified armed group",
             actor2="Civilians (Syria)", location="Latakia", fatalities=12, fatalities_breakdown="men=12",
             scope="local", quote="Twelve men were taken from a neighbourhood of Latakia and later found dead.",
             quote_start=800, quote_end=874, notes="", **_place("Latakia"), **art),
        _row(incident_id="SY-006", event_date="2025-03-09", time_precision=1, date_text="Sunday",
             event_type="Riots", sub_event_type="Mob violence", actor1="Rioters (Syria)", actor2="",
             location="Latakia", fatalities=2, fatalities_breakdown="", scope="local",
             quote="A crowd set fire to shops in Latakia; two people died.", quote_start=900, quote_end=954,
             notes="", **_place("Latakia"), **art),
        _row(incident_id="SY-007", event_date="2025-03-10", time_precision=2, date_text="early last week",
             event_type="Strategic developments", sub_event_type="Displacement",
             actor1="Civilians (Syria)", actor2="", location="Lebanon", fatalities=0, fatalities_breakdown="",
             scope="local", quote="Thousands fled the coastal region across the border into northern Lebanon.",
             quote_start=1000, quote_end=1074, notes="", origin="coastal region", destination="Lebanon",
             origin_latitude=35.3, origin_longitude=36.0, **_place("Lebanon"), **art),
        _row(incident_id="SY-008", event_date="2025-03-10", time_precision=1, date_text="Monday",
             event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified armed group",
             actor2="Civilians (Syria)", location="Al-Janoudiya", fatalities=5, fatalities_breakdown="",
             scope="local", quote="Five members of one family were shot in Al-Janoudiya.", quote_start=1100,
             quote_end=1152, notes="", **_place("Al-Janoudiya"), **art),
        _row(incident_id="SY-009", event_date="2025-03-11", time_precision=3, date_text="this month",
             event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Syria",
             actor2="Islamic State", location="Tuwaym", fatalities=4, fatalities_breakdown="", scope="local",
             quote="Clashes in the desert near Tuwaym left four fighters dead.", quote_start=1200, quote_end=1258,
             notes="", **_place("Tuwaym"), **art),
        _row(incident_id="SY-010", event_date="2025-03-11", time_precision=2, date_text="since Thursday",
             event_type="Violence against civilians", sub_event_type="Attack", actor1="", actor2="Civilians (Syria)",
             location="coastal region", fatalities=1383, fatalities_breakdown="", scope="aggregate",
             quote="A monitoring group said 1,383 civilians had been killed across the coastal region since Thursday.",
             quote_start=1300, quote_end=1398, notes="", **_place("coastal region"), **art),
        _row(incident_id="SY-011", event_date="2025-03-09", time_precision=1, date_text="Sunday",
             event_type="Battles", sub_event_type="Armed clash", actor1="Government security forces",
             actor2="Assad-loyalist gunmen", location="Sheikh Badr", fatalities=7, fatalities_breakdown="",
             scope="local", quote="Seven were killed in fighting in Sheikh Badr.", quote_start=1400,
             quote_end=1445, notes="", **_place("Sheikh Badr"), **art),
        _row(incident_id="SY-012", event_date="2025-03-08", time_precision=1, date_text="Saturday",
             event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified armed group",
             actor2="Civilians (Syria)", location="Baniyas", fatalities=8, fatalities_breakdown="children=2",
             scope="local", quote="Eight more bodies were found in Baniyas on Saturday.", quote_start=1500,
             quote_end=1551, notes="", **_place("Baniyas"), **art),
    ]
    sudan = dict(article="2025-05-02-darfur.txt", article_title="Shelling hits El Fasher camp",
                 article_source="Example Daily", article_url="http://example.net/darfur")
    rows.append(_row(incident_id="SD-001", event_date="2025-03-09", time_precision=1, date_text="on Sunday",
                     event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                     actor1="Rapid Support Forces", actor2="Civilians (Sudan)", location="El Fasher", fatalities=22,
                     fatalities_breakdown="children=6", scope="local",
                     quote="Shells hit the Abu Shouk camp outside El Fasher, killing 22.", quote_start=10,
                     quote_end=70, notes="", **_place("El Fasher"), **sudan))
    rows.append(_row(incident_id="UA-001", event_date="2025-03-07", time_precision=1, date_text="Friday night",
                     event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                     actor1="Military Forces of Russia", actor2="Civilians (Ukraine)", location="Kharkiv",
                     fatalities=2, fatalities_breakdown="", scope="local",
                     quote="Drones struck a residential block in Kharkiv overnight, killing two.", quote_start=5,
                     quote_end=73, notes="", article="2025-03-08-kharkiv.txt", article_title="Drone strike on Kharkiv",
                     article_source="Example Wire", article_url="javascript:alert(document.domain)",
                     **_place("Kharkiv")))
    return _frame(rows)


PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    "<img src=x onerror=\"window.__pwned=2;alert(1)\">",
    "</script><script>window.__pwned=3</script>",
    "`${window.__pwned=4}` ${alert(1)} \\\" \\u003c \\",
    "\u2028\u2029<!-- <svg onload=window.__pwned=5> & &amp; \"quotes\" 'single'",
    # template syntax: must stay text, never be evaluated (branca/Jinja2 once compiled it)
    "{{ 7*7 }} {{ '</script><script>window.__pwned=6;alert(1)</script>' }}",
    "{% raw %} {# unclosed {{citation needed}}",
]


def hostile() -> pd.DataFrame:
    """Rows whose article text tries every HTML/JS context escape."""
    rows = []
    for i, payload in enumerate(PAYLOADS):
        lat, lon = 35.0 + i * 0.2, 36.5 + i * 0.2
        rows.append(_row(
            incident_id=f"X-{i}", article=f"evil-{i}.txt", event_date="2025-03-07", time_precision=1,
            date_text=payload, event_type="Violence against civilians", sub_event_type=payload,
            actor1="actor " + payload, actor2=payload, location="place " + payload, fatalities=i,
            fatalities_breakdown=payload, scope="local", quote="quote " + payload, quote_start=0, quote_end=10,
            notes="note=" + payload, origin=payload, destination=payload, latitude=lat, longitude=lon, geo_precision=1, provider=payload,
            country_code="SY", admin1=payload, uncertainty_km=None, article_title="title " + payload,
            article_source=payload, article_url="javascript:window.__pwned=9" if i % 2 else "https://x.example/?q=" + payload,
        ))
    for j, name in enumerate(["__proto__", "constructor"]):
        rows.append(_row(
            incident_id=f"X-P{j}", article="evil-proto.txt", event_date="2025-03-08", time_precision=1,
            event_type=name, sub_event_type=name, actor1=name, location=name, fatalities=1, scope="local",
            quote=name, latitude=34.5 + j * 0.2, longitude=36.0, geo_precision=1, provider="geonames",
            country_code="SY", article_url="https://x.example/" + name,
        ))
    return _frame(rows)


EVENT_SUBTYPES = {
    "Battles": ["Armed clash"],
    "Explosions/Remote violence": ["Shelling/artillery/missile attack", "Air/drone strike"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Looting/property destruction", "Displacement"],
}


def synthetic(n: int, seed: int = 7) -> pd.DataFrame:
    """n deterministic, plausible incidents over the Levant, 2024-2025."""
    rng = random.Random(seed)
    towns = [(33.0 + rng.random() * 4.5, 35.5 + rng.random() * 6.0) for _ in range(max(10, n // 20))]
    types = list(EVENT_SUBTYPES)
    base = pd.Timestamp("2024-06-01")
    rows = []
    for i in range(n):
        lat, lon = towns[rng.randrange(len(towns))]
        precision = rng.choices([1, 2, 3], [70, 20, 10])[0]
        event_type = rng.choice(types)
        missing = rng.random() < 0.03
        fat = int(rng.expovariate(0.25)) if rng.random() < 0.6 else 0
        rows.append(_row(
            incident_id=f"S-{i:06d}", article=f"a{i // 5:05d}.txt",
            event_date=(base + pd.Timedelta(days=rng.randrange(300))).date().isoformat(), time_precision=1,
            date_text="on Tuesday", event_type=event_type, sub_event_type=rng.choice(EVENT_SUBTYPES[event_type]),
            actor1="Armed group A", actor2="Civilians", location=f"Town {i % 997}", fatalities=fat,
            fatalities_breakdown="children=1" if fat > 3 else "", scope="aggregate" if rng.random() < 0.02 else "local",
            quote=f"Report {i}: {fat} people were killed in Town {i % 997} on Tuesday, residents said.",
            quote_start=0, quote_end=60, notes="",
            latitude=None if missing else round(lat, 4), longitude=None if missing else round(lon, 4),
            geo_precision=precision, provider="geonames", country_code="SY", admin1="Region",
            uncertainty_km={1: None, 2: 10.0, 3: 50.0}[precision], article_title=f"Article {i // 5}",
            article_source="Example Wire", article_url=f"https://news.example.org/{i // 5}",
        ))
    return _frame(rows)
