#!/usr/bin/env python3
"""Differential oracle for retort's revision graph: asks the real Alembic.

Generates a seeded corpus of random revision graphs, writes each one as real revision files into a
temporary directory, loads it with Alembic's own ``ScriptDirectory`` and records what Alembic
answers: heads, bases, labels, history order, identifier resolution, upgrade / downgrade / stamp
plans and the version-table rows each step writes (``HeadMaintainer`` against a context that records
the statements instead of running them), and every error as exception class plus message.

Alembic's answers sometimes depend on the iteration order of Python sets of strings, which changes
with ``PYTHONHASHSEED``. Every query is therefore evaluated in separate processes under several hash
seeds; a query whose answers differ is stored as order-unstable, with every distinct answer, and
the Java replay compares it as sets only.

Run it with the Python that has Alembic installed (see README.md next to this file):

    /tmp/alembic-venv/bin/python retort-core/src/test/alembic-oracle/generate.py

The script is ours; it imports Alembic but copies none of its code.
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import warnings

DEFAULT_OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "resources", "alembic-oracle", "corpus.json"
)
# Sixteen seeds: with eight, a two-element set came out in the same order in all of them once.
HASH_SEEDS = list(range(16))


# --------------------------------------------------------------------------------------------
# graph generation (pure: depends only on the seeded random.Random, never on set order)


def make_ids(rng, n):
    """n distinct revision ids in one of several styles, some short, some sharing prefixes."""
    style = rng.choice(["hex", "hex", "short", "mixed", "prefixed", "words"])
    ids = []
    seen = set()

    def add(candidate):
        if candidate not in seen and candidate not in ("head", "heads", "base", "current"):
            seen.add(candidate)
            ids.append(candidate)
            return True
        return False

    stems = ["%04x" % rng.getrandbits(16) for _ in range(3)] + ["user", "acct"]
    while len(ids) < n:
        kind = style
        if style == "mixed":
            kind = rng.choice(["hex", "short", "prefixed", "words"])
        if kind == "hex":
            add("%012x" % rng.getrandbits(48) if rng.random() < 0.8 else "%011x" % rng.getrandbits(44))
        elif kind == "short":
            letters = "abcdefgh"
            length = rng.choice([1, 2, 2, 3])
            add("".join(rng.choice(letters + "0123456789") if i else rng.choice(letters) for i in range(length)))
        elif kind == "prefixed":
            stem = rng.choice(stems)
            add(stem + "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice([0, 1, 1, 2, 4, 8]))))
        else:
            word = rng.choice(["user", "acct", "orders", "item", "ledger", "ab", "x"])
            suffix = rng.choice(["", "_foo", "_bar", "_2", "s", "_index", str(rng.randint(0, 99))])
            add(word + suffix)
    return ids


LABEL_WORDS = ["lib", "shop", "net", "core", "feature", "acct", "reports", "b_1", "b_2", "zz"]


def make_graph(rng, n):
    """A random DAG of n revisions, in generation (topological) order."""
    ids = make_ids(rng, n)
    revs = []
    labels_taken = set()
    for i, rid in enumerate(ids):
        heads = [r["id"] for r in revs if not any(r["id"] in o["down"] for o in revs)]
        down = []
        if i > 0 and rng.random() > 0.12:
            roll = rng.random()
            if roll < 0.5 or len(revs) < 2:
                # continue a line: usually the latest head
                down = [heads[-1] if rng.random() < 0.7 else rng.choice(heads)]
            elif roll < 0.75:
                # branch from anywhere
                down = [rng.choice(revs)["id"]]
            elif roll < 0.97 and len(heads) >= 2:
                down = rng.sample(heads, 3 if len(heads) >= 3 and rng.random() < 0.3 else 2)
            else:
                down = rng.sample([r["id"] for r in revs], 2)
        labels = []
        if rng.random() < 0.14:
            for _ in range(2 if rng.random() < 0.15 else 1):
                word = rng.choice(LABEL_WORDS)
                if rng.random() < 0.2:
                    # a label sharing a prefix with an id makes prefix lookups interesting
                    word = rid[: max(4, len(rid) - 1)] + "z"
                if rng.random() < 0.3:
                    word += str(rng.randint(1, 9))
                if word not in labels_taken and word not in ids:
                    labels_taken.add(word)
                    labels.append(word)
        deps = []
        if i > 0 and rng.random() < 0.18:
            count = 2 if rng.random() < 0.3 else 1
            for _ in range(count):
                target = rng.choice(revs)
                if target["labels"] and rng.random() < 0.35:
                    dep = rng.choice(target["labels"])
                else:
                    dep = target["id"]
                if dep not in deps:
                    deps.append(dep)
        revs.append({"id": rid, "down": down, "labels": labels, "deps": deps})
    return revs


def break_graph(rng, revs):
    """Turns a valid graph into one Alembic refuses to load; returns the kind of damage."""
    kind = rng.choice(["cycle", "self_loop", "dep_self_loop", "dep_cycle", "dup_label", "label_is_id"])
    if len(revs) < 3 and kind in ("cycle", "dep_cycle"):
        kind = "self_loop"
    if kind == "cycle":
        lo, hi = sorted(rng.sample(range(len(revs)), 2))
        revs[lo]["down"] = revs[lo]["down"] + [revs[hi]["id"]]
        # a revision's descendants are only known later: make hi descend from lo through its parents
        revs[hi]["down"] = [revs[lo]["id"]] + [d for d in revs[hi]["down"] if d != revs[lo]["id"]]
    elif kind == "self_loop":
        r = rng.choice(revs)
        r["down"] = r["down"] + [r["id"]]
    elif kind == "dep_self_loop":
        r = rng.choice(revs)
        r["deps"] = r["deps"] + [r["id"]]
    elif kind == "dep_cycle":
        lo, hi = sorted(rng.sample(range(len(revs)), 2))
        revs[hi]["down"] = [revs[lo]["id"]] + [d for d in revs[hi]["down"] if d != revs[lo]["id"]]
        revs[lo]["deps"] = revs[lo]["deps"] + [revs[hi]["id"]]
    elif kind == "dup_label" and len(revs) > 1:
        a, b = rng.sample(revs, 2)
        a["labels"] = a["labels"] + ["dupe"]
        b["labels"] = b["labels"] + ["dupe"]
    else:
        kind = "label_is_id"
        r = rng.choice(revs)
        other = rng.choice(revs)
        r["labels"] = r["labels"] + [other["id"]]
    return kind


def map_order(rng, revs):
    """The order Alembic loads the files in: generation order, sorted by id (Alembic's default
    file names start with the id) or shuffled."""
    roll = rng.random()
    if roll < 0.4:
        return "generation", list(revs)
    if roll < 0.8:
        return "sorted", sorted(revs, key=lambda r: r["id"])
    shuffled = list(revs)
    rng.shuffle(shuffled)
    return "shuffled", shuffled


# --------------------------------------------------------------------------------------------
# Alembic access


def alembic_script_directory(revs, workdir):
    """A real ScriptDirectory over revision files written in map order."""
    from alembic.script import ScriptDirectory

    versions = os.path.join(workdir, "versions")
    os.makedirs(versions)
    for index, rev in enumerate(revs):
        with open(os.path.join(versions, "r%03d_%s.py" % (index, rev["id"])), "w") as f:
            f.write('"""revision %s"""\n' % rev["id"])
            f.write("revision = %r\n" % rev["id"])
            f.write("down_revision = %r\n" % (as_scalar(rev["down"]),))
            f.write("branch_labels = %r\n" % (tuple(rev["labels"]) or None,))
            f.write("depends_on = %r\n" % (as_scalar(rev["deps"]),))
            f.write("\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n")
    return ScriptDirectory(workdir)


def as_scalar(values):
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return tuple(values)


class RecordingImpl:
    """Stands in for the dialect implementation: keeps the version-table statements as text."""

    def __init__(self):
        self.statements = []

    def _exec(self, construct):
        self.statements.append(str(construct))
        return None


class RecordingContext:
    as_sql = True
    version_table = "alembic_version"

    def __init__(self):
        from sqlalchemy import Column, MetaData, String, Table

        self.impl = RecordingImpl()
        self._version = Table(
            "alembic_version", MetaData(), Column("version_num", String(32), nullable=False)
        )


INSERT = re.compile(r"INSERT INTO alembic_version \(version_num\) VALUES \('(\w+)'\)")
DELETE = re.compile(r"DELETE FROM alembic_version WHERE alembic_version.version_num = '(\w+)'")
UPDATE = re.compile(
    r"UPDATE alembic_version SET version_num='(\w+)' WHERE alembic_version.version_num = '(\w+)'"
)


def change_of(statement):
    statement = " ".join(statement.split())
    m = INSERT.fullmatch(statement)
    if m:
        return "I:" + m.group(1)
    m = DELETE.fullmatch(statement)
    if m:
        return "D:" + m.group(1)
    m = UPDATE.fullmatch(statement)
    if m:
        return "U:%s>%s" % (m.group(2), m.group(1))
    raise ValueError("unexpected statement " + statement)


def error_of(exc):
    """Exception class and message; for a CommandError wrapping a RevisionError (as every
    ScriptDirectory method does) the wrapped one's, which says more."""
    cause = exc.__cause__
    if type(exc).__name__ == "CommandError" and cause is not None:
        exc = cause
    return {"err": type(exc).__name__, "msg": str(exc)[:300]}


