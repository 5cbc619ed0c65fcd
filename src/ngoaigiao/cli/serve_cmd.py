"""`ngoaigiao serve`: the web app and JSON API on the knowledge base."""
from __future__ import annotations

import argparse
import os
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="serve the web app and the JSON API",
        description="Serve the web app (Vietnamese, ?lang=en for English) and the JSON API under /api/ "
                    "on the knowledge base. Read-only unless a write token is given.")
    p.add_argument("--db", default=os.environ.get("NGOAIGIAO_DB"),
                   help="database URL or SQLite path (default: $NGOAIGIAO_DB or the store's default)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--write-token", default=os.environ.get("NGOAIGIAO_WRITE_TOKEN"),
                   help="enable imports for requests carrying this token (default: $NGOAIGIAO_WRITE_TOKEN; "
                        "without it the server is read-only)")
    p.add_argument("--upload-dir", default=None, help="folder for uploaded files (default: a temp folder)")
    p.add_argument("--workers", type=int, default=1,
                   help="worker processes (default 1; one per core helps on SQLite under load)")
    p.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn  # noqa: PLC0415 - keep `ngoaigiao --help` fast

    from ngoaigiao.web import create_app  # noqa: PLC0415

    try:
        app = create_app(db_url=args.db, write_token=args.write_token, upload_dir=args.upload_dir)
    except Exception as exc:  # noqa: BLE001 - one clear line instead of a traceback
        print(f"ngoaigiao serve: {exc}", file=sys.stderr)
        return 1
    mode = "imports enabled (write token set)" if args.write_token else "read-only"
    print(f"ngoaigiao: serving on http://{args.host}:{args.port}/ ({mode}); Ctrl-C to stop", file=sys.stderr)
    if args.workers > 1:
        # Each worker opens its own connection; they read their settings from the environment.
        close = getattr(app.state.repo.store, "close", None)
        if close:
            close()
        for key, value in (("NGOAIGIAO_DB", args.db), ("NGOAIGIAO_WRITE_TOKEN", args.write_token),
                           ("NGOAIGIAO_UPLOAD_DIR", args.upload_dir)):
            if value:
                os.environ[key] = value
            else:
                os.environ.pop(key, None)
        uvicorn.run("ngoaigiao.web.app:app_from_env", factory=True, workers=args.workers, host=args.host,
                    port=args.port, log_level=args.log_level, access_log=False)
    else:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, access_log=False)
    return 0
