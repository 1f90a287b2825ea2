"""Project configuration: settings, URLs and the WSGI entry point.

The folder is called `site/`; it is installed under the import name `lfnkr_site`
because Python's standard library already owns `site` (see pyproject.toml).
"""
