"""Tiled object templates (`.tx`): merging a template's object into each instance that uses it.

Owns the merge rule Tiled applies when it opens a map: the template object gives every attribute,
property and shape the instance does not set itself; what the instance sets wins. pytmx ignores
templates, so `game.level.safe` merges them into the tree before pytmx sees it. Pure XML work on
`xml.etree` elements: reads no file (safe.py reads the `.tx` with its caps and path rules) and must
not import pytmx, pygame or the loader.
"""

from __future__ import annotations

import copy
from xml.etree import ElementTree

# Child elements that give an object its shape (or make it a text object).
SHAPES = ("point", "ellipse", "polygon", "polyline", "text")


def merge_template(instance: ElementTree.Element, template_object: ElementTree.Element) -> None:
    """Fill `instance` (an `<object template="...">`) from the template's `<object>`, in place.

    The `template` attribute is removed: the result is a plain object, as Tiled's "Detach" makes.
    A tile template's `gid` must already be in the map's numbering (see `safe`).
    """
    attributes = {k: v for k, v in template_object.attrib.items() if k != "id"}
    attributes.update({k: v for k, v in instance.attrib.items() if k != "template"})
    instance.attrib.clear()
    instance.attrib.update(attributes)

    own = instance.find("properties")
    inherited = template_object.find("properties")
    if inherited is not None:
        merged = {p.get("name", ""): copy.deepcopy(p) for p in inherited.findall("property")}
        if own is not None:
            for prop in own.findall("property"):
                merged[prop.get("name", "")] = prop
            instance.remove(own)
        properties = ElementTree.SubElement(instance, "properties")
        properties.extend(merged.values())

    if not any(instance.find(shape) is not None for shape in SHAPES):
        for shape in SHAPES:
            element = template_object.find(shape)
            if element is not None:
                instance.append(copy.deepcopy(element))