def rev_ids(revisions):
    out = []
    for r in revisions:
        if r is None:
            out.append(None)
        elif isinstance(r, str):
            out.append(r)
        else:
            out.append(r.revision)
    return out


def apply_steps(script, steps, rows, describe):
    """Runs HeadMaintainer over the steps; records each step and the rows it changes."""
    from alembic.runtime.migration import HeadMaintainer

    context = RecordingContext()
    maintainer = HeadMaintainer(context, rows)
    recorded = []
    for index, step in enumerate(steps):
        before = len(context.impl.statements)
        entry = describe(step)
        try:
            maintainer.update_to_step(step)
        except Exception as exc:  # Alembic's own asserts and KeyErrors end the run
            # the plan is still worth comparing: list the steps that were not applied, bare
            recorded += [describe(rest) for rest in steps[index:]]
            return {"steps": recorded, "headsFailedAt": index, "headsError": error_of(exc)}
        entry += "|" + ",".join(change_of(s) for s in context.impl.statements[before:])
        recorded.append(entry)
    return {"steps": recorded, "heads": sorted(maintainer.heads)}


def run_query(script, q):
    kind = q["k"]
    if kind == "revs":
        return rev_ids(script.get_revisions(q["id"]))
    if kind == "one":
        r = script.get_revision(q["id"])
        return None if r is None else r.revision
    if kind == "hist":
        return rev_ids(script.walk_revisions(base=q["base"], head=q["head"]))
    if kind == "cur":
        return sorted(rev_ids(script.get_all_current(tuple(q["rows"]))), key=str)
    if kind == "iter":
        upper = tuple(q["upper"]) if isinstance(q["upper"], list) else q["upper"]
        lower = tuple(q["lower"]) if isinstance(q["lower"], list) else q["lower"]
        return rev_ids(
            script.revision_map.iterate_revisions(
                upper,
                lower,
                implicit_base=q["implicitBase"],
                inclusive=q["inclusive"],
                assert_relative_length=q["assertRelativeLength"],
                select_for_downgrade=q["selectForDowngrade"],
            )
        )
    rows = tuple(q["rows"])
    if kind == "up":
        steps = script._upgrade_revs(q["target"], rows)
        return apply_steps(script, steps, rows, lambda s: s.revision.revision)
    if kind == "down":
        steps = script._downgrade_revs(q["target"], rows)
        return apply_steps(script, steps, rows, lambda s: s.revision.revision)
    if kind == "stamp":
        steps = script._stamp_revs(tuple(q["targets"]), rows)
        return apply_steps(
            script,
            steps,
            rows,
            lambda s: "%s>%s:%s%s"
            % (
                " ".join(s.from_revisions),
                " ".join(s.to_revisions),
                "up" if s.is_upgrade else "down",
                ":branch" if s.branch_move else "",
            ),
        )
    raise ValueError(kind)


