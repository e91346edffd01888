"""Tracking to an MLflow server as it is deployed: over HTTPS, with basic authentication or a
token, through a certificate that has expired, and through a proxy that is briefly unavailable.

The server is a real `mlflow server --app-name basic-auth` on loopback, with TLS terminated by
the uvicorn that MLflow runs (`--uvicorn-opts --ssl-certfile ...`). The certificates are made
here: a CA, a server certificate it signs, and an expired one. A small TLS proxy written below
stands in for what often sits in front of a server: a gateway that takes bearer tokens, a
certificate that has been left to expire, and a load balancer that answers 503 while the
server starts."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from jupyter_client.manager import KernelManager, start_new_kernel

import harness

pytestmark = pytest.mark.skipif(harness.KERNEL_NAME != "assay", reason="tracking is the Assay kernel's own feature")

ADMIN = "admin"
PASSWORD = "right-horse-battery-7"
TOKEN = "tok-5f1e2d3c4b5a"
SETUP = """
penguins = load sample "penguins" | dropna species
train, test = split penguins 0.8 stratify species seed 42
"""
FIT = "m = fit impute(strategy=\"median\") | impute(island, sex, strategy=\"mode\") | onehot(island, sex) | scale() | logistic() on train target species"


# --- certificates ------------------------------------------------------------------------------


class PKI:
    """A CA, and server certificates for 127.0.0.1 it signs: one valid, one expired."""

    def __init__(self, root: Path) -> None:
        now = datetime.datetime.now(datetime.timezone.utc)
        day = datetime.timedelta(days=1)
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Assay test CA")])
        ca = (
            x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
            .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - 30 * day).not_valid_after(now + 30 * day)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(ca_key, hashes.SHA256())
        )
        self.ca = root / "ca.pem"
        self.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))

        def server(name: str, not_before: datetime.datetime, not_after: datetime.datetime) -> tuple[Path, Path]:
            key = ec.generate_private_key(ec.SECP256R1())
            cert = (
                x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
                .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(not_before).not_valid_after(not_after)
                .add_extension(
                    x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
                    critical=False,
                )
                .sign(ca_key, hashes.SHA256())
            )
            cert_path, key_path = root / f"{name}.pem", root / f"{name}.key"
            cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
            key_path.write_bytes(key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
            return cert_path, key_path

        self.valid = server("valid", now - day, now + 30 * day)
        self.expired = server("expired", now - 30 * day, now - day)

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca))


# --- a TLS proxy in front of the server ----------------------------------------------------------


class Proxy:
    """Forwards each request to `upstream` (https) and closes the connection after the answer.

    `unavailable` answers that many requests with 503 before forwarding any; with `token`, a
    request bearing that token goes upstream with the admin's basic credentials, as a gateway
    that checks tokens would send it."""

    def __init__(self, upstream_port: int, pki: PKI, certificate: tuple[Path, Path]) -> None:
        self.upstream_port = upstream_port
        self.upstream_tls = pki.client_context()
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(str(certificate[0]), str(certificate[1]))
        self.unavailable = 0
        self.token: str | None = None
        self.refused = 0
        self.forwarded = 0
        self.authorizations: list[str] = []
        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        self.thread = threading.Thread(target=self._serve, args=(started,), daemon=True)
        self.thread.start()
        started.wait(10)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def _serve(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0, ssl=self.tls))
        self.port = server.sockets[0].getsockname()[1]
        started.set()
        self.loop.run_forever()

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            authorization = headers.get("authorization", "")
            self.authorizations.append(authorization)
            if self.unavailable > 0:
                self.unavailable -= 1
                self.refused += 1
                writer.write(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                await writer.drain()
                return
            kept = [line for line in lines[1:] if line and line.split(":", 1)[0].strip().lower() not in ("connection", "authorization")]
            if self.token is not None and authorization == f"Bearer {self.token}":
                authorization = "Basic " + __import__("base64").b64encode(f"{ADMIN}:{PASSWORD}".encode()).decode()
            if authorization:
                kept.append(f"Authorization: {authorization}")
            request = "\r\n".join([lines[0], *kept, "Connection: close", "", ""]).encode("latin-1") + body
            up_reader, up_writer = await asyncio.open_connection(
                "127.0.0.1", self.upstream_port, ssl=self.upstream_tls, server_hostname="127.0.0.1")
            up_writer.write(request)
            await up_writer.drain()
            answer = await up_reader.read()
            up_writer.close()
            self.forwarded += 1
            answer_head, _, answer_body = answer.partition(b"\r\n\r\n")
            answer_lines = [l for l in answer_head.split(b"\r\n") if not l.lower().startswith(b"connection:")]
            writer.write(b"\r\n".join([*answer_lines, b"Connection: close", b""]) + b"\r\n" + answer_body)
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            try:
                writer.close()
            except Exception:
                pass


# --- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PKI:
    return PKI(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def secure_server(tmp_path_factory: pytest.TempPathFactory, pki: PKI) -> Iterator[int]:
    """`mlflow server --app-name basic-auth` over TLS on loopback; yields its port."""
    root = tmp_path_factory.mktemp("mlflow-auth")
    port = free_port()
    (root / "auth.ini").write_text(
        "[mlflow]\ndefault_permission = READ\n"
        f"database_uri = sqlite:///{root / 'auth.db'}\n"
        f"admin_username = {ADMIN}\nadmin_password = {PASSWORD}\n"
        "authorization_function = mlflow.server.auth:authenticate_request_basic_auth\n"
    )
    env = dict(os.environ, MLFLOW_AUTH_CONFIG_PATH=str(root / "auth.ini"), MLFLOW_FLASK_SERVER_SECRET_KEY="assay-test")
    cert, key = pki.valid
    log = open(root / "server.log", "w")
    server = subprocess.Popen(
        [
            sys.executable, "-m", "mlflow", "server", "--host", "127.0.0.1", "--port", str(port),
            "--workers", "1", "--app-name", "basic-auth",
            "--backend-store-uri", f"sqlite:///{root / 'mlflow.db'}", "--artifacts-destination", str(root / "artifacts"),
            "--uvicorn-opts", f"--ssl-keyfile {key} --ssl-certfile {cert}",
        ],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        while True:
            if server.poll() is not None:
                pytest.fail(f"mlflow server exited: {(root / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"https://127.0.0.1:{port}/health", timeout=2, context=pki.client_context()) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("mlflow server did not answer within 240 s")
            time.sleep(0.5)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@pytest.fixture
def proxy(secure_server: int, pki: PKI) -> Iterator[Proxy]:
    proxy = Proxy(secure_server, pki, pki.valid)
    yield proxy
    proxy.close()


@pytest.fixture
def expired_proxy(secure_server: int, pki: PKI) -> Iterator[Proxy]:
    proxy = Proxy(secure_server, pki, pki.expired)
    yield proxy
    proxy.close()


# --- kernels -----------------------------------------------------------------------------------


CREDENTIAL_VARIABLES = [
    "MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD",
    "MLFLOW_TRACKING_INSECURE_TLS", "MLFLOW_TRACKING_SERVER_CERT_PATH",
]


def kernel(tmp_path: Path, **variables: str) -> tuple[KernelManager, Any]:
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIAL_VARIABLES}
    env.update(variables, ASSAY_TRACKING=str(tmp_path / "runs.db"))
    return start_new_kernel(kernel_name=harness.KERNEL_NAME, startup_timeout=harness.TIMEOUT, env=env)


def stop(km: KernelManager, kc: Any) -> None:
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=True)


def cell(kc: Any, code: str, timeout: float = 60) -> tuple[str, str, str]:
    """Run a cell; return its status, its stdout and everything else it showed (stderr, errors)."""
    reply, outputs = harness.execute(kc, code, timeout=timeout)
    stdout = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
    rest = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
    for m in outputs:
        if m["msg_type"] == "error":
            rest += m["content"]["evalue"] + "\n".join(m["content"]["traceback"])
        elif m["msg_type"] in ("execute_result", "display_data"):
            stdout += m["content"]["data"].get("text/plain", "")
    return reply["content"]["status"], stdout, rest


def admin_client(port: int, pki: PKI) -> Any:
    os.environ["MLFLOW_TRACKING_USERNAME"] = ADMIN
    os.environ["MLFLOW_TRACKING_PASSWORD"] = PASSWORD
    os.environ["MLFLOW_TRACKING_SERVER_CERT_PATH"] = str(pki.ca)
    from mlflow.tracking import MlflowClient

    return MlflowClient(tracking_uri=f"https://127.0.0.1:{port}")


def assert_secret_free(secret: str, *texts: str) -> None:
    for text in texts:
        assert secret not in text


# --- the cases ---------------------------------------------------------------------------------


@pytest.mark.timeout(240)
def test_basic_auth_over_https_logs_runs(secure_server: int, pki: PKI, tmp_path: Path) -> None:
    url = f"https://127.0.0.1:{secure_server}"
    km, kc = kernel(
        tmp_path, MLFLOW_TRACKING_USERNAME=ADMIN, MLFLOW_TRACKING_PASSWORD=PASSWORD,
        MLFLOW_TRACKING_SERVER_CERT_PATH=str(pki.ca),
    )
    try:
        shown = []
        for code in [f'track to "{url}"\nexperiment "secure"', SETUP, FIT, "print (run m).id", "track", "vars"]:
            status, out, rest = cell(kc, code)
            assert status == "ok", f"{code!r}: {rest}"
            shown += [out, rest]
        assert shown[0].startswith(f"runs go to {url}")
        run_id = shown[6].strip()
    finally:
        stop(km, kc)
    assert_secret_free(PASSWORD, *shown)

    run = admin_client(secure_server, pki).get_run(run_id)
    assert run.info.status == "FINISHED"
    assert run.data.params and run.data.metrics
    assert run.data.tags["assay.model"] == "logistic"
    assert_secret_free(PASSWORD, repr(run.data.tags), repr(run.data.params))


@pytest.mark.timeout(120)
def test_a_wrong_password_names_the_variable(secure_server: int, pki: PKI, tmp_path: Path) -> None:
    km, kc = kernel(
        tmp_path, MLFLOW_TRACKING_USERNAME=ADMIN, MLFLOW_TRACKING_PASSWORD="wrong-pony-42",
        MLFLOW_TRACKING_SERVER_CERT_PATH=str(pki.ca),
    )
    try:
        status, out, rest = cell(kc, f'track to "https://127.0.0.1:{secure_server}"')
    finally:
        stop(km, kc)
    assert status == "error"
    assert "HTTP 401" in rest and "MLFLOW_TRACKING_PASSWORD" in rest
    assert_secret_free("wrong-pony-42", out, rest)


@pytest.mark.timeout(240)
def test_a_token_for_the_session_is_sent_as_a_bearer(proxy: Proxy, secure_server: int, pki: PKI, tmp_path: Path) -> None:
    proxy.token = TOKEN
    km, kc = kernel(tmp_path, MLFLOW_TRACKING_SERVER_CERT_PATH=str(pki.ca))
    try:
        shown = []
        for code in [f'track to "{proxy.url}" token "{TOKEN}"\nexperiment "token"', SETUP, FIT, "print (run m).id", "track", "vars"]:
            status, out, rest = cell(kc, code)
            assert status == "ok", f"{code!r}: {rest}"
            shown += [out, rest]
        run_id = shown[6].strip()
    finally:
        stop(km, kc)
    assert shown[0].startswith(f"runs go to {proxy.url}")
    assert_secret_free(TOKEN, *shown)
    assert proxy.forwarded > 0 and set(proxy.authorizations) == {f"Bearer {TOKEN}"}
    run = admin_client(secure_server, pki).get_run(run_id)
    assert run.info.status == "FINISHED" and run.data.metrics
    assert_secret_free(TOKEN, repr(run.data.tags))


@pytest.mark.timeout(180)
def test_an_expired_certificate_is_refused_unless_verification_is_off(
    expired_proxy: Proxy, pki: PKI, tmp_path: Path
) -> None:
    credentials = {"MLFLOW_TRACKING_USERNAME": ADMIN, "MLFLOW_TRACKING_PASSWORD": PASSWORD}
    km, kc = kernel(tmp_path, MLFLOW_TRACKING_SERVER_CERT_PATH=str(pki.ca), **credentials)
    try:
        status, out, rest = cell(kc, f'track to "{expired_proxy.url}"')
    finally:
        stop(km, kc)
    assert status == "error"
    assert f"cannot reach the tracking server at {expired_proxy.url}: its TLS certificate was not accepted" in rest
    assert "expired" in rest.lower()
    assert "MLFLOW_TRACKING_INSECURE_TLS" in rest
    assert expired_proxy.forwarded == 0

    km, kc = kernel(tmp_path, MLFLOW_TRACKING_INSECURE_TLS="true", **credentials)
    try:
        status, out, rest = cell(kc, f'track to "{expired_proxy.url}"\nexperiment "insecure"')
    finally:
        stop(km, kc)
    assert status == "ok", rest
    assert out.startswith(f"runs go to {expired_proxy.url}")
    assert expired_proxy.forwarded > 0


@pytest.mark.timeout(120)
def test_a_server_that_answers_503_twice_is_retried(proxy: Proxy, pki: PKI, tmp_path: Path) -> None:
    proxy.unavailable = 2
    km, kc = kernel(
        tmp_path, MLFLOW_TRACKING_USERNAME=ADMIN, MLFLOW_TRACKING_PASSWORD=PASSWORD,
        MLFLOW_TRACKING_SERVER_CERT_PATH=str(pki.ca),
    )
    try:
        status, out, rest = cell(kc, f'track to "{proxy.url}"\nexperiment "flaky"')
    finally:
        stop(km, kc)
    assert status == "ok", rest
    assert out.startswith(f"runs go to {proxy.url}")
    assert proxy.refused == 2 and proxy.forwarded >= 1
