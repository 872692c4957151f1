"""review: translation-quality review for Spanish news originals and their English renderings."""
