"""PynamoDB models and the functions that read and write them: the only code that talks to
DynamoDB. Each model's docstring lists the access patterns it serves and the key that serves each."""
