"""frontwatch over HTTP: the stored events as a REST API (FastAPI) and the dashboard page.

>>> from frontwatch.api import create_app
>>> app = create_app("frontwatch.db", token="s3cret")   # serve with uvicorn, or `frontwatch serve`

Reads are open; writes (posting a report to be coded) need the bearer token, and a server started
without one refuses them. Everything the app needs lives on `app.state`, so one process can serve
several databases side by side.
"""

from frontwatch.api.app import create_app

__all__ = ["create_app"]
