"""ACLED's sub-event typing rules: from the cues of an event and its actors to one sub-event type.

The order of the checks is ACLED's hierarchy: demonstrations first (a riot is a demonstration
turned violent); a capture of territory is typed by who took it; an armed exchange between
organised groups is a battle even when aircraft joined in; remote violence comes next, with air
strikes outranking shelling; then direct violence typed by its target; then strategic
developments.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from frontwatch.models import SUB_EVENT_TO_TYPE


@dataclass(frozen=True, slots=True)
class TypingInput:
    categories: frozenset[str]
    agent_inter: int | None  # ACLED inter code of the acting side, if known
    target_inter: int | None  # of the side acted upon (7 for civilians)
    armed_target: bool  # soldiers, fighters or an armed group were hit
    civilian_target: bool
    protesters: bool  # protesters are named as actors
    rioters: bool
    killed: int  # fatalities claimed
    security_present: bool = False  # police or soldiers are named in the account


REMOTE_CATEGORIES = frozenset({"air", "shelling", "ied", "grenade", "suicide", "chemical", "strike_noun"})
REMOTE_ORDER = (
    ("chemical", "Chemical weapon"),
    ("suicide", "Suicide bomb"),
    ("air", "Air/drone strike"),
    ("shelling", "Shelling/artillery/missile attack"),
    ("ied", "Remote explosive/landmine/IED"),
    ("grenade", "Grenade"),
)

STRATEGIC_ORDER = (
    ("looting", "Looting/property destruction"),
    ("disrupted", "Disrupted weapons use"),
    ("base", "Headquarters or base established"),
    ("transfer", "Non-violent transfer of territory"),
    ("agreement", "Agreement"),
    ("movement", "Change to group/activity"),
)

VIOLENT = frozenset(
    {
        "air",
        "shelling",
        "ied",
        "suicide",
        "grenade",
        "chemical",
        "clash",
        "violence",
        "strike_noun",
        "capture",
    }
)


ARMED_INTERS = frozenset({1, 2, 3, 4, 8})
"""ACLED inter codes of actors that fight: state, rebel, political, identity and external forces."""


def _demonstration(x: TypingInput) -> str | None:
    c = x.categories
    protest = "protest" in c or x.protesters
    # storming and burning by gunmen or soldiers who also shoot or fight, with no demonstration
    # told ("Gunmen stormed the village, shooting residents and setting fire to homes"), is their
    # attack, not a crowd's
    armed = x.agent_inter in ARMED_INTERS and not protest and bool(c & {"violence", "clash"})
    # burning beside looting, with no crowd, riot or protest named ("fighters looted a health centre
    # and set fire to the market"), is property destruction, not a crowd's violence
    plunder = "looting" in c and not protest
    crowd = "riot" in c or x.rioters or ("crowd_violence" in c and not armed and not plunder)
    if x.protesters and x.agent_inter == 6 and c & {"violence", "clash", "capture"}:
        crowd = True  # protesters who attack, fight or storm a building turn a protest into a riot
    if protest:
        if crowd:
            return "Violent demonstration"
        if (x.killed and x.agent_inter == 1) or ("intervention" in c and x.killed):
            return "Excessive force against protesters"
        if "intervention" in c or ("arrest" in c and x.security_present):
            return "Protest with intervention"
        if not (c & VIOLENT) or "strike_noun" in c:
            return "Peaceful protest"
    if crowd and not (x.agent_inter in {1, 2, 3} and "clash" in c):
        # with no demonstration named, a crowd that fights or attacks people is a mob
        if x.civilian_target or c & {"violence", "mob", "clash"}:
            return "Mob violence"
        return "Violent demonstration"
    return None


ATTACKS = frozenset({"violence", "strike_noun", "impact", "ied", "shelling", "clash", "capture"})


def sub_event_type(x: TypingInput) -> str | None:
    """The ACLED sub-event type for an event, or None when the cues describe no event."""
    c = x.categories
    if "arson" in c:
        # "NPA rebels set fire to two dump trucks": an armed actor's burning, with no crowd, riot or
        # protest named, destroys property; anyone else's is a crowd's violence
        crowd = c & {"protest", "riot"} or x.protesters or x.rioters
        burning = "looting" if x.agent_inter in ARMED_INTERS and not crowd else "crowd_violence"
        c = (c - {"arson"}) | {burning}
        x = replace(x, categories=c)
    if "aircraft" in c:
        c = (c - {"aircraft"}) | ({"air"} if c & ATTACKS else frozenset())
        x = replace(x, categories=c)
    found = _demonstration(x)
    if found:
        return found
    if "capture" in c and "agreement" not in c:
        if "transfer" in c:
            return "Non-violent transfer of territory"
        return "Government regains territory" if x.agent_inter == 1 else "Non-state actor overtakes territory"
    if "disrupted" in c and not x.killed:
        return "Disrupted weapons use"
    if "exchange" in c and c & (REMOTE_CATEGORIES | {"violence", "clash"}):
        return "Armed clash"  # both sides fired at each other: a battle, whatever the weapons
    if "clash" in c and (
        x.armed_target
        or x.target_inter in ARMED_INTERS
        or not x.civilian_target
        or x.agent_inter in ARMED_INTERS | {None}
    ):
        # an exchange between armed sides, even when civilians were caught in it; with no side named
        # ("renewed inter-clan fighting erupted", "members of the tribe clashed") still a clash
        return "Armed clash"
    for category, sub in REMOTE_ORDER:
        if category in c:
            return sub
    if "strike_noun" in c:
        return "Air/drone strike"
    if "sexual" in c:
        return "Sexual violence"
    if c & {"abduct", "arrest"} and x.armed_target and x.agent_inter in {2, 3, 4, 8}:
        return "Armed clash"  # an armed group seizing another's fighters is a battle, not a disappearance
    # state forces detain, at home or abroad (Israeli troops in the West Bank): arrests
    if "abduct" in c:
        state = x.agent_inter in {1, 8}
        return "Arrests" if state and "arrest" in c else "Abduction/forced disappearance"
    if "arrest" in c:
        return "Arrests" if x.agent_inter in {1, 8, None} else "Abduction/forced disappearance"
    if "violence" in c or "clash" in c:
        armed = x.armed_target or x.target_inter in ARMED_INTERS
        return "Armed clash" if armed else "Attack"
    for category, sub in STRATEGIC_ORDER:
        if category in c:
            return sub
    return None


def event_type(sub: str) -> str:
    return SUB_EVENT_TO_TYPE[sub]
