"""Rules with no AWS in them: lifecycle, permissions, validation models, ranking."""
