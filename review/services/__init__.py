"""Use cases: (session, ids) -> core + db. The only place where the pure core and storage meet."""
