"""Blueprints of @schedule, @on_sns_message and @on_dynamodb_record handlers."""
