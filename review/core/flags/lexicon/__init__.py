"""Data files (TOML) for the detectors: entity pairs, stance verbs."""
