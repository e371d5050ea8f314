"""The desktop bundle (dist/estimator-gui, built by `python3 packaging/build_bundle.py`) starts
from a folder outside the repository with an empty environment: no PATH, no Python, no HOME.

Skipped when the bundle has not been built; ESTIMATOR_BUILD_BUNDLE=1 builds it first (about a
minute). Prints the bundle's size and its start-up time (median of 3).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "estimator-gui"
ENV = shutil.which("env")
DROP_CACHES = Path("/proc/sys/vm/drop_caches")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux") or ENV is None,
        reason="the Linux bundle is the one started here (Windows: .github/workflows)",
    ),
]


def newest_input() -> float:
    """When the code, resources or recipe the bundle is made of last changed."""
    folders = (ROOT / "estimator_gui", ROOT / "packaging", ROOT / "resources" / "i18n")
    files = [p for folder in folders for p in folder.rglob("*") if p.is_file()]
    return max(p.stat().st_mtime for p in files if "__pycache__" not in p.parts)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundle in a temporary folder outside the repository."""
    if os.environ.get("ESTIMATOR_BUILD_BUNDLE") == "1":
        build = [sys.executable, str(ROOT / "packaging" / "build_bundle.py"), "--no-check"]
        subprocess.run(build, cwd=ROOT, check=True, timeout=1800)
    elif not (BUNDLE / "estimator-gui").is_file():
        pytest.skip(
            "dist/estimator-gui is not built: `python3 packaging/build_bundle.py`, "
            "or ESTIMATOR_BUILD_BUNDLE=1 to build it in this run (about a minute)"
        )
    elif (BUNDLE / "estimator-gui").stat().st_mtime < newest_input():
        pytest.skip(
            "dist/estimator-gui is older than the code it bundles: rebuild it with "
            "`python3 packaging/build_bundle.py`, or ESTIMATOR_BUILD_BUNDLE=1"
        )
    copy = tmp_path_factory.mktemp("installed") / "estimator-gui"
    shutil.copytree(BUNDLE, copy, symlinks=True)
    assert not copy.resolve().is_relative_to(ROOT.resolve())
    return copy


