"""Publishing events and alerts to SNS; fan-out."""
