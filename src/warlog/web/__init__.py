"""``warlog serve``: the local web app to explore, review and export events (see docs/web.md).

Entry points: :func:`warlog.web.app.create_app` and :func:`warlog.web.server.serve`.
"""
