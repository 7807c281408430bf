"""Jos, Nigeria, 2017–2019: residents burned down the police station and forced the police
out; community members donated land for a new station and helped build it, and police
services returned. Texts in English.
"""

from __future__ import annotations

from jsd_core.demo.script import Script
from jsd_core.demo.story import Story
from jsd_core.domain import CaseCategory, SessionKind, StakeholderKind

K = StakeholderKind


def story() -> Story:
    s = Script("jos", organization="compass", facilitator="d.pam")
    s.convene(
        "2017-09-04",
        name="Neighbourhood Justice and Security Dialogue",
        country="NG",
        region="Plateau State",
        locality="Jos North",
        languages=("en", "ha"),
    )
    s.groups(
        "2017-09-04",
        ("police", K.POLICE, "Nigeria Police Force, divisional headquarters"),
        ("lga", K.LOCAL_GOVERNMENT, "Jos North Local Government Council"),
        ("elders", K.TRADITIONAL_LEADERS, "Ward head and community elders"),
        ("youth", K.YOUTH, "Neighbourhood youth association"),
        ("women", K.WOMEN, "Women's forum"),
        ("faith", K.RELIGIOUS_LEADERS, "Interfaith committee of churches and mosques"),
        ("vigilance", K.INFORMAL_SECURITY, "Neighbourhood vigilance group"),
        ("traders", K.BUSINESS, "Market traders' association"),
    )
    _meetings(s)
    _station(s)
    _mob_justice(s)
    checkpoint = s.case(
        "checkpoint",
        "2019-03-18",
        title="Money demanded at the checkpoint on the market road",
        description="Traders say officers at the checkpoint on the market road ask every "
        "motorcycle taxi and lorry for money.",
        category=CaseCategory.POLICE_MISCONDUCT,
        severity=3,
        raised_by="traders",
        location="Market road checkpoint",
    )
    checkpoint.agree(
        "2019-04-15",
        ("police", "traders", "youth"),
        priority=2,
        statement="The Divisional Police Officer looks into the checkpoint; traders report "
        "each demand with its date and time.",
    )
    return s.story()


def _meetings(s: Script) -> None:
    s.session(
        "2017-09-25",
        SessionKind.DIALOGUE,
        {"police": 4, "lga": 2, "elders": 9, "youth": 14, "women": 11, "faith": 6},
        "First meeting since the station was burned. Residents speak of the killing that set "
        "off the riot; the police speak of being driven out.",
    )
    s.survey(
        1,
        "2017-10-02",
        {"elders": (30, 21.0), "youth": (90, 12.5), "women": (75, 19.0), "traders": (40, 24.5)},
    )
    s.session(
        "2017-11-13",
        SessionKind.COMMITTEE,
        {"police": 2, "lga": 1, "elders": 3, "youth": 2, "women": 2},
        "The elders offer a plot of land for a new station; the committee agrees who does what.",
    )
    s.session(
        "2018-02-19",
        SessionKind.OUTREACH,
        {"police": 7, "elders": 5, "youth": 48, "women": 20, "vigilance": 12},
        "Community work day on the station site: young people clear the land with officers.",
    )
    s.session(
        "2018-06-11",
        SessionKind.DIALOGUE,
        {"police": 5, "lga": 2, "elders": 8, "youth": 12, "women": 13, "vigilance": 6},
        "The station walls are up. Traders raise the beatings of suspected thieves.",
    )
    s.survey(
        2,
        "2018-07-02",
        {"elders": (32, 38.0), "youth": (88, 29.5), "women": (80, 36.0), "traders": (42, 41.0)},
    )
    s.session(
        "2018-10-29",
        SessionKind.POLICY_FORUM,
        {"police": 4, "lga": 3, "elders": 4, "faith": 4, "traders": 3, "vigilance": 3},
        "Forum with the State Police Command on deploying officers to the new station.",
    )
    s.session(
        "2019-03-18",
        SessionKind.DIALOGUE,
        {"police": 9, "lga": 3, "elders": 10, "youth": 20, "women": 18, "traders": 7},
        "The new station opens: police services return to the neighbourhood.",
    )
    s.survey(
        3,
        "2019-06-03",
        {"elders": (31, 56.5), "youth": (93, 47.0), "women": (84, 55.5), "traders": (44, 60.0)},
    )


