"""One self-contained HTML page: a triage report or the handbook to print and take along.

No scripts, no external assets (a Content-Security-Policy forbids loading anything), and CSS
meant for paper as much as for the screen. Every piece of knowledge-base text is escaped, so
none of it can become markup; only http(s) URLs become links, percent-encoded. Like the
Markdown, the page starts with the disclaimer and the warning signs.
"""

from __future__ import annotations

from html import escape
from typing import Final

from weakcli.render.base import PageRenderer
from weakcli.render.document import (
    ABOUT,
    Block,
    Bullets,
    Document,
    Facts,
    Line,
    Link,
    Mark,
    Paragraph,
    Ref,
    Section,
    anchors,
)
from weakcli.textsafe import anchor_id, clean, is_web_url, web_href

STYLE: Final = """
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111; background: #fff; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 0.4rem; }
h4, h5, h6 { font-size: 1rem; margin: 0.9rem 0 0.3rem; }
p, ul, dl, table { margin: 0.4rem 0; }
ul { padding-left: 1.3rem; }
dl { display: grid; grid-template-columns: minmax(7rem, 30%) 1fr; gap: 0.2rem 0.75rem; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 0.25rem 0.45rem; text-align: left;
  vertical-align: top; }
th { background: #eee; }
a { color: #0645ad; }
mark { background: #fff2a8; }
.alert { border: 2px solid #b00020; border-radius: 4px; padding: 0.2rem 0.9rem 0.6rem;
  margin: 0.75rem 0; background: #fff5f5; }
.alert > h2 { color: #b00020; border-bottom: none; margin-top: 0.5rem; }
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, li, dl { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; color: #444;
    word-break: break-all; }
}
""".strip()

_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'"


class HtmlRenderer(PageRenderer):
    """A whole page per result; a batch of several results is refused by the command."""

    between = ""

    def render(self, page: Document) -> str:
        targets = set(anchors((*page.safety, *page.body)))
        out = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_text(page.title)}</title>",
            f"<style>\n{STYLE}\n</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{_text(page.title)}</h1>",
        ]
        # The disclaimer first, then the warning signs: both on the first printed page.
        safety = sorted(page.safety, key=lambda section: section.title != ABOUT)
        for block in (*safety, *page.body):
            _block(block, 2, targets, out)
        out += ["</main>", "</body>", "</html>"]
        return "\n".join(out) + "\n"


def _block(block: Block, depth: int, anchors: set[str], out: list[str]) -> None:
    if isinstance(block, Section):
        level = min(depth, 6)
        ident = f' id="{escape(anchor_id(block.anchor))}"' if block.anchor else ""
        css = ' class="alert"' if block.alert else ""
        out.append(f"<section{ident}{css}>")
        out.append(f"<h{level}>{_text(block.title)}</h{level}>")
        for child in block.blocks:
            _block(child, depth + 1, anchors, out)
        out.append("</section>")
    elif isinstance(block, Paragraph):
        out.append(f"<p>{_spans(block.line, anchors)}</p>")
    elif isinstance(block, Facts):
        out.append("<dl>")
        for label, line in block.rows:
            out.append(f"<dt>{_text(label)}</dt><dd>{_spans(line, anchors)}</dd>")
        out.append("</dl>")
    elif isinstance(block, Bullets):
        out.append("<ul>")
        for item in block.items:
            children = "".join(f"<li>{_spans(c, anchors)}</li>" for c in item.children)
            nested = f"<ul>{children}</ul>" if children else ""
            out.append(f"<li>{_spans(item.line, anchors)}{nested}</li>")
        out.append("</ul>")
    else:
        head = "".join(f'<th scope="col">{_text(h)}</th>' for h in block.header)
        out += ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
        for row in block.rows:
            first, *rest = row
            cells = f'<th scope="row">{_spans(first, anchors)}</th>' + "".join(
                f"<td>{_spans(cell, anchors)}</td>" for cell in rest
            )
            out.append(f"<tr>{cells}</tr>")
        out += ["</tbody>", "</table>"]


def _spans(line: Line, anchors: set[str]) -> str:
    parts: list[str] = []
    for span in line:
        if isinstance(span, Link):
            if is_web_url(span.url):
                href = escape(web_href(span.url))
                parts.append(f'<a href="{href}" rel="noreferrer">{_text(span.label)}</a>')
            else:
                parts.append(f"{_text(span.label)} ({_text(span.url)})")
        elif isinstance(span, Ref):
            target = anchor_id(span.anchor)
            label = _text(span.label)
            if target in anchors:
                parts.append(f'<a href="#{escape(target)}">{label}</a>')
            elif span.lookup not in (None, span.label):
                parts.append(f"{label} ({_text(span.lookup)})")  # the id to look it up with
            else:
                parts.append(label)
        elif isinstance(span, Mark):
            parts.append(f"<mark>{_text(span.text)}</mark>")
        else:
            parts.append(_text(span))
    return "".join(parts)


def _text(text: str) -> str:
    """Knowledge-base text as inert HTML: terminal controls removed, every markup sign escaped."""
    return escape(clean(text), quote=True)
