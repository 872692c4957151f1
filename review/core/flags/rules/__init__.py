"""Built-in rule files, one per family of detectors (schema: review/core/flags/rulebook.py, docs/rules.md)."""
