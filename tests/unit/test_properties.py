"""Random sequences of commands never reach a state the rules forbid, and always replay the same.

A hypothesis state machine drives one dialogue and its cases with commands
drawn at random, good and bad. After every step it checks the rules of
domain.md on the live aggregates, and that their stored events (encoded,
through JSON, decoded) rebuild exactly the same state.
"""

import copy
import json
from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

from eventsourcing.domain import CanMutateAggregate
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from jsd_core import codec
from jsd_core.domain import (
    ActionStatus,
    Case,
    CaseCategory,
    CaseStatus,
    CloseReason,
    Dialogue,
    DomainError,
    SessionKind,
    StakeholderKind,
)
from jsd_core.store.records import RecordedEvent
from jsd_core.store.validation import encode_json

# Mostly good input, so that cases live on to actions, resolution and reopening,
# and some bad input of every kind, which must be refused without a trace.
KEYS = st.sampled_from(["police", "women", "koglweogo", "police", "women", "youth", "Not A Key"])
AGREED_BY = st.one_of(
    st.sampled_from([["police", "women"], ["koglweogo", "police", "women"]]),
    st.lists(KEYS, max_size=3),
)
DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2017, 12, 31))
TEXT = st.one_of(
    st.sampled_from(["Patrouilles", "تمت المراجعة", "नमस्ते"]),
    st.text(max_size=8),
    st.sampled_from([" ", "a\x00", "x" * 5_001]),
)
UNKNOWN_ACTION = UUID(int=7)


