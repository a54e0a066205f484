"""The web UI and REST API (`onrecord serve`): a thin layer over queries, render and corrections.

Needs the `web` extra (FastAPI, Jinja2, uvicorn). `onrecord.web.app.create_app` builds
the app; docs/api.md documents the routes.
"""
