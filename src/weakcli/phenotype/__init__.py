"""Phenotype input: HPO terms and GA4GH phenopackets, turned into findings the triage knows."""
