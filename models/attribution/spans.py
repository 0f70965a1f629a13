"""The span shape every attribution module shares: (start, end) code points, end exclusive.

Domain objects use models.base.Span; inside the extractors a plain tuple is cheaper to build,
compare and sort, and this is its one definition.
"""

SpanT = tuple[int, int]
# A span with the probability the tagger gave it.
Scored = tuple[int, int, float]
