"""The knowledge base: a YAML file in, a validated, read-only `KB` out."""
