"""Reads `jdeps -verbose:class` on stdin; prints package cycles and JUnit outside tests (see check-packages.sh)."""
import re, sys
from collections import defaultdict
TEST = re.compile(r"(Test|IT)(\$.*)?$")
def pkg(cls): return cls.rsplit(".", 1)[0]
edges = defaultdict(set)
junit = defaultdict(set)
for line in sys.stdin:
    m = re.match(r"\s+(io\.ginpreflight\.\S+)\s+->\s+(\S+)", line)
    if not m: continue
    src, dst = m.groups()
    if TEST.search(src.rsplit(".", 1)[1]): continue
    if dst.startswith("org.junit.") and not pkg(src).startswith(("io.ginpreflight.testkit", "io.ginpreflight.it")):
        junit[pkg(src)].add(src)
    if dst.startswith("io.ginpreflight.") and pkg(src) != pkg(dst):
        edges[pkg(src)].add(pkg(dst))
# Tarjan: every strongly connected component of more than one package is a cycle.
index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
    for w in sorted(edges[v]):
        if w not in index: visit(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: comps.append(sorted(comp))
for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
    if v not in index: visit(v)
short = lambda p: p.replace("io.ginpreflight.", "") if p != "io.ginpreflight" else "(api)"
failed = False
for comp in comps:
    failed = True
    inside = [f"{short(a)} -> {short(b)}" for a in comp for b in sorted(edges[a]) if b in comp]
    print("package cycle: " + ", ".join(short(p) for p in comp) + " (" + "; ".join(inside) + ")")
for p, classes in sorted(junit.items()):
    failed = True
    names = ", ".join(sorted(classes))
    print(f"JUnit used outside tests and testkit: {short(p)} ({names})")
if "--graph" in sys.argv[1:]: [print(short(a), "->", ", ".join(short(b) for b in sorted(edges[a]))) for a in sorted(edges)]
if failed: sys.exit(1)
print(f"packages: {len(index)} without a cycle; JUnit only in tests and testkit")
