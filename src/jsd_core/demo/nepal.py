"""Nepal, 2007–2008: the police and civil society of a district town after the ten-year war.

Drug abuse among young people and prejudice between religious and ethnic
communities. Texts in English, some in Nepali.
"""

from __future__ import annotations

from jsd_core.demo.script import Script
from jsd_core.demo.story import Story
from jsd_core.domain import CaseCategory, CloseReason, SessionKind, StakeholderKind

K = StakeholderKind


def story() -> Story:
    s = Script("nepal", organization="compass", facilitator="s.thapa")
    s.convene(
        "2007-05-14",
        name="Nepalgunj Police–Community Dialogue (प्रहरी–समुदाय संवाद)",
        country="NP",
        region="Banke District",
        locality="Nepalgunj",
        languages=("ne", "en"),
    )
    s.groups(
        "2007-05-14",
        ("police", K.POLICE, "Nepal Police, District Police Office Banke"),
        ("dao", K.LOCAL_GOVERNMENT, "District Administration Office"),
        ("civil-society", K.CIVIL_SOCIETY, "Civil society network (human rights and peace)"),
        ("youth", K.YOUTH, "Youth clubs of Nepalgunj"),
        ("women", K.WOMEN, "Mothers' groups (आमा समूह)"),
        ("faith", K.RELIGIOUS_LEADERS, "Inter-faith council: Hindu, Muslim and Buddhist leaders"),
        ("media", K.MEDIA, "Local FM radio and journalists"),
    )
    _meetings(s)
    _drugs_and_rumours(s)
    s.conclude(
        "2008-06-30",
        "After a year the police and civil society meet every month without facilitators; "
        "the joint committee goes on under the District Administration Office.",
    )
    return s.story()


def _meetings(s: Script) -> None:
    all_groups = {"police": 8, "dao": 2, "civil-society": 12, "youth": 10, "women": 9, "faith": 6}
    s.session(
        "2007-06-04",
        SessionKind.DIALOGUE,
        {**all_groups, "media": 3},
        "First open dialogue since the peace agreement. Residents say they fear reporting to "
        "the police; officers say they are still seen as a party to the conflict.",
    )
    s.survey(
        1,
        "2007-06-20",
        {
            "civil-society": (120, 34.0),
            "youth": (150, 27.5),
            "women": (140, 31.0),
            "faith": (60, 38.5),
        },
    )
    s.session(
        "2007-07-16",
        SessionKind.COMMITTEE,
        {"police": 3, "civil-society": 4, "youth": 2, "women": 2, "faith": 2},
        "The joint committee chooses two priorities: drug abuse among young people, and "
        "rumours between communities.",
    )
    s.session(
        "2007-09-10",
        SessionKind.OUTREACH,
        {"police": 6, "youth": 25, "women": 14, "media": 2},
        "Street drama on drug abuse at the bus park, played by youth clubs with police officers.",
    )
    s.session(
        "2007-11-26",
        SessionKind.DIALOGUE,
        {**all_groups, "police": 10, "women": 15, "media": 4},
        "Review of the commitments: patrols at the bus park and the rumour-checking group work.",
    )
    s.session(
        "2008-02-18",
        SessionKind.POLICY_FORUM,
        {"police": 4, "dao": 3, "civil-society": 6, "faith": 4, "media": 4},
        "District forum on community policing with the Chief District Officer.",
    )
    s.session(
        "2008-05-12",
        SessionKind.DIALOGUE,
        {**all_groups, "women": 18, "media": 5},
        "Closing review. संवादले प्रहरी र समुदायबीच भरोसा बढाएको छ।",
    )
    s.survey(
        2,
        "2008-05-20",
        {
            "civil-society": (118, 52.5),
            "youth": (146, 46.0),
            "women": (151, 55.5),
            "faith": (58, 57.0),
        },
    )


