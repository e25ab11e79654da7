"""Labourspace: everything deployed with the Chalice app."""
