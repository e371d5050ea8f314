#!/usr/bin/env python3
"""Convert raw city-template TypeScript files to JSON (stdlib only, Python 3.11).

Source: public repository good9527/china-medical-insurance, files
``src/data/<province>/<city>.ts`` (one ``CityInsuranceData`` object per file) and
``src/data/correctionUpdates.ts`` (the repository's own correction log).

Inputs
------
* ``/work/pulls/city-params-raw/<province>/<city>.ts`` -- raw file texts, saved
  verbatim as read with the search tool ``read_file``.
* ``/work/pulls/city-params-raw/correctionUpdates.ts`` -- the correction log.
* ``/work/pulls/city-params-raw/_manifest.tsv`` -- one row per raw file:
  ``local`` (path under the raw folder), ``repo_path`` (path in the repository),
  ``commit`` (the commit that was read), ``total_chars`` (length reported by the
  reader; checked against the saved text, a mismatch aborts that file).

Outputs
-------
* ``/work/main/db/sources/national/<province>/<city>.json`` -- one file per city,
  converted exactly like the shared copy ``city-insurance-parameters-all``:
  ``_source`` first (``good9527/china-medical-insurance @ <commit> : <path>``),
  then every field of the exported object with its value unchanged (same key
  names, same nesting, same order; ``undefined`` -> ``null``; numbers keep their
  int/float kind, so ``1.0`` stays ``1.0`` and ``0.70`` becomes ``0.7``), then
  ``_comments`` (every ``//`` and ``/* */`` comment of the file, in order; block
  comments have their leading ``*`` stripped and their lines joined by a space).
  A municipality written as ``<p>/index.ts`` goes to ``<p>/<p>.json``.
  If a file spreads (``...x``) or references an object defined elsewhere, that
  object is read (same file, or the imported file under the raw folder) and
  inlined, and a ``_notes`` list says what was inlined from where.
* ``/work/main/db/sources/national/_corrections.json`` -- the correction log:
  ``_source``, ``_exportName`` (``CORRECTION_UPDATES_LOG``), ``value`` (the list
  of entries, unchanged), ``_comments`` and ``_notes``.

What is dropped
---------------
* ``import`` statements (type-only imports carry no data; value imports are
  resolved and inlined, see above).
* Type annotations (``: CityInsuranceData``), ``as const`` / ``as X`` /
  ``satisfies X`` suffixes, ``interface`` and ``type`` declarations (the
  ``CorrectionUpdateItem`` interface of the correction log is summarised in
  ``_notes`` instead).
* Province aggregator files ``<p>/index.ts`` that only import and re-export the
  city objects (no object literal with ``cityCode``): nothing to convert; they
  are skipped and listed in the run summary.

Usage: ``python3 convert_city_template_ts.py [--raw DIR] [--out DIR]``
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

REPO = "good9527/china-medical-insurance"
DEFAULT_RAW = Path("/work/pulls/city-params-raw")
DEFAULT_OUT = Path("/work/main/db/sources/national")


class TSParseError(Exception):
    pass


# --------------------------------------------------------------------------- lexer
PUNCT3 = ("...",)
PUNCT1 = set("{}[]():,;=.<>|&?!+-*/%")


def tokenize(src: str):
    """Return (tokens, comments). Tokens are (kind, text, value)."""
    toks, comments = [], []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c in " \t\r\n\ufeff":
            i += 1
            continue
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            comments.append(src[i + 2:j].strip())
            i = j
            continue
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            if j < 0:
                raise TSParseError("unterminated block comment")
            body = src[i + 2:j]
            if body.startswith("*"):
                body = body[1:]
            lines = []
            for ln in body.splitlines():
                ln = ln.strip()
                if ln.startswith("*"):
                    ln = ln[1:].strip()
                if ln:
                    lines.append(ln)
            comments.append(" ".join(lines))
            i = j + 2
            continue
        if c in "'\"`":
            j, buf = i + 1, []
            while True:
                if j >= n:
                    raise TSParseError("unterminated string")
                ch = src[j]
                if ch == "\\":
                    nxt = src[j + 1]
                    esc = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f",
                           "v": "\v", "0": "\0", "'": "'", '"': '"', "\\": "\\",
                           "`": "`", "\n": ""}
                    if nxt == "u":
                        if src[j + 2] == "{":
                            k = src.index("}", j)
                            buf.append(chr(int(src[j + 3:k], 16)))
                            j = k + 1
                        else:
                            buf.append(chr(int(src[j + 2:j + 6], 16)))
                            j += 6
                        continue
                    if nxt == "x":
                        buf.append(chr(int(src[j + 2:j + 4], 16)))
                        j += 4
                        continue
                    buf.append(esc.get(nxt, nxt))
                    j += 2
                    continue
                if c == "`" and src.startswith("${", j):
                    raise TSParseError("template literal with ${} interpolation is not supported")
                if ch == c:
                    break
                if ch == "\n" and c != "`":
                    raise TSParseError("newline in string literal")
                buf.append(ch)
                j += 1
            toks.append(("str", src[i:j + 1], "".join(buf)))
            i = j + 1
            continue
        m = re.compile(r"(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)").match(src, i)
        if c.isdigit() or (c == "." and i + 1 < n and src[i + 1].isdigit()):
            text = m.group(0)
            clean = text.replace("_", "")
            if clean.lower().startswith("0x"):
                val = int(clean, 16)
            elif any(ch in clean for ch in ".eE"):
                val = float(clean)
            else:
                val = int(clean)
            toks.append(("num", text, val))
            i = m.end()
            continue
        m = re.compile(r"[A-Za-z_$\u4e00-\u9fff][\w$\u4e00-\u9fff]*").match(src, i)
        if m:
            toks.append(("id", m.group(0), m.group(0)))
            i = m.end()
            continue
        if src.startswith("...", i):
            toks.append(("p", "...", "..."))
            i += 3
            continue
        if c in PUNCT1:
            toks.append(("p", c, c))
            i += 1
            continue
        raise TSParseError(f"unexpected character {c!r} at offset {i}")
    toks.append(("eof", "", None))
    return toks, comments


# -------------------------------------------------------------------------- parser
class Ref:
    """A reference to a named value (identifier) to be resolved later."""

    def __init__(self, name):
        self.name = name


class Spread:
    def __init__(self, target):
        self.target = target


class Parser:
    def __init__(self, toks):
        self.t = toks
        self.i = 0

    # helpers
    def peek(self, k=0):
        return self.t[min(self.i + k, len(self.t) - 1)]

    def next(self):
        tok = self.t[self.i]
        self.i += 1
        return tok

    def at(self, text, k=0):
        tok = self.peek(k)
        return tok[0] in ("p", "id") and tok[1] == text

    def expect(self, text):
        tok = self.next()
        if tok[1] != text:
            raise TSParseError(f"expected {text!r}, got {tok[1]!r}")
        return tok

    def skip_balanced(self, open_, close):
        depth = 0
        while True:
            tok = self.next()
            if tok[0] == "eof":
                raise TSParseError("unbalanced brackets")
            if tok[0] == "p" and tok[1] == open_:
                depth += 1
            elif tok[0] == "p" and tok[1] == close:
                depth -= 1
                if depth == 0:
                    return

    def skip_type(self, stops):
        """Skip a type expression until a top-level token in `stops`."""
        depth = 0
        while True:
            tok = self.peek()
            if tok[0] == "eof":
                return
            if tok[0] == "p" and tok[1] in "{[(<":
                depth += 1
            elif tok[0] == "p" and tok[1] in "}])>":
                if depth == 0:
                    return
                depth -= 1
            elif depth == 0 and tok[0] == "p" and tok[1] in stops:
                return
            self.next()

    # values
    def value(self):
        tok = self.peek()
        if tok[0] == "p" and tok[1] == "{":
            v = self.obj()
        elif tok[0] == "p" and tok[1] == "[":
            v = self.arr()
        elif tok[0] == "p" and tok[1] == "(":
            self.next()
            v = self.value()
            self.expect(")")
        elif tok[0] == "p" and tok[1] == "-":
            self.next()
            num = self.next()
            if num[0] != "num":
                raise TSParseError("expected number after '-'")
            v = -num[2]
        elif tok[0] == "str":
            self.next()
            v = tok[2]
        elif tok[0] == "num":
            self.next()
            v = tok[2]
        elif tok[0] == "id":
            self.next()
            name = tok[1]
            if name == "true":
                v = True
            elif name == "false":
                v = False
            elif name in ("null", "undefined"):
                v = None
            else:
                while self.at("."):  # dotted reference a.b.c
                    self.next()
                    name += "." + self.next()[1]
                v = Ref(name)
        else:
            raise TSParseError(f"unexpected token {tok[1]!r} in value")
        # suffixes: `as const`, `as Type`, `satisfies Type`, non-null `!`
        while True:
            if self.at("as") or self.at("satisfies"):
                self.next()
                self.skip_type(",;)]}")
                continue
            if self.at("!"):
                self.next()
                continue
            break
        return v

    def obj(self):
        self.expect("{")
        items = []  # list of (key, value) or Spread
        while not self.at("}"):
            if self.at("..."):
                self.next()
                items.append(Spread(self.value()))
            else:
                ktok = self.next()
                if ktok[0] in ("id", "str"):
                    key = ktok[2]
                elif ktok[0] == "num":
                    key = ktok[1]
                elif ktok[0] == "p" and ktok[1] == "[":
                    raise TSParseError("computed keys are not supported")
                else:
                    raise TSParseError(f"bad object key {ktok[1]!r}")
                if self.at("?"):
                    self.next()
                if self.at(":"):
                    self.next()
                    items.append((key, self.value()))
                else:  # shorthand property
                    items.append((key, Ref(key)))
            if self.at(","):
                self.next()
            elif not self.at("}"):
                raise TSParseError(f"expected ',' or '}}' in object, got {self.peek()[1]!r}")
        self.expect("}")
        return ("obj", items)

    def arr(self):
        self.expect("[")
        items = []
        while not self.at("]"):
            if self.at("..."):
                self.next()
                items.append(Spread(self.value()))
            else:
                items.append(self.value())
            if self.at(","):
                self.next()
            elif not self.at("]"):
                raise TSParseError(f"expected ',' or ']' in array, got {self.peek()[1]!r}")
        self.expect("]")
        return ("arr", items)

    # module
    def module(self):
        """Return dict with consts, exports (ordered names), imports, reexports, skipped."""
        mod = {"consts": {}, "exports": [], "imports": {}, "reexports": [],
               "default": None, "skipped": []}
        while self.peek()[0] != "eof":
            if self.at(";"):
                self.next()
                continue
            exported = False
            if self.at("export"):
                self.next()
                exported = True
                if self.at("default"):
                    self.next()
                    mod["default"] = self.value()
                    if self.at(";"):
                        self.next()
                    continue
                if self.at("{"):  # export { a, b } [from '...']
                    self.next()
                    names = []
                    while not self.at("}"):
                        nm = self.next()[1]
                        if self.at("as"):
                            self.next()
                            nm = (nm, self.next()[1])
                        names.append(nm)
                        if self.at(","):
                            self.next()
                    self.expect("}")
                    if self.at("from"):
                        self.next()
                        self.next()
                    mod["reexports"].extend(names)
                    if self.at(";"):
                        self.next()
                    continue
            if self.at("import"):
                self.next()
                type_only = False
                if self.at("type"):
                    self.next()
                    type_only = True
                names = []
                if self.at("{"):
                    self.next()
                    while not self.at("}"):
                        if self.at("type"):
                            self.next()
                        nm = self.next()[1]
                        local = nm
                        if self.at("as"):
                            self.next()
                            local = self.next()[1]
                        names.append((nm, local))
                        if self.at(","):
                            self.next()
                    self.expect("}")
                elif self.at("*"):
                    self.next()
                    self.expect("as")
                    local = self.next()[1]
                    names.append(("*", local))
                elif self.peek()[0] == "id":
                    local = self.next()[1]
                    names.append(("default", local))
                self.expect("from")
                path = self.next()[2]
                if not type_only:
                    for nm, local in names:
                        mod["imports"][local] = (path, nm)
                if self.at(";"):
                    self.next()
                continue
            if self.at("const") or self.at("let") or self.at("var"):
                self.next()
                name = self.next()[1]
                if self.at(":"):
                    self.next()
                    self.skip_type("=")
                self.expect("=")
                mod["consts"][name] = self.value()
                if exported:
                    mod["exports"].append(name)
                if self.at(";"):
                    self.next()
                continue
            if self.at("interface") or self.at("type") or self.at("function") or \
                    self.at("enum") or self.at("declare") or self.at("class"):
                kw = self.peek()[1]
                nm = self.peek(1)[1]
                mod["skipped"].append(f"{kw} {nm}")
                self.next()
                if kw == "type":
                    self.skip_type(";")
                    if self.at(";"):
                        self.next()
                else:
                    while not self.at("{"):
                        self.next()
                    self.skip_balanced("{", "}")
                continue
            raise TSParseError(f"unsupported top-level token {self.peek()[1]!r}")
        return mod


# ------------------------------------------------------------------------ resolver
class Resolver:
    def __init__(self, raw_dir: Path):
        self.raw = raw_dir
        self.cache = {}
        self.notes = []

    def load(self, path: Path):
        path = path.resolve()
        if path not in self.cache:
            if not path.exists():
                raise TSParseError(f"imported file not available locally: {path}")
            toks, comments = tokenize(path.read_text(encoding="utf-8"))
            self.cache[path] = (Parser(toks).module(), comments)
        return self.cache[path]

    def lookup(self, name, mod, here: Path, stack=()):
        base, *rest = name.split(".")
        if base in mod["consts"]:
            val = self.build(mod["consts"][base], mod, here, stack + (name,))
        elif base in mod["imports"]:
            spec, orig = mod["imports"][base]
            if not spec.startswith("."):
                raise TSParseError(f"non-relative import {spec!r} cannot be resolved")
            target = (here.parent / spec)
            if target.suffix != ".ts":
                cand = [target.with_suffix(".ts"), target / "index.ts"]
                target = next((c for c in cand if c.exists()), cand[0])
            omod, _ = self.load(target)
            if orig == "default":
                raw = omod["default"]
            elif orig == "*":
                raise TSParseError("namespace imports are not supported")
            else:
                raw = omod["consts"].get(orig)
                if raw is None:
                    raise TSParseError(f"{orig} not found in {target}")
            val = self.build(raw, omod, target, stack + (name,))
            self.notes.append(f"inlined `{base}` from {target.relative_to(self.raw)}")
        else:
            raise TSParseError(f"unresolved identifier {name!r}")
        for part in rest:
            val = val[part]
        return val

    def build(self, node, mod, here: Path, stack=()):
        if isinstance(node, Ref):
            if node.name in stack:
                raise TSParseError(f"circular reference {node.name}")
            return self.lookup(node.name, mod, here, stack)
        if isinstance(node, tuple) and node and node[0] == "obj":
            out = {}
            for item in node[1]:
                if isinstance(item, Spread):
                    src = self.build(item.target, mod, here, stack)
                    if not isinstance(src, dict):
                        raise TSParseError("object spread of a non-object")
                    tname = item.target.name if isinstance(item.target, Ref) else "<literal>"
                    self.notes.append(f"object spread `...{tname}` inlined")
                    out.update(src)
                else:
                    k, v = item
                    out[k] = self.build(v, mod, here, stack)
            return out
        if isinstance(node, tuple) and node and node[0] == "arr":
            out = []
            for item in node[1]:
                if isinstance(item, Spread):
                    src = self.build(item.target, mod, here, stack)
                    if not isinstance(src, list):
                        raise TSParseError("array spread of a non-array")
                    tname = item.target.name if isinstance(item.target, Ref) else "<literal>"
                    self.notes.append(f"array spread `...{tname}` inlined")
                    out.extend(src)
                else:
                    out.append(self.build(item, mod, here, stack))
            return out
        return node


# -------------------------------------------------------------------------- driver
def convert_file(path: Path, raw_dir: Path, repo_path: str, commit: str):
    """Return (kind, payload). kind is 'city', 'other' or 'aggregator'."""
    text = path.read_text(encoding="utf-8")
    toks, comments = tokenize(text)
    mod = Parser(toks).module()
    res = Resolver(raw_dir)
    res.cache[path.resolve()] = (mod, comments)
    source = f"{REPO} @ {commit} : {repo_path}"
    exports = mod["exports"]
    built = {name: res.build(mod["consts"][name], mod, path, (name,)) for name in exports}
    city = [n for n in exports if isinstance(built[n], dict) and "cityCode" in built[n]]
    notes = list(dict.fromkeys(res.notes))
    if len(city) == 1 and len(exports) == 1:
        out = {"_source": source}
        out.update(built[city[0]])
        out["_comments"] = comments
        if notes:
            out["_notes"] = notes
        return "city", out
    if not exports and (mod["reexports"] or mod["imports"]) and mod["default"] is None:
        return "aggregator", None
    if exports and not city and all(isinstance(built[n], list) for n in exports) and \
            all(isinstance(x, dict) and "cityCode" in x for n in exports for x in built[n]):
        return "aggregator", None
    out = {"_source": source}
    if len(exports) == 1:
        out["_exportName"] = exports[0]
        out["value"] = built[exports[0]]
    else:
        out["_exports"] = built
    out["_comments"] = comments
    if mod["skipped"]:
        notes.append("dropped TypeScript declarations: " + ", ".join(mod["skipped"]))
    if notes:
        out["_notes"] = notes
    return "other", out


def dump(obj, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--raw", type=Path, default=DEFAULT_RAW)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    manifest = args.raw / "_manifest.tsv"
    rows = list(csv.DictReader(manifest.open(encoding="utf-8"), delimiter="\t"))
    written, skipped, failed = [], [], []
    for row in rows:
        local = args.raw / row["local"]
        text = local.read_text(encoding="utf-8")
        if row.get("total_chars") and len(text) != int(row["total_chars"]):
            failed.append((row["local"], f"length {len(text)} != reported {row['total_chars']}"))
            continue
        try:
            kind, payload = convert_file(local, args.raw, row["repo_path"], row["commit"])
        except (TSParseError, KeyError, ValueError) as exc:
            failed.append((row["local"], str(exc)))
            continue
        rel = Path(row["local"])
        if rel.name == "correctionUpdates.ts":
            notes = payload.setdefault("_notes", [])
            notes.append("CorrectionUpdateItem fields: id, city, province (optional), type, date "
                         "(MM-DD, year not given), desc, doc, status (optional). This is the "
                         "repository's change log; it was NOT applied to the city files.")
            dest = args.out / "_corrections.json"
        elif kind == "aggregator":
            skipped.append((row["local"], "province aggregator (imports/re-exports only)"))
            continue
        elif kind != "city":
            failed.append((row["local"], "file does not export a single city object"))
            continue
        elif rel.name == "index.ts":  # municipality stored in <p>/index.ts
            dest = args.out / rel.parent / f"{rel.parent.name}.json"
        else:
            dest = args.out / rel.with_suffix(".json")
        dump(payload, dest)
        written.append(str(dest))
    print(f"written: {len(written)}")
    for w in written:
        print("  ", w)
    for s, why in skipped:
        print(f"skipped: {s} ({why})")
    for f, why in failed:
        print(f"FAILED: {f}: {why}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
