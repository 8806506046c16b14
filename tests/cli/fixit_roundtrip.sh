#!/usr/bin/env bash
# kcrc explain --fixit, applied: for each case of fixtures/kabi-fixit/ (a
# header v1.h -> v2.h, a source, and `expect`), gcc builds v1, v2 and the
# fixed object (v2 with every suggested macro applied as its "where" says:
# the line marked /* FIXIT */ replaced by the member macros, the rules
# appended to the header); kcrc gen --stable versions them; the fixed CRC of
# the export must equal v1's. `expect` names the fixits (safe or not, in
# order), notes and changes that must appear, and the round trip:
#   crc            the fixed object's CRC of the export equals v1's
#   record KEY     the fixed object's record KEY equals v1's (the CRC may not)
#   stable         the records were made without --stable (`stable no`): v2
#                  built with --stable has v1's CRC
#   none           no fixit (nothing else is checked)
#   differs MACRO  applying MACRO at the marker does NOT give v1's CRC
# Usage: fixit_roundtrip.sh KCRC SOURCE_DIR
set -uo pipefail
kcrc=$1
src=$2
command -v gcc >/dev/null || { echo "skipped: gcc not installed"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: python3 not installed"; exit 77; }
exec python3 - "$kcrc" "$src" <<'EOF'
import json, os, shutil, subprocess, sys, tempfile

kcrc, src = sys.argv[1], sys.argv[2]
cases_dir = os.path.join(src, "fixtures", "kabi-fixit")
kabi_h = os.path.join(src, "fixtures", "kabi")
failures = []


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def build(work, name, header, source, stable, symbol):
    """Compiles source with header as api.h; returns (crc line, symtypes path)."""
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "api.h"), "w") as f:
        f.write(header)
    with open(os.path.join(d, "src.c"), "w") as f:
        f.write(source)
    obj = os.path.join(d, "obj.o")
    r = run(["gcc", "-g", "-c", "-I", kabi_h, "-I", d, os.path.join(d, "src.c"), "-o", obj])
    if r.returncode != 0:
        raise RuntimeError(f"gcc failed on {name}:\n{header}\n{r.stderr}")
    symtypes = os.path.join(d, "obj.symtypes")
    r = run([kcrc, "gen"] + (["--stable"] if stable else []) + ["-T", symtypes, obj],
            input=symbol + "\n")
    if r.returncode != 0:
        raise RuntimeError(f"kcrc gen failed on {name}: {r.stderr}")
    return r.stdout.strip(), symtypes


def record(symtypes, key):
    with open(symtypes) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition(" ")
            if k == key:
                return v
    return None


def apply(header, fixits):
    """The header with member fixits at the marker and rules at the end."""
    members = [f["macro"] for f in fixits if f["place"].startswith("in place of")]
    rules = [f["macro"] for f in fixits if not f["place"].startswith("in place of")]
    lines = header.splitlines()
    if members:
        marked = [i for i, l in enumerate(lines) if "/* FIXIT */" in l]
        if len(marked) != 1:
            raise RuntimeError("expected one /* FIXIT */ line")
        lines[marked[0]] = " ".join(members)
    return "\n".join(lines + rules) + "\n"