class Timeout(Exception):
    """Alembic did not answer within the time limit (its topological sort can loop forever)."""


def _alarm(signum, frame):
    raise Timeout("no answer within %d seconds" % QUERY_SECONDS)


QUERY_SECONDS = 5


def answer(script, q):
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(QUERY_SECONDS)
    try:
        return {"r": run_query(script, q)}
    except Exception as exc:
        return error_of(exc)
    finally:
        signal.alarm(0)


IDENT_FIELDS = ("id", "target", "base", "head", "upper", "lower")


def substituted(q, old, new):
    """The query with every identifier token `old` replaced by `new` (in 'old', 'x@old', 'old+1')."""
    # not after '+' or '-': there a number is a step count, not an id
    token = re.compile(r"(?<![\w+-])%s(?![\w])" % re.escape(old))
    out = dict(q)
    for field in IDENT_FIELDS + ("targets", "rows"):
        value = out.get(field)
        if isinstance(value, str):
            out[field] = token.sub(new, value)
        elif isinstance(value, list):
            out[field] = [token.sub(new, v) for v in value]
    return out


def answer_with_alternatives(script, q, depth=0):
    """Alembic's answer, plus -- where retort deliberately answers instead of failing -- Alembic's
    answer to the question retort takes the query to mean:

    * "sameRevision": the prefix is "ambiguous" only between keys naming one revision (its id and a
      branch label it declares); retort resolves it to that revision, so ask with a longer prefix of
      its id that is unambiguous (still a prefix, which 'x@' lower ends care about).
    * "asBase": a relative identifier walks exactly down to base where Alembic then fails an
      internal assertion (the upper end of upgrade, history and iterate; a stamp destination; its
      downgrade accepts it); retort reads it as 'base', so ask with 'base'.

    Both are compared in AlembicOracleTest instead of the failure; they may nest. Where a prefix has
    no unambiguous longer form and stands before '@' in a lower end, "prefixOfOneRevision" marks that
    Alembic cannot be asked; retort must then fail as well.
    """
    result = answer(script, q)
    if depth > 2:
        return result
    rmap = script.revision_map
    if result.get("err") == "ResolutionError":
        token = one_revision_prefix(rmap, q, result["msg"])
        if token is not None:
            prefix, revision = token
            longer = unique_prefix(rmap, revision, len(prefix))
            lower = q.get("base") if q["k"] == "hist" else q.get("lower")
            branch, at, _ = lower.partition("@") if isinstance(lower, str) else ("", "", "")
            if longer == revision and at and branch == prefix:
                # no longer prefix is unambiguous, and in 'x@' as the lower end an exact id means
                # something else than a prefix: Alembic cannot be asked; retort must fail too
                result["prefixOfOneRevision"] = True
            else:
                result["sameRevision"] = answer_with_alternatives(script, substituted(q, prefix, longer), depth + 1)
    if result.get("err") == "AssertionError" and q["k"] == "stamp" and not q["rows"]:
        # with no rows to filter, stamping what the relative identifiers resolve to (walks that end
        # at base or past it as 'base') is the same question
        targets = []
        for t in q["targets"]:
            resolved = rev_ids(safe_revisions(rmap, t))
            targets += ["base" if r in (None, "base") else r for r in resolved] if "base" in resolved else [t]
        if targets != q["targets"]:
            alternative = dict(q)
            alternative["targets"] = targets
            result["asBase"] = answer_with_alternatives(script, alternative, depth + 1)
    if result.get("err") == "AssertionError":
        field = {"up": "target", "hist": "head", "iter": "upper"}.get(q["k"])
        upper = q.get(field) if field else None
        if isinstance(upper, str) and not q.get("selectForDowngrade") and walks_to_base(script, q, upper):
            alternative = dict(q)
            alternative[field] = "base"
            result["asBase"] = answer_with_alternatives(script, alternative, depth + 1)
    return result


