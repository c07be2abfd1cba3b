"""Actor relations in the store: each report's statements of who backs, fights, leads or contains whom."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from frontwatch.models import Relation
from frontwatch.store.schema import actor_relations, reports


def insert_relations(conn: Connection, report_id: str, relations: Sequence[Relation]) -> None:
    rows = [dict(relation.to_record(), report_id=report_id) for relation in relations]
    if rows:
        conn.execute(sa.insert(actor_relations), rows)


def relations_of(
    conn: Connection, names: Iterable[str], prefixes: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """Relations whose subject or object is one of `names` or starts with one of `prefixes`
    ("Military Forces of Syria" for every period's name), each statement with its report and day,
    the same statement from several reports listed once per report."""
    c = actor_relations.c
    names, prefixes = list(names), list(prefixes)

    def naming(column: sa.Column[str]) -> sa.ColumnElement[bool]:
        # any case, as SQLite's LIKE matches by itself and PostgreSQL's ILIKE must be asked to
        starting = (column.istartswith(prefix, autoescape=True) for prefix in prefixes)
        return sa.or_(column.in_(names), *starting)

    query = (
        sa.select(actor_relations, reports.c.published, reports.c.source)
        .join(reports, reports.c.id == c.report_id)
        .where(sa.or_(naming(c.subject), naming(c.object)))
        .order_by(c.kind, c.subject, c.object, reports.c.published, c.id)
    )
    return [
        {
            **{key: row[key] for key in ("subject", "kind", "object", "negated", "qualifier", "claimant")},
            "report_id": row["report_id"],
            "published": row["published"].isoformat() if row["published"] else None,
            "outlet": row["source"],
            "evidence": row["evidence"],
        }
        for row in conn.execute(query).mappings()
    ]
