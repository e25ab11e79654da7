"""No words in a template outside the catalogue: every text a page shows, and every attribute a
reader or a screen reader meets (aria-label, placeholder, title, alt, a page's description), goes
through {% trans %}, _() or ngettext, so a language added later covers the whole page.

Each template is parsed by Jinja2 itself. Its literal HTML is kept and every expression is replaced
by a marker; what is left between the tags, and in those attributes, must be markers, punctuation,
digits or one of the names below. String constants that are phrases, or that are printed as they
are, must be inside a translation call too."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import Environment, nodes

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "chalicelib" / "web" / "templates"
# Proper names and symbols, the same in every language.
NAMES = {"Labourspace", "WhatsApp", "X", "Facebook", "API", "UTC"}
VISIBLE_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}
TRANSLATING = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
MARK = "\x00"


def environment() -> Environment:
    return Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True, autoescape=True)


def skeleton(node: nodes.Node, out: list[str]) -> None:
    """The template's literal HTML in order, each expression (a translation included) a marker."""
    if isinstance(node, nodes.Output):
        for child in node.nodes:
            out.append(child.data if isinstance(child, nodes.TemplateData) else MARK)
        return
    for child in node.iter_child_nodes():
        skeleton(child, out)


class Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag in ("script", "style")
        description = tag == "meta" and dict(attrs).get("name") == "description"
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES or (description and name == "content"):
                self.found.append(value or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.found.append(data)


def untranslated_text(source: str) -> list[str]:
    parts: list[str] = []
    skeleton(environment().parse(source), parts)
    parser = Words()
    parser.feed("".join(parts))
    left = []
    for text in parser.found:
        # A file name is no word: `{% block script %}my-feed.js{% endblock %}` names a page's script.
        words = re.findall(r"[^\W\d_]+", re.sub(r"[\w-]+\.(?:js|css)\b", " ", text.replace(MARK, " ")))
        if any(word not in NAMES for word in words):
            left.append(" ".join(text.replace(MARK, "…").split()))
    return left


def inside_translation(node: nodes.Node, parents: dict[int, nodes.Node]) -> bool:
    while id(node) in parents:
        node = parents[id(node)]
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in TRANSLATING:
            return True
    return False


def untranslated_constants(source: str) -> list[str]:
    """Phrases in string constants ({{ cards(x, "No campaigns.") }}), and any word printed as it is
    ({{ "closed" }}), outside a translation call."""
    tree = environment().parse(source)
    parents: dict[int, nodes.Node] = {}
    printed: set[int] = set()
    for node in tree.find_all(nodes.Node):
        for child in node.iter_child_nodes():
            parents[id(child)] = node
        if isinstance(node, nodes.Output):
            for shown in node.nodes:
                printed.add(id(shown))
                if isinstance(shown, nodes.CondExpr):
                    printed |= {id(shown.expr1), id(shown.expr2)}
    left = []
    for const in tree.find_all(nodes.Const):
        if not isinstance(const.value, str) or inside_translation(const, parents):
            continue
        words = [w for w in re.findall(r"[^\W\d_]+", const.value) if w not in NAMES]
        phrase = len(re.findall(r"[^\W\d_]{2,}", const.value)) >= 2 and " " in const.value
        if words and (phrase or id(const) in printed):
            left.append(const.value)
    return left


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_every_word_a_template_shows_goes_through_the_catalogue(template: str) -> None:
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    assert untranslated_text(source) + untranslated_constants(source) == [], \
        "wrap it in {% trans %}...{% endtrans %} or _(\"...\"), then run `make messages`"


def test_the_check_finds_words_left_outside_the_catalogue() -> None:
    source = ('{% block title %}Your feed{% endblock %}<p>{{ _("Fine") }} · {{ name }}</p>'
              '<input placeholder="Search"><p>{% trans %}Also fine{% endtrans %}</p><p>Labourspace · API</p>'
              '{{ cards(list, "No campaigns here yet.") }}{{ "closed" if shut else _("open") }}'
              '<nav aria-label="{{ _("Main") }}"></nav>{% if x == "open" %}{% endif %}')
    assert untranslated_text(source) == ["Your feed", "Search"]
    assert untranslated_constants(source) == ["No campaigns here yet.", "closed"]
