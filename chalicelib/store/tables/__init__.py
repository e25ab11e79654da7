"""PynamoDB models, one module per table, named after the table in infra/template.yaml."""
