"""Notification delivery over a real SMTP server on loopback (aiosmtpd), and as .eml files."""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta, timezone
from email import policy
from email.parser import BytesParser

import pytest
import yaml

from bot.settings import Settings
from bot.bootstrap import bootstrap
from bot.domain.school import DEFAULT_CONFIG, Schools, load_config
from bot.domain.notification import NotificationStatus
from bot.adapters.mail.outbox import OutboxWorker, RetryPolicy, deliver_pending
from bot.adapters.mail.senders import EmlOutboxSender, SmtpSender
from bot.services.reporting import submit_report
from bot.domain.report import Confidentiality, Report, ReporterRole, SafetyCategory, Urgency, new_reference
from tests.support.smtp import SmtpSink, free_port

SMTP_VARS = ["KLANKBORD_SMTP_HOST", "KLANKBORD_SMTP_PORT", "KLANKBORD_SMTP_TLS", "KLANKBORD_SMTP_USER",
             "KLANKBORD_SMTP_PASSWORD", "KLANKBORD_SMTP_FROM"]
FAST_RETRY = RetryPolicy(base=0.2, maximum=0.5, lease=5)
FREE_TEXT = {
    "description": "OMSCHRIJVINGXYZ ze duwen me elke dag van de trap",
    "people_involved": "BETROKKENXYZ Tom en Ali",
    "contact": "CONTACTXYZ Eva, 06-11112222",
    "place_note": "PLEKXYZ bij de achterdeur",
    "moment_note": "WANNEERXYZ als de bus van Jan komt",
    "frequency_note": "HOEVAAKXYZ soms twee keer",
    "already_told": "VERTELDXYZ alleen mijn zus",
    "desired_outcome": "WENSXYZ dat ze ophouden",
    "since_when": "SINDSXYZ na de kerstvakantie",
}


@pytest.fixture
def config(tmp_path):
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    data["notification"] = {"outbox_dir": str(tmp_path / "outbox")}
    path = tmp_path / "school.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_config(path)


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'klankbord.db'}"


@pytest.fixture
def sink():
    sink = SmtpSink()
    yield sink
    sink.stop()


@pytest.fixture
def apps():
    made = []
    yield made
    for app in made:
        app.close()