def _drugs_and_rumours(s: Script) -> None:
    drugs = s.case(
        "drugs",
        "2007-06-04",
        title="Drug abuse among young people around the bus park",
        description="Youth clubs report that brown sugar and injected medicines are sold openly "
        "near the bus park and that several young people have overdosed. Families do not "
        "report it: they fear their sons will be beaten in custody rather than helped.",
        category=CaseCategory.DRUG_ABUSE,
        severity=4,
        raised_by="youth",
        location="Bus park, Nepalgunj",
    )
    drugs.agree(
        "2007-07-16",
        ("police", "dao", "youth", "women"),
        priority=1,
        statement="Drug use is a health and safety problem: the police act against sellers, "
        "the community helps users to seek treatment.",
    )
    patrols = drugs.assign(
        "patrols",
        "2007-07-16",
        "Evening foot patrols at the bus park, with a named officer the youth clubs can call",
        "police",
        due="2007-09-30",
    )
    drugs.progress(patrols, "2007-08-20", "Patrols three evenings a week; two sellers arrested.")
    drugs.complete(patrols, "2007-09-28", "Patrols now run five evenings a week.")
    drugs.verify(patrols, "2007-10-15", "youth", "Sellers have left the bus park.")
    radio = drugs.assign(
        "awareness",
        "2007-07-16",
        "Awareness sessions in schools and on FM radio: the harm of drugs, where to get treatment",
        "youth",
        due="2007-11-30",
    )
    drugs.complete(radio, "2007-11-20")
    drugs.verify(radio, "2007-12-03", "women", "Mothers' groups heard the radio programmes.")
    referral = drugs.assign(
        "referral",
        "2007-08-20",
        "Refer young drug users to the rehabilitation centre instead of detaining them",
        "police",
        due="2007-12-31",
    )
    drugs.reschedule(
        referral, "2007-12-20", "2008-02-29", "The centre has no places until its new ward opens."
    )
    drugs.complete(referral, "2008-02-25")
    drugs.verify(
        referral, "2008-03-10", "civil-society", "Register checked: 14 referred, none detained."
    )
    drugs.resolve(
        "2008-04-14",
        "Drugs are no longer sold at the bus park; users are referred to treatment, and "
        "families now report to the police.",
    )
    drugs.close("2008-05-12", CloseReason.RESOLVED, "Confirmed at the closing review.")

    repeat = s.case(
        "drugs-school",
        "2007-07-30",
        title="बसपार्क नजिक विद्यार्थीलाई लागूऔषध बिक्री",
        description="आमा समूहका सदस्यहरू भन्छन् कि बसपार्क नजिक विद्यालयका केटाहरूलाई खुलेआम लागूऔषध बेचिन्छ।",
        category=CaseCategory.DRUG_ABUSE,
        severity=3,
        raised_by="women",
        location="बसपार्क, नेपालगञ्ज",
    )
    repeat.close(
        "2007-08-06",
        CloseReason.DUPLICATE,
        "The same problem as the bus park case, which the dialogue already agreed on.",
        duplicate_of=drugs.case_id,
    )

    rumours = s.case(
        "rumours",
        "2007-06-04",
        title="Rumours and prejudice between religious and ethnic communities",
        description="After a quarrel at a festival, rumours spread that one community was "
        "arming itself. Leaders fear that the police favour one side and that young men "
        "will take matters into their own hands.",
        category=CaseCategory.INTERCOMMUNAL_TENSION,
        severity=4,
        raised_by="faith",
        location="Old bazaar, Nepalgunj",
    )
    rumours.agree(
        "2007-07-16",
        ("police", "faith", "civil-society", "youth"),
        priority=2,
        statement="Rumours are checked together before anyone acts on them.",
    )
    checking = rumours.assign(
        "rumour-group",
        "2007-07-16",
        "A rumour-checking group of religious leaders and police that meets within a day "
        "of any incident",
        "faith",
        due="2007-09-15",
    )
    rumours.escalate(
        "2007-08-20",
        "Chief District Officer, Banke",
        "Festival security plans need the district administration's decision.",
    )
    rumours.complete(checking, "2007-09-10")
    rumours.verify(checking, "2007-10-01", "police", "The group met twice within a day.")
    show = rumours.assign(
        "radio-show",
        "2007-08-20",
        "A weekly FM radio programme where police and religious leaders answer questions",
        "media",
        due="2007-10-31",
    )
    rumours.complete(show, "2007-10-29")
    rumours.verify(show, "2007-11-26", "civil-society")
    rumours.resolve(
        "2008-01-21",
        "Dashain and Eid passed without incident; rumours are checked by the joint group "
        "before they spread.",
    )

    s.case(
        "women-desk",
        "2008-04-14",
        title="No woman officer to receive complaints at the police post",
        description="Women who suffer violence at home do not go to the police post, because "
        "only men receive complaints there and the desk is in the open.",
        category=CaseCategory.GENDER_BASED_VIOLENCE,
        severity=4,
        raised_by="women",
    )