def safe_revisions(rmap, ident):
    try:
        return rmap.get_revisions(ident)
    except Exception:
        return ()


AMBIGUOUS = re.compile(r"Multiple revisions start with '(\w+)': (.*)\.\.\.$")
NO_SUCH_BRANCH = re.compile(r"No such branch: '(\w+)'$")


def one_revision_prefix(rmap, q, message):
    """(prefix, revision id) when Alembic's resolution error is about a prefix whose candidates
    (where Alembic looked: all keys, or those on the lineage of 'branch@prefix') are one
    revision's id and its own labels; None otherwise."""
    m = AMBIGUOUS.match(message)
    if m:
        prefix, listed = m.group(1), re.findall(r"'(\w+)'", m.group(2))
    else:
        m = NO_SUCH_BRANCH.match(message)
        if not m:
            return None
        prefix, listed = m.group(1), None
    keys = [k for k in rmap._revision_map if k and len(k) > 3 and k.startswith(prefix)]
    candidates = [keys]
    if listed is not None:
        for field in IDENT_FIELDS + ("targets",):
            values = q.get(field)
            for value in values if isinstance(values, list) else [values]:
                branch, _, rest = value.rpartition("@") if isinstance(value, str) else ("", "", "")
                if branch and prefix in re.findall(r"\w+", rest):
                    try:
                        candidates.append(list(rmap.filter_for_lineage(keys, branch)))
                    except Exception:
                        pass
    for found in candidates:
        if listed is not None and found[:3] != listed[:3]:
            continue  # not where Alembic looked
        named = {rmap._revision_map[k].revision for k in found}
        if len(found) > 1 and len(named) == 1:
            return prefix, named.pop()
    return None


