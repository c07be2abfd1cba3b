"""The dashboard: a static single page that the API serves at `/` (index) and `/static/`.

`static/` holds plain HTML, CSS and ES modules, with the browser libraries and the basemap
vendored under `static/vendor/` (refreshed by `make vendor` from the npm lockfile in `web/`), so
the page needs no build step and no network at run time: everything it loads comes from the same
server as the API.
"""
