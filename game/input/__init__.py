"""input package."""
