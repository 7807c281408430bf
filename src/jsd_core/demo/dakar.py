"""Dakar, Senegal, 2016–2017: sports fans and church-goers clash because a stadium entrance
faces a church; the entrance is moved. Residents who saw the police as adversaries come to
call them partners. Texts in French.
"""

from __future__ import annotations

from uuid import UUID

from jsd_core.demo.script import Script
from jsd_core.demo.story import Story
from jsd_core.domain import CaseCategory, CloseReason, SessionKind, StakeholderKind

K = StakeholderKind


def story() -> Story:
    s = Script("dakar", organization="lantern", facilitator="m.diop")
    s.convene(
        "2016-02-08",
        name="Dialogue Sécurité et Justice du quartier du stade",
        country="SN",
        region="Dakar",
        locality="Dakar, quartier du stade",
        languages=("fr", "wo"),
    )
    s.groups(
        "2016-02-08",
        ("police", K.POLICE, "Commissariat d'arrondissement"),
        ("mairie", K.LOCAL_GOVERNMENT, "Mairie de la commune d'arrondissement"),
        ("stade", K.LOCAL_GOVERNMENT, "Direction du stade"),
        ("supporters", K.YOUTH, "Associations de supporters (navétanes)"),
        ("paroisse", K.RELIGIOUS_LEADERS, "Paroisse et fidèles de l'église"),
        ("imams", K.RELIGIOUS_LEADERS, "Imams du quartier"),
        ("delegues", K.RESIDENTS, "Délégués de quartier"),
        ("femmes", K.WOMEN, "Groupements de femmes du quartier"),
    )
    _meetings(s)
    clashes = _clashes(s)
    repeat = s.case(
        "bagarres-sortie-messe",
        "2016-03-07",
        title="Bagarres de supporters à la sortie de la messe",
        description="Les femmes du quartier signalent des bagarres entre supporters et fidèles "
        "à la sortie de la messe du dimanche.",
        category=CaseCategory.VIOLENT_CLASH,
        severity=4,
        raised_by="femmes",
    )
    repeat.close(
        "2016-03-14",
        CloseReason.DUPLICATE,
        "Même problème que les affrontements devant l'église, déjà soumis au dialogue.",
        duplicate_of=clashes,
    )
    _night_attacks(s)
    s.conclude(
        "2017-06-30",
        "L'entrée du stade a été déplacée et les affrontements ont cessé. Des habitants qui "
        "voyaient la police comme un adversaire parlent aujourd'hui d'un partenaire.",
    )
    return s.story()


def _meetings(s: Script) -> None:
    everyone = {"police": 6, "mairie": 2, "stade": 1, "supporters": 15, "paroisse": 12}
    s.session(
        "2016-02-29",
        SessionKind.DIALOGUE,
        {**everyone, "imams": 4, "delegues": 8, "femmes": 10},
        "Premier dialogue : les fidèles décrivent les jets de pierres les dimanches de match ; "
        "les supporters disent être traités en délinquants par la police.",
    )
    s.survey(
        1,
        "2016-03-07",
        {
            "supporters": (70, 18.5),
            "paroisse": (55, 33.0),
            "delegues": (40, 29.0),
            "femmes": (60, 31.5),
        },
    )
    s.session(
        "2016-04-18",
        SessionKind.COMMITTEE,
        {"police": 2, "mairie": 1, "stade": 1, "supporters": 3, "paroisse": 2, "delegues": 2},
        "Visite du stade avec la mairie : l'entrée principale fait face au portail de l'église.",
    )
    s.session(
        "2016-07-04",
        SessionKind.POLICY_FORUM,
        {"police": 3, "mairie": 4, "stade": 2, "paroisse": 2, "imams": 2, "delegues": 3},
        "Rencontre avec le ministère des Sports et la mairie sur le déplacement de l'entrée.",
    )
    s.session(
        "2016-10-10",
        SessionKind.OUTREACH,
        {"police": 8, "supporters": 40, "paroisse": 25, "imams": 3, "femmes": 30},
        "Match de la paix entre supporters et jeunes de la paroisse, arbitré par un policier.",
    )
    s.session(
        "2017-01-23",
        SessionKind.DIALOGUE,
        {**everyone, "imams": 5, "delegues": 10, "femmes": 16},
        "Bilan : plus d'affrontements depuis le déplacement de l'entrée ; des habitants "
        "parlent de la police comme d'un partenaire.",
    )
    s.survey(
        2,
        "2017-02-06",
        {
            "supporters": (72, 47.0),
            "paroisse": (57, 62.5),
            "delegues": (41, 58.0),
            "femmes": (63, 60.5),
        },
    )
    s.session(
        "2017-05-15",
        SessionKind.DIALOGUE,
        {**everyone, "delegues": 9, "femmes": 14},
        "Dernière rencontre : le comité de quartier poursuivra le suivi de l'éclairage.",
    )


