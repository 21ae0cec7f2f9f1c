"""moto's JSON answers of DynamoDB, without their cost per attribute value: the same bodies.

moto 5.2.5 writes every response by walking botocore's output shape, and reaches each member of each AttributeValue
through its attribute picker (aliases, name transforms): ten lookups for every value of every item, most of what a
50-item page of staff lists cost once the Query itself was by key. Here an AttributeValue of any DynamoDB answer
(Query first; GetItem, Scan, the Transact and Batch reads, ReturnValues of the writes: every page load reads items)
is written directly, member by member in the shape's order, with the same conversions the shape-driven path applies
(strings through str, binary through base64, maps and lists back through the serializer, absent members left out).
tests/integration/test_indexed_query.py holds the answers to moto's own, operation by operation.
"""
from __future__ import annotations


def install() -> None:
    from moto.core.serialize import JSONSerializer
    if getattr(JSONSerializer, "_biye_query_values", False):
        return
    generic = JSONSerializer._serialize_type_structure

    def _serialize_type_structure(self, serialized, value, shape, key):
        if (shape.name != "AttributeValue" or not key or not isinstance(value, dict)
                or self.service_model.service_name != "dynamodb"):
            return generic(self, serialized, value, shape, key)
        serialized[self.get_serialized_name(shape, key)] = _attribute_value(self, value, shape)

    JSONSerializer._serialize_type_structure = _serialize_type_structure
    JSONSerializer._biye_query_values = True


def _text(value):
    return str(value) if value not in [None, {}, []] else value     # as BaseJSONSerializer._serialize_type_string


def _attribute_value(serializer, value: dict, shape) -> dict:
    written = {}
    for member, member_shape in shape.members.items():
        found = value.get(member)
        if found is None:
            continue
        if member in ("S", "N"):
            found = _text(found)
        elif member == "B":
            found = serializer._base64(found)
        elif member in ("SS", "NS"):
            found = [_text(v) for v in found]
        elif member == "BS":
            found = [serializer._base64(v) for v in found]
        elif member == "M":
            inner = {}
            for sub_key, sub_value in found.items():
                serializer._serialize(inner, sub_value, member_shape.value, sub_key)
            found = inner
        elif member == "L":
            listed, item_key = [], member_shape.member.name
            for item in found:
                wrapper: dict = {}
                serializer._serialize(wrapper, item, member_shape.member, item_key)
                listed.append(wrapper[item_key] if item_key in wrapper else item)
            found = listed
        written[serializer.get_serialized_name(member_shape, member)] = found
    return written
