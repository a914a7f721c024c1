#!/usr/bin/env python3
"""Load test of `tweetal serve`: concurrent clients editing over HTTP, then a check of every file.

    scripts/load-test.py [--tweetal .build/release/tweetal] [--seconds 30] [--clients 20] [--same 5] [--pause MS] [--threads]

Serves, from a temporary folder, --clients + 1 copies of the IMRF alignment (224 beads; never
the committed file). One client per copy edits its own file, and --same more clients edit one
shared copy, for --seconds, each on its own one-sentence bead, each client a process of its own: `text` edits that write
"<client> <n>" as the source sentence, one request after another on a keep-alive connection.
Afterwards, with the server stopped:

- no lost update: every bead holds the text of the last edit its client got 200 for;
- no broken file: every TMX reads back (`tweetal show`) and the rest of it is unchanged;
- every response was well-formed: status 200, JSON with the rendered beads and map.

Prints requests, throughput and latency percentiles (p50, p90, p99, max) and exits 1 if any
check failed or p99 is over --p99-limit ms (default 50).
"""
import argparse
import bisect
import http.client
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "alignments", "2022-imrf-letter_vnr.tmx")
HEADER = re.compile(r"^\s*>?\s*(\d+)\s+(\d+)-(\d+)\s+", re.M)


def show(tweetal, path):
    result = subprocess.run([tweetal, "show", "--width", "400", path], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, NO_COLOR="1"))
    return result.returncode, result.stdout, result.stderr


