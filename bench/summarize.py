#!/usr/bin/env python3
"""Turns one bench/results/<time>/ folder into the markdown tables of docs/performance.md."""
import csv
import os
import sys

out = sys.argv[1]


def read_tsv(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.reader(f, delimiter="\t"))


rows = read_tsv("coldstart.tsv")
if rows:
    flavours = list(dict.fromkeys(r[0] for r in rows))
    metrics = list(dict.fromkeys(r[1] for r in rows))
    cell = {(r[0], r[1]): r for r in rows}
    print("### Cold start, memory, warm latency (median, [min-max], p90; n runs)\n")
    print("| metric | " + " | ".join(flavours) + " |")
    print("|---|" + "---:|" * len(flavours))
    for m in metrics:
        values = []
        for f in flavours:
            r = cell.get((f, m))
            values.append(f"**{float(r[2]):.1f}** [{float(r[3]):.1f}-{float(r[5]):.1f}] p90 {float(r[4]):.1f} (n={r[6]})" if r else "")
        print(f"| {m} | " + " | ".join(values) + " |")
    print()

adapters = sorted(n for n in os.listdir(out) if n.startswith("adapter") and n.endswith(".csv"))
if adapters:
    print("### Adapter: one v2 event JSON in -> response JSON out, in-process (BenchmarkDotNet)\n")
    print("| benchmark | mean | stddev | allocated |")
    print("|---|---:|---:|---:|")
    for name in adapters:
        path = os.path.join(out, name)
        with open(path, newline="") as f:
            data = list(csv.DictReader(f, delimiter=","))
        if data and "Method" not in data[0]:
            with open(path, newline="") as f:
                data = list(csv.DictReader(f, delimiter=";"))
        for d in data:
            print(f"| {d['Method']} | {d['Mean']} | {d.get('StdDev', '')} | {d.get('Allocated', '')} |")
    print()

tp = read_tsv("throughput.tsv")[1:]
if tp:
    print("### Throughput (wrk -t2 -c16, same run; DynamoDB Local and the API share the 2 cores)\n")
    print("| flavour | target | req/s | p50 | p99 | API / DynamoDB Local |")
    print("|---|---|---:|---:|---:|---:|")
    for i, r in enumerate(tp):
        ratio = ""
        if r[1].startswith("api") and i + 1 < len(tp) and tp[i + 1][1].startswith("dynamodb"):
            try:
                ratio = f"{100 * float(r[2]) / float(tp[i + 1][2]):.0f}%"
            except ValueError:
                pass
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {ratio} |")
    print()

size = read_tsv("size.tsv")[1:]
if size:
    print("### Package size (what is zipped for Lambda; native debug symbols excluded)\n")
    print("| flavour | files | unzipped MiB | zipped MiB |")
    print("|---|---:|---:|---:|")
    for r in size:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} |")
    print()
