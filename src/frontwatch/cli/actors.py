"""`frontwatch actors show NAME`: an actor as the dictionary knows it, and what reports say of it.

The dictionary (data/actors.toml, data/countries.toml) gives its ACLED name, aliases, type and
parent; the store gives the relations reports stated (supports, opposes, part of, leads, formerly
known as, designates as terrorist), each with its claimant, report and evidence. No spaCy here.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from frontwatch.models import INTER_LABELS, FrontwatchError
from frontwatch.nlp.actor_dictionary import ActorDictionary, ActorEntry

_PERIOD = re.compile(r"\s*\([^)]*\)$")

actors_app = typer.Typer(help="What the actor dictionary and reports say of an actor.", no_args_is_help=True)


@dataclass(frozen=True)
class Identity:
    """Who a name means, and the names and name prefixes reports' relations may give it."""

    name: str
    entry: ActorEntry | None
    names: tuple[str, ...]
    prefixes: tuple[str, ...] = ()


def identify(dictionary: ActorDictionary, name: str) -> Identity:
    """An actor by canonical name or alias; a country (or its forces) as its state, whatever period
    name its forces carry; any other name as itself (an old name reports used, say)."""
    entry = dictionary.get(name) or dictionary.match_alias(name)
    country = dictionary.country(entry.country) if entry and entry.inter == 1 and entry.country else None
    if entry is None:
        country = dictionary.country(name) or dictionary.country(name.removeprefix("Government of ").strip())
        entry = dictionary.get(dictionary.state_forces(country.name).name) if country else None
    if country is not None:
        # "Military Forces of Syria (2000-2024)", "(2024-)": every period's name of its forces
        forces = tuple(
            _PERIOD.sub("", dictionary.state_forces(country.name, branch).name)  # type: ignore[arg-type]
            for branch in ("military", "police")
        )
        return Identity(f"Government of {country.name}", entry, (f"Government of {country.name}",), forces)
    if entry is not None:
        return Identity(entry.name, entry, (entry.name,))
    return Identity(name, None, (name,))


def describe(
    dictionary: ActorDictionary, identity: Identity, relations: list[dict[str, Any]]
) -> dict[str, Any]:
    """The JSON shape `actors show --json` prints."""
    entry = identity.entry
    members = sorted(e.name for e in dictionary.entries() if entry is not None and e.parent == entry.name)
    return {
        "name": identity.name,
        "in_dictionary": entry is not None,
        "acled_name": entry.name if entry else None,
        "acronym": entry.acronym if entry else None,
        "inter": entry.inter if entry else None,
        "type": INTER_LABELS.get(entry.inter) if entry else None,
        "country": entry.country if entry else None,
        "years": entry.years if entry else None,
        "aliases": list(entry.aliases + entry.case_sensitive_aliases) if entry else [],
        "part_of": entry.parent if entry else None,
        "members": members,
        "relations": relations,
    }


@actors_app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="An actor's name, alias or acronym (\"HTS\"), or a country.")],
    db: Annotated[str | None, typer.Option("--db", help="SQLite file or database URL.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object instead of text.")] = False,
) -> None:
    """An actor: its ACLED name, aliases and type, and the relations reports state about it."""
    from frontwatch.cli.app import _fail, _open_store

    dictionary = ActorDictionary.load()
    identity = identify(dictionary, name)
    try:
        with _open_store(db) as store:
            relations = store.relations(identity.names, identity.prefixes)
    except FrontwatchError as error:
        raise _fail(str(error)) from None
    if identity.entry is None and not relations:
        raise _fail(f"no actor {name!r} in the actor dictionary, and no report relates it to another")
    about = describe(dictionary, identity, relations)
    if json_out:
        sys.stdout.write(json.dumps(about, ensure_ascii=False) + "\n")
        return
    _print(about, Console(highlight=False))


def _print(about: dict[str, Any], console: Console) -> None:
    details = ", ".join(str(part) for part in (about["type"], about["country"], about["years"]) if part)
    console.print(f"[bold]{about['name']}[/]" + (f" ({details})" if details else ""))
    if about["acled_name"] and about["acled_name"] != about["name"]:
        console.print(f"  ACLED name: {about['acled_name']}")
    if about["aliases"]:
        console.print(f"  aliases: {'; '.join(about['aliases'])}")
    if about["part_of"]:
        console.print(f"  part of: {about['part_of']} (actor dictionary)")
    if about["members"]:
        console.print(f"  members: {'; '.join(about['members'])} (actor dictionary)")
    if not about["in_dictionary"]:
        console.print("  not in the actor dictionary: known only from reports")
    table = Table(header_style="bold", title="what reports say")
    for header in ("subject", "relation", "object", "qualifier", "said by", "report", "day"):
        table.add_column(header, overflow="fold")
    for relation in about["relations"]:
        kind = f"not {relation['kind']}" if relation["negated"] else relation["kind"]
        table.add_row(relation["subject"], kind, relation["object"], relation["qualifier"] or "",
                      relation["claimant"] or relation["outlet"] or "", relation["report_id"],
                      relation["published"] or "")
    console.print(table)
    console.print(f"{len(about['relations'])} relation(s) told")
