"""What counts as the record's person, defined once and light to import: the face comparison's threshold, the
similarity people read, and how a name and number read from a card are compared with the exam record. The check
(face_match.py, identity_match.py) and the rule that may verify an identity (photo/identity/rules.py, imported
when the function starts, before NumPy or any model) both read them here.

Pure: numbers and strings in and out.
"""
from __future__ import annotations

# The largest distance between the card's printed portrait and the holder's face still taken as the same person.
# Measured on the two real faces the tests have (tests/unit/photo/test_face_match.py prints them): the same person,
# printed on a card and photographed again after blur, light, JPEG, scaling and crops, lies at 0.12–0.26; Eileen
# Collins against Grace Hopper at 0.62–0.72. 0.45 sits between with a margin of 0.19 and 0.17. What so small a
# set cannot show: each person's card portrait and holding photo come from the same photograph here, while a real
# card's portrait is years older than the selfie (dlib chose its 0.6 on LFW, whose pairs of one person are
# different photographs), so genuine candidates will land above 0.45 more often than this suggests; they go to
# the office's manual review, the safe side. Nor does it show how often look-alikes, twins or relatives land
# below it. Revisit with real, consented pairs before trusting it further than "clearly different faces are told
# apart".
MATCH_MAX_DISTANCE = 0.45
NAME_SEPARATORS = str.maketrans("", "", " ·•・.．")   # 少数民族 names: the dot is printed in several shapes


def similarity(dist: float) -> float:
    """What the reviewer and the CLI read (face_match): 1 − distance, so higher is more alike; a match needs at
    least 1 − MATCH_MAX_DISTANCE."""
    return round(max(0.0, 1.0 - dist), 3)


def needed_similarity() -> float:
    return similarity(MATCH_MAX_DISTANCE)


def same_name(read: str, recorded: str) -> bool:
    return read.translate(NAME_SEPARATORS) == str(recorded).translate(NAME_SEPARATORS)


def same_number(read: str, recorded: str) -> bool:
    """The record may hold the check digit X in lower case; the card prints it in capitals."""
    return read == str(recorded).upper()
