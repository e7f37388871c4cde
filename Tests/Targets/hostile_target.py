#!/usr/bin/env python3
"""A vendor's monitoring platform, written from Tundish's public docs only (docs/uplink-profile.md,
docs/targets.md), for the hostile-target proof suite (Tests/TundishCLITests/HostileTargetTests.swift).

It takes the default uplink profile (POST /uplink/v1/basic|readings|alarms|heartbeat, batch ids
deduplicated), raises its own alarms from the limits registered in the basic data (LL/L/H/HH on
analog points; an INSTRUMENT alarm on quality 1/2), grades each enterprise (red while an LL/HH alarm
is active on a critical point, yellow while any hazard alarm is active, else blue) and reports its
conclusions in its own JSON, through every observer kind at once:

  poll     GET  /api/events?after=SEQ     -> {"list": [event, ...]}
  webhook  POST /api/subscriptions {"url": ..., "types": [...]}; each event POSTed to the url
  jsonl    one event per line appended to --events-file
  health   GET  /api/health               -> 200 {"status": "UP"}

An event: {"seq": 7, "msgType": "ALARM_NEW", "occurTime": <Unix ms>, "data": {"qyCode": ...,
"alarmNo": ..., "pointCode": ..., "alarmLevel": "LL", "alarmClass": "工艺"|"仪表",
"riskLevel": "橙", "lastRiskLevel": "蓝"}}; msgType ALARM_NEW, ALARM_RECOVER, RISK_CHANGE or
HEARTBEAT (every --heartbeat-s wall seconds, at the latest plant time seen).

--behaviour makes it misbehave the way real platforms do:
  faithful              as described
  drops-point           never alarms on --point (default MW_Q_IN)
  delays-alarms         stamps alarms --delay-s plant seconds after the reading that raised them
  caps-grades           never grades above yellow
  wrong-levels          reports LL as L and HH as H
  instrument-as-hazard  files instrument (quality) alarms in the process category 工艺
  twice                 every event delivered twice (pushed twice, listed twice, written twice)
  rejects-401           answers 401 to every uplink post
  slow                  takes --slow-s wall seconds to answer each uplink post
  silent                takes the uplink, reports nothing at all (no events, no heartbeats)
  goes-silent           as faithful for --after-s wall seconds, then no events, no heartbeats, and
                        its event API stops answering
  restarts              as faithful; after --after-s wall seconds it restarts: 503 for --down-s wall
                        seconds, then back without the registrations it kept in memory
  stale                 its event list starts with events of an earlier scenario (an hour before this
                        one's registration: a red grade and an LL alarm), and it reports no grade
                        until its grade changes from that red
POST /admin/behaviour {"behaviour": ...} switches the behaviour of a running target (a platform
reused across runs that stopped raising an alarm in between).
The process prints "listening <port>" on its first line of output once it accepts connections.
"""
import argparse
import json
import os
import queue
import signal
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

GRADES = ["blue", "yellow", "orange", "red"]
GRADE_NAMES = {"blue": "蓝", "yellow": "黄", "orange": "橙", "red": "红"}


