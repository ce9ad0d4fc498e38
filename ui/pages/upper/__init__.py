"""The pages of an upper-level archive (上级汇总): home, dashboard, browser, intake, settings."""
