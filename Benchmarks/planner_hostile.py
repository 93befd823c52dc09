#!/usr/bin/env python3
"""Hostile-prompt planning cost: the worst CPU time the embedded planner takes on long or hostile prompts.

Each shape (runs of one character class, repeated separators, quoted strings, emails, amounts, dates,
deep nesting, a long word, mixed scripts, combining marks, emoji, a long list of places) is written at
9,990 characters, just under the 10,000-character prompt limit, and planned by the fuzz harness's
replayer (`ploton-fuzz FILE`: plans the prompt like a task, then runs the plan against sandboxes), one
process per shape; the CPU time of that process is reported. The target: at most ~50 ms per prompt in
a release build (about 0.5 s in a debug build), growing about linearly with length.

How to run:
  swift build -c release --scratch-path .build-release --product ploton-fuzz   # once; the script never builds
  Benchmarks/planner_hostile.py [--binary .build-release/release/ploton-fuzz] [--length 9990]
This is a measurement, not a test: it asserts nothing and prints a table, worst first.
"""
import argparse
import os
import resource
import subprocess
import tempfile

from common import ROOT


def repeated(unit, length):
    return (unit * (length // len(unit) + 1))[:length]


def shapes(length):
    units = {
        "commas": ",", "letters": "a", "spaces": " ", "newlines": "\n", "hashes": "#", "ats": "@", "dots": ". ",
        "quotes": '"quoted string" ', "and": "and ", "then": "then ", "fillers": "please send and ",
        "refunds": "refund $1,200.50 €15 40 bucks ", "weather then": "get the weather in Paris and then ",
        "times": "tomorrow at 3pm next Monday for an hour ",
        "sentence": "Pull all open deals from user_123's CRM account and post them to #sales. ",
        "numbers": "12345 67.8 9,000 ", "emails": "a.b@example.com, ", "urls": "https://example.com/a?b=c ",
        "dates": "2025-01-02 Jan 3 3/4/2025 ", "bullets": "- send an email to bob\n",
        "message": "email ann@acme.example: hi, there, and post it, ", "tell him": "email bob and tell him ",
        "mixed scripts": "Привет 世界 مرحبا שלום ", "combining marks": "e\u0301\u0302\u0303", "emoji": "😀👍🏽🇺🇸 ",
        "arrows": "a -> ", "fields": "return name, ",
    }
    prompts = {name: repeated(unit, length) for name, unit in units.items()}
    prompts["cities"] = ("weather in " + ", ".join(f"City{i}" for i in range(2000)))[:length]
    prompts["nesting"] = "(" * (length // 2) + ")" * (length // 2)
    prompts["long word"] = "weather " + "x" * (length - 8)
    return prompts


def cpu_seconds(binary, path):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([binary, path], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release/release/ploton-fuzz"))
    parser.add_argument("--length", type=int, default=9990)
    args = parser.parse_args()
    baseline = None
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        # Selector byte 0: the harness plans the rest as a prompt.
        for name, prompt in [("(baseline: hello)", "hello")] + sorted(shapes(args.length).items()):
            path = os.path.join(folder, "prompt")
            with open(path, "wb") as file:
                file.write(b"\x00" + prompt.encode())
            seconds = cpu_seconds(args.binary, path)
            if baseline is None:
                baseline = seconds
            else:
                rows.append((seconds - baseline, name))
    print(f"{'shape':<18} {'CPU s':>8}   (process CPU minus the 'hello' baseline of {baseline:.3f} s)")
    for seconds, name in sorted(rows, reverse=True):
        print(f"{name:<18} {seconds:8.3f}")
    print(f"worst: {rows and max(rows)[1]} {max(rows)[0]:.3f} s over {len(rows)} shapes of {args.length} characters")


if __name__ == "__main__":
    main()
