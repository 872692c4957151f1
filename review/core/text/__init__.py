"""Text in, text out: sentence splitting, Apertium translation and morphology, and word diffs."""
