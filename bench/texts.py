"""Words for the generated dataset: places, problems and what dialogues do about them.

Drawn from the kinds of cases the four demo stories tell (Saaba, Dakar, Jos,
Nepal), in the dialogue's language, so titles and descriptions are varied
enough for the `search` filter to be selective, as it is with real data.
"""

from __future__ import annotations

from jsd_core.domain import CaseCategory

C = CaseCategory

# (country, region, locality, languages)
PLACES: tuple[tuple[str, str | None, str, tuple[str, ...]], ...] = (
    ("BF", "Centre", "Saaba", ("fr", "mos")),
    ("BF", "Hauts-Bassins", "Bobo-Dioulasso", ("fr", "dyu")),
    ("BF", "Est", "Fada N'Gourma", ("fr", "gux")),
    ("SN", "Dakar", "Grand Yoff", ("fr", "wo")),
    ("SN", "Ziguinchor", "Ziguinchor", ("fr", "wo")),
    ("ML", "Ségou", "San", ("fr", "bm")),
    ("ML", "Mopti", "Sévaré", ("fr", "ff")),
    ("NE", "Tillabéri", "Téra", ("fr", "ha")),
    ("NE", "Niamey", "Niamey V", ("fr", "ha")),
    ("NG", "Plateau", "Jos North", ("en", "ha")),
    ("NG", "Kaduna", "Zaria", ("en", "ha")),
    ("TN", "Kasserine", "Kasserine", ("ar", "fr")),
    ("TN", "Tunis", "Ettadhamen", ("ar", "fr")),
    ("NP", "Bagmati", "Lalitpur", ("ne", "en")),
    ("NP", "Madhesh", "Janakpur", ("ne", "mai")),
    ("NP", "Lumbini", "Butwal", ("ne", "en")),
    ("SN", "Thiès", "Mbour", ("fr", "wo")),
    ("BF", "Nord", "Ouahigouya", ("fr", "mos")),
    ("NG", "Benue", "Makurdi", ("en", "tiv")),
    ("ML", "Koulikoro", "Kati", ("fr", "bm")),
)

NEIGHBOURHOODS = (
    "Zone 1", "Tanghin", "Secteur 15", "Kalgondin", "Marché central", "Gare routière",
    "Cité universitaire", "Hameau de Koubri", "Liberté 6", "Parcelles Assainies", "Médina",
    "Angwan Rukuba", "Terminus", "Bauchi Road", "Tudun Wada", "Patan Durbar", "Pulchowk",
    "Bazar Ring Road", "Cité El Khadra", "Quartier Nord", "Bord du fleuve", "Château d'eau",
)  # fmt: skip

# (category, title, description)
PROBLEMS: tuple[tuple[CaseCategory, str, str], ...] = (
    (C.ROBBERY_BURGLARY, "Vols de bétail la nuit",
     "Des éleveurs signalent des vols de bœufs la nuit dans les hameaux de culture."),
    (C.ROBBERY_BURGLARY, "Cambriolages de boutiques au marché",
     "Des boutiques du marché ont été cambriolées ; les commerçants veulent des patrouilles."),
    (C.ROBBERY_BURGLARY, "Armed robberies on the market road",
     "Traders returning from the weekly market are robbed at gunpoint after dark."),
    (C.VIOLENT_CLASH, "Affrontements entre supporters et fidèles",
     "Les jours de match, supporters et fidèles de l'église en face du stade s'affrontent."),
    (C.VIOLENT_CLASH, "Clashes between herders and farmers",
     "Cattle strayed into farms before the harvest and young men from both sides fought."),
    (C.WEAPONS_SMUGGLING, "Trafic d'armes à la frontière",
     "Des armes légères circulent par les pistes de la frontière ; la population a peur."),
    (C.DRUG_ABUSE, "Drug use among students",
     "Teachers and parents report tablets sold to students near the secondary school."),
    (C.DRUG_ABUSE, "लागुऔषध दुर्व्यसन युवाहरूमा",
     "Drug abuse among young people near the bus park worries parents and the ward office."),
    (C.LAND_DISPUTE, "Litige foncier autour du nouveau lotissement",
     "Deux familles revendiquent les mêmes parcelles ; la tension monte dans le quartier."),
    (C.LAND_DISPUTE, "Land for the new police station",
     "Community members offered land for a new station; the boundary is contested by a family."),
    (C.MOB_JUSTICE, "Justice populaire contre un voleur présumé",
     "Un voleur présumé a été battu par la foule avant l'arrivée de la police."),
    (C.MOB_JUSTICE, "Mob attack after a motorbike theft",
     "A suspected motorbike thief was beaten by a crowd; the police arrived too late."),
    (C.VIGILANTE_ABUSE, "Détentions arbitraires par le groupe d'autodéfense",
     "Le groupe d'autodéfense retient des suspects plusieurs jours sans les remettre à la police."),
    (C.POLICE_MISCONDUCT, "Racket aux postes de contrôle",
     "Des transporteurs dénoncent des paiements exigés aux postes de contrôle sur la route."),
    (C.POLICE_MISCONDUCT, "Police station burned after an arrest",
     "Residents burned the police station after a disputed arrest; the police left the area."),
    (C.GENDER_BASED_VIOLENCE, "Violences faites aux femmes au retour du marché",
     "Des femmes sont agressées sur le chemin du marché ; elles n'osent pas porter plainte."),
    (C.GENDER_BASED_VIOLENCE, "Harassment of girls on the way to school",
     "Girls are harassed on the path to school; families keep them at home."),
    (C.VIOLENT_EXTREMISM, "Recrutement de jeunes par des groupes armés",
     "Des jeunes sans emploi sont approchés par des groupes armés venus de la frontière."),
    (C.INTERCOMMUNAL_TENSION, "Prejudice between ethnic groups at the market",
     "Traders of two communities accuse each other of theft; fights broke out twice."),
    (C.INTERCOMMUNAL_TENSION, "جدال بين شباب الحيين",
     "تتكرر المشاجرات بين شباب الحيين بعد مباريات كرة القدم في الملعب البلدي."),
    (C.INFRASTRUCTURE, "Éclairage public en panne sur l'axe principal",
     "L'axe principal n'est plus éclairé ; les agressions de nuit ont augmenté."),
    (C.INFRASTRUCTURE, "Stadium entrance facing the church",
     "The stadium entrance faces the church, so fans and worshippers meet at the same gate."),
    (C.OTHER, "Manque de confiance envers la police",
     "Les habitants ne signalent plus les délits : ils disent que la police ne vient pas."),
)  # fmt: skip

ACTIONS = (
    "Patrouilles conjointes police et comité de vigilance deux nuits par semaine",
    "Réunion de médiation entre les familles sous l'égide de la chefferie",
    "Install solar street lights along the market road",
    "Open a complaints desk for women at the police station",
    "Relocate the stadium entrance to the side street",
    "Formation des membres du groupe d'autodéfense aux droits humains",
    "Community meeting with the youth council and the ward office",
    "Publish the checkpoint fees and a number to report abuse",
)
NOTES = (
    "Deux patrouilles ont eu lieu cette semaine.",
    "The ward office has ordered the lights.",
    "La médiation est prévue après la fête.",
    "Residents say they feel safer at night.",
    "Le comité a rendu son rapport au dialogue.",
    "Meeting postponed because of the rains.",
)
OUTCOMES = (
    "Plus aucun vol signalé depuis deux mois.",
    "Residents who saw the police as adversaries now call them partners.",
    "Les deux communautés ont signé une charte de bon voisinage.",
    "No clash reported on match days since the entrance moved.",
)
