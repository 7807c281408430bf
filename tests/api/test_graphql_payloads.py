"""A mutation's payload shows what the read side shows next, whether it was read back or
taken from the command's own event (a newly raised case)."""

from __future__ import annotations

from uuid import uuid4

from tests.api.test_graphql_mutations import AGREE, Setting, raise_input, setting

__all__ = ["setting"]  # the module's fixture, shared with the mutations' tests

CASE = """id caseId title description category severity location status priority statement
  closeReason duplicateOf outcome raisedAt updatedAt resolvedAt version
  raisedBy { key name } agreedBy { key } dialogue { dialogueId name } actions { actionId }
  timeline { totalCount }"""
RAISE = f"""mutation ($input: RaiseCaseInput!) {{ raiseCase(input: $input) {{
  case {{ {CASE} }} userErrors {{ code }} }} }}"""
READ = f"query ($id: ID!) {{ case(id: $id) {{ {CASE} }} }}"


async def test_a_raised_case_in_its_payload_is_the_case_the_next_query_reads(
    setting: Setting,
) -> None:
    command = raise_input(setting.dialogue_id, location="  Marché central ", title=" Feu ")
    raised = (await setting.facilitator(RAISE, input=command))["raiseCase"]
    assert raised["userErrors"] == []
    read = await setting.facilitator(READ, id=raised["case"]["id"])
    assert raised["case"] == read["case"]
    assert raised["case"]["status"] == "RAISED"
    assert raised["case"]["raisedBy"] == {"key": "residents", "name": "Residents of Angwan Rukuba"}


async def test_a_retried_raise_shows_the_case_as_it_is_now(setting: Setting) -> None:
    command = raise_input(setting.dialogue_id, commandId=str(uuid4()))
    raised = (await setting.facilitator(RAISE, input=command))["raiseCase"]["case"]
    agreement = {"caseId": raised["id"], "agreedBy": ["police", "residents"]}
    agreed = await setting.facilitator(AGREE, input=agreement)
    assert agreed["agreeCase"]["userErrors"] == []
    again = (await setting.facilitator(RAISE, input=command))["raiseCase"]
    assert again["userErrors"] == []
    assert again["case"]["caseId"] == raised["caseId"]
    assert again["case"]["status"] == "AGREED"
    assert again["case"] == (await setting.facilitator(READ, id=raised["id"]))["case"]
