"""Well-formed BCP 47 language tags (RFC 5646, section 2.1), checked with `re`.

Well-formed means the tag follows the grammar ('fr', 'ar-TN', 'ne-Deva-NP',
'ff-Latn-BF', 'x-moore'); it does not mean every subtag is registered in the
IANA registry, which would need the registry as data. One narrowing of the
grammar: the primary language subtag has 2 or 3 letters. The grammar also
allows 4 letters (reserved for future use) and 5 to 8 (for registration), but
no language has such a subtag, so a tag like 'lang' is a typing mistake.
"""

import re

_ALNUM = "[A-Za-z0-9]"
_LANGUAGE = "[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}"
_SCRIPT = "[A-Za-z]{4}"
_REGION = "(?:[A-Za-z]{2}|[0-9]{3})"
_VARIANT = f"(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}})"
# Any single letter or digit but 'x', which starts a private-use part.
_SINGLETON = "[0-9A-WYZa-wyz]"
_EXTENSION = f"(?:{_SINGLETON}(?:-{_ALNUM}{{2,8}})+)"
_PRIVATE_USE = f"(?:[xX](?:-{_ALNUM}{{1,8}})+)"
_LANGTAG = (
    f"{_LANGUAGE}(?:-{_SCRIPT})?(?:-{_REGION})?"
    f"(?:-{_VARIANT})*(?:-{_EXTENSION})*(?:-{_PRIVATE_USE})?"
)
# Tags registered before RFC 4646 that do not follow the grammar above.
_GRANDFATHERED = (
    "en-GB-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-BE-FR",
    "sgn-BE-NL",
    "sgn-CH-DE",
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
)
_TAG = re.compile(
    f"{_LANGTAG}|{_PRIVATE_USE}|{'|'.join(re.escape(tag) for tag in _GRANDFATHERED)}",
    # ASCII: without it IGNORECASE lets 'ſ' (long s) and 'K' (Kelvin sign) pass as letters.
    re.IGNORECASE | re.ASCII,
)


def is_language_tag(value: str) -> bool:
    """True when `value` is a well-formed BCP 47 language tag, in any letter case."""
    return _TAG.fullmatch(value) is not None
