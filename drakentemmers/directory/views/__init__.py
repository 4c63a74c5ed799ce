"""Directory views, one module per area."""