class DialogueAndCases(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dialogue = Dialogue.convene(
            name="Saaba",
            country="BF",
            locality="Saaba",
            organization="lantern",
            languages=["fr"],
            convened_on=date(2015, 3, 2),
        )
        self.dialogue.add_stakeholder_group("police", StakeholderKind.POLICE, "Police")
        self.dialogue.add_stakeholder_group("women", StakeholderKind.WOMEN, "Femmes")
        self.dialogue.add_stakeholder_group("koglweogo", StakeholderKind.INFORMAL_SECURITY, "Kogl")
        self.cases: list[Case] = []
        self.logs: dict[UUID, list[CanMutateAggregate[UUID]]] = {}
        self.history: list[str] = []
        self.record(self.dialogue)

    def record(self, aggregate: Dialogue | Case) -> None:
        events = aggregate.collect_events()
        self.logs.setdefault(aggregate.id, []).extend(events)
        self.history.extend(type(event).__name__ for event in events)

    def attempt(self, aggregate: Dialogue | Case, command: Callable[[], object]) -> None:
        before = copy.deepcopy(aggregate.__dict__)
        try:
            command()
        except DomainError:
            assert aggregate.__dict__ == before
        self.record(aggregate)

    def case_of(self, data: st.DataObject) -> Case:
        # By index: aggregates are not hashable, and hypothesis hashes what it samples.
        return self.cases[data.draw(st.integers(0, len(self.cases) - 1))]

    def action_of(self, case: Case, data: st.DataObject) -> UUID:
        return data.draw(st.sampled_from([*case.actions, UNKNOWN_ACTION]))

    # One rule for the dialogue's own commands, so that case commands get most steps.
    @rule(data=st.data(), command=st.sampled_from(["group", "session", "survey", "conclude"]))
    def dialogue_command(self, data: st.DataObject, command: str) -> None:
        dialogue, draw = self.dialogue, data.draw
        if command == "group":
            key, kind, name = draw(KEYS), draw(st.sampled_from(StakeholderKind)), draw(TEXT)
            self.attempt(dialogue, lambda: dialogue.add_stakeholder_group(key, kind, name))
        elif command == "session":
            held_on, summary = draw(DATES), draw(st.none() | TEXT)
            attendance = draw(st.dictionaries(KEYS, st.integers(-1, 40), max_size=3))
            self.attempt(
                dialogue,
                lambda: dialogue.hold_session(SessionKind.DIALOGUE, held_on, attendance, summary),
            )
        elif command == "survey":
            wave, surveyed_on, group = draw(st.integers(0, 3)), draw(DATES), draw(KEYS)
            respondents = draw(st.integers(0, 30))
            score = draw(st.floats(-5, 105) | st.integers(-5, 105))
            self.attempt(
                dialogue,
                lambda: dialogue.record_trust_survey(wave, surveyed_on, group, respondents, score),
            )
        # A dialogue concludes once in its life: tried rarely, so cases have time to live.
        elif draw(st.integers(0, 4)) == 0:
            concluded_on = draw(DATES)
            self.attempt(dialogue, lambda: dialogue.conclude(concluded_on))

    @initialize(title=TEXT, severity=st.integers(0, 6), raised_by=KEYS, location=st.none() | TEXT)
    def raise_a_first_case(
        self, title: str, severity: int, raised_by: str, location: str | None
    ) -> None:
        self.raise_case(title, severity, raised_by, location)

    @rule(title=TEXT, severity=st.integers(0, 6), raised_by=KEYS, location=st.none() | TEXT)
    def raise_case(self, title: str, severity: int, raised_by: str, location: str | None) -> None:
        before = copy.deepcopy(self.dialogue.__dict__)
        try:
            case = Case.raise_case(
                self.dialogue,
                title=title,
                description="Description",
                category=CaseCategory.OTHER,
                severity=severity,
                raised_by=raised_by,
                location=location,
            )
        except DomainError:
            return
        finally:
            assert self.dialogue.__dict__ == before
        self.cases.append(case)
        self.record(case)

    # Random commands rarely line up into a whole story; this rule makes a likely
    # next move for the case's status, so runs reach actions, resolution and reopening.
    @precondition(lambda self: self.cases)
    @rule(data=st.data())
    def a_case_moves_on(self, data: st.DataObject) -> None:
        case, dialogue, draw = self.case_of(data), self.dialogue, data.draw
        actions = [*case.actions]
        group = draw(st.sampled_from(["police", "women", "koglweogo"]))
        day = draw(st.dates(min_value=date(2015, 3, 2), max_value=date(2016, 12, 31)))

        def some_action() -> UUID:
            return draw(st.sampled_from(actions)) if actions else UNKNOWN_ACTION

        moves: dict[CaseStatus, list[Callable[[], object]]] = {
            CaseStatus.RAISED: [lambda: case.agree(dialogue, ["police", "women"], 2)],
            CaseStatus.AGREED: [lambda: case.assign_action(dialogue, "Patrouilles", group, day)],
            CaseStatus.IN_PROGRESS: [
                lambda: case.assign_action(dialogue, "Éclairage", group, day),
                lambda: case.complete_action(dialogue, some_action(), day),
                lambda: case.complete_action(dialogue, some_action(), day),
                lambda: case.verify_action(dialogue, some_action(), group),
                lambda: case.cancel_action(some_action(), "Plus utile"),
                lambda: case.resolve("Résolu"),
            ],
            CaseStatus.RESOLVED: [
                lambda: case.verify_action(dialogue, some_action(), group),
                lambda: case.close(CloseReason.RESOLVED),
                lambda: case.reopen("Repris"),
            ],
            CaseStatus.CLOSED: [lambda: case.reopen("Repris")],
        }
        self.attempt(case, draw(st.sampled_from(moves[case.status])))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), agreed_by=AGREED_BY, priority=st.none() | st.integers(0, 6))
    def agree(self, data: st.DataObject, agreed_by: list[str], priority: int | None) -> None:
        case = self.case_of(data)
        self.attempt(case, lambda: case.agree(self.dialogue, agreed_by, priority))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), description=TEXT, assignee=KEYS, due_on=DATES)
    def assign_action(
        self, data: st.DataObject, description: str, assignee: str, due_on: date
    ) -> None:
        case = self.case_of(data)
        self.attempt(case, lambda: case.assign_action(self.dialogue, description, assignee, due_on))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), note=TEXT)
    def report_progress(self, data: st.DataObject, note: str) -> None:
        case = self.case_of(data)
        action_id = self.action_of(case, data)
        self.attempt(case, lambda: case.report_progress(action_id, note))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), due_on=DATES, reason=TEXT)
    def reschedule_action(self, data: st.DataObject, due_on: date, reason: str) -> None:
        case = self.case_of(data)
        action_id = self.action_of(case, data)
        self.attempt(case, lambda: case.reschedule_action(self.dialogue, action_id, due_on, reason))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), completed_on=DATES, note=st.none() | TEXT)
    def complete_action(self, data: st.DataObject, completed_on: date, note: str | None) -> None:
        case = self.case_of(data)
        action_id = self.action_of(case, data)
        self.attempt(
            case, lambda: case.complete_action(self.dialogue, action_id, completed_on, note)
        )

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), verified_by=KEYS)
    def verify_action(self, data: st.DataObject, verified_by: str) -> None:
        case = self.case_of(data)
        action_id = self.action_of(case, data)
        self.attempt(case, lambda: case.verify_action(self.dialogue, action_id, verified_by))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), reason=TEXT)
    def cancel_action(self, data: st.DataObject, reason: str) -> None:
        case = self.case_of(data)
        action_id = self.action_of(case, data)
        self.attempt(case, lambda: case.cancel_action(action_id, reason))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), escalated_to=TEXT, reason=TEXT)
    def escalate(self, data: st.DataObject, escalated_to: str, reason: str) -> None:
        case = self.case_of(data)
        self.attempt(case, lambda: case.escalate(escalated_to, reason))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), outcome=TEXT)
    def resolve(self, data: st.DataObject, outcome: str) -> None:
        case = self.case_of(data)
        self.attempt(case, lambda: case.resolve(outcome))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), reason=TEXT)
    def reopen(self, data: st.DataObject, reason: str) -> None:
        case = self.case_of(data)
        self.attempt(case, lambda: case.reopen(reason))

    @precondition(lambda self: self.cases)
    @rule(
        data=st.data(),
        reason=st.sampled_from(CloseReason),
        original=st.sampled_from(["none", "self", "other"]),
        chance=st.integers(0, 2),
    )
    def close(self, data: st.DataObject, reason: CloseReason, original: str, chance: int) -> None:
        # Closing ends most of a case's life: tried less often than the other commands.
        if chance:
            return
        case = self.case_of(data)
        duplicate_of = {"none": None, "self": case.id, "other": uuid4()}[original]
        self.attempt(case, lambda: case.close(reason, duplicate_of=duplicate_of))

    @invariant()
    def nothing_is_accepted_after_the_dialogue_concluded(self) -> None:
        if "DialogueConcluded" in self.history:
            after = self.history[self.history.index("DialogueConcluded") + 1 :]
            dialogue_types = set(codec.EVENT_TYPES["Dialogue"]) | {"CaseRaised"}
            assert not dialogue_types & set(after)

    @invariant()
    def the_dialogue_keeps_its_rules(self) -> None:
        dialogue = self.dialogue
        for session in dialogue.sessions:
            assert set(session.attendance) <= set(dialogue.groups)
            assert session.held_on >= dialogue.convened_on
        for survey in dialogue.trust_surveys:
            assert survey.group in dialogue.groups
            assert 0 <= survey.trust_score <= 100
        if dialogue.concluded_on is not None:
            dates = [s.held_on for s in dialogue.sessions] + [
                s.surveyed_on for s in dialogue.trust_surveys
            ]
            assert all(day <= dialogue.concluded_on for day in dates)

    @invariant()
    def every_case_keeps_the_rules_of_a_jsd(self) -> None:
        groups = self.dialogue.groups
        for case in self.cases:
            sides = {groups[key].is_provider for key in case.agreed_by}
            if case.status in (CaseStatus.AGREED, CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED):
                assert sides == {True, False}, "agreed without providers and community together"
            if case.actions:
                assert case.status not in (CaseStatus.RAISED, CaseStatus.AGREED)
            if case.status is CaseStatus.RESOLVED:
                assert all(a.status is not ActionStatus.OPEN for a in case.actions.values())
                assert any(a.is_done for a in case.actions.values())
            for action in case.actions.values():
                assert action.assignee in groups
                if action.status is ActionStatus.VERIFIED:
                    assert action.verified_by not in (None, action.assignee)
                assert (action.completed_on is not None) == action.is_done
            assert (case.close_reason is None) == (case.status is not CaseStatus.CLOSED)
            assert (case.duplicate_of is not None) == (case.close_reason is CloseReason.DUPLICATE)
            assert case.duplicate_of != case.id

    @invariant()
    def the_stored_events_rebuild_the_live_state(self) -> None:
        for stream_type, aggregate in [("Dialogue", self.dialogue)] + [
            ("Case", c) for c in self.cases
        ]:
            records = []
            for event in self.logs[aggregate.id]:
                event_type, data, schema_version = codec.encode(event)
                encode_json(data, event_type)  # what the event store will accept
                records.append(
                    RecordedEvent(
                        event_id=uuid4(),
                        stream_id=aggregate.id,
                        stream_type=stream_type,
                        version=event.originator_version,
                        type=event_type,
                        data=json.loads(json.dumps(data)),
                        metadata={"schema_version": schema_version},
                        recorded_at=event.timestamp,
                        prev_hash=None,
                        hash="",
                    )
                )
            assert aggregate.version == len(records)
            assert codec.rebuild(stream_type, records) == aggregate


DialogueAndCases.TestCase.settings = settings(
    max_examples=150, stateful_step_count=50, deadline=None
)
test_random_commands_keep_the_rules_and_replay_the_same = DialogueAndCases.TestCase
