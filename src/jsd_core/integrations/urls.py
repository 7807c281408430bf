"""Which URLs a webhook may target: http(s) on a public address.

A webhook makes the service send requests where its registrant says, so a URL
that resolves to a loopback, private, link-local, multicast or otherwise
non-public address is refused (unless `JSD_WEBHOOK_ALLOW_PRIVATE`): it could
reach services that trust the network they sit on. The host is resolved again
before every delivery, because what a name resolves to can change.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import SplitResult, urlsplit

MAX_URL_LENGTH = 2000
RESOLVE_TIMEOUT = 5.0

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeUrlError(ValueError):
    """The URL is not one the service will send webhooks to; nothing was changed."""


def parse_webhook_url(url: str) -> SplitResult:
    """The parts of a well-formed http(s) URL without credentials, or UnsafeUrlError."""
    if not url or len(url) > MAX_URL_LENGTH:
        raise UnsafeUrlError(f"a webhook URL must have 1 to {MAX_URL_LENGTH} characters")
    if any(character.isspace() or ord(character) < 32 for character in url):
        raise UnsafeUrlError("a webhook URL may not contain spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (parsing the port is the check)
    except ValueError as error:
        raise UnsafeUrlError(f"'{url[:100]}' is not a valid URL: {error}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsafeUrlError(f"a webhook URL must use http or https, not '{parts.scheme[:20]}'")
    if not parts.hostname:
        raise UnsafeUrlError(f"'{url[:100]}' names no host")
    if parts.username is not None or parts.password is not None:
        raise UnsafeUrlError("a webhook URL may not carry credentials; the signature authenticates")
    return parts


def is_public(address: Address) -> bool:
    """True for an address on the public internet."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


async def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to (the host itself when it is an address)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(RESOLVE_TIMEOUT):
            found = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, TimeoutError) as error:
        raise UnsafeUrlError(f"the host '{host[:100]}' could not be resolved: {error}") from None
    # The scope id of a link-local IPv6 address ("fe80::1%eth0") is not part of it.
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]


async def check_url(url: str, *, allow_private: bool) -> None:
    """Refuse `url` unless it is http(s) and (unless allow_private) every address of its
    host is public."""
    parts = parse_webhook_url(url)
    if allow_private:
        return
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    addresses = await resolve(host, port)
    refused = [str(address) for address in addresses if not is_public(address)]
    if refused or not addresses:
        raise UnsafeUrlError(
            f"the host '{host[:100]}' resolves to a non-public address "
            f"({', '.join(refused) or 'none'}); webhooks only go to public addresses"
        )
