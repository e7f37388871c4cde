#!/usr/bin/env python3
"""Hostile HTTP bodies against a running `tundish serve` (see docs/reliability.md).

Starts the reference platform on a free loopback port (with a plant and SM4 credentials so every
path of the uplink is live), then sends, to every write endpoint, seeded hostile requests: invalid
JSON, wrong types, bodies over the body limit, deep nesting, invalid UTF-8, wrong content types,
SM4 envelopes with garbage, missing and wrong tokens, huge numbers, long strings. The oracle: no
5xx; every 4xx carries a JSON body with an "error" string; the platform still answers /health after
every request and at the end. With --schemathesis PATH it then runs schemathesis against
/openapi.yaml with the not_a_server_error check (the bearer token sent on every call).

Usage: http_fuzz.py --tundish PATH [--seed S] [--rounds N] [--schemathesis BIN --examples N] [--time-limit SEC]
"""
import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time

TOKEN = "fuzz-token"
ENDPOINTS = ["/uplink/v1/basic", "/uplink/v1/readings", "/uplink/v1/alarms", "/uplink/v1/heartbeat",
             "/api/v1/alarms/1/handling", "/api/v1/webhooks"]
GETS = ["/api/v1/enterprises", "/api/v1/enterprises/%s/points", "/api/v1/alarms?%s", "/api/v1/grades",
        "/api/v1/grades/%s/history", "/api/v1/readings/latest?%s", "/api/v1/regulator/regions",
        "/api/v1/events?%s", "/api/v1/webhooks", "/health", "/openapi.yaml"]
ENTERPRISE = "4501810002AL"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def nested(depth, rng):
    if rng.random() < 0.5:
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


