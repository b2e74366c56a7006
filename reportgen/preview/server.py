"""The preview's web server (Starlette on uvicorn), on 127.0.0.1 only.

It serves the page (``page.html``), the last build as JSON (``/state``), the images by the
digests the state names, the outputs to download, and ``/events``: a server-sent event after
every rebuild, on which the page fetches the state and swaps the images that changed. Nothing
is served from the file system by path: an image or a download is looked up by its name in
what the last build made, so no request reaches a file outside the preview.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from importlib import resources
from typing import Any

from reportgen.preview.snapshot import Previewer

HOST = "127.0.0.1"  # loopback only: the preview is for the person at this machine
KEEPALIVE = 15.0  # seconds between comments on the event stream, so proxies keep it open


class Changes:
    """Wakes every open event stream when a build finishes."""

    def __init__(self) -> None:
        self.version = 0
        self.closed = False  # the server is stopping: every stream ends
        self.condition = asyncio.Condition()

    async def publish(self, version: int) -> None:
        async with self.condition:
            self.version = version
            self.condition.notify_all()

    async def close(self) -> None:
        async with self.condition:
            self.closed = True
            self.condition.notify_all()

    async def wait(self, seen: int) -> int:
        async with self.condition:
            await asyncio.wait_for(self.condition.wait_for(lambda: self.version != seen or self.closed), KEEPALIVE)
            return self.version


def make_app(previewer: Previewer, changes: Changes) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
    from starlette.routing import Route

    page = resources.files("reportgen.preview").joinpath("page.html").read_text(encoding="utf-8")

    async def index(request: Request) -> Response:
        return HTMLResponse(page)

    async def state(request: Request) -> Response:
        with previewer.lock:
            return JSONResponse(previewer.snapshot.as_json(), headers={"Cache-Control": "no-store"})

    async def image(request: Request) -> Response:
        data = previewer.images.get(request.path_params["key"])
        if data is None:
            return Response("no such image", status_code=404)
        return Response(data, media_type="image/png", headers={"Cache-Control": "max-age=31536000, immutable"})

    async def download(request: Request) -> Response:
        found = await asyncio.to_thread(previewer.download, request.path_params["fmt"])
        if found is None:
            return Response("no such download", status_code=404)
        name, data = found
        kind = "application/pdf" if name.endswith(".pdf") else \
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        return Response(data, media_type=kind, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def events(request: Request) -> Response:
        async def stream() -> AsyncIterator[str]:
            seen = changes.version
            yield f"data: {seen}\n\n"
            while not changes.closed and not await request.is_disconnected():
                try:
                    seen = await changes.wait(seen)
                except asyncio.TimeoutError:
                    yield ": still here\n\n"
                    continue
                if not changes.closed:
                    yield f"data: {seen}\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})

    return Starlette(routes=[Route("/", index), Route("/state", state), Route("/image/{key}.png", image),
                             Route("/download/{fmt}", download), Route("/events", events)])
