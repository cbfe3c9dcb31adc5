"""Which addresses count as the local network: who may connect, and where the receiver listens."""

from __future__ import annotations

import ipaddress
import socket


def is_local_network(address: str) -> bool:
    """True for loopback, private (RFC 1918, ULA) and link-local addresses: a phone on the same Wi-Fi."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback or ip.is_private or ip.is_link_local


def local_network_address(group: str = "224.0.0.167") -> str | None:
    """The address of the interface this computer reaches its local network through (the one multicast to the
    LocalSend group leaves by), if it is a local-network address; None when there is none (no network, or the
    only route goes out with a public address). Connecting a UDP socket sends nothing: the kernel only picks
    the route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((group, 9))
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return address if is_local_network(address) and address != "0.0.0.0" else None  # noqa: S104
