#!/usr/bin/env python3
"""Reads the memory.json of one Gin Preflight run (the newest under a results folder) and prints one TSV
line: verdict, rounds run per judged phase (planned in brackets), extra rounds, second looks, the checks
not OK (status and name), and each phase's retained bytes per request and goroutines per 1,000 requests.
Usage: run_summary.py RESULTS_DIR"""
import glob
import json
import os
import sys

files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "memory.json"), recursive=True),
               key=os.path.getmtime)
if not files:
    print("\t".join(["NO REPORT"] + ["-"] * 5))
    sys.exit(0)
report = json.load(open(files[-1], encoding="utf-8"))
judged = [p for p in report.get("phases", []) if p.get("judged")]
rounds = ", ".join("%s %d/%d" % (p["name"], p.get("roundsRun", p["rounds"]), p["rounds"]) for p in judged)
extra = sum(len(p.get("extraRounds", [])) for p in judged)
looks = sum(1 for p in judged if p.get("secondLook"))
bad = ["%s %s" % (c["status"], c["name"]) for c in report.get("checks", [])
       if c["status"] not in ("OK", "NOT_JUDGED")]


def rate(kind, scope):
    for c in report.get("checks", []):
        if c.get("kind") == kind and c.get("scope") == scope:
            value = c.get("figures", {}).get("value")
            interval = c.get("interval") or {}
            bounds = "" if interval.get("low") is None else " [%.1f, %.1f]" % (interval["low"], interval["high"])
            return "-" if value is None else "%.2f%s %s" % (value, bounds, c["status"])
    return "-"


# memory.json names a check's kind by its check name (docs/memory-json.md)
rates = "; ".join("%s %s B/req, %s g/1000" % (p["name"], rate("retained bytes per request", p["name"]),
                                              rate("goroutines per 1000 requests", p["name"])) for p in judged)
print("\t".join([report.get("verdict", "?"), rounds, str(extra), str(looks), ", ".join(bad) or "none", rates]))
