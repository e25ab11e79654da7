"""The local stack behind `make run`: embedded AWS, infra deployed into it, an event runner.

Never deployed to Lambda.
"""