@pytest.fixture
def smtp_env(monkeypatch):
    monkeypatch.delenv("KLANKBORD_OUTBOX_DIR", raising=False)
    for name in SMTP_VARS:
        monkeypatch.delenv(name, raising=False)

    def point_at(port: int) -> None:
        monkeypatch.setenv("KLANKBORD_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("KLANKBORD_SMTP_PORT", str(port))
        monkeypatch.setenv("KLANKBORD_SMTP_TLS", "none")
        monkeypatch.setenv("KLANKBORD_SMTP_FROM", "klankbord@voorbeeldschool.example")
        monkeypatch.setenv("KLANKBORD_SMTP_TIMEOUT", "5")

    return point_at


def make_app(apps, config, db_url, **kwargs):
    app = bootstrap(config=config, database_url=db_url, retry_policy=FAST_RETRY, **kwargs)
    apps.append(app)
    return app


def make_report(**changes) -> Report:
    values = dict(
        reference=new_reference(), school_id="voorbeeldschool", reporter_role=ReporterRole.GETUIGE,
        confidentiality=Confidentiality.VERTROUWELIJK, kinds=["fysiek"], places=["gang"], **FREE_TEXT,
    )
    values.update(changes)
    return Report(**values)


def assert_no_free_text(message) -> None:
    text = message.as_bytes().decode("utf-8", "replace") + message.get_content()
    for name, value in FREE_TEXT.items():
        assert value.split()[0] not in text, f"{name} is in the mail"


def notifications_of(app, reference):
    with app.uow_factory() as uow:
        return uow.notifications.for_report(reference)


def test_mail_arrives_with_reference_recipient_and_no_free_text(config, db_url, sink, smtp_env, apps):
    smtp_env(sink.start())
    app = make_app(apps, config, db_url)
    reference = app.submit_report(make_report())
    [mail] = sink.wait_for(1, timeout=10)
    assert reference in mail["Subject"] and "SPOED" not in mail["Subject"]
    assert mail["To"] == config.aanspreekpunt.email
    assert sink.envelopes[0] == ("klankbord@voorbeeldschool.example", [config.aanspreekpunt.email])
    assert f"/desk/reports/{reference}" in mail.get_content()
    assert_no_free_text(mail)
    [notification] = notifications_of(app, reference)
    assert notification.status is NotificationStatus.SENT and notification.sent_at is not None


def test_urgent_report_goes_to_aanspreekpunt_and_deputy_marked_spoed(config, db_url, sink, smtp_env, apps):
    smtp_env(sink.start())
    app = make_app(apps, config, db_url)
    reference = app.submit_report(make_report(urgency=Urgency.HOOG, urgency_reason=SafetyCategory.CRISIS))
    mails = sink.wait_for(2, timeout=10)
    assert sorted(m["To"] for m in mails) == sorted([config.aanspreekpunt.email, config.deputy.email])
    for mail in mails:
        assert "SPOED" in mail["Subject"] and reference in mail["Subject"]
        assert_no_free_text(mail)
    time.sleep(0.2)
    assert len(sink.messages) == 2  # no duplicates


def test_smtp_down_keeps_the_report_and_the_worker_delivers_later(config, db_url, sink, smtp_env, apps):
    port = free_port()
    smtp_env(port)  # nothing listens there yet
    app = make_app(apps, config, db_url, poll_seconds=0.1)
    reference = app.submit_report(make_report())  # must not raise

    with app.uow_factory() as uow:
        assert uow.reports.get(reference) is not None  # the report is safe
    [waiting] = notifications_of(app, reference)
    assert waiting.status is NotificationStatus.PENDING
    assert waiting.attempts == 1
    assert waiting.last_error.startswith("ConnectionRefusedError")
    assert not any(value.split()[0] in waiting.last_error for value in FREE_TEXT.values())

    app.start_worker()
    time.sleep(0.5)  # a few failing passes while the server is still down
    sink.start(port=port)
    [mail] = sink.wait_for(1, timeout=15)
    assert reference in mail["Subject"]
    deadline = time.monotonic() + 5
    while notifications_of(app, reference)[0].status is not NotificationStatus.SENT:
        assert time.monotonic() < deadline, "the notification was not marked sent"
        time.sleep(0.05)
    sent = notifications_of(app, reference)[0]
    assert sent.attempts >= 2 and sent.last_error is None
    time.sleep(0.3)
    assert len(sink.messages) == 1  # delivered once


def test_pending_notifications_are_picked_up_after_a_restart(config, db_url, sink, smtp_env, apps):
    port = free_port()
    smtp_env(port)
    first = make_app(apps, config, db_url)
    reference = first.submit_report(make_report(urgency=Urgency.HOOG))
    first.close()  # the process "stops" with two mails unsent
    time.sleep(FAST_RETRY.base + 0.1)  # their next attempt is due by now

    sink.start(port=port)
    make_app(apps, config, db_url, start_worker=True, poll_seconds=60)  # restart; pass at start
    mails = sink.wait_for(2, timeout=15)
    assert {m["To"] for m in mails} == {config.aanspreekpunt.email, config.deputy.email}
    assert all(reference in m["Subject"] for m in mails)


def test_backoff_waits_longer_after_each_failure(config, db_url, smtp_env, apps):
    smtp_env(free_port())
    app = make_app(apps, config, db_url)
    start = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    clock = {"now": start}
    policy = RetryPolicy(base=30, maximum=3600)
    sender = SmtpSender.from_settings(Settings.from_env().smtp)
    # stored through the service, so without the inline delivery attempt of app.submit_report
    reference = submit_report(app.uow_factory(), make_report(created_at=start), config)

    def run_pass(at):
        clock["now"] = at
        return deliver_pending(app.uow_factory, sender, Schools.of(config), policy=policy, clock=lambda: clock["now"])

    assert run_pass(start).failed == 1
    assert notifications_of(app, reference)[0].next_attempt_at == start + timedelta(seconds=30)
    assert run_pass(start + timedelta(seconds=29)).failed == 0  # not due yet: not tried
    assert notifications_of(app, reference)[0].attempts == 1
    assert run_pass(start + timedelta(seconds=30)).failed == 1
    second = notifications_of(app, reference)[0]
    assert second.attempts == 2
    assert second.next_attempt_at == start + timedelta(seconds=30 + 60)


def test_two_workers_never_send_a_mail_twice(config, db_url, sink, smtp_env, apps):
    smtp_env(sink.start())
    one = make_app(apps, config, db_url, poll_seconds=0.05)
    two = make_app(apps, config, db_url, poll_seconds=0.05)
    refs = [submit_report(one.uow_factory(), make_report(), config) for _ in range(6)]
    one.start_worker()
    two.start_worker()
    sink.wait_for(6, timeout=15)
    time.sleep(0.5)
    subjects = [m["Subject"] for m in sink.messages]
    assert len(subjects) == 6
    assert all(sum(ref in s for s in subjects) == 1 for ref in refs)


def test_without_smtp_settings_mails_become_eml_files(config, db_url, smtp_env, apps):
    # the smtp_env fixture removed all KLANKBORD_SMTP_* variables
    app = make_app(apps, config, db_url)
    assert isinstance(app.sender, EmlOutboxSender)
    assert app.sender.directory == config.outbox_dir
    reference = app.submit_report(make_report(urgency=Urgency.HOOG, urgency_reason=SafetyCategory.ACUUT_GEVAAR))
    files = sorted(config.outbox_dir.glob("*.eml"))
    assert len(files) == 2
    assert not list(config.outbox_dir.glob(".*.tmp"))
    recipients = set()
    for path in files:
        mail = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        assert mail.defects == []
        assert reference in mail["Subject"] and "SPOED" in mail["Subject"]
        assert mail["From"] and mail["Date"] and mail["Message-ID"]
        assert reference in mail.get_content()
        assert_no_free_text(mail)
        recipients.add(mail["To"])
    assert recipients == {config.aanspreekpunt.email, config.deputy.email}
    assert all(n.status is NotificationStatus.SENT for n in notifications_of(app, reference))


def test_outbox_folder_can_be_set_in_the_environment(config, db_url, smtp_env, apps, monkeypatch, tmp_path):
    monkeypatch.setenv("KLANKBORD_OUTBOX_DIR", str(tmp_path / "elsewhere"))
    app = make_app(apps, config, db_url)
    reference = app.submit_report(make_report())
    [path] = (tmp_path / "elsewhere").glob("*.eml")
    assert reference in BytesParser(policy=policy.default).parsebytes(path.read_bytes())["Subject"]
    assert not config.outbox_dir.exists()


def test_logs_carry_no_report_text(config, db_url, sink, smtp_env, apps, caplog):
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # even SQL logging shows no data
    try:
        port = free_port()
        smtp_env(port)
        app = make_app(apps, config, db_url, poll_seconds=0.1)
        app.submit_report(make_report())  # fails: SMTP down
        sink.start(port=port)
        app.start_worker()
        sink.wait_for(1, timeout=15)
        app.stop_worker()
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert "not delivered" in caplog.text and "delivered (aanspreekpunt)" in caplog.text
    assert "INSERT INTO reports" in caplog.text  # SQL logging was really on
    assert "parameters hidden" in caplog.text
    for value in FREE_TEXT.values():
        assert value.split()[0] not in caplog.text


def test_worker_survives_a_failing_pass_and_stops_cleanly():
    calls = []
    passed_twice = threading.Event()

    def deliver():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database briefly away")
        if len(calls) >= 2:
            passed_twice.set()

    worker = OutboxWorker(deliver, poll_seconds=0.05)
    assert worker.daemon
    worker.start()
    assert passed_twice.wait(5)
    worker.stop(timeout=5)
    assert not worker.is_alive()


def test_wake_triggers_a_pass_at_once():
    passes = threading.Event()
    count = []

    def deliver():
        count.append(1)
        if len(count) == 2:
            passes.set()

    worker = OutboxWorker(deliver, poll_seconds=60)
    worker.start()
    time.sleep(0.1)  # the pass at start
    worker.wake()
    assert passes.wait(2), "wake() did not start a pass"
    worker.stop(timeout=5)


# ---------------------------------------------------------------- TLS and login


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, and its key (PEM files)."""
    x509 = pytest.importorskip("cryptography.x509", reason="cryptography is needed to make a test certificate")
    import ipaddress

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def _server_context(tls_files):
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, tls_files))
    return context


class _Logins:
    """An aiosmtpd authenticator that accepts one user and remembers every try."""

    def __init__(self, user: str, password: str) -> None:
        self.expected = (user.encode(), password.encode())
        self.seen = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        self.seen.append((mechanism, auth_data.login))
        ok = (auth_data.login, auth_data.password) == self.expected
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


def _tls_env(monkeypatch, port, tls, cert_path, password="geheim"):
    monkeypatch.setenv("KLANKBORD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KLANKBORD_SMTP_PORT", str(port))
    monkeypatch.setenv("KLANKBORD_SMTP_TLS", tls)
    monkeypatch.setenv("KLANKBORD_SMTP_USER", "klankbord")
    monkeypatch.setenv("KLANKBORD_SMTP_PASSWORD", password)
    monkeypatch.setenv("KLANKBORD_SMTP_CA_FILE", str(cert_path))
    monkeypatch.setenv("KLANKBORD_SMTP_TIMEOUT", "5")


def test_starttls_with_login(config, db_url, smtp_env, apps, monkeypatch, tls_files):
    logins = _Logins("klankbord", "geheim")
    sink = SmtpSink(tls_context=_server_context(tls_files), require_starttls=True,
                    authenticator=logins, auth_require_tls=True, auth_required=True)
    try:
        _tls_env(monkeypatch, sink.start(), "starttls", tls_files[0])
        app = make_app(apps, config, db_url)
        reference = app.submit_report(make_report())
        [mail] = sink.wait_for(1, timeout=10)
        assert reference in mail["Subject"]
        assert logins.seen and logins.seen[-1][1] == b"klankbord"
    finally:
        sink.stop()


def test_wrong_password_keeps_the_mail_pending(config, db_url, smtp_env, apps, monkeypatch, tls_files):
    sink = SmtpSink(tls_context=_server_context(tls_files), require_starttls=True,
                    authenticator=_Logins("klankbord", "geheim"), auth_required=True)
    try:
        _tls_env(monkeypatch, sink.start(), "starttls", tls_files[0], password="fout")
        app = make_app(apps, config, db_url)
        reference = app.submit_report(make_report())
        [waiting] = notifications_of(app, reference)
        assert waiting.status is NotificationStatus.PENDING
        assert waiting.last_error.startswith("SMTPAuthenticationError: 535")
        assert "fout" not in waiting.last_error
        assert sink.messages == []
    finally:
        sink.stop()


def test_implicit_tls(config, db_url, smtp_env, apps, monkeypatch, tls_files):
    # aiosmtpd only knows about STARTTLS; the connection here is TLS from the first byte.
    sink = SmtpSink(ssl_context=_server_context(tls_files), authenticator=_Logins("klankbord", "geheim"),
                    auth_require_tls=False)
    try:
        _tls_env(monkeypatch, sink.start(), "ssl", tls_files[0])
        app = make_app(apps, config, db_url)
        reference = app.submit_report(make_report())
        [mail] = sink.wait_for(1, timeout=10)
        assert reference in mail["Subject"]
    finally:
        sink.stop()


def test_an_untrusted_certificate_is_refused(config, db_url, smtp_env, apps, monkeypatch, tls_files):
    sink = SmtpSink(tls_context=_server_context(tls_files), require_starttls=True)
    try:
        _tls_env(monkeypatch, sink.start(), "starttls", tls_files[0])
        monkeypatch.delenv("KLANKBORD_SMTP_CA_FILE")  # the self-signed certificate is not trusted now
        app = make_app(apps, config, db_url)
        reference = app.submit_report(make_report())
        [waiting] = notifications_of(app, reference)
        assert waiting.status is NotificationStatus.PENDING
        assert "SSLCertVerificationError" in waiting.last_error
        assert sink.messages == []
    finally:
        sink.stop()


def test_a_hanging_mail_server_never_holds_up_the_pupil(config, db_url, smtp_env, apps, monkeypatch):
    """With the worker running (as in the action server) submit returns at once, off the event loop."""
    import asyncio
    import socket

    blackhole = socket.socket()  # accepts connections (backlog) but never says a word
    blackhole.bind(("127.0.0.1", 0))
    blackhole.listen(8)
    try:
        smtp_env(blackhole.getsockname()[1])
        monkeypatch.setenv("KLANKBORD_SMTP_TIMEOUT", "1.5")
        app = make_app(apps, config, db_url, start_worker=True, poll_seconds=60)

        async def scenario():
            ticks = 0

            async def ticker():
                nonlocal ticks
                while True:
                    ticks += 1
                    await asyncio.sleep(0.01)

            task = asyncio.ensure_future(ticker())
            started = time.monotonic()
            loop = asyncio.get_running_loop()
            reference = await loop.run_in_executor(None, app.submit_report, make_report())
            elapsed = time.monotonic() - started
            await asyncio.sleep(0.2)
            task.cancel()
            return reference, elapsed, ticks

        reference, elapsed, ticks = asyncio.run(scenario())
        assert elapsed < 1.0, f"submit waited {elapsed:.2f}s for the mail server"
        assert ticks >= 10
        with app.uow_factory() as uow:
            assert uow.reports.get(reference) is not None
        app.stop_worker(timeout=10)  # the worker gives up on the server after its timeout
        [waiting] = notifications_of(app, reference)
        assert waiting.status is NotificationStatus.PENDING
        assert "timed out" in (waiting.last_error or "")
    finally:
        blackhole.close()
