"""`terminology`: a term of the newsroom's glossary in the Spanish whose required English the aligned sentence lacks.

The glossary (review glossary import, or `review check --glossary`) pairs a Spanish term with the English the
newsroom requires (Fiscalía = Prosecutor's Office). Terms are matched accent-folded and case-blind on word
boundaries; the English counts as used when the aligned English sentence holds it the same way. Minor: the
meaning may well be there in other words (the entity check catches a name that is gone). MQM: terminology.
"""
from __future__ import annotations

import re

from review.core.flags import Detector, FieldContext, register
from review.core.flags.common import contains_phrase, fold
from review.core.flags.rulebook import active
from review.core.model import Flag, Severity


@register
class Terminology(Detector):
    """A glossary term rendered without the English the glossary requires."""

    code = "terminology"
    category = "terminology"
    severity = Severity.MINOR
    version = 1

    def detect(self, context: FieldContext) -> list[Flag]:
        glossary = active().glossary
        if not glossary:
            return []
        flags = []
        for pair in context.sentence_pairs():
            for term in glossary:
                if not contains_phrase(pair.source, term.source) or contains_phrase(pair.target, term.target):
                    continue
                found = re.search(rf"(?<!\w){re.escape(fold(term.source))}(?!\w)", fold(pair.source))
                start, end = found.span() if found else (0, len(pair.source))  # folding keeps the length here
                flags.append(self.flag(context, pair.source_span(start, end), pair.target_span(),
                                       f'Glossary term "{pair.source[start:end]}" should be "{term.target}" in the '
                                       "English", rule=f"glossary:{term.source}"))
        return flags
