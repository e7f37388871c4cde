#!/usr/bin/env python3
"""Helpers of Tools/chaos (the chaos runs of docs/reliability.md): a counting uplink sink, the
exactly-once analysis, a driver that posts handlings to the reference platform, snapshots and the
comparison of a killed platform with one that never was. Standard library only (plus PyYAML for
reading a scenario's epoch and duration)."""

import argparse
import collections
import datetime
import http.server
import json
import os
import re
import signal
import socket
import socketserver
import sys
import threading
import time
import urllib.error
import urllib.request


def log(text):
    print(text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# sink: accepts the uplink endpoints, appends every received payload durably, answers 200.


def cmd_sink(args):
    host, port = args.listen.rsplit(":", 1)
    fd = os.open(args.record, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    lock = threading.Lock()
    # SIGUSR1 arms a crash in the worst place: right after the next request is stored and synced,
    # before it is answered (the sender must resend it; the analysis sees the copy).
    armed = threading.Event()
    signal.signal(signal.SIGUSR1, lambda *_: armed.set())

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def answer(self, status, obj):
            body = json.dumps(obj).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if not self.path.startswith("/uplink/v1/"):
                return self.answer(404, {"error": "not an uplink endpoint"})
            try:
                payload = json.loads(raw)
            except ValueError as error:
                return self.answer(400, {"error": str(error)})
            kind = self.path.rsplit("/", 1)[1]
            record = {
                "kind": kind,
                "batchId": payload.get("batchId"),
                "company": payload.get("companyCode"),
                "readings": [[d.get("targetCode"), d.get("time"), d.get("quality"), d.get("value")]
                             for d in payload.get("datas") or []],
                "bytes": len(raw),
                "at": round(time.time(), 3),
            }
            line = (json.dumps(record, separators=(",", ":")) + "\n").encode()
            with lock:
                # One write of the whole line, then fsync: answered only once it is on disk.
                os.write(fd, line)
                os.fsync(fd)
                if armed.is_set():
                    os.kill(os.getpid(), signal.SIGKILL)
            self.answer(200, {"accepted": len(record["readings"]) or 1, "duplicate": False})

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        allow_reuse_address = True
        daemon_threads = True

    server = Server((host, int(port)), Handler)
    print(f"sink listening on {host}:{server.server_address[1]}", flush=True)
    server.serve_forever()


# ---------------------------------------------------------------------------------------------
# scenario facts


def parse_duration(text):
    total = 0
    for amount, unit in re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", str(text)):
        total += float(amount) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]
    return int(round(total * 1000))


def scenario_facts(path, duration=None):
    """(epoch Unix ms, end Unix ms) of a scenario (end: epoch + duration or --duration)."""
    import yaml
    with open(path, encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    epoch = spec.get("epoch", "2024-01-01T00:00:00+08:00")
    if isinstance(epoch, datetime.datetime):
        moment = epoch if epoch.tzinfo else epoch.replace(tzinfo=datetime.timezone.utc)
    else:
        moment = datetime.datetime.fromisoformat(str(epoch))
    epoch_ms = int(round(moment.timestamp() * 1000))
    length = parse_duration(duration) if duration else parse_duration(spec.get("duration", "0s"))
    return epoch_ms, epoch_ms + length


def cmd_end(args):
    print(scenario_facts(args.scenario, args.duration)[1])


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cmd_port(_args):
    print(free_port())


# ---------------------------------------------------------------------------------------------
# check-sink: every reading the engine produced received once after de-duplication by batchId


def read_jsonl(path):
    rows, torn = [], 0
    if not os.path.exists(path):
        return rows, torn
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            try:
                rows.append(json.loads(line))
            except ValueError:
                torn += 1
    return rows, torn


def cmd_check_sink(args):
    epoch_ms, _ = scenario_facts(args.scenario)
    expected = collections.Counter()
    with open(args.trace, encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            time_s, point = line.split(",", 2)[:2]
            point = point.split(":")[-1]
            whole, _, frac = time_s.partition(".")
            expected[(point, epoch_ms + int(whole) * 1000 + int((frac + "000")[:3]))] += 1

    received, torn = read_jsonl(args.record)
    by_batch = {}
    copies = collections.Counter()
    conflicting = []
    for row in received:
        batch = row["batchId"]
        copies[batch] += 1
        if batch in by_batch:
            if by_batch[batch]["readings"] != row["readings"] or by_batch[batch]["kind"] != row["kind"]:
                conflicting.append(batch)
        else:
            by_batch[batch] = row
    got = collections.Counter()
    raw_readings = 0
    for row in received:
        raw_readings += len(row["readings"])
    for row in by_batch.values():
        for reading in row["readings"]:
            got[(reading[0], reading[1])] += 1

    spooled = set()
    spool_log = os.path.join(args.spool, "spool.log") if args.spool else None
    if spool_log and os.path.exists(spool_log):
        for row, _ in [(r, 0) for r in read_jsonl(spool_log)[0]]:
            spooled.add(row["batchId"])
    batches_missing = sorted(spooled - set(by_batch))

    # Batches of one gateway arrive in their order (first arrivals).
    order_violations = 0
    last_seq = {}
    for batch in by_batch:
        gateway, _, seq = batch.rpartition("-")
        if seq.isdigit():
            if int(seq) < last_seq.get(gateway, -1):
                order_violations += 1
            last_seq[gateway] = int(seq)

    missing = expected - got
    doubled = got - expected
    resent = {batch: n for batch, n in copies.items() if n > 1}
    kinds = collections.Counter(row["kind"] for row in by_batch.values())
    summary = {
        "readingsExpected": sum(expected.values()),
        "readingsReceivedRaw": raw_readings,
        "readingsAfterDedup": sum(got.values()),
        "readingsMissing": sum(missing.values()),
        "readingsTwice": sum(doubled.values()),
        "batchesReceived": len(received),
        "batchesDistinct": len(by_batch),
        "batchesByKind": dict(kinds),
        "batchesResent": len(resent),
        "extraCopies": sum(n - 1 for n in resent.values()),
        "batchesSpooled": len(spooled),
        "batchesNotReceived": len(batches_missing),
        "conflictingResends": len(conflicting),
        "orderViolations": order_violations,
        "tornRecordLines": torn,
    }
    ok = (summary["readingsExpected"] > 0 and not missing and not doubled and not batches_missing
          and not conflicting and not order_violations)
    print("sink chaos: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    if resent:
        sample = ", ".join(f"{b}×{n}" for b, n in sorted(resent.items())[:8])
        print(f"sink chaos: resent batch ids (duplicates by batchId, allowed): {sample}"
              + (" …" if len(resent) > 8 else ""))
    for label, items in (("missing", missing), ("twice", doubled)):
        if items:
            print(f"sink chaos: readings {label}: " + ", ".join(f"{p}@{t}×{n}" for (p, t), n in list(items.items())[:10]))
    if batches_missing:
        print("sink chaos: spooled batches never received: " + ", ".join(batches_missing[:10]))
    if conflicting:
        print("sink chaos: the same batchId with different contents: " + ", ".join(conflicting[:10]))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(summary, handle, indent=2, sort_keys=True)
    return 0 if ok else 1


# ---------------------------------------------------------------------------------------------
# platform: driver posting handlings, snapshots, comparison


def http_json(url, method="GET", body=None, token=None, timeout=5):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read() or b"null")
        except ValueError:
            return error.code, None


def handling_for(alarm):
    """The handling the driver records for an alarm: deterministic, at the alarm's raise time."""
    return {"handler": "chaos-driver", "result": f"checked {alarm['id']}", "atMs": alarm["raisedAtMs"]}


def wants_handling(alarm):
    """Some alarms, chosen by id (the same ones in every run): every hazard alarm."""
    return alarm.get("category") == "hazard"


def cmd_drive(args):
    """Polls the alarms and posts a handling for each chosen one that is still active, until the stop
    file appears; tolerates the platform being down. Writes the acknowledged handlings."""
    done = {}
    attempts = collections.Counter()
    while True:
        stop = os.path.exists(args.stop)
        try:
            status, reply = http_json(f"{args.url}/api/v1/alarms?limit=100000", timeout=2)
            alarms = (reply or {}).get("alarms", []) if status == 200 else []
        except (OSError, ValueError):
            alarms = []
        for alarm in alarms:
            if alarm["id"] in done or not wants_handling(alarm):
                continue
            if alarm.get("clearedAtMs") is not None and not args.also_cleared:
                continue
            body = handling_for(alarm)
            attempts[alarm["id"]] += 1
            try:
                status, reply = http_json(f"{args.url}/api/v1/alarms/{alarm['id']}/handling", "POST", body,
                                          args.token, timeout=5)
            except (OSError, ValueError):
                continue  # down: the next round tries again
            if status == 200 or status == 409:
                # 409: a handling is already stored — ours, posted before a kill ate the answer.
                done[alarm["id"]] = dict(body, status=status)
            else:
                log(f"drive: handling of {alarm['id']} answered {status}: {reply}")
        if stop:
            break
        time.sleep(args.every)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump({"handled": done, "attempts": dict(attempts)}, handle, indent=2, sort_keys=True)


def cmd_snapshot(args):
    deadline = time.time() + 20
    while True:
        try:
            status, enterprises = http_json(f"{args.url}/api/v1/enterprises")
            if status == 200:
                break
        except OSError:
            pass
        if time.time() > deadline:
            log("snapshot: platform not answering")
            return 2
        time.sleep(0.2)
    snapshot = {"alarms": http_json(f"{args.url}/api/v1/alarms?limit=100000")[1]["alarms"], "grades": {}}
    for enterprise in enterprises:
        code = enterprise["code"]
        snapshot["grades"][code] = http_json(f"{args.url}/api/v1/grades/{code}/history")[1]
    events = http_json(f"{args.url}/api/v1/events?afterSeq=0&limit=100000")[1]
    snapshot["events"] = collections.Counter(e["type"] for e in events.get("events", []))
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(snapshot, handle, indent=2, sort_keys=True)
    return 0


def alarm_key(alarm, end):
    cleared = alarm.get("clearedAtMs")
    return {
        "point": alarm["point"], "level": alarm["level"], "raisedAtMs": alarm["raisedAtMs"],
        "clearedAtMs": cleared if cleared is not None and cleared <= end else None,
        "handledAtMs": alarm.get("handledAtMs"), "handler": alarm.get("handler"), "result": alarm.get("result"),
    }


def cmd_compare(args):
    with open(args.chaos, encoding="utf-8") as handle:
        chaos = json.load(handle)
    with open(args.reference, encoding="utf-8") as handle:
        reference = json.load(handle)
    end = args.end_ms
    problems = []

    def alarms_of(snapshot):
        out = {}
        for alarm in snapshot["alarms"]:
            if alarm["raisedAtMs"] <= end:
                if alarm["id"] in out:
                    problems.append(f"alarm {alarm['id']} listed twice")
                out[alarm["id"]] = alarm_key(alarm, end)
        return out

    mine, theirs = alarms_of(chaos), alarms_of(reference)
    for alarm_id in sorted(set(theirs) - set(mine)):
        problems.append(f"alarm lost: {alarm_id}")
    for alarm_id in sorted(set(mine) - set(theirs)):
        problems.append(f"alarm not in the reference: {alarm_id} {mine[alarm_id]}")
    tolerance = args.tolerance_ms
    shifted = []

    def close(x, y):
        return x == y or (x is not None and y is not None and abs(x - y) <= tolerance)

    for alarm_id in sorted(set(mine) & set(theirs)):
        a, b = dict(mine[alarm_id]), dict(theirs[alarm_id])
        for key in ("handledAtMs", "handler", "result"):
            a.pop(key), b.pop(key)
        if a == b:
            continue
        times = ("raisedAtMs", "clearedAtMs")
        if all(a[k] == b[k] for k in a if k not in times) and all(close(a[k], b[k]) for k in times):
            # Same alarm, filed a few ms apart: the wall-clock tick moved the clock between two
            # batches of one plant instant (reported, not a loss).
            shifted.append(f"{alarm_id}: killed {a['raisedAtMs']}/{a['clearedAtMs']} · "
                           f"reference {b['raisedAtMs']}/{b['clearedAtMs']}")
        else:
            problems.append(f"alarm differs: {alarm_id}: killed {a} · reference {b}")

    # Handlings: each one the API acknowledged is there, as posted; none that was not posted.
    handled_checked = 0
    for path, snapshot, name in ((args.chaos_handled, mine, "killed"), (args.reference_handled, theirs, "reference")):
        if not path:
            continue
        with open(path, encoding="utf-8") as handle:
            posted = json.load(handle)["handled"]
        for alarm_id, body in posted.items():
            handled_checked += 1
            stored = snapshot.get(alarm_id)
            if stored is None or stored["handledAtMs"] != body["atMs"] or stored["handler"] != body["handler"] \
                    or stored["result"] != body["result"]:
                problems.append(f"{name}: handling of {alarm_id} acknowledged ({body['status']}) but stored as {stored}")
        for alarm_id, stored in snapshot.items():
            if stored["handler"] is not None and alarm_id not in posted:
                problems.append(f"{name}: handling of {alarm_id} stored but never acknowledged")

    def grades_of(snapshot):
        return {code: [(g["timeMs"], g.get("from"), g["to"], tuple(g.get("reasons", []))) for g in history
                       if g["timeMs"] <= end]
                for code, history in snapshot["grades"].items()}

    grades_mine, grades_theirs = grades_of(chaos), grades_of(reference)
    for code in sorted(set(grades_mine) | set(grades_theirs)):
        a, b = grades_mine.get(code, []), grades_theirs.get(code, [])
        same_changes = len(a) == len(b) and all(x[1:] == y[1:] and close(x[0], y[0]) for x, y in zip(a, b))
        if a != b and same_changes:
            shifted.append(f"grade history of {code}: killed {a} · reference {b}")
        elif a != b:
            problems.append(f"grade history of {code} differs: killed {a} · reference {b}")
    handled = sum(1 for a in mine.values() if a["handler"])
    changes = sum(len(v) for v in grades_mine.values())
    print(f"platform chaos: alarms {len(mine)} (reference {len(theirs)}), handled {handled}, "
          f"grade changes {changes} (reference {sum(len(v) for v in grades_theirs.values())}), "
          f"acknowledged handlings checked {handled_checked}, shifted ≤{tolerance} ms {len(shifted)}, "
          f"differences {len(problems)}")
    for item in shifted[:10]:
        print("platform chaos: shifted (not a loss): " + item)
    for problem in problems[:30]:
        print("platform chaos: " + problem)
    return 0 if not problems else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sink"); p.add_argument("--listen", required=True); p.add_argument("--record", required=True)
    p.set_defaults(run=cmd_sink)
    p = sub.add_parser("port"); p.set_defaults(run=cmd_port)
    p = sub.add_parser("end"); p.add_argument("scenario"); p.add_argument("--duration"); p.set_defaults(run=cmd_end)
    p = sub.add_parser("check-sink")
    p.add_argument("--scenario", required=True); p.add_argument("--trace", required=True)
    p.add_argument("--record", required=True); p.add_argument("--spool"); p.add_argument("--json")
    p.set_defaults(run=cmd_check_sink)
    p = sub.add_parser("drive")
    p.add_argument("--url", required=True); p.add_argument("--token", required=True)
    p.add_argument("--stop", required=True); p.add_argument("--out", required=True)
    p.add_argument("--every", type=float, default=0.1); p.add_argument("--also-cleared", action="store_true")
    p.set_defaults(run=cmd_drive)
    p = sub.add_parser("snapshot"); p.add_argument("--url", required=True); p.add_argument("--out", required=True)
    p.set_defaults(run=cmd_snapshot)
    p = sub.add_parser("compare")
    p.add_argument("--chaos", required=True); p.add_argument("--reference", required=True)
    p.add_argument("--chaos-handled"); p.add_argument("--reference-handled")
    p.add_argument("--end-ms", type=int, required=True)
    p.add_argument("--tolerance-ms", type=int, default=1000,
                   help="alarm and grade times this close count as the same (reported as shifted)")
    p.set_defaults(run=cmd_compare)
    args = parser.parse_args()
    sys.exit(args.run(args) or 0)


if __name__ == "__main__":
    main()
