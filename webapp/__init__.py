"""Căn cứ's web site: search, documents with their cross-references, the plan linker.

``create_app(config)`` builds everything; importing this package does nothing
else, so ``flask --app webapp run``, ``python -m kb serve`` (waitress) and the
tests each get a fresh application.

Layout (after Datasette): ``views/`` holds one module per kind of page, each a
blueprint whose HTML pages have a JSON twin under ``/api``; ``backend.py`` is
the only door to the store and the index; ``linking.py`` and ``graph.py`` turn
domain data into what the pages show; ``security.py`` and ``errors.py`` set the
rules every response follows.
"""
from __future__ import annotations

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Build the application; ``config`` overrides :class:`webapp.settings.Defaults`."""
    import os

    from webapp import backend, errors, filters, security, settings
    from webapp.views import admin, documents, linker, search

    app = Flask(__name__)
    app.config.from_object(settings.Defaults)
    if os.environ.get("KB_ADMIN_TOKEN"):
        app.config["ADMIN_TOKEN"] = os.environ["KB_ADMIN_TOKEN"]
    if config:
        app.config.update(config)
    if not app.config["FETCH_ALLOW_ADDRESSES"]:
        from kb.config import allow_addresses

        app.config["FETCH_ALLOW_ADDRESSES"] = allow_addresses()  # $KB_ALLOW_ADDRESSES, as the CLI

    app.json.ensure_ascii = False  # Vietnamese stays readable in the JSON API
    app.json.sort_keys = False
    backend.init_app(app)
    filters.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    for blueprint in (search.bp, documents.bp, linker.bp, admin.bp):
        app.register_blueprint(blueprint)

    if app.config["WARM_UP"]:
        app.extensions["kb"].warm_up()
        # One page rendered now compiles the templates, so no user's first request pays it.
        app.test_client().get("/?q=kh%E1%BB%9Fi+%C4%91%E1%BB%99ng")
        app.extensions["kb"].cache.reset()
    return app
