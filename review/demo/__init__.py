"""Demo data shipped with the package: a small newsroom batch built around the seed headline."""
