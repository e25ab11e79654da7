"""What reports do: the rule that turns reports into hiding, before a moderator looks."""

from __future__ import annotations


def hides_after_report(report_count: int, reports_to_hide: int, already_hidden: bool) -> bool:
    """Enough reports from different people hide the content until a moderator decides."""
    return not already_hidden and report_count >= reports_to_hide


def target_key(target_type: str, target_id: str) -> str:
    """How a reported thing is named in reports and the audit trail: `reply#<id>`, `campaign#<id>`."""
    return f"{target_type}#{target_id}"


def parse_target(key: str) -> tuple[str, str]:
    target_type, _, target_id = key.partition("#")
    return target_type, target_id
