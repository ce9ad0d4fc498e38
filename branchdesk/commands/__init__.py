"""Subcommands of ``branchdesk``: one module per feature, each with ``register(subparsers)``."""
