"""Who counts where: the statistics side of the access policy (docs/architecture.md §3).

- A liaison officer's own country counts fully in her view (she may see its cases anyway).
- Another member state counts only if its law profile says it "contributes to regional
  statistics", and only inside aggregates whose cells built from other countries' records
  pass disclosure control for her (no cell of 1..k-1, nothing recoverable from margins).
  A country without a law profile has not declared anything and does not contribute.
- Sharing a case adds nothing here: a case shared with her country counts as part of its
  owner's aggregate, exactly as an unshared one, so statistics are never a side door to case
  data.
- The Technical Secretariat and observers see the regional aggregates (contributing countries
  only) under the same rule; everybody else sees published releases only.

Countries that answer a data call count through their submitted aggregates whether or not
they contribute case data (that is what the call is for).

Which countries contribute is the access policy's answer (`access.policy.
contributing_countries`, from the law profiles); this module only applies it per reader."""

from __future__ import annotations

from dataclasses import dataclass

from enlace.access.policy import contributing_countries
from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role

from .permissions import REGIONAL_READERS


@dataclass(frozen=True)
class StatisticsScope:
    """What an actor's dashboard counts. `own_country` counts fully; `others` count only
    through disclosure control."""

    own_country: str | None
    others: frozenset[str]

    @property
    def countries(self) -> frozenset[str]:
        return self.others | ({self.own_country} if self.own_country else set())


def statistics_scope(actor: Actor) -> StatisticsScope | None:
    """The scope of `actor`'s dashboard, or None: she reads published releases only."""
    if not (getattr(actor, "is_authenticated", False) and actor.is_active):
        return None
    if actor.role not in REGIONAL_READERS:
        return None
    contributing = contributing_countries()
    if actor.role == Role.LIAISON:
        if not actor.country_id:
            return None
        return StatisticsScope(
            own_country=actor.country_id, others=contributing - {actor.country_id}
        )
    return StatisticsScope(own_country=None, others=contributing)


def regional_scope() -> StatisticsScope:
    """The scope of a publication: contributing countries, nobody's own."""
    return StatisticsScope(own_country=None, others=contributing_countries())
