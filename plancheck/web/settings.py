"""How a plancheck server is configured: where it listens, who may use it, and its limits."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """True for addresses only this computer can reach.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0"), is_loopback("192.168.1.5")
    (True, True, False, False)
    """
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None              # required when host is not loopback
    max_files: int = 20                   # files per request (zip members included)
    max_upload_bytes: int = 50 * MB       # the whole request
    workers: int = field(default_factory=lambda: max(1, min(2, os.cpu_count() or 1)))
    max_pending: int = 64                 # checks queued or running; more are refused with 503 (busy)
    timeout: float = 300.0                # seconds one request may wait for its checks
    results_dir: Path | None = None       # keep a copy of every report here (off by default)
    allowed_hosts: tuple[str, ...] = ()   # Host headers accepted besides the bound address (loopback: localhost names)

    def validate(self) -> None:
        """Binding beyond this computer needs an access token; limits must be positive."""
        if not is_loopback(self.host) and not self.token:
            raise ValueError(f"监听 {self.host} 会让其他电脑访问本服务，必须设置访问令牌：--token 令牌（或环境变量 PLANCHECK_TOKEN）")
        if self.token is not None and len(self.token) < 8:
            raise ValueError("访问令牌至少 8 个字符")
        if min(self.max_files, self.max_upload_bytes, self.workers, self.max_pending) < 1 or self.timeout <= 0:
            raise ValueError("上传限制、进程数和超时都必须大于 0")

    @property
    def hosts(self) -> set[str]:
        """Host header names accepted (without port); empty means any (a token protects the server)."""
        if self.token:
            return set()
        return {*LOOPBACK_NAMES, self.host, *self.allowed_hosts}
