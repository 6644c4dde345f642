"""Agreements with parties, signatories, obligations, documents, timeline events and linked interactions."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from partnerships.agreements.models import Agreement, Document, Obligation, Party, Signatory
from partnerships.core.models import TimelineEvent
from partnerships.organisations.models import Organisation

from .. import names as words
from .common import BATCH, at


class AgreementsMixin:
    def _agreements(self, orgs, staff, contacts, interactions) -> None:
        wanted = max(0, self.size.agreements - Agreement.objects.count())
        partners = self.partners or orgs
        weights = [1 / (rank + 5) for rank in range(len(partners))]
        new, plans = [], []
        for n in range(wanted):
            org = self.pick(partners, weights)
            topic, topic_zh = self.pick(words.TOPICS)
            title, title_zh = self.pick(words.AGREEMENT_TITLES)
            start = self.day()
            end = start + timedelta(days=365 * self.rng.randint(1, 5))
            if end < self.today:
                status = self.pick(["expired", "terminated", "superseded"], [6, 1, 2])
            else:
                status = self.pick(
                    ["active", "signed", "draft", "negotiation", "legal_review", "approved"], [12, 1, 2, 2, 1, 1]
                )
            signed = status not in ("draft", "negotiation", "legal_review", "approved")
            new.append(
                Agreement(
                    kind_id=self.pick(self.kinds),
                    title_en=title.format(org=org.name_en, topic=topic)[:300],
                    title_zh=title_zh.format(org_zh=org.name_zh or org.name_en, topic_zh=topic_zh)[:300],
                    reference=f"GZ-{start.year}-{n:05d}",
                    controlling_language=self.pick(["en", "zh", "equal"]),
                    status=status,
                    unit=self.pick(words.DEPARTMENTS),
                    responsible_id=self.pick(staff).pk,
                    signed_date=start - timedelta(days=self.rng.randint(0, 30)) if signed else None,
                    start_date=start if signed else None,
                    end_date=end,
                    notice_period_days=self.pick([None, 90, 180]),
                    auto_renew=self.rng.random() < 0.1,
                    summary=f"Covers {topic} with {org.name_en}.",
                )
            )
            plans.append(org)
        Agreement.objects.bulk_create(new, batch_size=BATCH)
        # Hierarchy: a third sit under an earlier agreement with the same partner; some renew one.
        by_partner: dict[int, list[Agreement]] = {}
        children = []
        for agreement, org in zip(new, plans, strict=True):
            earlier = by_partner.setdefault(org.pk, [])
            if earlier and self.rng.random() < 0.35:
                agreement.parent_id = self.pick(earlier).pk
                children.append(agreement)
            earlier.append(agreement)
        Agreement.objects.bulk_update(children, ["parent"], batch_size=BATCH)
        renewals = []
        used = set()
        for agreement, org in zip(new, plans, strict=True):
            expired = [
                a for a in by_partner[org.pk] if a.status == "superseded" and a.pk not in used and a.pk < agreement.pk
            ]
            if expired and agreement.status == "active":
                agreement.predecessor_id = expired[0].pk
                used.add(expired[0].pk)
                renewals.append(agreement)
        Agreement.objects.bulk_update(renewals, ["predecessor"], batch_size=BATCH)
        self.tag(Agreement, new)

        parties, orgs_by_id = [], {o.pk: o for o in [*orgs, self.home]}
        for agreement, org in zip(new, plans, strict=True):
            parties.append(Party(agreement_id=agreement.pk, organisation_id=self.home.pk, role="home"))
            parties.append(Party(agreement_id=agreement.pk, organisation_id=org.pk, role="partner"))
            if self.rng.random() < 0.2:
                other = self.pick(partners)
                if other.pk not in (org.pk, self.home.pk):
                    parties.append(
                        Party(
                            agreement_id=agreement.pk, organisation_id=other.pk, role=self.pick(["partner", "funder"])
                        )
                    )
        Party.objects.bulk_create(parties, batch_size=BATCH)
        agreements_by_id = {a.pk: a for a in new}
        signatories, obligations, documents, events, links = [], [], [], [], []
        people_by_id = {p.pk: p for p in [*staff, *contacts]}
        for party in parties:
            agreement = agreements_by_id[party.agreement_id]
            if not agreement.signed_date:
                continue
            at_org = self.contacts_at.get(party.organisation_id) or [self.pick(staff).pk]
            signatories.append(
                Signatory(
                    party_id=party.pk,
                    person_id=self.pick(at_org),
                    capacity="President",
                    signed_on=agreement.signed_date,
                )
            )
        Signatory.objects.bulk_create(signatories, batch_size=BATCH)
        placeholder = default_storage.save("agreements/bench/signed-copy.pdf", ContentFile(b"%PDF-1.4\n%bench\n"))
        for agreement in new:
            for _ in range(self.rng.choice([0, 0, 1, 2])):
                obligations.append(
                    Obligation(
                        agreement_id=agreement.pk,
                        description=self.pick(words.OBLIGATIONS),
                        side=self.pick(["home", "partner", "both"]),
                        due_date=(agreement.start_date or self.today) + timedelta(days=self.rng.randint(90, 900)),
                        owner_id=self.pick(staff).pk,
                        done=self.rng.random() < 0.5,
                    )
                )
            if agreement.signed_date and self.rng.random() < 0.5:
                documents.append(
                    Document(
                        agreement_id=agreement.pk,
                        doc_type="signed",
                        title="Signed copy",
                        version_number=1,
                        file=placeholder,
                        original_name="signed-copy.pdf",
                        content_type="application/pdf",
                        size=16,
                    )
                )
            ct = ContentType.objects.get_for_model(Agreement)
            for kind in ("agreement.draft", "agreement.signed" if agreement.signed_date else None):
                if kind:
                    events.append(TimelineEvent(content_type=ct, object_id=str(agreement.pk), kind=kind, message=""))
        Obligation.objects.bulk_create(obligations, batch_size=BATCH)
        Document.objects.bulk_create(documents, batch_size=BATCH)
        TimelineEvent.objects.bulk_create(events, batch_size=BATCH)
        through = Agreement.interactions.through
        for agreement in new:
            if self.rng.random() < 0.3:
                for interaction in self.some(interactions, 1, 3):
                    links.append(through(agreement_id=agreement.pk, interaction_id=interaction.pk))
        through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)

        parties_of: dict[int, list[Organisation]] = {}
        for party in parties:
            parties_of.setdefault(party.agreement_id, []).append(orgs_by_id[party.organisation_id])
        for agreement in new:
            when = at(agreement.signed_date or self.day(), self.rng)
            self.log(agreement, parties_of[agreement.pk], when)
            for _ in range(self.rng.randint(0, 4)):  # negotiated, signed, activated, renewed …
                self.log(agreement, parties_of[agreement.pk], when + timedelta(days=self.rng.randint(1, 400)), "update")
        for party in parties:
            self.log(
                party,
                [agreements_by_id[party.agreement_id], orgs_by_id[party.organisation_id]],
                at(self.today, self.rng),
            )
        party_by_id = {p.pk: p for p in parties}
        for s in signatories:
            agreement = agreements_by_id[party_by_id[s.party_id].agreement_id]
            self.log(s, [agreement, people_by_id.get(s.person_id)], at(s.signed_on, self.rng))
        for o in [*obligations, *documents]:
            self.log(o, [agreements_by_id[o.agreement_id]], at(self.today, self.rng))
