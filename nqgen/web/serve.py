"""``nqgen serve``: bind the address, say where to open it (in Vietnamese), run uvicorn.

The socket is bound here, before uvicorn starts, so that a port in use or a wrong address is
told in Vietnamese (uvicorn's own messages are English), and ``--port 0`` prints the port the
system chose. Uvicorn logs only warnings (its start-up lines are replaced by ours); it
trusts the X-Forwarded-* headers of a reverse proxy on the same machine (127.0.0.1), so that
cookies are marked Secure behind HTTPS.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import socket
import sys

from ..errors import UsageError, os_reason


def is_local(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine (loopback)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


LAN_WARNING = (
    "Cảnh báo: nqgen đang nhận kết nối từ các máy khác trong mạng (--host {host}). nqgen không "
    "có đăng nhập và không mã hóa đường truyền: hãy đặt nó sau máy chủ proxy của cơ quan (ví dụ "
    "nginx) có đăng nhập và HTTPS, và chỉ cho proxy kết nối tới; xem README, mục «Cài cho cả "
    "tỉnh». Trên máy của một người dùng, chạy nqgen serve không có --host."
)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; UsageError (Vietnamese) when it cannot be had."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror:
        raise UsageError(f"Không tìm thấy địa chỉ '{host}' trên máy này (--host).") from None
    sock = socket.socket(family, kind, proto)
    if sys.platform != "win32":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE or getattr(exc, "winerror", None) == 10048:
            raise UsageError(
                f"Cổng {port} đang được một chương trình khác dùng (có thể nqgen serve đã chạy "
                f"rồi: thử mở http://{_url_host(host)}:{port}). Chọn cổng khác, ví dụ: "
                f"nqgen serve --port {port + 1 if port else 8001}"
            ) from None
        if exc.errno == errno.EACCES:
            raise UsageError(
                f"Không được dùng cổng {port} (cổng dưới 1024 cần quyền quản trị). Chọn cổng "
                "khác, ví dụ: nqgen serve --port 8000"
            ) from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise UsageError(f"Máy này không có địa chỉ {host} (--host).") from None
        raise UsageError(f"Không mở được {host}:{port}: {os_reason(exc)}.") from None
    return sock


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def run(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the web app until Ctrl-C; every message Vietnamese."""
    import uvicorn

    from .app import create_app

    sock = bind(host, port)
    port = sock.getsockname()[1]
    if not is_local(host):
        print(LAN_WARNING.format(host=host), file=sys.stderr, flush=True)
    print("nqgen serve: đang chuẩn bị (nạp danh mục đơn vị và thư viện)...", flush=True)
    config = uvicorn.Config(
        create_app(), log_level="warning", access_log=False, server_header=False,
        proxy_headers=True, timeout_graceful_shutdown=5,
    )  # fmt: skip
    server = uvicorn.Server(config)
    shown = "localhost" if host in ("127.0.0.1", "localhost") else _url_host(host)
    if host in ("0.0.0.0", "::"):
        where = f"http://ĐỊA_CHỈ_CỦA_MÁY_NÀY:{port} (trên máy này: http://localhost:{port})"
    else:
        where = f"http://{shown}:{port}"

    async def announce_when_started() -> None:
        while not server.started:
            await asyncio.sleep(0.05)
        print(f"Đã sẵn sàng. Mở trình duyệt (Chrome, Edge, Firefox) tại: {where}", flush=True)
        print("Dừng: nhấn Ctrl+C trong cửa sổ này.", flush=True)

    async def main() -> None:
        waiter = asyncio.create_task(announce_when_started())
        try:
            await server.serve(sockets=[sock])
        finally:
            waiter.cancel()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    print("Đã dừng nqgen serve; các tệp tạm của người dùng đã được xóa.", flush=True)
