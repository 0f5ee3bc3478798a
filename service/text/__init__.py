"""Texts a person reads, in her language: the catalogues' translations, the service's own
phrases, plain-word reasons, and numbers, money and dates formatted per locale.

``Words`` is the one object the rest of the service asks for a text: ``words_for(ruleset,
"hi")`` gives the Hindi one; a text without a translation comes back in English, never an
error. See docs/translating.md.
"""

from service.text.languages import ENGLISH, choose_language
from service.text.words import Words, words_for

__all__ = ["ENGLISH", "Words", "choose_language", "words_for"]