def bodies(rng, limit):
    """(name, body bytes, content type) of hostile bodies; names are the classes counted."""
    good_readings = {"companyCode": ENTERPRISE, "batchId": "b%d" % rng.randrange(1 << 30),
                     "datas": [{"targetCode": "MW_P_IN", "time": 1, "value": 1.0, "quality": 0}]}
    out = [
        ("empty", b"", "application/json"),
        ("invalid JSON", rng.choice([b"{", b"{\"a\":}", b"nul", b"[1,2", b"{'a': 1}", b"\x00\x01", b"{}}"]), "application/json"),
        ("wrong types", json.dumps(rng.choice([[], 1, "x", None, True, {"companyCode": 1}, {"datas": "x"},
                                                {"companyCode": ENTERPRISE, "datas": [{"time": "x"}]},
                                                {"state": 5}, {"url": 7}, {"companyCode": [], "batchId": {}}])).encode(),
         "application/json"),
        ("oversized", b"[" + b"1," * ((limit // 2) + 1024) + b"1]", "application/json"),
        ("deep nesting", nested(rng.choice([100, 1000, 10000, 100000]), rng).encode(), "application/json"),
        ("invalid UTF-8", b'{"companyCode":"\xff\xfe\xc3\x28","batchId":"\xed\xa0\x80"}', "application/json"),
        ("wrong content type", json.dumps(good_readings).encode(),
         rng.choice(["text/plain", "application/xml", "multipart/form-data; boundary=x", "", "application/json; charset=latin1"])),
        ("SM4 garbage", json.dumps({"appid": rng.choice(["APP-4501810002AL", "nobody", "", 5]),
                                    "data": rng.choice(["", "AAAA", "!!!not base64", "A" * 10000, 7, None,
                                                        rng.randbytes(48).hex()])}).encode(), "application/json"),
        ("huge numbers", b'{"companyCode":"' + ENTERPRISE.encode() + b'","batchId":"x","datas":[{"targetCode":"MW_P_IN","time":'
         + rng.choice([b"1e400", b"-99999999999999999999999", b"NaN", b"Infinity", b"1.7976931348623157e309"])
         + b',"value":' + rng.choice([b"1e999", b"-1e999", b"1", b"null"]) + b',"quality":' + rng.choice([b"0", b"99999999999", b"-1"]) + b"}]}",
         "application/json"),
        ("long strings", json.dumps({"companyCode": "X" * rng.choice([100, 10000, 100000]), "batchId": "\u0000" * 100,
                                     "url": "http://" + "a" * 5000, "state": "y" * 1000}).encode(), "application/json"),
        ("random bytes", rng.randbytes(rng.randrange(1, 2000)), "application/json"),
        ("valid-ish", json.dumps(good_readings).encode(), "application/json"),
    ]
    return out


def request(port, method, path, body=None, headers=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        if body:
            try:
                conn.send(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer 413 and close before reading it all
        response = conn.getresponse()
        return response.status, response.read(), response.getheader("Content-Type", "")
    finally:
        conn.close()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tundish", required=True)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--schemathesis", default=None)
    p.add_argument("--examples", type=int, default=5)
    p.add_argument("--time-limit", type=float, default=90.0)
    p.add_argument("--out", default=None)
    args = p.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1 << 32)
    args.out = args.out or tempfile.mkdtemp(prefix="tundish-fuzz-http-")
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    port = free_port()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    log = open(os.path.join(args.out, "serve.log"), "w")
    server = subprocess.Popen([args.tundish, "serve", "--http", "127.0.0.1:%d" % port, "--token", TOKEN,
                               "--plant", os.path.join(root, "Scenarios/plants/aluminium-casting.yaml"),
                               "--credentials", os.path.join(root, "Scenarios/profiles/credentials-example.yaml")],
                              stdout=log, stderr=log, cwd=root)
    findings, counts, statuses = [], {}, {}
    started = time.monotonic()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if request(port, "GET", "/health", timeout=1)[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print("http fuzz: the platform did not start (see %s/serve.log)" % args.out, file=sys.stderr)
                return 2
            time.sleep(0.2)
        print("http fuzz: seed %d, platform on port %d, out %s" % (args.seed, port, args.out), file=sys.stderr, flush=True)
        # Register the enterprise so readings reach the deeper paths.
        basic = {"companyCode": ENTERPRISE}
        request(port, "POST", "/uplink/v1/basic", json.dumps(basic).encode(),
                {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
        limit = 4 << 20
        for round_ in range(args.rounds):
            if time.monotonic() - started > args.time_limit / 2:
                break
            for endpoint in ENDPOINTS:
                for name, body, ctype in bodies(rng, limit):
                    auth = rng.choice(["Bearer " + TOKEN] * 4 + ["Bearer wrong", "", "Basic eA==", "Bearer " + TOKEN + "\u00e9"])
                    headers = {"Content-Type": ctype} if ctype else {}
                    if auth:
                        headers["Authorization"] = auth.encode("utf-8").decode("latin-1")
                    if name == "SM4 garbage" or rng.random() < 0.1:
                        headers["appsecret"] = rng.choice(["example-secret-al", "wrong", "x" * 5000])
                    try:
                        status, data, rtype = request(port, "POST", endpoint, body, headers)
                    except (OSError, http.client.HTTPException) as error:
                        status, data, rtype = None, b"", ""
                        if name != "oversized":
                            findings.append("%s %s: %s" % (endpoint, name, error))
                    counts[name] = counts.get(name, 0) + 1
                    statuses[status] = statuses.get(status, 0) + 1
                    if status is not None and status >= 500:
                        findings.append("%s %s: status %d %s" % (endpoint, name, status, data[:200]))
                    elif status is not None and status >= 400:
                        try:
                            error = json.loads(data).get("error")
                            if not isinstance(error, str) or not error:
                                raise ValueError
                        except (ValueError, AttributeError):
                            findings.append("%s %s: %d without a JSON error: %r" % (endpoint, name, status, data[:200]))
                    if request(port, "GET", "/health", timeout=5)[0] != 200:
                        findings.append("%s %s: /health failed afterwards" % (endpoint, name))
            # hostile query strings and path segments on the read endpoints
            for path in GETS:
                junk = rng.choice(["%ff%fe", "limit=-1", "limit=99999999999999999999", "since=abc", "enterprise=%00",
                                   "a" * 3000, "x=" + "%" * 10, "limit=1e400&since=-1", "state=%E9%80%A0"])
                target = path % junk if "%s" in path else path
                status, data, _ = request(port, "GET", target, headers={"Authorization": "Bearer " + TOKEN})
                counts["hostile query"] = counts.get("hostile query", 0) + 1
                statuses[status] = statuses.get(status, 0) + 1
                if status >= 500:
                    findings.append("GET %s: status %d %s" % (target[:80], status, data[:200]))
        if server.poll() is not None:
            findings.append("platform exited with status %s" % server.returncode)
        hostile = sum(counts.values())
        print("  requests by class: " + ", ".join("%s %d" % kv for kv in sorted(counts.items())), file=sys.stderr)
        print("  statuses: " + ", ".join("%s %d" % kv for kv in sorted(statuses.items(), key=lambda kv: str(kv[0]))),
              file=sys.stderr)
        print("http fuzz: %d hostile requests, seed %d, %d findings%s"
              % (hostile, args.seed, len(findings), "" if not findings else ": " + "; ".join(findings[:5])), flush=True)
        schema_ok = True
        if args.schemathesis:
            remaining = max(20, args.time_limit - (time.monotonic() - started))
            command = [args.schemathesis, "run", "http://127.0.0.1:%d/openapi.yaml" % port,
                       "--checks", "not_a_server_error", "--max-examples", str(args.examples),
                       "--header", "Authorization: Bearer " + TOKEN, "--seed", str(args.seed),
                       "--request-timeout", "10"]
            st_log = os.path.join(args.out, "schemathesis.log")
            with open(st_log, "w") as f:
                try:
                    result = subprocess.run(command, stdout=f, stderr=subprocess.STDOUT, timeout=remaining)
                    code = result.returncode
                except subprocess.TimeoutExpired:
                    code = "timeout"
            tail = open(st_log).read().strip().splitlines()[-3:]
            schema_ok = code == 0
            print("schemathesis: exit %s (%s) — log %s" % (code, " / ".join(tail), st_log), flush=True)
            if request(port, "GET", "/health", timeout=5)[0] != 200:
                findings.append("/health failed after schemathesis")
        return 0 if not findings and schema_ok else 1
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()


if __name__ == "__main__":
    sys.exit(main())
