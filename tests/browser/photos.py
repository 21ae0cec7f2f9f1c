"""Pictures for the upload journeys, made by the photo unit tests' builders (loaded by tests/support/pictures.py)."""
from __future__ import annotations

from support.pictures import pictures

_portraits, _id_cards = pictures("portraits"), pictures("id_cards")


def compliant_photo() -> bytes:
    return _portraits.compliant_jpeg()


def small_face_photo() -> bytes:
    """Eyes too low and the face too narrow, the whole head in the picture: auto-fix can crop it right."""
    return _portraits.jpeg(_portraits.place(_portraits.astronaut_on(), face_width=150, eye_y=320), lo=20480, hi=40960)


def _card_of(record: dict | None) -> dict:
    """The test face's card printing `record`'s name and number (the astronaut's own without a record)."""
    if record is None:
        return _id_cards.ASTRONAUT
    return {**_id_cards.ASTRONAUT, "name": record["name"], "id_number": record["id_number"]}


def id_card_front(record: dict | None = None) -> bytes:
    return _id_cards.jpeg(_id_cards.card_photo(who=_card_of(record)))


def holding_id_card(with_card: bool = True, record: dict | None = None) -> bytes:
    return _id_cards.jpeg(_id_cards.holding(with_card=with_card, card_of=_card_of(record)))
