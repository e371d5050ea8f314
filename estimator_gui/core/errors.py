"""The errors a user can meet, in one light module (the window imports it at start-up): a source
file that is wrong (naming the file, row or key, and column), a reference database that cannot be
used (naming the file, the cause and the fix), a scenario file or a case file that is wrong, a
local correction or a correction pack that is refused."""

from __future__ import annotations

from pathlib import Path


class SourceError(ValueError):
    """A source file is wrong; the message names the file, the row or key, and the column."""

    def __init__(self, file: str, where: str, message: str) -> None:
        self.file, self.where, self.message = file, where, message
        super().__init__(f"{file}: {where}: {message}" if where else f"{file}: {message}")


class ScenarioError(ValueError):
    """A scenario file is wrong: one line naming the file and the field, in English and Chinese
    (`text_en`, `text_zh`; str() is the English)."""

    def __init__(self, en: str, zh: str | None = None) -> None:
        self.text_en, self.text_zh = en, zh or en
        super().__init__(en)

    def text(self, lang: str) -> str:
        return self.text_zh if lang == "zh" else self.text_en


class CaseFileError(ValueError):
    """A case file or stored case cannot be read: says why, in both languages."""

    def __init__(self, en: str, zh: str) -> None:
        self.text_en, self.text_zh = en, zh
        super().__init__(en)


class CorrectionError(ValueError):
    """A local correction or a correction pack is refused, and nothing changed: names the field
    (or the pack's file) and says why, in both languages."""

    def __init__(self, field: str, en: str, zh: str) -> None:
        self.field, self.reason_en, self.reason_zh = field, en, zh
        self.text_en = f"{field}: {en}" if field else en
        self.text_zh = f"{field}：{zh}" if field else zh
        super().__init__(self.text_en)

    def text(self, lang: str) -> str:
        return self.text_zh if lang == "zh" else self.text_en


FIX = "estimator build-db"


class DatabaseProblem(RuntimeError):
    """The reference database cannot be used: says which file, why, and what fixes it (one line).

    Subclasses say the kind of cause, so the window can word its dialog: missing, unreadable
    (permission), damaged, outdated (stale, another schema version or shape), or unwritable (the
    build cannot write it)."""

    cause = "unusable"

    def __init__(
        self,
        en: str,
        zh: str,
        *,
        fix_en: str | None = None,
        fix_zh: str | None = None,
        path: Path | None = None,
    ) -> None:
        self.path = path
        self.reason_en, self.reason_zh = en, zh
        self.fix_en = fix_en or f"run `{FIX}`"
        self.fix_zh = fix_zh or f"运行 `{FIX}`"
        self.text_en = f"{en}. Fix: {self.fix_en}"
        self.text_zh = f"{zh}。解决办法：{self.fix_zh}"
        super().__init__(self.text_en)

    def text(self, lang: str) -> str:
        return self.text_zh if lang == "zh" else self.text_en


class DatabaseMissing(DatabaseProblem):
    """There is no database file at the path (or a folder is there)."""

    cause = "missing"


class DatabaseUnreadable(DatabaseProblem):
    """The file exists but this user may not read it: rebuilding does not help."""

    cause = "unreadable"


class DatabaseDamaged(DatabaseProblem):
    """The file is not an intact reference database: rebuild it or restore a copy."""

    cause = "damaged"


class DatabaseOutdated(DatabaseProblem):
    """The database is stale against its sources, or of another schema version or shape."""

    cause = "outdated"


class DatabaseUnwritable(DatabaseProblem):
    """The build cannot write the database where it was asked to."""

    cause = "unwritable"
