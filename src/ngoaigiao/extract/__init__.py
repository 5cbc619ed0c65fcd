"""Extraction stages: persons with their titles, then events."""
