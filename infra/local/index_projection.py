"""moto's index projection, without its cost per attribute: same items out.

moto 5.2.5 projects an item onto a KEYS_ONLY or INCLUDE index by turning the whole item into Python values once for
every projected attribute (Item.project → find_nested_key(to_regular_json())): a staff list's 50 items through
GSI3's 21 attributes took ~70 ms, most of a page. An index projects plain top-level names, so each kept attribute
is converted once, in the same order, through the same serializer; a name that moto would read as a list element
(`a[1]`) still goes through moto's own projection. The projected item's attributes are stored without moto's size
check on each insertion (which sums the whole item again every time): the size is summed once, and an item over
moto's limit is refused with moto's error, as its check would.
"""
from __future__ import annotations

import re

ITEM_LIMIT = 405_000     # moto's LimitedSizeDict
_LIST_ELEMENT = re.compile(r"(.+)\[(\d+)\]$")     # what moto's find_nested_key reads as an element of a list


def install() -> None:
    from moto.dynamodb.exceptions import ItemSizeTooLarge
    from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict, deserializer, serializer
    from moto.dynamodb.models.table import SecondaryIndex
    from moto.dynamodb.models.utilities import bytesize
    if getattr(SecondaryIndex, "_biye_projection", False):
        return
    project = SecondaryIndex.project

    def project_names(self, item):
        kind = (self.projection or {}).get("ProjectionType")
        if kind not in ("KEYS_ONLY", "INCLUDE"):
            return project(self, item)
        names = [*self.table_key_attrs, *(k["AttributeName"] for k in self.schema)]
        names += self.projection.get("NonKeyAttributes", []) if kind == "INCLUDE" else []
        if any(_LIST_ELEMENT.match(name) for name in names):
            return project(self, item)
        kept = {}
        for name in names:
            if name in item.attrs and name not in kept:
                kept[name] = deserializer.deserialize(item.attrs[name].to_regular_json())
        attrs = LimitedSizeDict.__new__(LimitedSizeDict)
        dict.__init__(attrs, ((k, DynamoType(v)) for k, v in serializer.serialize(kept)["M"].items()))
        if sum(bytesize(k) + v.size() for k, v in attrs.items()) > ITEM_LIMIT:
            raise ItemSizeTooLarge
        projected = Item.__new__(Item)
        projected.hash_key, projected.range_key, projected.attrs = item.hash_key, item.range_key, attrs
        return projected

    SecondaryIndex.project = project_names
    SecondaryIndex._biye_projection = True