class Platform:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.events = []
        self.seq = 0
        self.batches = set()
        self.points = {}      # (enterprise, point) -> target dict from basic data
        self.levels = {}      # (enterprise, point) -> (level, alarm id) active
        self.grades = {}      # enterprise -> grade
        self.alarm_no = 0
        self.latest_ms = None
        self.hooks = []
        self.outbox = queue.Queue()
        self.started = time.monotonic()
        self.stale_added = False

    # --- timing of the misbehaviours -------------------------------------------------------
    def elapsed(self):
        return time.monotonic() - self.started

    def gone_silent(self):
        return self.args.behaviour == "goes-silent" and self.elapsed() >= self.args.after_s

    def restarting(self):
        if self.args.behaviour != "restarts":
            return False
        t = self.elapsed()
        if self.args.after_s <= t < self.args.after_s + self.args.down_s:
            with self.lock:
                self.points.clear(); self.levels.clear(); self.grades.clear()
            return True
        return False

    def reporting(self):
        return self.args.behaviour != "silent" and not self.gone_silent()

    # --- events -------------------------------------------------------------------------------
    def emit(self, msg_type, occur_ms, data):
        if not self.reporting() or self.restarting():
            return
        copies = 2 if self.args.behaviour == "twice" else 1
        with self.lock:
            self.seq += 1
            event = {"seq": self.seq, "msgType": msg_type, "occurTime": int(occur_ms), "data": data}
            for _ in range(copies):
                self.events.append(event)
                if self.args.events_file:
                    with open(self.args.events_file, "a", encoding="utf-8") as f:
                        f.write(json.dumps(event, ensure_ascii=False) + "\n")
                for hook in self.hooks:
                    self.outbox.put((hook, event))

    def push_loop(self):
        while True:
            hook, event = self.outbox.get()
            body = json.dumps(event, ensure_ascii=False).encode("utf-8")
            request = urllib.request.Request(hook["url"], data=body, method="POST",
                                             headers={"Content-Type": "application/json"})
            try:
                urllib.request.urlopen(request, timeout=2).read()
            except Exception:
                pass

    def heartbeat_loop(self):
        while True:
            time.sleep(self.args.heartbeat_s)
            if self.latest_ms is not None:
                self.emit("HEARTBEAT", self.latest_ms, {})

    def add_stale(self, code, start_ms):
        """An earlier scenario left the enterprise red with an LL alarm, an hour before this one."""
        old = start_ms - 3_600_000
        self.emit("RISK_CHANGE", old, {"qyCode": code, "riskLevel": "红", "lastRiskLevel": "蓝"})
        self.emit("ALARM_NEW", old + 1000, {"qyCode": code, "alarmNo": "old-1", "pointCode": self.args.point,
                                            "alarmLevel": "LL", "alarmClass": "工艺"})
        self.grades[code] = "red"

    # --- uplink -------------------------------------------------------------------------------
    def basic(self, body):
        code = body["companyCode"]
        with self.lock:
            for target in body.get("targets", []):
                self.points[(code, target["targetCode"])] = target
        if self.args.behaviour == "stale" and not self.stale_added:
            self.stale_added = True
            self.add_stale(code, body.get("sentAt", 0))
        if code not in self.grades:
            self.set_grade(code, "blue", body.get("sentAt", 0))

    def readings(self, body):
        code = body["companyCode"]
        datas = sorted(body.get("datas", []), key=lambda d: d["time"])
        for d in datas:
            self.latest_ms = max(self.latest_ms or 0, d["time"])
            target = self.points.get((code, d["targetCode"]))
            if target is None:
                continue
            self.judge(code, target, d)
        self.regrade(code, datas[-1]["time"] if datas else 0)

    def level_of(self, target, d):
        if d.get("quality", 0) != 0 or d.get("value") is None:
            return "INSTRUMENT"
        if target.get("kind") != "analog":
            return None
        v = d["value"]
        low, top = target.get("lowValue"), target.get("topValue")
        if (low is not None and v < low) or (top is not None and v > top):
            return "INSTRUMENT"
        for key, level, below in (("lowValue01", "LL", True), ("topValue02", "HH", False),
                                  ("lowValue02", "L", True), ("topValue01", "H", False)):
            limit = target.get(key)
            if limit is not None and ((below and v <= limit) or (not below and v >= limit)):
                return level
        return None

    def judge(self, code, target, d):
        point = target["targetCode"]
        if self.args.behaviour == "drops-point" and point == self.args.point:
            return
        level = self.level_of(target, d)
        current = self.levels.get((code, point))
        if (current[0] if current else None) == level:
            return
        at = d["time"]
        if current:
            self.emit("ALARM_RECOVER", at, self.alarm_data(code, point, current[0], current[1]))
            del self.levels[(code, point)]
        if level:
            self.alarm_no += 1
            alarm_id = f"A{self.alarm_no}"
            self.levels[(code, point)] = (level, alarm_id)
            delay = self.args.delay_s * 1000 if self.args.behaviour == "delays-alarms" else 0
            self.emit("ALARM_NEW", at + delay, self.alarm_data(code, point, level, alarm_id, critical=target.get("critical")))

    def alarm_data(self, code, point, level, alarm_id, critical=None):
        reported = level
        if self.args.behaviour == "wrong-levels":
            reported = {"LL": "L", "HH": "H"}.get(level, level)
        category = "仪表" if level == "INSTRUMENT" else "工艺"
        if self.args.behaviour == "instrument-as-hazard":
            category = "工艺"
        data = {"qyCode": code, "alarmNo": alarm_id, "pointCode": point, "alarmLevel": reported, "alarmClass": category}
        if critical is not None:
            data["isKey"] = 1 if critical else 0
        return data

    def regrade(self, code, at):
        active = [(p, lv) for (e, p), (lv, _) in self.levels.items() if e == code and lv != "INSTRUMENT"]
        grade = "blue"
        if active:
            grade = "yellow"
        if any(lv in ("LL", "HH") and self.points.get((code, p), {}).get("critical") for p, lv in active):
            grade = "red"
        if self.args.behaviour == "caps-grades" and GRADES.index(grade) > 1:
            grade = "yellow"
        if self.grades.get(code) != grade:
            self.set_grade(code, grade, at)

    def set_grade(self, code, grade, at):
        before = self.grades.get(code)
        self.grades[code] = grade
        data = {"qyCode": code, "riskLevel": GRADE_NAMES[grade]}
        if before:
            data["lastRiskLevel"] = GRADE_NAMES[before]
        self.emit("RISK_CHANGE", at, data)


