"""Reads `jdeps -verbose:class` on stdin; prints package cycles and JUnit outside tests (see check-packages.sh).
scripts/package_graph_test.py checks this logic on small fixtures; check-packages.sh runs it first."""
import re, sys
from collections import defaultdict

TEST = re.compile(r"(Test|IT)(\$.*)?$")
LINE = re.compile(r"\s+(io\.ginpreflight\.\S+)\s+->\s+(\S+)")
TESTKIT = "io.ginpreflight.testkit"

def pkg(cls): return cls.rsplit(".", 1)[0]
def short(p): return p.replace("io.ginpreflight.", "") if p != "io.ginpreflight" else "(api)"

def read(lines):
    """Package edges and the classes using JUnit outside testkit, leaving out test classes (*Test, *IT)."""
    edges, junit, classes = defaultdict(set), defaultdict(set), set()
    for line in lines:
        m = LINE.match(line)
        if not m: continue
        src, dst = m.groups()
        classes.add(src)
        if TEST.search(src.rsplit(".", 1)[1]): continue
        if dst.startswith("org.junit.") and pkg(src) != TESTKIT:
            junit[pkg(src)].add(src)
        if dst.startswith("io.ginpreflight.") and pkg(src) != pkg(dst):
            edges[pkg(src)].add(pkg(dst))
    return edges, junit, classes

def cycles(edges):
    """Tarjan: every strongly connected component of more than one package is a cycle."""
    index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index: visit(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: comps.append(sorted(comp))
    nodes = sorted(set(edges) | {w for ws in edges.values() for w in ws})
    for v in nodes:
        if v not in index: visit(v)
    return comps, len(nodes)

def problems(edges, junit):
    """One sentence per cycle and per package that uses JUnit outside tests and testkit."""
    found = []
    for comp in cycles(edges)[0]:
        inside = [f"{short(a)} -> {short(b)}" for a in comp for b in sorted(edges[a]) if b in comp]
        found.append("package cycle: " + ", ".join(short(p) for p in comp) + " (" + "; ".join(inside) + ")")
    for p, classes in sorted(junit.items()):
        found.append(f"JUnit used outside tests and testkit: {short(p)} ({', '.join(sorted(classes))})")
    return found

def main(args):
    edges, junit, classes = read(sys.stdin)
    # No class read means jdeps printed nothing we understand: that must fail, never pass as "no cycle".
    if not classes:
        print("package check read no io.ginpreflight class from jdeps: is its output format different?")
        return 1
    found = problems(edges, junit)
    for sentence in found: print(sentence)
    if "--graph" in args:
        for a in sorted(edges): print(short(a), "->", ", ".join(short(b) for b in sorted(edges[a])))
    if found: return 1
    print(f"packages: {cycles(edges)[1]} without a cycle; JUnit only in tests and testkit")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
