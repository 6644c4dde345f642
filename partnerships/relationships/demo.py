"""The relationships app's demo: a relationship with each demo partner (tagged as its organisation is)
and a year of interactions, dated from the day of the first load.

Relationships are found again by organisation, interactions by their (unique) titles, and neither is
changed once there. Partners and people come from the organisations app's demo, by key.
"""

from collections import Counter
from datetime import timedelta

from partnerships.core.demo import DemoRun, counts, register_demo, save_demo
from partnerships.organisations import demo_data as organisation_data

from . import demo_data as data
from .models import Interaction, Relationship

NAMES = ("relationships", "interactions")


def needed_codes() -> dict[str, set[str]]:
    needed = {name: set() for name in ("strands", "colleges", "themes")}
    for item in data.INTERACTIONS:
        for name in needed:
            needed[name].update(item.get(name) or [])
    return needed


def load(run: DemoRun) -> list[str]:
    run.require_terms("interactions", needed_codes())
    created, present = Counter(), Counter()
    tags = {item["key"]: item.get("tags", {}) for item in organisation_data.ORGANISATIONS}
    for key, item in data.RELATIONSHIPS.items():
        organisation = run.get("organisations", key)
        if Relationship.objects.filter(organisation=organisation).exists():
            present["relationships"] += 1
            continue
        relationship = Relationship(
            organisation=organisation,
            stage=item["stage"],
            health=item.get("health", ""),
            manager=run.get("people", item["manager"]),
            summary=item.get("summary", ""),
        )
        save_demo(relationship, created, "relationships")
        run.tag(relationship, tags[key])
    for item in data.INTERACTIONS:
        existing = Interaction.objects.filter(title=item["title"]).first()
        if existing is not None:
            present["interactions"] += 1
        else:
            existing = interaction(run, item, created)
        run.keep("interactions", item["title"], existing)
    if not sum(created.values()):
        return [f"Demo relationships already loaded: nothing created. {counts(present, NAMES)} found."]
    return [f"Demo relationships created: {counts(created, NAMES)}."]


def interaction(run: DemoRun, item: dict, created: Counter) -> Interaction:
    follow_up = item.get("follow_up") or {}
    record = Interaction(
        kind=item["kind"],
        title=item["title"],
        date=run.today - timedelta(days=item["days_ago"]),
        location=item.get("location", ""),
        notes=item.get("notes", ""),
        follow_up_date=run.today + timedelta(days=follow_up["in_days"]) if follow_up else None,
        follow_up_owner=run.get("people", follow_up["owner"]) if follow_up else None,
        follow_up_done=follow_up.get("done", False),
    )
    save_demo(record, created, "interactions")
    record.organisations.set([run.get("organisations", key) for key in item["organisations"]])
    record.people.set([run.get("people", key) for key in item.get("people", [])])
    run.tag(record, item)
    return record


def register() -> None:
    register_demo("relationships", load)
