"""Qt table models every page can use: ids from an SQL query with rows fetched lazily
in chunks (``lazy_ids``, ``ids_model``), short lists of plain objects (``plain_table``),
and editable rows of a form (``rows_model``). A model only one feature uses lives with
that feature's page."""
