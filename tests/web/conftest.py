"""Fixtures of the browser tests: one Chromium and one staff and one public app per test module, demo inputs."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def browser():
    from browser_pages import CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def staff_url(assistant_app, built_settings):
    from ui_server import running_app

    with running_app(assistant_app, built_settings, "staff") as url:
        yield url


@pytest.fixture(scope="module")
def public_url(assistant_app, built_settings):
    from ui_server import running_app

    with running_app(assistant_app, built_settings, "public") as url:
        yield url


@pytest.fixture(scope="module")
def samples(built_settings):
    """Independent inputs from the built demo database: a farmland point, a parcel, a place, vertices."""
    from assistant.layers import db

    con = db.connect(built_settings.db_path, read_only=True)
    lon, lat = con.execute("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM features "
                           "WHERE layer = '永久基本农田' AND version = '维护后' ORDER BY area_m2 DESC LIMIT 1)").fetchone()
    unit_id, plot_no = con.execute("SELECT unit_id, plot_no FROM parcels ORDER BY plot_no LIMIT 1").fetchone()
    place = con.execute("SELECT name FROM places WHERE kind LIKE '%镇%' ORDER BY name LIMIT 1").fetchone()[0]
    vertices = con.execute("SELECT DISTINCT printf('%.4f', ST_X(p)) FROM (SELECT unnest(ST_Dump(ST_Points(geom))).geom p "
                           "FROM features WHERE layer IN ('永久基本农田', '生态保护红线', '城镇开发边界') LIMIT 3000)"
                           ).fetchall()
    con.close()
    return {"farm": (lon, lat), "unit_id": unit_id, "plot_no": plot_no, "place": place,
            "vertex_lons": [v[0] for v in vertices]}
