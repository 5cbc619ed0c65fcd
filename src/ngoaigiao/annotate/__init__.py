"""Annotation stages: sentences and time expressions."""
