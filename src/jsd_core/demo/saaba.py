"""Saaba, Burkina Faso, 2015–2016: robberies, the police and a vigilante group (Koglweogo).

Break-ins and armed robberies rise; the police and the Koglweogo distrust each
other, then end up patrolling together. Texts in French.
"""

from __future__ import annotations

from jsd_core.demo.script import Script
from jsd_core.demo.story import Story
from jsd_core.domain import CaseCategory, CloseReason, SessionKind, StakeholderKind

K = StakeholderKind


def story() -> Story:
    s = Script("saaba", organization="lantern", facilitator="a.ouedraogo")
    s.convene(
        "2015-03-02",
        name="Dialogue Sécurité et Justice de Saaba",
        country="BF",
        region="Centre",
        locality="Saaba",
        languages=("fr", "mos"),
    )
    s.groups(
        "2015-03-02",
        ("police", K.POLICE, "Commissariat de police de district de Saaba"),
        ("mairie", K.LOCAL_GOVERNMENT, "Mairie de Saaba"),
        ("koglweogo", K.INFORMAL_SECURITY, "Association Koglweogo de Saaba"),
        ("chefferie", K.TRADITIONAL_LEADERS, "Chefferie coutumière de Saaba"),
        ("femmes", K.WOMEN, "Groupements de femmes de Saaba"),
        ("jeunes", K.YOUTH, "Conseil communal de la jeunesse"),
        ("commercants", K.BUSINESS, "Commerçants du marché de Saaba"),
    )
    _meetings(s)
    _robberies(s)
    _vigilante_abuse(s)
    s.case(
        "betail",
        "2016-05-23",
        title="Vols de bétail dans les hameaux de culture",
        description="Des éleveurs des hameaux de culture signalent des vols de bœufs la nuit ; "
        "ils demandent que le dialogue s'en saisisse à sa prochaine rencontre.",
        category=CaseCategory.ROBBERY_BURGLARY,
        severity=3,
        raised_by="chefferie",
    )
    return s.story()


def _meetings(s: Script) -> None:
    everyone = {"police": 5, "mairie": 3, "koglweogo": 12, "chefferie": 6, "femmes": 14}
    s.session(
        "2015-03-23",
        SessionKind.DIALOGUE,
        {**everyone, "jeunes": 11, "commercants": 9},
        "Première rencontre : les habitants décrivent la hausse des cambriolages ; la police "
        "et les Koglweogo s'accusent mutuellement.",
    )
    s.survey(
        1,
        "2015-03-30",
        {
            "koglweogo": (40, 22.0),
            "femmes": (80, 35.5),
            "jeunes": (60, 30.0),
            "commercants": (45, 28.5),
        },
    )
    s.session(
        "2015-05-11",
        SessionKind.COMMITTEE,
        {"police": 2, "koglweogo": 3, "chefferie": 2, "femmes": 2, "commercants": 2},
        "Le comité de suivi rédige un protocole de collaboration entre la police et les Koglweogo.",
    )
    s.session(
        "2015-07-06",
        SessionKind.MENTORING,
        {"police": 4, "koglweogo": 18},
        "Formation des Koglweogo aux droits humains et à la remise des suspects à la police.",
    )
    s.session(
        "2015-09-28",
        SessionKind.DIALOGUE,
        {**everyone, "koglweogo": 15, "jeunes": 14, "commercants": 12},
        "Bilan à six mois : depuis les patrouilles mixtes, les cambriolages au marché ont "
        "nettement baissé.",
    )
    s.survey(
        2,
        "2015-10-05",
        {
            "koglweogo": (42, 41.0),
            "femmes": (85, 48.0),
            "jeunes": (58, 42.5),
            "commercants": (47, 51.0),
        },
    )
    s.session(
        "2016-01-18",
        SessionKind.OUTREACH,
        {"police": 6, "koglweogo": 10, "femmes": 40, "jeunes": 35},
        "Causerie publique au marché sur le numéro vert et la collaboration police–population.",
    )
    s.session(
        "2016-05-23",
        SessionKind.DIALOGUE,
        {**everyone, "femmes": 19, "jeunes": 16, "commercants": 10},
        "Bilan annuel : police et Koglweogo travaillent ensemble ; le rappel du protocole "
        "après l'incident de février reste à faire.",
    )
    s.survey(
        3,
        "2016-05-30",
        {
            "koglweogo": (40, 58.5),
            "femmes": (82, 61.0),
            "jeunes": (61, 55.0),
            "commercants": (44, 63.5),
        },
    )


