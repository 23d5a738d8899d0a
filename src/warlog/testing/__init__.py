"""Helpers for testing warlog: generated hostile input (:mod:`warlog.testing.hostile`)."""
