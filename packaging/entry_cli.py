"""The desktop bundle's entry point for the command line `estimator`.

The bundle carries its reference database but neither db/sources nor the libraries that build it
(sqlite-utils, pypinyin), so `build-db` is answered with the way to run it instead of a traceback.
"""

import sys

from estimator_gui.cli import main

BUILD_ONLY = ("build-db",)

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in BUILD_ONLY:
        print(
            f"estimator: 错误: 安装包不含 {sys.argv[1]}（参考数据库已在包内）；请在源码目录运行 "
            "`python3 -m pip install -e . && estimator build-db`\n"
            f"estimator: error: {sys.argv[1]} is not in the bundle (it carries its database); "
            "run it in a checkout: `python3 -m pip install -e . && estimator build-db`",
            file=sys.stderr,
        )
        sys.exit(2)
    sys.exit(main())
