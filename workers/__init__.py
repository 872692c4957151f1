"""Celery side: the app built from Settings and the thin tasks it runs."""