def _robberies(s: Script) -> None:
    case = s.case(
        "cambriolages",
        "2015-03-23",
        title="Hausse des cambriolages et des vols à main armée",
        description="Depuis le début de l'année, des boutiques du marché et des concessions "
        "sont cambriolées la nuit, parfois par des hommes armés. Les commerçants disent que la "
        "police arrive trop tard et se tournent vers les Koglweogo.",
        category=CaseCategory.ROBBERY_BURGLARY,
        severity=5,
        raised_by="commercants",
        location="Marché de Saaba et quartiers périphériques",
    )
    case.agree(
        "2015-04-13",
        ("police", "mairie", "koglweogo", "commercants"),
        priority=1,
        statement="La police et les Koglweogo assurent ensemble la sécurité du marché ; les "
        "Koglweogo remettent tout suspect à la police.",
    )
    number = case.assign(
        "numero-vert",
        "2015-04-13",
        "Afficher au marché le numéro vert de la police et le nom d'un agent de contact",
        "police",
        due="2015-05-31",
    )
    case.complete(number, "2015-05-20")
    case.verify(number, "2015-06-01", "femmes", "Le numéro est affiché à trois entrées.")
    patrols = case.assign(
        "patrouilles-mixtes",
        "2015-04-13",
        "Patrouilles mixtes police–Koglweogo au marché et dans les quartiers, trois nuits par "
        "semaine",
        "police",
        due="2015-06-30",
    )
    fuel = case.assign(
        "carburant",
        "2015-04-13",
        "Fournir le carburant des patrouilles mixtes",
        "mairie",
        due="2015-06-15",
    )
    case.progress(patrols, "2015-05-25", "Premières patrouilles ; la moto manque de carburant.")
    case.complete(fuel, "2015-06-19", "Le carburant promis est arrivé.")
    case.reschedule(
        patrols, "2015-06-22", "2015-07-31", "Le carburant de la mairie n'est arrivé qu'en juin."
    )
    case.verify(fuel, "2015-07-06", "koglweogo")
    case.complete(patrols, "2015-07-27")
    case.verify(patrols, "2015-08-10", "commercants", "Aucun cambriolage au marché depuis juillet.")
    lights = case.assign(
        "eclairage",
        "2015-05-11",
        "Installer l'éclairage solaire dans les allées du marché",
        "mairie",
        due="2015-09-30",
    )
    case.cancel(
        lights,
        "2015-09-14",
        "L'éclairage est repris par le programme régional d'électrification.",
    )
    case.resolve(
        "2015-09-28",
        "Les cambriolages au marché ont fortement baissé : police et Koglweogo patrouillent "
        "ensemble et les suspects sont remis à la police.",
    )
    case.close("2015-10-12", CloseReason.RESOLVED, "Bilan confirmé par le comité de suivi.")


def _vigilante_abuse(s: Script) -> None:
    case = s.case(
        "chatiments",
        "2015-05-11",
        title="Suspects détenus et frappés par des membres Koglweogo",
        description="Des jeunes rapportent que des suspects de vol ont été attachés et frappés "
        "avant d'être libérés contre une amende. Les Koglweogo répondent que la police relâche "
        "les voleurs.",
        category=CaseCategory.VIGILANTE_ABUSE,
        severity=4,
        raised_by="jeunes",
    )
    case.agree(
        "2015-06-08",
        ("police", "koglweogo", "chefferie", "jeunes"),
        priority=1,
        statement="Les Koglweogo ne détiennent ni ne punissent personne : tout suspect est "
        "remis à la police le jour même.",
    )
    handover = case.assign(
        "remise-des-suspects",
        "2015-06-08",
        "Remettre tout suspect au commissariat le jour même, avec un procès-verbal de remise",
        "koglweogo",
        due="2015-08-31",
    )
    case.progress(handover, "2015-07-06", "Registre de remise ouvert au commissariat.")
    case.complete(handover, "2015-08-31")
    case.verify(handover, "2015-09-14", "police", "Registre vérifié : 23 suspects remis.")
    feedback = case.assign(
        "suites-des-plaintes",
        "2015-06-08",
        "Informer les Koglweogo des suites données aux plaintes",
        "police",
        due="2015-10-31",
    )
    case.complete(feedback, "2015-10-26")
    case.verify(feedback, "2015-11-09", "koglweogo")
    case.resolve(
        "2015-11-23",
        "Aucune détention par les Koglweogo n'est signalée depuis trois mois ; la police "
        "informe des suites données.",
    )
    case.reopen(
        "2016-02-15",
        "Un voleur de moto présumé a été frappé par des membres Koglweogo ; la chefferie "
        "demande que le protocole soit rappelé.",
    )
    reminder = case.assign(
        "rappel-du-protocole",
        "2016-02-15",
        "Rappeler le protocole lors d'une assemblée des Koglweogo, devant le chef coutumier",
        "chefferie",
        due="2016-03-31",
    )
    case.progress(reminder, "2016-03-14", "Assemblée repoussée après les funérailles du chef.")