def unique_prefix(rmap, revision, at_least):
    """The shortest prefix of `revision`, longer than `at_least`, that only its id starts with: it
    keeps the identifier a prefix (which matters in 'x@...' lower ends) but makes it unambiguous."""
    for length in range(at_least + 1, len(revision) + 1):
        candidate = revision[:length]
        if [k for k in rmap._revision_map if k and len(k) > 3 and k.startswith(candidate)] == [revision]:
            return candidate
    return revision


def walks_to_base(script, q, upper):
    from alembic.script.revision import _relative_destination

    if not _relative_destination.match(upper):
        return False
    lower = q.get("rows", q.get("base", q.get("lower")))
    lower = tuple(lower) if isinstance(lower, list) else lower
    try:
        # walk_revisions does not assert the relative length; _upgrade_revs does
        assert_length = q.get("assertRelativeLength", q["k"] != "hist")
        targets = script.revision_map._parse_upgrade_target(lower, upper, assert_length)
    except Exception:
        return False
    return "base" in targets


def load(revs, workdir):
    """Loads the graph; returns (script, None) or (None, error)."""
    script = alembic_script_directory(revs, workdir)
    try:
        script.revision_map.heads
    except Exception as exc:
        error = error_of(exc)
        # which of the two revisions Alembic names first follows a set of objects hashed by memory
        # address, so it changes from run to run; keep the corpus reproducible
        m = re.match(r"Branch name '(\w+)' in revision (\w+) already used by revision (\w+)$", error["msg"])
        if m:
            first, second = sorted(m.group(2, 3))
            error["msg"] = "Branch name '%s' in revision %s already used by revision %s" % (m.group(1), second, first)
        return None, error
    return script, None


