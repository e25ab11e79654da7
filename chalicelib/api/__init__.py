"""Chalice blueprints: thin HTTP handlers, one file per resource."""
