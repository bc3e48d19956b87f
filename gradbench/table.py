#!/usr/bin/env python3
"""Table of one gradbench/run.sh sitting: python3 table.py OUT_DIR EVAL... (reads OUT_DIR/*.jsonl)."""
import json
import os
import sys

PRIMAL = {"hello": "square", "gmm": "objective", "lstm": "objective", "ba": "objective",
          "ht": "objective", "kmeans": "cost"}


def session(path):
    """define error (or None), and {(function, size): (ms or None, status)} in order."""
    if not os.path.exists(path):
        return "not run", {}
    define_error, rows, pending, messages = None, {}, {}, {}
    for line in open(path):
        entry = json.loads(line)
        if "message" in entry:
            msg = entry["message"]
            messages[msg.get("id")] = msg
            if msg.get("kind") == "analysis" and msg["of"] in pending:
                key, ms = pending[msg["of"]]
                rows[key] = (ms, "valid" if msg["valid"] else "INVALID")
            continue
        resp = entry["response"]
        msg = messages.get(resp.get("id"), {})
        if msg.get("kind") == "define" and not resp.get("success"):
            define_error = resp.get("error", "define failed")
        elif msg.get("kind") == "evaluate":
            key = (msg["function"], msg.get("description", ""))
            if resp.get("success"):
                ts = [t["nanoseconds"] for t in resp.get("timings", []) if t["name"] == "evaluate"]
                pending[msg["id"]] = (key, min(ts) / 1e6 if ts else None)
                rows[key] = (min(ts) / 1e6 if ts else None, "not validated")
            else:
                err = resp.get("error", "")
                rows[key] = (None, "waits" if "waits for" in err else "failed: " + err[:80])
    return define_error, rows


def fmt(x):
    if x is None:
        return "–"
    return f"{x:.4g}" if x < 1000 else f"{x:.0f}"


def main():
    out, evals = sys.argv[1], sys.argv[2:]
    print("| eval | function | size | valid | ChainRule ms | manual ms | ratio | primal ratio |")
    print("|---|---|---|---|--:|--:|--:|--:|")
    for e in evals:
        cr_err, cr = session(os.path.join(out, f"{e}-chainrule.jsonl"))
        _, man = session(os.path.join(out, f"{e}-manual.jsonl"))
        if cr_err and not cr:
            print(f"| {e} | – | – | not defined: {cr_err.split(' (')[0]} | – | – | – | – |")
            continue
        keys = list(cr) + [k for k in man if k not in cr]
        primal = PRIMAL.get(e, "primal")
        for fn, size in keys:
            ms, status = cr.get((fn, size), (None, "not run"))
            mms = man.get((fn, size), (None, ""))[0]
            ratio = ms / mms if ms is not None and mms else None
            p_cr = cr.get((primal, size), (None,))[0]
            p_man = man.get((primal, size), (None,))[0]
            p_ratio = p_cr / p_man if fn != primal and p_cr is not None and p_man else None
            print(f"| {e} | {fn} | {size} | {status} | {fmt(ms)} | {fmt(mms)} | "
                  f"{fmt(ratio)} | {fmt(p_ratio)} |")


if __name__ == "__main__":
    main()
