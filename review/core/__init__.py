"""The pure-Python domain core: no Flask, Celery or SQLAlchemy imports (a test guards this)."""
