"""Standard Webhooks secrets and signatures (the `standardwebhooks` package).

A receiver verifies a delivery with any Standard Webhooks library:
`Webhook(secret).verify(body, headers)`. `webhook-id` is the event id, so it
stays the same across retries and a receiver can de-duplicate by it.
"""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime

from standardwebhooks import Webhook

SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, not a secret)
SECRET_BYTES = 32


def new_secret() -> str:
    """A fresh `whsec_…` signing secret (base64 of 32 random bytes)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def signed_headers(secret: str, message_id: str, body: str, moment: datetime) -> dict[str, str]:
    """The headers of one delivery attempt of `body`, signed at `moment`."""
    moment = moment.astimezone(UTC)  # the library takes the clock reading as UTC
    signature: str = Webhook(secret).sign(msg_id=message_id, timestamp=moment, data=body)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
        "user-agent": "jsd-webhooks/1",
    }
