"""Scores: sacrebleu metrics and their sufficient statistics, reference segments, significance tests, MQM."""
