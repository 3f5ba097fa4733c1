"""``make test`` on a fresh machine installs the browser it needs, or says what to do.

The script is run for real, with apt-get replaced by a stub that records what it
was asked to install (the test must not change the machine).
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "system-packages.sh"


def run(tmp_path, *args, **env):
    return subprocess.run(  # noqa: S603 - our own script
        ["bash", str(SCRIPT), *args],  # noqa: S607
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture
def apt_stub(tmp_path):
    log = tmp_path / "apt.log"
    stub = tmp_path / "apt-get"
    stub.write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    stub.chmod(0o755)
    return stub, log


@pytest.fixture
def no_libraries(tmp_path):
    """An ldconfig that knows no shared library: Pango is missing."""
    stub = tmp_path / "ldconfig"
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o755)
    return str(stub)


@pytest.fixture
def libraries(tmp_path):
    """An ldconfig that knows Pango."""
    stub = tmp_path / "ldconfig-pango"
    stub.write_text("#!/bin/sh\necho libpango-1.0.so.0 libpangoft2-1.0.so.0\n")
    stub.chmod(0o755)
    return str(stub)


@pytest.fixture
def fonts(tmp_path):
    """A Noto folder holding the Arabic font the certificates are printed in."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "NotoNaskhArabic-Regular.ttf").write_bytes(b"")
    return str(folder)


def test_missing_chromium_and_fonts_are_installed_with_apt(tmp_path, apt_stub, no_libraries):
    """As root (CI and the project's machines run as root)."""
    stub, log = apt_stub
    missing = {
        "CHROMIUM": str(tmp_path / "no-chromium"),
        "NOTO_DIR": str(tmp_path / "no-fonts"),
        "VARNISHD": str(tmp_path / "no-varnishd"),
        "PDFTOPPM": str(tmp_path / "no-pdftoppm"),
        "LDCONFIG": no_libraries,
    }
    result = run(tmp_path, APT_GET=str(stub), **missing)
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("update")
    wanted = ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-noto-core", "chromium", "varnish", "poppler-utils")
    assert calls[1].startswith("install") and all(name in calls[1].split() for name in wanted)
    assert f"Installing the system packages the project needs: {' '.join(wanted)}" in result.stdout


def test_make_run_installs_what_certificates_need_and_no_browser(tmp_path, apt_stub, no_libraries):
    """A fresh machine can print certificates after `make run`: Pango and the Noto fonts, not
    Chromium, Varnish or poppler (only the tests look at the PDFs)."""
    stub, log = apt_stub
    result = run(
        tmp_path,
        "--run",
        APT_GET=str(stub),
        LDCONFIG=no_libraries,
        NOTO_DIR=str(tmp_path / "no-fonts"),
        CHROMIUM=str(tmp_path / "no-chromium"),
        PDFTOPPM=str(tmp_path / "no-pdftoppm"),
    )
    assert result.returncode == 0, result.stderr
    install = log.read_text().splitlines()[1].split()
    assert {"libpango-1.0-0", "libpangoft2-1.0-0", "fonts-noto-core"} <= set(install)
    assert not {"chromium", "varnish", "poppler-utils"} & set(install)


def test_nothing_is_installed_when_everything_is_there(tmp_path, apt_stub, fonts, libraries):
    stub, log = apt_stub
    (tmp_path / "chromium").write_text("#!/bin/sh\n")
    (tmp_path / "chromium").chmod(0o755)
    present = {
        "CHROMIUM": str(tmp_path / "chromium"),
        "NOTO_DIR": fonts,
        "VARNISHD": str(tmp_path / "chromium"),
        "PDFTOPPM": str(tmp_path / "chromium"),
        "LDCONFIG": libraries,
    }
    result = run(tmp_path, APT_GET=str(stub), **present)
    assert result.returncode == 0
    assert not log.exists()


def test_make_run_needs_no_browser(tmp_path, apt_stub, fonts, libraries):
    stub, log = apt_stub
    result = run(
        tmp_path, "--run", CHROMIUM=str(tmp_path / "no-chromium"), NOTO_DIR=fonts, LDCONFIG=libraries, APT_GET=str(stub)
    )
    assert result.returncode == 0
    assert not log.exists()


def test_without_a_way_to_install_it_says_what_to_do(tmp_path):
    result = run(tmp_path, CHROMIUM=str(tmp_path / "no-chromium"), APT_GET=str(tmp_path / "no-apt-get"))
    assert result.returncode == 1
    assert "Debian: sudo apt-get install -y chromium" in result.stderr
    assert "then run the command again" in result.stderr


def test_make_test_runs_the_install_step_before_anything_else():
    # Outside any make that runs this suite (`make suite` sets MAKELEVEL and MAKEFLAGS).
    env = {key: value for key, value in os.environ.items() if key not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "test"],  # noqa: S607
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [line for line in dry_run.stdout.splitlines() if line.strip()]
    assert "scripts/system-packages.sh" in lines[0]
