"""`plancheck serve`: the local web page for township staff and the HTTP API for platforms.

Needs the optional dependencies: `pip install 'plancheck[web]'`.
"""

from __future__ import annotations

from .settings import Settings, is_loopback

__all__ = ["Settings", "create_app", "is_loopback", "serve"]


def create_app(settings: Settings | None = None):  # type: ignore[no-untyped-def]
    """The ASGI application (Starlette)."""
    from .app import create_app as _create

    return _create(settings)


def serve(settings: Settings, *, open_browser: bool = False) -> None:
    """Run the server until Ctrl+C (uvicorn, one process; the checks run in `settings.workers` worker processes)."""
    import threading
    import webbrowser

    import uvicorn

    app = create_app(settings)
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    address = f"http://{host}:{settings.port}/"
    shown = f"{address}?token=…（令牌）" if settings.token else address
    print(f"plancheck 网页检查已启动：请在浏览器中打开 {shown}\n按 Ctrl+C 停止。", flush=True)
    if open_browser:
        threading.Timer(1.5, webbrowser.open, args=(address,)).start()
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
