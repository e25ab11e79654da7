"""What the API and the pages both stand on: routing, auth, errors, presenters, content negotiation."""
