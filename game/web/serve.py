"""`python -m game web --serve`: the built site from this machine, with the standard library only.

127.0.0.1 by default (this computer alone); `--host 0.0.0.0` lets a classroom's machines connect.
WebAssembly is served as application/wasm, which browsers need to compile it while it downloads.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
import threading
from pathlib import Path

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".css": "text/css",
         ".zip": "application/zip", ".pickle": "application/octet-stream", ".html": "text/html"}


COMPRESS = {".wasm", ".mjs", ".js", ".json", ".css", ".html", ".svg", ".ttf", ".pickle"}  # not .zip: packed already
_GZIPPED: dict[tuple[str, float], bytes] = {}  # (path, mtime) -> gzip bytes: each file compressed once
_LOCK = threading.Lock()


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def send_head(self):
        """Files that shrink are sent gzip-compressed to a browser that accepts it (about half the bytes:
        a class of thirty on one classroom network downloads 200 MB instead of 440)."""
        path = Path(self.translate_path(self.path))
        if path.suffix not in COMPRESS or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not path.is_file():
            return super().send_head()
        key = (str(path), path.stat().st_mtime)
        with _LOCK:
            data = _GZIPPED.get(key)
        if data is None:
            data = gzip.compress(path.read_bytes(), 6)
            with _LOCK:
                _GZIPPED[key] = data
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(data)

    def end_headers(self) -> None:
        # the runtime never changes under one name; the game's own files may, between builds
        path = self.path.split("?", 1)[0]
        cache = "public, max-age=31536000, immutable" if path.startswith("/pyodide/") else "no-cache"
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the standard library's name
        if getattr(self.server, "quiet", False):
            return
        super().log_message(format, *args)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that closes a tab mid-download is no error worth a traceback."""
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False):
    """A threading HTTP server for `folder` (port 0: any free port; see server.server_address)."""
    handler = functools.partial(Handler, directory=str(folder))
    server = Server((host, port), handler)
    server.quiet = quiet  # type: ignore[attr-defined]
    return server


def probe(server) -> str:
    """Fetch the page and the runtime from the running server once: '' if both come back as a browser
    needs them, else what is wrong. (MODEL_CITIZEN_SERVE_PROBE=1 serves only this, for the docs' test.)"""
    import urllib.request

    base = f"http://127.0.0.1:{server.server_address[1]}/"
    for path, kind in (("index.html", "text/html"), ("pyodide/pyodide.asm.wasm", "application/wasm")):
        with urllib.request.urlopen(urllib.request.Request(base + path, method="HEAD"), timeout=10) as answer:
            got = answer.headers.get("Content-Type", "")
            if not got.startswith(kind):
                return f"{path} came as {got}, not {kind}"
    return ""


def serve(folder: Path, host: str, port: int) -> int:
    try:
        server = make_server(folder, host, port)
    except OSError as exc:
        print(f"Cannot serve on {host}:{port}: {exc.strerror or exc} (another --port?)", file=sys.stderr)
        return 1
    shown = "127.0.0.1" if host in ("127.0.0.1", "localhost", "0.0.0.0") else host
    print(f"Model Citizen in a browser: http://{shown}:{server.server_address[1]}/  (Ctrl+C stops)")
    if os.environ.get("MODEL_CITIZEN_SERVE_PROBE"):
        server.quiet = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        wrong = probe(server)
        server.shutdown()
        server.server_close()
        print(wrong or "served: the page and the runtime came back with the right types")
        return 1 if wrong else 0
    if host == "0.0.0.0":
        print("Other machines on this network open http://THIS-COMPUTER'S-ADDRESS:"
              f"{server.server_address[1]}/ ; the game runs in each browser, nothing is sent back here.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
