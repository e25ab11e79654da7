"""The pages people read: Jinja2 templates and static files, served by the same Chalice app."""
