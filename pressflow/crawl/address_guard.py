"""Keep partner documents from reaching inside: every connection goes to a public address.

A partner's listing may link to, or a partner's server may redirect to,
``http://127.0.0.1:8080/admin`` or ``http://169.254.169.254/`` (cloud metadata); a host
name may resolve to a private address, or resolve to a public one when checked and a
private one when connected (DNS rebinding). So the check lives where the socket is
opened: :class:`GuardedBackend` resolves the host once, refuses any address that is not
public, and connects to the very address it checked (TLS still verifies the host name).

Exceptions, named by people, never by documents: a ``host:port`` that a source's own
``url`` in sources.yaml names (a local demo server, an intranet partner), and the
``allow_private:`` setting (``host``, ``host:port`` or a network such as ``10.0.0.0/8``).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpcore
import httpx

from pressflow.errors import AddressRefusedError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def address_kind(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public address ("loopback", "private", ...), or None if it is.

    IPv4 carried inside IPv6 (``::ffff:127.0.0.1``, 6to4, Teredo, NAT64) is judged by the
    IPv4 address it carries.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is None and ip in NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            return address_kind(inner)
    for kind in ("unspecified", "loopback", "link_local", "multicast", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    if not ip.is_global:  # shared address space (100.64.0.0/10) and the like
        return "non-global"
    return None


def _host_port(url: str) -> tuple[str, int] | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return parts.hostname.lower().rstrip("."), port


@dataclass(frozen=True)
class AddressPolicy:
    """Which non-public destinations people have allowed."""

    host_ports: frozenset[tuple[str, int]] = frozenset()
    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = field(default_factory=tuple)

    @classmethod
    def build(cls, source_urls: Iterable[str], allow_private: Iterable[str] = ()) -> AddressPolicy:
        """Sources' own addresses (exact host and port) and the ``allow_private`` entries."""
        host_ports = {hp for url in source_urls if (hp := _host_port(url))}
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for entry in allow_private:
            entry = str(entry).strip().lower()
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
                continue
            except ValueError:
                pass
            parsed = _host_port(f"http://{entry}") if ":" in entry.strip("[]") else None
            if parsed and entry.rsplit(":", 1)[-1].isdigit():
                host_ports.add(parsed)
            else:
                hosts.add(entry.strip("[]").rstrip("."))
        return cls(frozenset(host_ports), frozenset(hosts), tuple(networks))

    def with_url(self, url: str) -> AddressPolicy:
        """This policy plus the host and port of ``url`` (an address a person typed)."""
        hp = _host_port(url)
        if hp is None:
            return self
        return AddressPolicy(self.host_ports | {hp}, self.hosts, self.networks)

    def permits(self, host: str, port: int, ip: IPAddress) -> bool:
        host = host.lower().strip("[]").rstrip(".")
        if address_kind(ip) is None:
            return True
        if (host, port) in self.host_ports or host in self.hosts:
            return True
        return any(ip in net for net in self.networks if net.version == ip.version)


def _numeric_address(host: str) -> list[IPAddress]:
    """``[the address]`` when ``host`` is written as one (``127.1.0.3``, ``::1``), else [];
    such a host needs no resolver, and asking one costs a thread hand-off per connection."""
    if "%" in host:  # an IPv6 zone: the resolver's answer is what was always used
        return []
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        return []


async def _resolve(host: str, port: int, timeout: float | None) -> list[IPAddress]:
    """The host's addresses from the system resolver, each once, in its order."""
    try:
        with anyio.fail_after(timeout):
            infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except TimeoutError as exc:
        raise httpcore.ConnectTimeout(f"resolving {host} timed out") from exc
    except OSError as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if ip not in addresses:
            addresses.append(ip)
    return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend that resolves, checks, then connects to the checked address."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        addresses = _numeric_address(host) or await _resolve(host, port, timeout)
        permitted = [ip for ip in addresses if self.policy.permits(host, port, ip)]
        if not permitted:
            if not addresses:
                raise httpcore.ConnectError(f"cannot resolve {host}")
            refused = addresses[0]
            raise AddressRefusedError(
                f"refused: {host}:{port} resolves to {refused}, a {address_kind(refused)} address "
                "(an internal network); only a source's own url in sources.yaml or the "
                "`allow_private:` setting may name one")
        last: Exception | None = None
        for ip in permitted:  # like the default backend: the first address that answers
            try:
                return await self._inner.connect_tcp(str(ip), port, timeout=timeout,
                                                     local_address=local_address,
                                                     socket_options=socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[Any] | None = None,
                                  ) -> httpcore.AsyncNetworkStream:
        raise AddressRefusedError(f"refused: unix socket {path}")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def guarded_transport(policy: AddressPolicy, **kwargs: Any) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection goes through :class:`GuardedBackend`."""
    transport = httpx.AsyncHTTPTransport(**kwargs)
    pool = transport._pool  # httpx builds its pool without a way to pass a network backend
    if not isinstance(pool, httpcore.AsyncConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("unsupported httpx/httpcore version: cannot guard connections")
    pool._network_backend = GuardedBackend(policy)
    return transport
