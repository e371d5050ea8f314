"""Build the one-folder desktop bundle: `python3 packaging/build_bundle.py` (Linux and Windows).

1. installs what is missing: the project's own dependencies (`pip install -e .`) and PyInstaller;
2. builds the reference database into build/bundle-data/ (`estimator build-db`) from a snapshot
   of db/sources that is deleted afterwards: a bundle carries no sources, and its database names
   a folder that no longer exists, so it is never checked for staleness (see build_database);
3. runs PyInstaller with packaging/estimator-gui.spec into dist/estimator-gui/;
4. adds the Linux desktop entry and its installer, then starts the bundle once with an empty
   environment (Windows: without PATH and PYTHON*) and `--screenshot`, to prove it runs without
   the Python that built it, and prints its size.

Options: --sources DIR (another sources folder), --clean (empty PyInstaller's cache first),
--no-check (skip the start-up check), --no-install (never run pip).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "estimator-gui.spec"
DATA = ROOT / "build" / "bundle-data"
WORK = ROOT / "build" / "pyinstaller"
DIST = ROOT / "dist"
BUNDLE = DIST / "estimator-gui"
WINDOWS = sys.platform.startswith("win")
EXE_SUFFIX = ".exe" if WINDOWS else ""
PYINSTALLER = "pyinstaller>=6.10,<7"
# imported by the app or needed to build its database (pyproject.toml's dependencies)
PROJECT_MODULES = ("PySide6", "pydantic", "yaml", "platformdirs", "sqlite_utils", "pypinyin")


def say(text: str) -> None:
    print(f"build_bundle: {text}", flush=True)


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    say("$ " + " ".join(cmd))
    subprocess.run(cmd, cwd=cwd, env=env, check=True)


def missing(modules: tuple[str, ...]) -> list[str]:
    return [m for m in modules if importlib.util.find_spec(m) is None]


def pip_install(*requirements: str) -> None:
    run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", *requirements])


def checkout_env() -> dict[str, str]:
    """The environment for the build steps: this checkout's package first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def build_database(sources: Path) -> Path:
    """Build the reference database for the bundle from a snapshot of the sources.

    The database records the folder it was built from and is checked for staleness against it
    while that folder exists. Built from a temporary snapshot, deleted straight after, it names a
    folder that never exists again: a bundle started on the machine that built it is not compared
    with a checkout edited since, and is never refused as stale anywhere. The file itself is not
    touched after the build (it may carry a checksum of its pages); the hash of the sources stays
    in it, so its provenance can still be checked."""
    DATA.mkdir(parents=True, exist_ok=True)
    db = DATA / "reference.sqlite"
    with tempfile.TemporaryDirectory(prefix="estimator-sources-") as snapshot:
        copy = Path(snapshot) / "sources"
        shutil.copytree(sources, copy)
        cli = [sys.executable, "-m", "estimator_gui.cli"]
        run([*cli, "build-db", "--sources", str(copy), "--db", str(db)], ROOT, checkout_env())
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        problem = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if problem != "ok":
        raise SystemExit(f"build_bundle: {db} fails its integrity check: {problem}")
    db.chmod(0o644)  # readable by every user of the bundle (a build may make it private)
    return db


def run_pyinstaller(clean: bool) -> None:
    env = checkout_env()
    env["ESTIMATOR_BUNDLE_DATA"] = str(DATA)
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
    ]
    run([*cmd, *(["--clean"] if clean else []), str(SPEC)], cwd=ROOT, env=env)


def add_desktop_files() -> None:
    """Linux: the desktop entry and a script that installs it with this folder's path."""
    if WINDOWS:
        return  # the .exe itself is what is double-clicked
    for name in ("estimator-gui.desktop", "install-desktop-entry.sh"):
        shutil.copy2(PACKAGING / name, BUNDLE / name)
    (BUNDLE / "install-desktop-entry.sh").chmod(0o755)


def warn_missing_x11_libraries() -> None:
    """Linux: PyInstaller bundles the libraries Qt's X11 plugin needs only when the build machine
    has them; a missing one would then be needed on every clinic's machine instead."""
    if not sys.platform.startswith("linux"):
        return
    from ctypes.util import find_library

    wanted = {
        "xcb-icccm": "libxcb-icccm4",
        "xcb-keysyms": "libxcb-keysyms1",
        "xcb-cursor": "libxcb-cursor0",
        "xkbcommon-x11": "libxkbcommon-x11-0",
    }
    if absent := [pkg for lib, pkg in wanted.items() if find_library(lib) is None]:
        say(
            "WARNING: the bundle will lack Qt's X11 libraries; first install (Debian): "
            f"apt-get install {' '.join(absent)}"
        )


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check_start(out: Path) -> float:
    """Start the bundle once, with no Python to lean on, and return the seconds to its screenshot.
    Linux: an empty environment (`env -i`). Windows: the environment without PATH and PYTHON*
    (Windows' own variables such as SYSTEMROOT and TEMP stay: system DLLs expect them)."""
    if out.exists():
        out.unlink()
    env: dict[str, str] = {}
    if WINDOWS:
        env = {
            k: v
            for k, v in os.environ.items()
            if k.upper() != "PATH" and not k.startswith("PYTHON")
        }
    exe = BUNDLE / f"estimator-gui{EXE_SUFFIX}"
    start = time.perf_counter()
    done = subprocess.run(
        [str(exe), "--screenshot", str(out), "--lang", "zh"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    took = time.perf_counter() - start
    if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        raise SystemExit(
            f"build_bundle: the bundle did not start (exit {done.returncode}):\n{done.stderr}"
        )
    return took


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sources", type=Path, default=ROOT / "db" / "sources")
    p.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    p.add_argument("--no-check", action="store_true", help="do not start the bundle after")
    p.add_argument("--no-install", action="store_true", help="never run pip")
    args = p.parse_args(argv)
    began = time.perf_counter()

    if not args.no_install:
        if missing(PROJECT_MODULES):
            pip_install("-e", str(ROOT))
        if missing(("PyInstaller",)):
            pip_install(PYINSTALLER)
    if still := missing((*PROJECT_MODULES, "PyInstaller")):
        raise SystemExit(f"build_bundle: not installed: {', '.join(still)}")

    warn_missing_x11_libraries()
    build_database(args.sources.resolve())
    run_pyinstaller(args.clean)
    add_desktop_files()
    say(f"built {BUNDLE} in {time.perf_counter() - began:.0f} s")
    if not args.no_check:
        took = check_start(ROOT / "build" / "bundle-check.png")
        say(f"started with an empty environment: screenshot in {took:.1f} s")
    say(
        f"size {folder_size(BUNDLE) / 1e6:.0f} MB; start it with {BUNDLE / ('estimator-gui' + EXE_SUFFIX)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
