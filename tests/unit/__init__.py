"""Unit tests of the pure core: no database, broker or web server."""
