"""Qt table models: ids from an SQL query, rows fetched lazily in chunks."""
