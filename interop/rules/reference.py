"""The rule reference, generated from the registry (docs/rules.md)."""

from __future__ import annotations

from interop.rules.base import STAGE_ORDER, Rule, registry


def render_list() -> str:
    rules = registry()
    lines = [f"{r.code:<9} {r.stage.value:<9} {r.severity.value:<8} {r.title}" for r in rules.values()]
    lines.append(f"{len(rules)} rules; 'interop explain CODE' for one rule's documentation")
    return "\n".join(lines) + "\n"


def _section(rule: Rule, heading: str) -> list[str]:
    lines = [f"{heading} {rule.code}: {rule.title}", ""]
    lines.append(f"- stage: {rule.stage.value}; domain: {rule.domain.value}; default severity: {rule.severity.value}")
    if rule.reference:
        lines.append(f"- from: {rule.reference}")
    if rule.options:
        options = ", ".join(f"`{k}` = {v!r}" for k, v in rule.options.items())
        lines.append(f"- options: {options}")
    lines += ["", rule.rationale, "", f"Passes: {rule.pass_example}", "", f"Fails: {rule.fail_example}", ""]
    return lines


def render_rule(code: str) -> str | None:
    rule = registry().get(code)
    if rule is None:
        return None
    return "\n".join(_section(rule, "#")).rstrip() + "\n"


def render_markdown() -> str:
    rules = registry()
    lines = [
        "# Rule reference",
        "",
        "Generated from the rule registry by `interop rules --format markdown`; a test fails when this file drifts.",
        "",
        "Each rule yields PASS, CONDITIONAL (with its conditions), FAIL (with a remedy) or UNKNOWN (naming the",
        "missing fields). A rescue's verdict is the worst over its stages; rules of severity `info` are advisory",
        "and do not change a verdict.",
        "",
        "| code | stage | severity | title |",
        "| --- | --- | --- | --- |",
    ]
    for stage in STAGE_ORDER:
        for rule in rules.values():
            if rule.stage is stage:
                lines.append(
                    f"| [{rule.code}](#{rule.code.lower()}) | {rule.stage.value} | {rule.severity.value} | {rule.title} |"
                )
    lines.append("")
    for stage in STAGE_ORDER:
        lines += [f"## Stage: {stage.value}", ""]
        for rule in rules.values():
            if rule.stage is stage:
                lines += _section(rule, "###")
    return "\n".join(lines).rstrip() + "\n"
