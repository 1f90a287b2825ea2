"""The site search's own index: one entry per live page, read by home/search.py.

Wagtail's database backend matches `title || body` with no index to serve it and
counts in many queries; this index is matched through an index (a GIN index of
tsvectors on PostgreSQL, an FTS5 table on SQLite) and ranks only the results page
shown. With OpenSearch or Elasticsearch configured, Wagtail's backend is used instead
(search.backend.uses_own_index).
"""