def empty_env(program: Path, *args: str, **variables: str) -> list[str]:
    """`env -i [VAR=value ...] program args`: the program sees only the variables named."""
    assert ENV is not None
    return [ENV, "-i", *(f"{k}={v}" for k, v in variables.items()), str(program), *args]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def screenshot(bundle: Path, out: Path, lang: str) -> subprocess.CompletedProcess[str]:
    cmd = empty_env(bundle / "estimator-gui", "--screenshot", str(out), "--lang", lang)
    return subprocess.run(
        cmd, cwd=out.parent, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bundle_renders_its_window_with_no_environment_at_all(
    bundle: Path, tmp_path: Path, lang: str
) -> None:
    # Nothing passed, not even QT_QPA_PLATFORM (--screenshot picks offscreen itself) or HOME
    # (a screenshot reads no preferences).
    out = tmp_path / f"main_{lang}.png"
    done = screenshot(bundle, out, lang)
    assert done.returncode == 0, done.stderr[-3000:]
    assert out.stat().st_size > 50_000
    width, height = png_size(out)
    assert width >= 1200 and height >= 800


def test_the_window_starts_and_quits_with_only_a_platform_and_a_home(
    bundle: Path, tmp_path: Path
) -> None:
    # A normal start reads the user's preferences: HOME is a temporary one so the user data
    # folder is too; offscreen because there is no display here.
    home = tmp_path / "home"
    home.mkdir()
    cmd = empty_env(
        bundle / "estimator-gui",
        "--quit-after-start",
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
    )
    done = subprocess.run(
        cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_bundled_command_line_answers_in_chinese_with_no_environment(
    bundle: Path, tmp_path: Path
) -> None:
    cli = bundle / "estimator"
    regions = subprocess.run(
        empty_env(cli, "regions", "--json"),
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert regions.returncode == 0, regions.stderr.decode("utf-8", "replace")[-3000:]
    assert len(json.loads(regions.stdout)) >= 13
    # UTF-8 output under the C locale (the bundle runs Python in UTF-8 mode)
    search = subprocess.run(
        empty_env(cli, "search", "心脏"),
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert search.returncode == 0, search.stderr.decode("utf-8", "replace")[-3000:]
    assert "心脏" in search.stdout.decode("utf-8")
    # building the database is for a checkout: a clear answer, not a traceback
    build = subprocess.run(
        empty_env(cli, "build-db"),
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert build.returncode == 2
    assert b"Traceback" not in build.stderr and b"pip install -e ." in build.stderr


def test_the_bundle_carries_its_database_and_no_sources_or_build_tools(bundle: Path) -> None:
    inside = bundle / "_internal"
    db = inside / "resources" / "reference.sqlite"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    finally:
        conn.close()
    # never checked for staleness: it names no sources folder, or one that no longer exists
    assert meta["source_hash"]
    assert not meta.get("sources_dir") or not Path(meta["sources_dir"]).exists()
    assert (inside / "resources" / "fonts" / "NotoSansSC-Subset.otf").is_file()
    assert (inside / "resources" / "i18n" / "estimator_zh_CN.qm").is_file()
    assert not (inside / "db").exists()
    # Pure-Python modules live in each executable's archive, whose table of contents names them
    # in plain bytes (seen: the package's own modules are found this way).
    for exe in (bundle / "estimator-gui", bundle / "estimator"):
        data = exe.read_bytes()
        assert b"estimator_gui.core.facade" in data, "the archive's module names are not visible"
        found = [m for m in ("sqlite_utils", "pytest", "numpy") if m.encode() in data]
        assert not found, f"{exe.name} carries build-time or test modules: {found}"
    assert not {p.name for p in inside.iterdir()} & {"sqlite_utils", "numpy"}
    assert (inside / "estimator_gui" / "importmaps" / "services.yaml").is_file()
    qt = {p.name for p in (inside / "PySide6").iterdir()}
    assert not {n for n in qt if n.startswith(("QtWebEngine", "Qt3D", "QtQml", "QtQuick"))}


def drop_page_cache() -> bool:
    """A cold start reads the bundle from disk: drop the page cache when allowed (root)."""
    try:
        os.sync()
        DROP_CACHES.write_text("3\n")
    except OSError:
        return False
    return True


def test_size_and_start_up_time_are_measured(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    apparent = sum(p.stat().st_size for p in files)
    du = subprocess.run(["du", "-sk", str(bundle)], capture_output=True, text=True, check=True)
    on_disk = int(du.stdout.split()[0]) * 1024
    to_png, to_exit = [], []
    cold = True
    for run in range(3):
        out = tmp_path / f"start_{run}.png"
        cold = drop_page_cache() and cold
        began_ns = time.time_ns()
        began = time.perf_counter()
        done = screenshot(bundle, out, "zh")
        to_exit.append(time.perf_counter() - began)
        assert done.returncode == 0, done.stderr[-3000:]
        to_png.append((out.stat().st_mtime_ns - began_ns) / 1e9)
    kind = "cold (page cache dropped)" if cold else "page cache warm"
    line = (
        f"bundle {bundle.name}: {apparent / 1e6:.0f} MB ({on_disk / 2**20:.0f} MiB on disk, du), "
        f"{len(files)} files; start-up to the screenshot written, {kind}, "
        f"median of 3: {statistics.median(to_png) * 1000:.0f} ms "
        f"(process exit {statistics.median(to_exit) * 1000:.0f} ms; runs "
        + ", ".join(f"{t * 1000:.0f}" for t in to_png)
        + " ms)"
    )
    with capsys.disabled():
        print(f"\n{line}")
    assert statistics.median(to_exit) < 30


def test_the_bundle_imports_an_official_file_into_the_user_folder(
    bundle: Path, tmp_path: Path
) -> None:
    """An import needs what the build does not ship otherwise: the column mappings and pypinyin
    (new items' names); the bundled database itself is never written."""
    home = tmp_path / "home"
    home.mkdir()
    file = tmp_path / "耗材.csv"
    file.write_bytes(
        "耗材代码,耗材名称,支付标准,自付比例,医保类别\n"
        "C02070100000000000000000001,测试导管甲型,1200,10%,乙\n".encode("gbk")
    )
    db = bundle / "_internal" / "resources" / "reference.sqlite"
    before = db.read_bytes()
    args = ("import", str(file), "--kind", "consumables", "--province", "四川省")
    args += ("--from", "2026-01-01", "--apply")
    done = subprocess.run(
        empty_env(bundle / "estimator", *args, HOME=str(home)),
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
        check=False,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, err[-3000:]
    assert list(home.rglob("reference.sqlite")), "the update lives in the user data folder"
    assert db.read_bytes() == before
