"""Storage: the only code that talks to DynamoDB.

One naming rule:
- `store/tables/<table>.py` holds the PynamoDB model of the table of that name in
  infra/template.yaml (`support-counters` -> `tables/support_counters.py`), its indexes and
  attribute maps, and nothing else. Each model's docstring lists its access patterns.
  (`tests/infra/test_template_matches_models.py` checks the rule.)
- Every other module here is named after what it does to the data (`supports`, `replies`,
  `outbox`, `erasures`, ...): keyed reads and conditional writes, no business rules. The rules
  they enforce with conditions are the domain's (`domain/`), asked first by `logic/`.
- `base` (connections, the labelled Transaction), `signing` (every HMAC) and `pagination`
  (signed cursors) are what the others stand on.
"""