def one_sentence_beads(tweetal, path):
    code, out, err = show(tweetal, path)
    if code != 0:
        sys.exit(f"tweetal show {path} failed: {err}")
    return [int(m.group(1)) for m in HEADER.finditer(out) if m.group(2) == "1"]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tweetal", default=os.path.join(ROOT, ".build/release/tweetal"))
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--same", type=int, default=5)
    parser.add_argument("--p99-limit", type=float, default=50)
    parser.add_argument("--threads", action="store_true",
                        help="run the clients as threads of this process (they then share Python's lock: "
                             "its waits count as latency) instead of a process each")
    parser.add_argument("--pause", type=float, default=0,
                        help="ms each client waits between its edits (0: back to back, a closed loop)")
    arguments = parser.parse_args()
    tweetal = os.path.abspath(arguments.tweetal)

    folder = tempfile.mkdtemp(prefix="tweetal-load-")
    names = [f"imrf-{i:02d}" for i in range(1, arguments.clients + 1)] + ["imrf-shared"]
    for name in names:
        shutil.copyfile(SOURCE, os.path.join(folder, name + ".tmx"))
    beads = one_sentence_beads(tweetal, SOURCE)
    if len(beads) < arguments.same:
        sys.exit("not enough one-sentence beads")
    # Client i edits (file, bead): its own file, or the shared file with a bead of its own.
    plan = [(f"imrf-{i:02d}", beads[i % len(beads)]) for i in range(1, arguments.clients + 1)]
    plan += [("imrf-shared", beads[(7 * j) % len(beads)]) for j in range(arguments.same)]
    with open(SOURCE, encoding="utf-8") as handle:
        original_text = handle.read()
    original_count = len(HEADER.findall(show(tweetal, SOURCE)[1]))

    children_before = os.times()
    server = subprocess.Popen([tweetal, "serve", folder, "--port", "0", "--user", "load-test"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = server.stdout.readline().strip()
    match = re.match(r"http://127\.0\.0\.1:(\d+)/", url)
    if not match:
        server.kill()
        sys.exit(f"tweetal serve did not print its URL: {url} {server.stderr.read()}")
    port = int(match.group(1))

    latencies = []
    shared_latencies = []  # of the clients on the shared file (also in latencies)
    partial = [0]
    problems = []
    last_ok = {}
    lock = threading.Lock()
    deadline = time.monotonic() + arguments.seconds

    def client(number, file_id, bead, results=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        count = 0
        last = None
        version = None
        while time.monotonic() < deadline:
            if count and arguments.pause:
                time.sleep(arguments.pause / 1000)
            count += 1
            text = f"client {number} edit {count}"
            body = json.dumps({"op": "text", "bead": bead, "side": "source", "text": text})
            started = time.perf_counter()
            try:
                headers = {"Content-Type": "application/json", "X-Tweetal-Request": "1"}
                if version:
                    # As the page does: name the version shown, to be sent only what changed.
                    headers["X-Tweetal-Version"] = version
                connection.request("POST", f"/api/files/{file_id}/edit", body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except Exception as error:  # noqa: BLE001 - every failure is a finding
                with lock:
                    problems.append(f"client {number}: {error!r}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((time.perf_counter() - started) * 1000)
            try:
                reply = json.loads(data)
                html = reply.get("html", "")
                rendered = html.count('<div class="bead ')
                if reply.get("first"):
                    # Only what changed since the version the client named: this bead (a text
                    # edit replaces one bead by one) and, when other clients edited the file in
                    # between, the beads from theirs to it; as many marks on the map.
                    first = reply.get("first")
                    whole = (rendered >= 1 and reply.get("replaces") == rendered
                             and first <= bead < first + rendered
                             and reply.get("map", "").count("<a href=") == rendered)
                else:
                    whole = rendered == reply.get("beads") and reply.get("map", "").startswith("<svg")
                well_formed = (response.status == 200 and reply.get("file") == file_id and whole
                               and reply.get("beads") == original_count and text in html)
                if reply.get("first"):
                    partial[0] += 1
                version = reply.get("version")
            except (ValueError, AttributeError):
                well_formed = False
            if well_formed:
                last = text
            else:
                with lock:
                    problems.append(f"client {number}: {response.status} {data[:200]!r}")
        connection.close()
        if results is not None:
            # In a process of its own: everything goes back to the parent.
            results.put((mine, (file_id, bead), last, problems, partial[0]))
            return
        with lock:
            latencies.extend(mine)
            if file_id == "imrf-shared":
                shared_latencies.extend(mine)
            last_ok[(file_id, bead)] = last

    started = time.monotonic()
    if arguments.threads:
        threads = [threading.Thread(target=client, args=(n, f, b)) for n, (f, b) in enumerate(plan)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        # A process per client, so that a client waiting for Python's lock is not counted as
        # latency of the server.
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        processes = [context.Process(target=client, args=(n, f, b, results)) for n, (f, b) in enumerate(plan)]
        for process in processes:
            process.start()
        for _ in processes:
            mine, key, last, found, answered = results.get()
            latencies.extend(mine)
            if key[0] == "imrf-shared":
                shared_latencies.extend(mine)
            last_ok[key] = last
            problems.extend(found)
            partial[0] += answered
        for process in processes:
            process.join()
    elapsed = time.monotonic() - started
    server.send_signal(signal.SIGTERM)
    _, _, usage = os.wait4(server.pid, 0)
    server.returncode = 0
    children_after = os.times()
    server_cpu = usage.ru_utime + usage.ru_stime
    client_cpu = (children_after.children_user + children_after.children_system
                  - children_before.children_user - children_before.children_system - server_cpu)

    # Every file reads back; each client's bead holds its last acknowledged text; the rest is as before.
    for name in names:
        path = os.path.join(folder, name + ".tmx")
        code, out, err = show(tweetal, path)
        if code != 0:
            problems.append(f"{name}.tmx is broken: {err}")
            continue
        for (file_id, bead), text in last_ok.items():
            if file_id != name:
                continue
            block = re.search(rf"^\s*>?\s*{bead}\s+\d+-\d+.*?\n(.*?)(?=^\s*>?\s*\d+\s+\d+-\d+\s|\Z)", out, re.M | re.S)
            if text is None or block is None or text not in block.group(1):
                problems.append(f"lost update: {name} bead {bead} should hold '{text}'")
        count = len(HEADER.findall(out))
        if count != original_count:
            problems.append(f"{name}: {count} beads, not {original_count}")
        with open(path, encoding="utf-8") as handle:
            if any(file_id == name for file_id, _ in plan) and handle.read() == original_text:
                problems.append(f"{name}: unchanged after the run")
    shutil.rmtree(folder, ignore_errors=True)

    total = len(latencies)
    print(f"{len(plan)} clients ({arguments.clients} on their own file, {arguments.same} on one shared file, "
          f"{arguments.pause:g} ms between a client's edits), "
          f"{elapsed:.1f} s, {total} edits, {total / elapsed:.0f} edits/s, "
          f"{partial[0]} answered with only the changed beads")
    cpu = os.times()
    client_cpu += cpu.user + cpu.system
    print(f"CPU: load-test clients {client_cpu:.1f} s ({client_cpu / elapsed:.2f} of a core), "
          f"server {server_cpu:.1f} s ({server_cpu / elapsed:.2f} of a core"
          + (f", {server_cpu / total * 1000:.1f} ms per edit)" if total else ")"))
    if total:
        print("edit latency ms: p50 {:.1f}  p90 {:.1f}  p99 {:.1f}  max {:.1f}".format(
            percentile(latencies, 0.5), percentile(latencies, 0.9), percentile(latencies, 0.99), max(latencies)))
        if shared_latencies and len(shared_latencies) < total:
            own = sorted(latencies)
            for value in shared_latencies:
                del own[bisect.bisect_left(own, value)]
            print("  clients on their own file: p50 {:.1f}  p99 {:.1f}; on the shared file: p50 {:.1f}  p99 {:.1f}".format(
                percentile(own, 0.5), percentile(own, 0.99),
                percentile(shared_latencies, 0.5), percentile(shared_latencies, 0.99)))
    for problem in problems[:20]:
        print("problem:", problem)
    checks_failed = len(problems) + (0 if total and percentile(latencies, 0.99) <= arguments.p99_limit else 1)
    print(f"{total - len(problems)} passed, {checks_failed} failed")
    return 1 if checks_failed else 0


if __name__ == "__main__":
    sys.exit(main())