def structure(script):
    rmap = script.revision_map
    revisions = [r for r in rmap._revision_map.values() if r is not None]
    unique = []
    for r in revisions:
        if r not in unique:
            unique.append(r)
    return {
        "heads": list(rmap.heads),
        "realHeads": list(rmap._real_heads),
        "bases": list(rmap.bases),
        "realBases": list(rmap._real_bases),
        "labels": {r.revision: sorted(r.branch_labels) for r in unique if r.branch_labels},
        "normalizedDown": {
            r.revision: sorted(r._normalized_down_revisions) for r in unique if r._normalized_down_revisions
        },
    }


# --------------------------------------------------------------------------------------------
# planning queries (runs under one fixed hash seed; the states it derives are set-order free)


def identifiers(rng, revs, script):
    ids = [r["id"] for r in revs]
    labels = [label for r in revs for label in r["labels"]]
    pool = ["head", "heads", "base", "nosuchrev", "+1", "+2", "-1", "-2", "base+1", "base+2", "head-1",
            "heads-1", "head+1", "base-1", "x@head"]
    for rid in rng.sample(ids, min(len(ids), 8)):
        pool += [rid, rid + "+1", rid + "-1", rid + "+2", rid + "-2", rid + "@head", rid + "@heads", rid + "@base"]
        if len(rid) > 1:
            for cut in sorted({1, 2, 3, 4, len(rid) - 1}):
                if 0 < cut < len(rid):
                    pool.append(rid[:cut])
    for label in labels:
        other = rng.choice(ids)
        pool += [label, label + "@head", label + "@heads", label + "@base", label + "@+1", label + "@-1",
                 label + "@head-1", label + "@base+1", label + "@" + other, label + "@" + other[:4],
                 label[:4], label + "@" + other + "+1"]
    if ids:
        a, b = rng.choice(ids), rng.choice(ids)
        pool += [a + "@" + b, a[:5] + "@" + b, "nosuch@" + b]
    return pool


def is_antichain(script, rows):
    rmap = script.revision_map
    for a in rows:
        below = {r.revision for r in rmap._get_ancestor_nodes([rmap.get_revision(a)])}
        if any(b != a and b in below for b in rows):
            return False
    return True


def plan_states(rng, revs, script):
    ids = [r["id"] for r in revs]
    states = [[]]
    targets = ["heads"] + rng.sample(ids, min(len(ids), 2))
    labels = [label for r in revs for label in r["labels"]]
    if labels:
        targets[-1] = rng.choice(labels) + "@head"
    for target in targets:
        outcome = answer(script, {"k": "up", "target": target, "rows": []})
        if "r" not in outcome or "heads" not in outcome["r"]:
            continue
        rows = list(outcome["r"]["heads"])
        rng.shuffle(rows)
        if rows not in states:
            states.append(rows)
    # an arbitrary set of unrelated revisions, as a hand-stamped database might hold
    for _ in range(3):
        rows = rng.sample(ids, min(len(ids), rng.choice([1, 2, 2, 3])))
        if is_antichain(script, rows) and rows not in states:
            states.append(rows)
            break
    # a broken one now and then: a row together with its own ancestor
    if rng.random() < 0.15 and len(ids) > 1:
        rows = rng.sample(ids, 2)
        if rows not in states:
            states.append(rows)
    return states


