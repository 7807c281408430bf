"""Registering, listing and deactivating webhooks: who may, which URLs, which types,
and that no organisation sees another's webhooks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING
from uuid import uuid4

import asyncpg
import pytest

from jsd_core.access import ForbiddenError, Role
from jsd_core.application.results import NotFoundError
from jsd_core.database import create_pool
from jsd_core.integrations.urls import UnsafeUrlError
from jsd_core.integrations.webhooks import Webhooks
from tests.support.databases import new_database
from tests.support.integrations import principal

if TYPE_CHECKING:
    from tests.conftest import TestServer

# A public address written as an address, so no name has to be resolved.
PUBLIC_URL = "https://93.184.215.14/hooks/jsd"


@pytest.fixture(scope="module")
async def module_pool(test_server: TestServer, template_url: str) -> AsyncIterator[asyncpg.Pool]:
    # A database of this module's own: no delivery worker elsewhere should ever
    # try the public addresses registered here.
    pool = await create_pool(await new_database(test_server, template_url), max_size=5)
    yield pool
    await pool.close()


@pytest.fixture
def webhooks(module_pool: asyncpg.Pool) -> Webhooks:
    return Webhooks(module_pool, allow_private=False)


def org() -> str:
    return f"org-{uuid4().hex[:10]}"


async def test_registering_returns_the_webhook_and_a_whsec_secret_once(webhooks: Webhooks) -> None:
    caller = principal(org())
    webhook, secret = await webhooks.register(caller, PUBLIC_URL, ["CaseRaised", "CaseClosed"])
    assert secret.startswith("whsec_")
    assert len(secret) > 40
    assert webhook.organization == caller.organization
    assert webhook.url == PUBLIC_URL
    assert webhook.types == ("CaseRaised", "CaseClosed")
    assert webhook.active
    listed = await webhooks.list(caller)
    assert listed == [webhook]
    assert not any(secret in repr(item) for item in listed)


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.PARTNER, Role.AUDITOR])
async def test_only_integration_and_admin_keys_manage_webhooks(
    webhooks: Webhooks, role: Role
) -> None:
    caller = principal(org(), role)
    with pytest.raises(ForbiddenError):
        await webhooks.register(caller, PUBLIC_URL)
    with pytest.raises(ForbiddenError):
        await webhooks.list(caller)


async def test_an_admins_webhook_belongs_to_the_admins_organisation(webhooks: Webhooks) -> None:
    admin = principal(org(), Role.ADMIN)
    webhook, _ = await webhooks.register(admin, PUBLIC_URL)
    assert webhook.organization == admin.organization


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/hook",
        "file:///etc/passwd",
        "example.org/hook",
        "https://user:secret@example.org/hook",
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://172.16.5.4/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[fe80::1]/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
        "https://exa mple.org/hook",
        "https://example.org:99999/hook",
        "",
    ],
)
async def test_urls_other_than_public_http_are_refused_and_nothing_is_stored(
    webhooks: Webhooks, url: str
) -> None:
    caller = principal(org())
    with pytest.raises(UnsafeUrlError):
        await webhooks.register(caller, url)
    assert await webhooks.list(caller) == []


async def test_private_addresses_are_accepted_when_allowed(module_pool: asyncpg.Pool) -> None:
    webhooks = Webhooks(module_pool, allow_private=True)
    webhook, _ = await webhooks.register(principal(org()), "http://127.0.0.1:9/hook")
    await webhooks.deactivate(principal(webhook.organization), webhook.webhook_id)
    with pytest.raises(UnsafeUrlError):
        await webhooks.register(principal(org()), "ftp://127.0.0.1/hook")


async def test_unknown_event_types_are_refused_with_the_known_ones_named(
    webhooks: Webhooks,
) -> None:
    caller = principal(org())
    with pytest.raises(ValueError, match=r"unknown event type 'CaseCreated'.*CaseRaised"):
        await webhooks.register(caller, PUBLIC_URL, ["CaseCreated"])
    with pytest.raises(ValueError, match=r"without the 'jsd\.'"):
        await webhooks.register(caller, PUBLIC_URL, ["jsd.CaseRaised"])
    assert await webhooks.list(caller) == []


async def test_no_organisation_sees_or_touches_another_organisations_webhooks(
    webhooks: Webhooks,
) -> None:
    alpha, beta = principal(org()), principal(org())
    theirs, _ = await webhooks.register(alpha, PUBLIC_URL)
    ours, _ = await webhooks.register(beta, PUBLIC_URL)
    assert await webhooks.list(beta) == [ours]
    with pytest.raises(NotFoundError) as refused:
        await webhooks.deactivate(beta, theirs.webhook_id)
    with pytest.raises(NotFoundError) as missing:
        await webhooks.deactivate(beta, uuid4())
    # The same words for another organisation's webhook as for none at all.
    assert str(refused.value).split(" ")[:4] == str(missing.value).split(" ")[:4]
    with pytest.raises(NotFoundError):
        await webhooks.deliveries(beta, theirs.webhook_id)
    assert (await webhooks.list(alpha))[0].active


async def test_auditors_see_no_webhooks_and_admins_see_every_organisations(
    webhooks: Webhooks,
) -> None:
    alpha, beta = principal(org()), principal(org())
    first, _ = await webhooks.register(alpha, PUBLIC_URL)
    second, _ = await webhooks.register(beta, PUBLIC_URL)
    admin = principal(org(), Role.ADMIN)
    assert {first, second} <= set(await webhooks.list(admin))
    with pytest.raises(ForbiddenError):
        await webhooks.list(principal(alpha.organization, Role.AUDITOR))
    deactivated = await webhooks.deactivate(admin, second.webhook_id)
    assert not deactivated.active


async def test_deactivating_twice_returns_the_inactive_webhook(webhooks: Webhooks) -> None:
    caller = principal(org())
    webhook, _ = await webhooks.register(caller, PUBLIC_URL)
    once = await webhooks.deactivate(caller, webhook.webhook_id)
    twice = await webhooks.deactivate(caller, str(webhook.webhook_id))
    assert once == twice
    assert not twice.active


async def test_a_malformed_webhook_id_is_simply_not_found(webhooks: Webhooks) -> None:
    with pytest.raises(NotFoundError):
        await webhooks.deactivate(principal(org()), "not-a-uuid")


async def test_deliveries_take_a_page_size_from_1_to_1000(webhooks: Webhooks) -> None:
    caller = principal(org())
    webhook, _ = await webhooks.register(caller, PUBLIC_URL)
    assert await webhooks.deliveries(caller, webhook.webhook_id, 1) == []
    for first in (0, 1001):
        with pytest.raises(ValueError, match="first must be between 1 and 1000"):
            await webhooks.deliveries(caller, webhook.webhook_id, first)