def _station(s: Script) -> None:
    case = s.case(
        "station",
        "2017-09-25",
        title="No police presence since the station was burned",
        description="In the riot that followed a killing in the neighbourhood, residents burned "
        "down the police station and forced the police out. With no station nearby, crimes go "
        "unreported and people settle scores themselves.",
        category=CaseCategory.INFRASTRUCTURE,
        severity=5,
        raised_by="elders",
        location="Site of the former police station",
    )
    case.agree(
        "2017-11-13",
        ("police", "lga", "elders", "youth", "women"),
        priority=1,
        statement="The community gives land and labour for a new station; the police return "
        "and serve the neighbourhood.",
    )
    land = case.assign(
        "land",
        "2017-11-13",
        "Donate a plot of land for the new police station, with a signed transfer",
        "elders",
        due="2018-01-31",
    )
    case.complete(land, "2018-01-22", "Transfer signed before the Local Government.")
    case.verify(land, "2018-02-05", "lga", "Land documents registered with the council.")
    build = case.assign(
        "build",
        "2017-11-13",
        "Build the new station with community labour and materials from the council",
        "youth",
        due="2018-09-30",
    )
    materials = case.assign(
        "materials",
        "2017-11-13",
        "Supply roofing sheets, doors and furniture for the new station",
        "lga",
        due="2018-07-31",
    )
    case.progress(build, "2018-02-19", "Site cleared at the community work day.")
    case.progress(build, "2018-06-11", "Walls up; roofing sheets awaited from the council.")
    case.complete(materials, "2018-09-10", "Delivered six weeks late.")
    case.reschedule(build, "2018-09-17", "2019-02-28", "The roofing sheets arrived late.")
    case.verify(materials, "2018-09-17", "youth")
    case.escalate(
        "2018-10-29",
        "Plateau State Police Command",
        "Deploying officers to a new station needs the Commissioner's approval.",
    )
    deploy = case.assign(
        "deploy",
        "2018-10-29",
        "Deploy officers to the new station and keep it open day and night",
        "police",
        due="2019-03-31",
    )
    case.complete(build, "2019-02-25")
    case.complete(deploy, "2019-03-18")
    case.verify(build, "2019-03-18", "police", "Accepted by the Divisional Police Officer.")
    case.verify(deploy, "2019-04-15", "women", "The station is staffed at night.")
    case.resolve(
        "2019-06-03",
        "The new station is open and staffed; police services have returned and residents "
        "report crimes there.",
    )


def _mob_justice(s: Script) -> None:
    case = s.case(
        "mob-justice",
        "2018-06-11",
        title="Mob justice against suspected thieves at the market",
        description="Suspected thieves caught at the market are beaten, some to death, before "
        "the police can reach them. Traders say they have no other protection.",
        category=CaseCategory.MOB_JUSTICE,
        severity=5,
        raised_by="traders",
        location="Market junction",
    )
    case.agree(
        "2018-07-02",
        ("police", "vigilance", "traders", "youth", "faith"),
        priority=1,
        statement="Every suspect is handed to the police unharmed; the police answer calls "
        "from the market quickly.",
    )
    handover = case.assign(
        "handover",
        "2018-07-02",
        "Hand every suspect caught at the market to the police unharmed, within the hour",
        "vigilance",
        due="2018-12-31",
    )
    sermons = case.assign(
        "sermons",
        "2018-07-02",
        "Preach against jungle justice at Friday prayers and Sunday services",
        "faith",
        due="2018-10-31",
    )
    case.complete(sermons, "2018-10-28")
    case.progress(handover, "2018-10-29", "Handover register kept at the market.")
    case.verify(sermons, "2018-10-29", "women")
    case.complete(handover, "2018-12-28")
    case.verify(handover, "2019-01-21", "police", "Register checked: nine suspects, none hurt.")
    hotline = case.assign(
        "hotline",
        "2018-10-29",
        "Publish a police emergency number for the market and answer it day and night",
        "police",
        due="2019-03-31",
    )
    case.progress(
        hotline, "2019-03-18", "Number chosen; the phone from the State Command is awaited."
    )
