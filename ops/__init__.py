"""Deploying Labourspace to AWS: `make deploy`, `make destroy`, `make deploy-check`."""
