"""Templates read a view's fields as dict keys directly, with the same result as Jinja's own look-up."""

from __future__ import annotations

import jinja2
import pytest

from gcmkb.templating import read_views_directly


class Item(dict):  # a dict subclass keeps Jinja's look-up: an attribute first
    label = "attribute"


class Page:
    title = "object attribute"


TEMPLATES = [
    "{{ v.title }}",                               # a key
    "{{ v.missing }}|{{ v.missing is defined }}",  # no such key: undefined
    "{{ v.items is callable }}",                   # a key named like a dict method: the method
    "{% for k, x in v.items() %}{{ k }}={{ x }};{% endfor %}",
    "{{ v.get('title') }}",
    "{{ v.nested.title }}",
    "{{ v.page.title }}",                          # an object's attribute
    "{{ v.item.label }}|{{ v.item.title }}",       # a dict subclass: attribute first, then key
    "{{ v['title'] }}",
]
VIEW = {"title": "key", "items": ["a", "b", "c"], "nested": {"title": "inner"}, "page": Page(),
        "item": Item(label="key", title="sub")}


def environments(undefined: type[jinja2.Undefined]) -> tuple[jinja2.Environment, jinja2.Environment]:
    jinja, ours = jinja2.Environment(undefined=undefined), jinja2.Environment(undefined=undefined)
    read_views_directly(ours)
    return jinja, ours


@pytest.mark.parametrize("source", TEMPLATES)
def test_same_output_as_jinja(source: str) -> None:
    jinja, ours = environments(jinja2.Undefined)
    expected = jinja.from_string(source).render(v=VIEW)
    assert ours.from_string(source).render(v=VIEW) == expected
    assert expected != ""


def test_a_missing_key_is_the_same_strict_error() -> None:
    messages = []
    for env in environments(jinja2.StrictUndefined):
        with pytest.raises(jinja2.UndefinedError) as error:
            env.from_string("{{ v.missing }}").render(v=VIEW)
        messages.append(str(error.value))
    assert messages[0] == messages[1] == "'dict object' has no attribute 'missing'"


def test_a_key_is_read_without_jinja_attribute_look_up() -> None:
    """The point of it: a view's key is not first sought as an attribute (an AttributeError per field)."""
    env = jinja2.Environment()
    sought: list[str] = []
    attribute_first = env.getattr

    def counting(obj: object, attribute: str) -> object:
        sought.append(attribute)
        return attribute_first(obj, attribute)
    env.getattr = counting  # type: ignore[method-assign]
    read_views_directly(env)
    read_views_directly(env)  # once per environment: not wrapped twice
    assert env.from_string("{{ v.title }} {{ v.page.title }} {{ v.items is callable }}").render(v=VIEW) == \
        "key object attribute True"
    assert sought == ["title", "items"]  # Page.title and dict.items, not the keys "title" and "page"
