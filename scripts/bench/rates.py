#!/usr/bin/env python3
"""Reads the memory.json of one Gin Preflight run (the newest under a results folder) and prints one TSV
line: the run's verdict, then for binding, api and the whole run the retained bytes per request (fitted,
its 95 % interval and status) and goroutines per 1,000 requests, then every check that was not OK.
Usage: rates.py RESULTS_DIR"""
import glob
import json
import os
import sys

files = sorted(glob.glob(os.path.join(sys.argv[1], "*", "memory.json")))
if not files:
    print("\t".join(["NO REPORT"] + ["-"] * 7))
    sys.exit(0)
report = json.load(open(files[-1], encoding="utf-8"))
rates = {r["check"]: r for t in report.get("trends", []) for r in t.get("rates", [])}


def rate(check):
    r = rates.get(check)
    if r is None:
        return "-"
    if r.get("value") is None:
        return "not judged (%s)" % r["status"]
    return "%.1f [%.1f, %.1f] %s" % (r["value"], r["low"], r["high"], r["status"])


fields = [report["verdict"]]
for scope in ("binding", "api", "whole run"):
    fields.append(rate("memory: retained bytes per request [%s]" % scope))
    fields.append(rate("memory: goroutines per 1000 requests [%s]" % scope))
bad = [c["name"] for c in report.get("checks", []) if c["status"] != "OK"]
bad += [name for name, r in rates.items() if r["status"] != "OK"]
fields.append(", ".join(bad) if bad else "none")
print("\t".join(fields))
