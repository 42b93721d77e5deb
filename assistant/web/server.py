"""What the Gradio server carries besides the page: the map's routes, its static files, and page <head>."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..maps.mapview import MapView
from ..maps.routes import PREFIX, map_router
from ..settings import Settings
from . import api

STATIC_DIR = Path(__file__).resolve().parent / "static"

# Gradio picks its UI language from the browser; this page is Chinese whatever the browser says,
# so its own strings (upload box, progress, errors) come out in Chinese too. Runs before Gradio starts.
FORCE_CHINESE = ("<script>try{for(const [k,v] of [['language','zh-CN'],['languages',['zh-CN','zh']]])"
                 "Object.defineProperty(Navigator.prototype,k,{get:()=>v,configurable:true});}catch(e){}</script>")
HEAD = (f'<link rel="stylesheet" href="{PREFIX}/static/leaflet/leaflet.css">'
        f'<link rel="stylesheet" href="{PREFIX}/static/yqmap.css">'
        f'<script src="{PREFIX}/static/leaflet/leaflet.js"></script>'
        f'<script src="{PREFIX}/static/yqmap.js"></script>')


def routes(mapview: MapView, settings: Settings, downloads: APIRouter | None = None,
           chat_api: Callable | None = None) -> list:
    """Starlette routes for `app_kwargs={"routes": …}`: /yqmap/static/…, the map endpoints, the JSON chat
    endpoint (both modes: it goes through the same guard as Gradio's /chat), staff downloads."""
    router = map_router(mapview, settings.public, getattr(settings, "basemap_url", "") or "", settings.band_m)
    extra = [] if settings.public or downloads is None else list(downloads.routes)
    ask = [] if chat_api is None else list(api.router(chat_api, settings.question_limit).routes)
    return [Mount(f"{PREFIX}/static", app=StaticFiles(directory=STATIC_DIR), name="yqmap-static"),
            *router.routes, *ask, *extra]


class ChineseFirstPage:
    """ASGI middleware: puts FORCE_CHINESE at the top of <head> of the page itself (path "/")."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("path") not in ("/", "") or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        start: dict = {}
        chunks: list[bytes] = []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks)
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                if any(k.lower() == b"content-type" and b"text/html" in v for k, v in headers):
                    body = body.replace(b"<head>", b"<head>" + FORCE_CHINESE.encode(), 1)
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, capture)
