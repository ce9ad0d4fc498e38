"""Storage: the one place that owns the database connection and the schema."""
