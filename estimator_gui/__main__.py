"""`estimator-gui` / `python -m estimator_gui`: the desktop app.

    estimator-gui [--lang zh|en] [--large-font] [--db PATH] [--screenshot PATH]

Start-up stays light: Qt and the core are imported here, in main(), and nothing imports pypinyin
(the database already holds the pinyin).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="estimator-gui", description="医保自付费用估算：参保地与异地对比"
    )
    p.add_argument(
        "--lang", choices=["zh", "en"], help="interface language (default: the last used, else zh)"
    )
    p.add_argument("--large-font", action="store_true", help="start in large-font mode")
    p.add_argument("--db", help="reference database (default resources/reference.sqlite)")
    p.add_argument(
        "--screenshot",
        metavar="PATH",
        help="render the window with a sample comparison to a PNG and exit",
    )
    p.add_argument(
        "--size", default="1440x1000", help="the window's size for --screenshot, e.g. 1366x768"
    )
    p.add_argument("--quit-after-start", action="store_true", help=argparse.SUPPRESS)  # benchmark
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed for a picture
    # the core before Qt: once PySide6 is imported, it reads the source of every module imported
    # after it (to look for `from __feature__ import`), ≈30 ms for the core's ≈240 modules.
    # Both here, not at the top: --help stays fast.
    from . import paths  # noqa: I001 (the core first, on purpose: see above)
    from .core.facade import (  # no sqlite-utils at run time
        DatabaseProblem,
        Estimator,
        active_database,
    )

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .ui import fonts, i18n, preferences

    # the last session's choices, unless given here (a screenshot is always the same picture)
    saved = {} if args.screenshot else preferences.load()
    lang = args.lang or (saved.get("lang") if saved.get("lang") in ("zh", "en") else "zh")
    large = args.large_font or saved.get("large_font") is True

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("estimator-gui")
    fonts.load()
    fonts.apply(app, large=large)
    i18n.set_language(lang)

    # --db, else the active database: the user folder's after an import, else the bundled one
    db = Path(args.db) if args.db else active_database(paths.reference_db(), paths.user_data_dir())
    try:  # refused when missing, not a database, or stale against the sources it was built from
        # the page checksum (≈10 ms) runs just after the first paint: MainWindow.check_data
        estimator = Estimator.open(db, check_pages=False)
    except DatabaseProblem as exc:
        text = i18n.pick(exc.text_zh, exc.text_en)
        if args.screenshot or args.quit_after_start:
            print(f"estimator-gui: {text}", file=sys.stderr)
        else:
            QMessageBox.critical(None, QApplication.translate("Main", "Reference database"), text)
        return 2

    from .ui.main_window import MainWindow

    window = MainWindow(estimator)
    if large:
        window.set_large_font(True)
    if args.screenshot:
        from .ui.sample import load_sample

        load_sample(window)
        try:
            width, height = (int(x) for x in args.size.lower().split("x"))
        except ValueError:
            print(f"estimator-gui: --size: WIDTHxHEIGHT, not {args.size!r}", file=sys.stderr)
            return 2
        return 0 if save_screenshot(window, Path(args.screenshot), (width, height)) else 1
    window.show()
    QTimer.singleShot(0, window.check_data)  # after the first paint, before the user acts
    if args.quit_after_start:  # the benchmark: when the window became usable (wall clock)

        def usable() -> None:
            import time

            print(f"usable {time.time():.6f}", flush=True)
            app.quit()

        QTimer.singleShot(0, usable)  # after the first event-loop pass: the window is usable
    return app.exec()


def save_screenshot(window: object, path: Path, size: tuple[int, int] = (1440, 1000)) -> bool:
    from PySide6.QtWidgets import QApplication

    from .ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    window.compare()  # once more at the final size, so the table and chart fit it
    QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(path))
    window.close()
    return bool(ok)


if __name__ == "__main__":
    sys.exit(main())
