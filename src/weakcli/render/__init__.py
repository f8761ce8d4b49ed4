"""Drawing results: every command's output goes through one of these renderers.

`formats` names the formats (`OutputFormat`) and picks a renderer for one; `base` is the
interface. The builders (`pages` for knowledge-base lookups, `report` for triage results) make a
`document.Document`; `text`, `terminal` and `markdown` draw it, and `json` writes the data
itself.
"""
