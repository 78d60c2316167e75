#!/usr/bin/env python3
"""Reads a Gatling console log of a Gin Preflight run and prints one TSV line:
exit, retained B/request (status), goroutines/1000 (status), heap growth (status), goroutine growth (status).
Missing checks print '-'."""
import re
import sys

log = open(sys.argv[1], encoding="utf-8", errors="replace").read()
run_exit = sys.argv[2] if len(sys.argv) > 2 else "?"


def find(pattern):
    m = re.search(r"(OK|KO|INCONCLUSIVE) memory: " + pattern, log)
    return m


fields = [run_exit]
m = find(r"retained bytes per request \[[^\]]+\]: retained heap grew (-?[\d.,]+) B per request")
fields += [m.group(2).replace(",", ""), m.group(1)] if m else ["-", "-"]
m = find(r"goroutines per 1000 requests \[[^\]]+\]: goroutines grew (-?[\d.,]+) per 1,000 requests")
fields += [m.group(2).replace(",", ""), m.group(1)] if m else ["-", "-"]
m = find(r"heap growth \[[^\]]+\]: heap \([^)]*\) (grew|shrank) ([\d.]+ [KMG]?i?B)")
fields += [("-" if m.group(2) == "shrank" else "") + m.group(3), m.group(1)] if m else ["-", "-"]
m = find(r"goroutine growth \[[^\]]+\]: goroutines (grew|shrank) by (\d+)")
fields += [("-" if m.group(2) == "shrank" else "") + m.group(3), m.group(1)] if m else ["-", "-"]
print("\t".join(fields))
