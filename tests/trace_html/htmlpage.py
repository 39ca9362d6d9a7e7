"""Reading a rendered report back: a small stdlib HTML parser, and the story's traces."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from charitychain.contracts.suite import Suite
from charitychain.demo import DemoResult
from charitychain.trace.model import DonorTrace, ProjectTrace, TxTrace


@dataclass(frozen=True)
class Story:
    demo: DemoResult
    suite: Suite
    root: Path  # a project folder with the deployment recorded (for the CLI)
    rpc_url: str
    wells: ProjectTrace  # project 1, ETH, completed
    school: ProjectTrace  # project 2, dUSD, failed and refunded
    assets: dict[str, tuple[int, str]]
    donor: DonorTrace  # the demo's first donor (project 1 only)
    refunded_donor: DonorTrace  # a donor of project 2, refunded
    release_tx: TxTrace  # milestone 0's release


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""  # all the text inside it


class Page(HTMLParser):
    """A parsed report: its elements (with their text), elements by id, the visible text.

    `text` is what a reader sees outside the head and the SVG (whose words are checked apart).
    """

    VOID = frozenset(
        [
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "source",
            "track",
            "wbr",
        ]
    )
    HIDDEN = frozenset(("head", "svg"))

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.by_id: dict[str, Element] = {}
        self.duplicate_ids: list[str] = []
        self._open: list[Element] = []
        self._text: list[str] = []
        self.feed(markup)
        self.close()
        self.text = " ".join(" ".join(self._text).split())

    def _add(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        ident = element.attrs.get("id")
        if ident is not None:
            if ident in self.by_id:
                self.duplicate_ids.append(ident)
            self.by_id[ident] = element
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._add(tag, attrs)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data
        if not any(e.tag in self.HIDDEN for e in self._open):
            self._text.append(data)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        """Elements `tag` whose attributes have these values (data_units= → data-units)."""
        wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k) == v for k, v in wanted.items())
        ]

    def figure(self, ident: str) -> tuple[int, str]:
        """(data-units, the words shown) of the figure with this id."""
        element = self.by_id[ident]
        return int(element.attrs["data-units"]), " ".join(element.text.split())
