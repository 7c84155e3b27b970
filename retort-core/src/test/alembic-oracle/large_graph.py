#!/usr/bin/env python3
"""Alembic's orders for LargeGraphTest's 10,000-revision graph, as SHA-256 digests, plus timings.

The graph is generated in Java (java.util.Random); export it, then ask Alembic:

    mvn -pl retort-core -am test -Dtest=LargeGraphTest -Dlarge.graph.export=/tmp/g10k.json
    /tmp/alembic-venv/bin/python retort-core/src/test/alembic-oracle/large_graph.py /tmp/g10k.json

The digests go into LargeGraphTest.ALEMBIC_*; each is the SHA-256 of the revision ids joined by
newlines. The graph has at most one dependency per revision, so no order here depends on Python's
set order.
"""

import hashlib
import json
import sys
import time
import warnings


def digest(ids):
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()


def main(path):
    warnings.simplefilter("ignore")
    from alembic.script.revision import Revision, RevisionMap

    with open(path) as f:
        data = json.load(f)
    revisions = [Revision(rid, tuple(down) or None, dependencies=tuple(deps) or None) for rid, down, deps in data]
    started = time.time()
    rmap = RevisionMap(lambda: revisions)
    heads = rmap.heads
    print("load and heads: %.2f s (%d heads, %d real)" % (time.time() - started, len(heads), len(rmap._real_heads)))

    started = time.time()
    history = [r.revision for r in rmap.iterate_revisions("heads", "base", inclusive=True, assert_relative_length=False)]
    print("history: %.2f s" % (time.time() - started))
    # ScriptDirectory._upgrade_revs('heads', ()): iterate with implicit_base, run reversed
    started = time.time()
    upgrade = [r.revision for r in reversed(list(rmap.iterate_revisions("heads", (), implicit_base=True)))]
    print("upgrade heads: %.2f s" % (time.time() - started))
    # ScriptDirectory._downgrade_revs('base', real heads)
    started = time.time()
    downgrade = [r.revision for r in rmap.iterate_revisions(rmap._real_heads, "base", select_for_downgrade=True)]
    print("downgrade base: %.2f s" % (time.time() - started))

    print('ALEMBIC_HISTORY = "%s"' % digest(history))
    print('ALEMBIC_UPGRADE = "%s"' % digest(upgrade))
    print('ALEMBIC_DOWNGRADE = "%s"' % digest(downgrade))


if __name__ == "__main__":
    main(sys.argv[1])