def check(case):
    d = os.path.join(cases_dir, case)
    read = lambda n: open(os.path.join(d, n)).read()
    expect = [l.rstrip("\n") for l in read("expect").splitlines() if l and not l.startswith("#")]
    symbol = next(l.split(" ", 1)[1] for l in expect if l.startswith("symbol "))
    stable = "stable no" not in expect
    v1_src = read("v1.c") if os.path.exists(os.path.join(d, "v1.c")) else read("src.c")
    v2_src = read("v2.c") if os.path.exists(os.path.join(d, "v2.c")) else read("src.c")
    v1_header, v2_header = read("v1.h"), read("v2.h")
    errors = []
    with tempfile.TemporaryDirectory() as work:
        v1_crc, v1_types = build(work, "v1", v1_header, v1_src, stable, symbol)
        v2_crc, v2_types = build(work, "v2", v2_header, v2_src, stable, symbol)
        if v1_crc == v2_crc:
            errors.append(f"v1 and v2 have the same CRC: {v1_crc}")
        r = run([kcrc, "explain", "--fixit", "--format=json", symbol, v1_types, v2_types])
        if r.returncode != 1:
            errors.append(f"explain exited {r.returncode}: {r.stderr}")
            return errors
        x = json.loads(r.stdout)
        causes = {c["key"]: c for c in x["causes"]}
        # The expectations, cause by cause (the only cause when none is named).
        current = None
        wanted = {}
        for line in expect:
            word, _, rest = line.partition(" ")
            if word == "cause":
                current = rest
                wanted.setdefault(current, [])
            elif word in ("fixit", "note", "change"):
                wanted.setdefault(current, []).append((word, rest))
        if None in wanted:
            if len(causes) != 1:
                errors.append(f"expected one cause, got {sorted(causes)}")
                return errors
            wanted[next(iter(causes))] = wanted.pop(None)
        all_fixits = []
        for key, items in wanted.items():
            cause = causes.get(key)
            if cause is None:
                errors.append(f"no cause {key} (have {sorted(causes)})")
                continue
            fixits = cause["fixits"]
            all_fixits += fixits
            expected_fixits = [rest for word, rest in items if word == "fixit"]
            got = [f"{'safe' if f['safe'] else 'unsafe'} {f['macro']}" for f in fixits]
            if len(got) != len(expected_fixits) or not all(
                    g.startswith(e) for g, e in zip(got, expected_fixits)):
                errors.append(f"{key}: fixits\n  got:      {got}\n  expected: {expected_fixits}")
            for word, rest in items:
                if word == "note" and not any(rest in n for n in cause["notes"]):
                    errors.append(f"{key}: no note containing {rest!r}: {cause['notes']}")
                if word == "change" and not any(
                        rest == c["description"] for c in cause["changes"]):
                    errors.append(f"{key}: no change {rest!r}: "
                                  f"{[c['description'] for c in cause['changes']]}")
        roundtrip = next((l.split(" ", 1)[1] for l in expect if l.startswith("roundtrip ")), "crc")
        if roundtrip == "stable":
            stable_v1, _ = build(work, "v1s", v1_header, v1_src, True, symbol)
            stable_v2, _ = build(work, "v2s", v2_header, v2_src, True, symbol)
            if stable_v1 != stable_v2:
                errors.append(f"with --stable: {stable_v1} != {stable_v2}")
        elif roundtrip != "none":
            fixed_crc, fixed_types = build(work, "fixed", apply(v2_header, all_fixits), v2_src,
                                           stable, symbol)
            if roundtrip == "crc" and fixed_crc != v1_crc:
                errors.append(f"fixed CRC {fixed_crc}, v1 {v1_crc}")
            if roundtrip.startswith("record "):
                key = roundtrip.split(" ", 1)[1]
                if record(fixed_types, key) != record(v1_types, key):
                    errors.append(f"fixed {key} differs from v1's")
        for line in expect:
            if line.startswith("differs "):
                macro = line.split(" ", 1)[1]
                place = "in place of the marked member"
                wrong_crc, _ = build(work, "wrong", apply(v2_header, [{"macro": macro, "place": place}]),
                                     v2_src, stable, symbol)
                if wrong_crc == v1_crc:
                    errors.append(f"{macro} gives v1's CRC after all")
    return errors


cases = sorted(c for c in os.listdir(cases_dir) if os.path.isdir(os.path.join(cases_dir, c)))
for case in cases:
    try:
        errors = check(case)
    except RuntimeError as e:
        errors = [str(e)]
    for e in errors:
        failures.append(f"{case}: {e}")
for f in failures:
    print("FAIL:", f, file=sys.stderr)
if failures:
    print(f"fixit_roundtrip: {len(failures)} failure(s) in {len(cases)} cases", file=sys.stderr)
    sys.exit(1)
print(f"fixit_roundtrip: ok ({len(cases)} cases)")
EOF