def _clashes(s: Script) -> UUID:
    case = s.case(
        "affrontements",
        "2016-02-29",
        title="Affrontements entre supporters et fidèles devant l'église les jours de match",
        description="Les jours de match, les supporters se rassemblent devant l'entrée du "
        "stade, juste en face du portail de l'église. Insultes, jets de pierres et bagarres "
        "éclatent à la sortie de la messe ; plusieurs blessés en janvier.",
        category=CaseCategory.VIOLENT_CLASH,
        severity=5,
        raised_by="paroisse",
        location="Entrée principale du stade, face à l'église",
    )
    case.agree(
        "2016-04-18",
        ("police", "stade", "supporters", "paroisse", "delegues"),
        priority=1,
        statement="Supporters et fidèles ne doivent plus se croiser devant l'église : "
        "l'entrée du stade sera déplacée.",
    )
    presence = case.assign(
        "presence-policiere",
        "2016-04-18",
        "Présence policière devant l'église et le stade quand un match coïncide avec la messe",
        "police",
        due="2016-06-30",
    )
    case.complete(presence, "2016-06-27")
    case.verify(presence, "2016-07-04", "delegues")
    entrance = case.assign(
        "nouvelle-entree",
        "2016-04-18",
        "Déplacer l'entrée principale du stade sur la rue opposée à l'église",
        "stade",
        due="2016-09-30",
    )
    case.progress(entrance, "2016-07-04", "Travaux approuvés ; financement voté par la mairie.")
    case.reschedule(entrance, "2016-09-12", "2016-12-15", "L'hivernage a retardé les travaux.")
    case.complete(entrance, "2016-12-10", "Nouvelle entrée ouverte pour le match du 11 décembre.")
    case.verify(entrance, "2016-12-19", "paroisse", "Plus aucun rassemblement devant l'église.")
    schedule = case.assign(
        "calendrier",
        "2016-04-18",
        "Ne plus programmer de match aux heures de la messe du dimanche",
        "supporters",
        due="2016-08-31",
    )
    case.complete(schedule, "2016-08-22")
    case.verify(schedule, "2016-09-12", "paroisse")
    case.resolve(
        "2017-01-23",
        "Depuis l'ouverture de la nouvelle entrée, aucun affrontement n'a été signalé ; "
        "supporters et fidèles ne se croisent plus.",
    )
    case.close("2017-02-06", CloseReason.RESOLVED)
    return case.case_id


def _night_attacks(s: Script) -> None:
    case = s.case(
        "agressions-gare",
        "2016-10-10",
        title="Agressions nocturnes sur le chemin de la gare routière",
        description="Des femmes qui rentrent tard du marché sont agressées et dépouillées "
        "dans la rue sombre qui mène à la gare routière.",
        category=CaseCategory.ROBBERY_BURGLARY,
        severity=4,
        raised_by="femmes",
        location="Rue de la gare routière",
    )
    case.agree(
        "2016-11-07",
        ("police", "mairie", "femmes", "delegues"),
        priority=2,
        statement="La rue sera éclairée et patrouillée le soir.",
    )
    patrols = case.assign(
        "patrouilles-du-soir",
        "2016-11-07",
        "Patrouilles à pied le soir, de 19 h à 22 h, dans la rue de la gare routière",
        "police",
        due="2016-12-31",
    )
    case.complete(patrols, "2016-12-19")
    case.verify(patrols, "2017-01-23", "femmes", "Les femmes voient les patrouilles le soir.")
    lights = case.assign(
        "eclairage-gare",
        "2016-11-07",
        "Réparer l'éclairage public de la rue de la gare routière",
        "mairie",
        due="2017-03-31",
    )
    case.progress(lights, "2017-03-20", "Devis approuvé ; lampadaires commandés.")
    case.reschedule(lights, "2017-03-27", "2017-05-31", "Livraison des lampadaires retardée.")
