"""Use cases, one module per aggregate: each asks the domain's rules and calls storage through
`ports.stores()`. What the API handlers, the pages and the event handlers call."""
