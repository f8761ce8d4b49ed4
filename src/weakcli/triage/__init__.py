"""Triage: the engine, the interview over it, answers files, sessions and the report."""
