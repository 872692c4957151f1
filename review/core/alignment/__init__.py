"""Sentence alignment: character n-gram similarity and the banded dynamic-programming aligner."""