def handler_for(platform):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, payload):
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def read_json(self):
            length = int(self.headers.get("Content-Length") or 0)
            return json.loads(self.rfile.read(length) or b"{}")

        def do_GET(self):
            url = urlparse(self.path)
            if platform.restarting():
                return self.answer(503, {"error": "restarting"})
            if url.path == "/api/health":
                if platform.gone_silent():
                    time.sleep(30)
                return self.answer(200, {"status": "UP"})
            if url.path == "/api/events":
                if platform.gone_silent():
                    time.sleep(30)
                after = int(parse_qs(url.query).get("after", ["0"])[0])
                with platform.lock:
                    items = [e for e in platform.events if e["seq"] > after][:500]
                return self.answer(200, {"list": items})
            self.answer(404, {"error": "not found"})

        def do_POST(self):
            url = urlparse(self.path)
            try:
                body = self.read_json()
            except ValueError:
                return self.answer(400, {"error": "$: malformed JSON"})
            if url.path == "/admin/behaviour":
                platform.args.behaviour = body["behaviour"]
                return self.answer(200, {"behaviour": body["behaviour"]})
            if url.path == "/api/subscriptions":
                platform.hooks.append({"url": body["url"], "types": body.get("types") or []})
                return self.answer(200, {"id": str(len(platform.hooks)), "url": body["url"], "types": []})
            if not url.path.startswith("/uplink/v1/"):
                return self.answer(404, {"error": "not found"})
            if platform.args.behaviour == "rejects-401":
                return self.answer(401, {"error": "invalid token: check the bearer token issued to the enterprise"})
            if platform.restarting():
                return self.answer(503, {"error": "restarting"})
            if platform.args.behaviour == "slow":
                time.sleep(platform.args.slow_s)
            batch = body.get("batchId")
            with platform.lock:
                duplicate = batch in platform.batches
                platform.batches.add(batch)
            if duplicate:
                return self.answer(200, {"accepted": 0, "duplicate": True})
            kind = url.path.rsplit("/", 1)[-1]
            if kind == "basic":
                platform.basic(body)
            elif kind == "readings":
                platform.readings(body)
            self.answer(200, {"accepted": 1, "duplicate": False})

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--behaviour", default="faithful")
    parser.add_argument("--events-file")
    parser.add_argument("--point", default="MW_Q_IN")
    parser.add_argument("--delay-s", type=float, default=60)
    parser.add_argument("--slow-s", type=float, default=0.5)
    parser.add_argument("--after-s", type=float, default=3)
    parser.add_argument("--down-s", type=float, default=2)
    parser.add_argument("--heartbeat-s", type=float, default=0.2)
    parser.add_argument("--max-s", type=float, default=300, help="exit after this many wall seconds whatever happens")
    parser.add_argument("--port-file", help="also write the port to this file")
    args = parser.parse_args()
    # A test runner may start us with signals blocked: SIGTERM must end us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Timer(args.max_s, lambda: os._exit(0)).start()
    platform = Platform(args)
    if args.events_file:
        open(args.events_file, "a").close()   # the export file exists from the platform's start
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(platform))
    server.daemon_threads = True
    threading.Thread(target=platform.push_loop, daemon=True).start()
    threading.Thread(target=platform.heartbeat_loop, daemon=True).start()
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(f"listening {server.server_address[1]}\n")
        os.replace(args.port_file + ".tmp", args.port_file)
    print(f"listening {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