def plan_queries(rng, revs, script):
    pool = identifiers(rng, revs, script)
    ids = [r["id"] for r in revs]
    labels = [label for r in revs for label in r["labels"]]
    queries = []
    for ident in rng.sample(pool, min(len(pool), 24)):
        queries.append({"k": "revs", "id": ident})
    for ident in rng.sample(pool, min(len(pool), 8)):
        queries.append({"k": "one", "id": ident})

    queries.append({"k": "hist", "base": "base", "head": "heads"})
    for _ in range(4):
        queries.append({"k": "hist", "base": rng.choice(pool + ["base"] * 3), "head": rng.choice(pool + ["heads"] * 3)})

    def end():
        roll = rng.random()
        if roll < 0.15:
            return None
        if roll < 0.3:
            return rng.sample(ids, min(len(ids), 2))
        return rng.choice(pool)

    for _ in range(6):
        queries.append({"k": "iter", "upper": end(), "lower": end(), "inclusive": rng.random() < 0.5,
                        "implicitBase": rng.random() < 0.5, "assertRelativeLength": rng.random() < 0.7,
                        "selectForDowngrade": rng.random() < 0.4})

    up_targets = ["heads", "head", "+1", "+2", "base+1", "head-1", "-1", "base"]
    down_targets = ["base", "-1", "-2", "+1", "base+1", "head-1", "heads"]
    for label in labels:
        up_targets += [label + "@head", label + "@+1", label + "@base+1", label + "@head-1"]
        down_targets += [label + "@base", label + "@-1", label + "@base+1", label + "@" + rng.choice(ids)]
    for rid in ids:
        up_targets += [rid, rid, rid + "@head", rid + "+1", rid + "-1"]
        down_targets += [rid, rid, rid + "@base", rid + "-1", rid + "+1", rid[:4]]

    for rows in plan_states(rng, revs, script):
        queries.append({"k": "cur", "rows": rows})
        for target in rng.sample(up_targets, 2):
            queries.append({"k": "up", "target": target, "rows": rows})
        for target in rng.sample(down_targets, 2):
            queries.append({"k": "down", "target": target, "rows": rows})
        stamp_choices = [["heads"], ["head"], ["base"], [rng.choice(ids)], rng.sample(ids, min(len(ids), 2)),
                         [rng.choice(["-1", rng.choice(ids) + "-1", rng.choice(ids) + "+1"])]]
        if labels:
            stamp_choices += [[rng.choice(labels) + "@head"], [rng.choice(labels) + "@base"]]
        queries.append({"k": "stamp", "targets": rng.choice(stamp_choices), "rows": rows})
    return queries


def phase_plan(seed, count):
    rng = random.Random(seed)
    graphs = []
    for index in range(count):
        size = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 25, 30, 35, 40])
        revs = make_graph(rng, size)
        broken = None
        if rng.random() < 0.05:
            broken = break_graph(rng, revs)
        order, loaded = map_order(rng, revs)
        graph = {"name": "g%03d" % index, "order": order, "revisions": loaded}
        if broken:
            graph["broken"] = broken
        with tempfile.TemporaryDirectory() as workdir:
            script, error = load(loaded, workdir)
            if script is not None and broken:
                # Alembic's cycle check only finds revisions that cannot be reached from both a head
                # and a base; it loads such a graph and may then loop forever. Nothing to ask it.
                graph["alembicLoaded"] = True
                script = None
            graph["queries"] = [] if script is None else plan_queries(rng, loaded, script)
        graphs.append(graph)
    return graphs


# --------------------------------------------------------------------------------------------
# evaluating (once per hash seed, each in its own process)


def phase_evaluate(graphs):
    results = []
    for graph in graphs:
        if graph.get("alembicLoaded"):
            results.append({"alembicLoaded": True})
            continue
        with tempfile.TemporaryDirectory() as workdir:
            script, error = load(graph["revisions"], workdir)
            if script is None:
                results.append({"graphError": error})
                continue
            results.append({
                "structure": structure(script),
                "answers": [answer_with_alternatives(script, q) for q in graph["queries"]],
            })
    return results


def run_phase(args, hash_seed, extra):
    env = dict(os.environ, PYTHONHASHSEED=str(hash_seed), PYTHONDONTWRITEBYTECODE="1")
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__)] + extra,
        env=env, check=True, stdout=subprocess.PIPE, timeout=3600,
    )
    return json.loads(out.stdout)


