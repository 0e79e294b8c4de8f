"""Scoring the system against gold data."""
