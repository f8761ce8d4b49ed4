"""The knowledge base's JSON Schema, for editors (yaml-language-server) and tools."""

from __future__ import annotations

import json


def schema_json() -> str:
    from weakcli.kb.models import KnowledgeBase

    document = KnowledgeBase.model_json_schema(mode="validation")
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **document,
        "title": "weakcli knowledge base",
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
