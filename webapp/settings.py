"""Default configuration of the web site; ``create_app(config)`` overrides any of it.

Environment variables read when the app is built (not at import time):
``KB_DATA`` (data directory, through :func:`kb.config.data_dir`) and
``KB_ADMIN_TOKEN`` (turns on the data-changing actions, see ``views/admin.py``).
"""
from __future__ import annotations


class Defaults:
    # Where the store and the index live; None means kb.config.data_dir().
    DATA_DIR = None
    # Data-changing actions (import, crawl) are off unless a token is set.
    ADMIN_TOKEN = None

    # Size caps.  Uploads: a long plan as .docx/.pdf is well under 10 MB.
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    # A pasted plan (form field, not a file) may be long, but not unbounded.
    MAX_FORM_MEMORY_SIZE = 2 * 1024 * 1024
    MAX_FORM_PARTS = 50
    MAX_QUERY_CHARS = 500  # the search box
    MAX_LINK_CHARS = 1_000_000  # text given to the linker / citation API

    # Fetching a plan by URL: bounded in time and size, public addresses only.
    FETCH_TIMEOUT = 15.0
    FETCH_MAX_BYTES = 10 * 1024 * 1024
    # Addresses exempt from the private-address rule (tests reach a local server).
    FETCH_ALLOW_ADDRESSES: tuple = ()
    # Fetches running at once per worker; one more is answered 503 at once, so slow
    # sites cannot hold the request threads that searches need.
    FETCH_CONCURRENCY = 1
    # Uploaded/fetched files read at once per worker (each in a bounded child process,
    # see kb.importers.sandbox); another waits up to 2 s, then 503.
    PARSE_CONCURRENCY = 1

    # Search.
    PER_PAGE = 20
    MAX_PAGE = 50
    # Rendered search pages kept in memory (LRU; cleared when the index changes).
    PAGE_CACHE_SIZE = 512

    # Load pyvi and open the index when the app is built (the server does;
    # tests and `flask run` stay lazy).
    WARM_UP = False

    SEND_FILE_MAX_AGE_DEFAULT = 3600
