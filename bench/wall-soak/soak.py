#!/usr/bin/env python3
"""Wall soak: runs the TV wall (podium with its embedded server) under Xvfb,
feeds it activity at a steady rate through the REST API for a long time, and
reports the process's resident memory at the start and at the end.

    bench/wall-soak/soak.py --podium build/app/podium --seconds 3600 --rate 10

The target is growth < 5 % over an hour at 10 events/s. Memory is sampled
after a warm-up (QML compiled, caches filled, first celebrations played), so
the figure is the drift of a wall that has been running, not its start-up.
Frame statistics (PODIUM_FRAME_STATS) go to the log file next to the result.
"""
import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

TOKEN = "soak-admin-token"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def post(base, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"{}")


def wait_listening(base, deadline):
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/api/health", timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def housekeeping_growth(log_path, warmup, seconds):
    """The wall trims its heap once a minute and logs resident memory just
    before and just after (qml/housekeeping.h). A sample taken once a minute
    can land on either side of a trim, and the two drift apart over an hour;
    the rounds' own figures compare like with like: the peak before a trim
    and the floor after it, first round after the warm-up against the last."""
    rounds = []
    with open(log_path) as f:
        for line in f:
            if "housekeeping: resident" in line:
                words = line.split()
                numbers = [int(w) for w in words if w.isdigit()]
                if len(numbers) >= 2:
                    rounds.append(numbers[:2])
    skip = max(1, warmup // 60)  # the housekeeping rounds run every 60 s
    if len(rounds) <= skip:
        return {}
    first, last = rounds[skip], rounds[-1]
    pct = lambda a, b: round(100.0 * (b - a) / a, 2)
    return {"housekeepingRounds": rounds,
            "beforeTrimGrowthPercent": pct(first[0], last[0]),
            "afterTrimGrowthPercent": pct(first[1], last[1])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--podium", default=os.path.join(os.path.dirname(__file__), "../../build/app/podium"))
    ap.add_argument("--seconds", type=int, default=3600)
    ap.add_argument("--rate", type=float, default=10.0, help="activities per second")
    ap.add_argument("--warmup", type=int, default=120, help="seconds before the first memory sample")
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--out", default="wall-soak-result.json")
    ap.add_argument("--headless", action="store_true",
                    help="the same load without the wall: the server's own share of the memory")
    args = ap.parse_args()

    if not shutil.which("Xvfb"):
        sys.exit("Xvfb is needed (Debian: xvfb, libgl1-mesa-dri)")
    data = tempfile.mkdtemp(prefix="podium-soak-")
    display = ":%d" % random.randint(90, 199)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", args.size + "x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    port = free_port()
    env = dict(os.environ, DISPLAY=display, PODIUM_ADMIN_TOKEN=TOKEN, PODIUM_FRAME_STATS="60",
               # What each housekeeping round gives back (qml/housekeeping.h).
               QT_LOGGING_RULES="podium.wall.debug=true")
    env.pop("QT_QPA_PLATFORM", None)
    log = open(os.path.splitext(args.out)[0] + ".log", "w")
    command = [args.podium, "--port", str(port), "--address", "127.0.0.1", "--data-dir", data, "--rate-limit", "0"]
    if args.headless:
        command.append("--headless")
    podium = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = "http://127.0.0.1:%d" % port
    result = {}
    try:
        if not wait_listening(base, time.time() + 30):
            sys.exit("podium did not start (see the log)")
        people = []
        teams = ["Storm Chasers", "Shingle Kings", "Gutter Gurus", "Ridge Runners"]
        for i in range(12):
            people.append(post(base, "/api/people", {"name": "Soak Person %d" % (i + 1), "team": teams[i % 4]})["id"])
        rng = random.Random(7)
        start = time.time()
        period = 1.0 / args.rate
        sent = failed = 0
        first_rss = None
        samples = []
        next_at = start
        while time.time() - start < args.seconds:
            now = time.time()
            elapsed = now - start
            if first_rss is None and elapsed >= args.warmup:
                first_rss = rss_kib(podium.pid)
            if int(elapsed) % 60 == 0 and (not samples or samples[-1][0] != int(elapsed)):
                samples.append((int(elapsed), rss_kib(podium.pid)))
                # One line a minute, so a long run can be followed while it goes.
                print("%5d s  rss %d KiB" % samples[-1], flush=True)
            person = rng.choice(people)
            kind = rng.random()
            try:
                if kind < 0.6:
                    post(base, "/api/activities", {"person": person, "metric": "revenue", "delta": rng.randint(300, 4000)})
                elif kind < 0.85:
                    # XP milestones repeat (every 1,000): celebrations never run out.
                    post(base, "/api/activities", {"person": person, "metric": "xp", "delta": rng.randint(100, 400)})
                elif kind < 0.99:
                    post(base, "/api/activities", {"person": person, "metric": "signups", "delta": 1})
                else:
                    post(base, "/api/announcements", {"text": "Soak announcement at %ds" % int(elapsed),
                                                      "kind": "flash" if rng.random() < 0.2 else "ticker",
                                                      "durationSeconds": 120})
                sent += 1
            except OSError:
                failed += 1
            next_at += period
            delay = next_at - time.time()
            if delay > 0:
                time.sleep(delay)
        last_rss = rss_kib(podium.pid)
        first_rss = first_rss or samples[0][1]
        result = {"seconds": args.seconds, "rate": args.rate, "sent": sent, "failed": failed,
                  "rssStartKiB": first_rss, "rssEndKiB": last_rss,
                  "growthPercent": round(100.0 * (last_rss - first_rss) / first_rss, 2),
                  "samples": samples}
        log.flush()
        result.update(housekeeping_growth(log.name, args.warmup, args.seconds))
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)
        print("rss after warm-up %d KiB, at the end %d KiB: %+.2f %% over %d s (%d events, %d failed)"
              % (first_rss, last_rss, result["growthPercent"], args.seconds, sent, failed))
        if "afterTrimGrowthPercent" in result:
            print("housekeeping rounds: before the trim %+.2f %%, after it %+.2f %%"
                  % (result["beforeTrimGrowthPercent"], result["afterTrimGrowthPercent"]))
    finally:
        podium.send_signal(signal.SIGTERM)
        try:
            podium.wait(15)
        except subprocess.TimeoutExpired:
            podium.kill()
        xvfb.terminate()
        log.close()
        shutil.rmtree(data, ignore_errors=True)
    return 0 if result and result["growthPercent"] < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
