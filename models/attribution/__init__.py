"""Attribution extractors: who said, reported or believes what, with spans into the text."""

from .english import SpacyAttributionExtractor

__all__ = ["SpacyAttributionExtractor"]