def canonical_messages(node):
    """Some of Alembic's messages list revisions in the order of a set of objects hashed by memory
    address, which changes from run to run; sort those lists so that the corpus is reproducible.
    Messages are for people only: the replay compares exception classes."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "msg" and isinstance(value, str):
                m = re.match(r"(Multiple revisions start with '\w+': )(.*?)(\.\.\.)$", value)
                if m:
                    value = m.group(1) + ", ".join(sorted(m.group(2).split(", "))) + m.group(3)
                m = re.match(r"(.* overlaps with other requested revisions )(.*)$", value)
                if m:
                    value = m.group(1) + ", ".join(sorted(m.group(2).split(", ")))
                node[key] = value
            else:
                canonical_messages(value)
    elif isinstance(node, list):
        for item in node:
            canonical_messages(item)
    return node


def without_message(answer):
    out = {k: v for k, v in answer.items() if k != "msg"}
    for alternative in ("sameRevision", "asBase"):
        if alternative in out:
            out[alternative] = without_message(out[alternative])
    return out


def merge(graphs, per_seed):
    """One corpus entry per graph; answers that differ between hash seeds become order-unstable."""
    corpus = []
    unstable = 0
    total = 0
    for index, graph in enumerate(graphs):
        entry = {"name": graph["name"], "order": graph["order"], "revisions": [
            {k: v for k, v in r.items() if v or k in ("id", "down")} for r in graph["revisions"]
        ]}
        if "broken" in graph:
            entry["broken"] = graph["broken"]
        first = per_seed[0][index]
        if "alembicLoaded" in first:
            entry["alembicLoaded"] = True
            corpus.append(entry)
            continue
        if "graphError" in first:
            entry["graphError"] = first["graphError"]
            corpus.append(entry)
            continue
        entry["structure"] = first["structure"]
        for other in per_seed[1:]:
            if other[index]["structure"] != first["structure"]:
                entry["structureUnstable"] = True
        cases = []
        for qi, query in enumerate(graph["queries"]):
            variants = []
            for results in per_seed:
                a = results[index]["answers"][qi]
                # error messages may list revisions in set order; only the class counts
                if all(without_message(a) != without_message(v) for v in variants):
                    variants.append(a)
            case = dict(query)
            case.update(variants[0])
            if len(variants) > 1:
                case["unstable"] = True
                case["variants"] = variants
                unstable += 1
            total += 1
            cases.append(case)
        entry["cases"] = cases
        corpus.append(entry)
    return corpus, total, unstable


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--graphs", type=int, default=200)
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--phase", choices=["plan", "evaluate"], help=argparse.SUPPRESS)
    parser.add_argument("--plan-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    sys.dont_write_bytecode = True

    if args.phase == "plan":
        json.dump(phase_plan(args.seed, args.graphs), sys.stdout)
        return
    if args.phase == "evaluate":
        with open(args.plan_file) as f:
            json.dump(phase_evaluate(json.load(f)), sys.stdout)
        return

    import alembic

    graphs = run_phase(args, 0, ["--phase", "plan", "--seed", str(args.seed), "--graphs", str(args.graphs)])
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(graphs, f)
        plan_file = f.name
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            per_seed = list(pool.map(
                lambda s: run_phase(args, s, ["--phase", "evaluate", "--plan-file", plan_file]), HASH_SEEDS))
    finally:
        os.unlink(plan_file)
    corpus, total, unstable = merge(graphs, per_seed)
    canonical_messages(corpus)
    document = {
        "generator": "retort-core/src/test/alembic-oracle/generate.py",
        "alembic": alembic.__version__,
        "seed": args.seed,
        "hashSeeds": HASH_SEEDS,
        "cases": total,
        "unstableCases": unstable,
        "graphs": corpus,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(document, f, separators=(",", ":"))
        f.write("\n")
    print("%d graphs, %d cases, %d order-unstable -> %s (%d bytes)"
          % (len(corpus), total, unstable, args.out, os.path.getsize(args.out)))


if __name__ == "__main__":
    main()
