"""Attribution extractors: who said, reported or believes what, with spans into the text."""

from .english import SpacyAttributionExtractor
from .rules import CueRuleExtractor

__all__ = ["CueRuleExtractor", "SpacyAttributionExtractor"]
