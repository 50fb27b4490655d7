#!/usr/bin/env python3
"""Drives the web page of `nest serve` in headless Chromium as a user would, through the
DevTools protocol over a pipe (--remote-debugging-pipe: JSON messages ended by NUL on file
descriptors 3 and 4; nothing but the standard library).

    drive_page.py CHROMIUM PAGE_URL BUNDLE BAD_FILE RUNNING_JOB

Sends BAD_FILE with the page's form (expects the API's refusal on the page), then BUNDLE
with priority 7; sets the new job's priority to 3 with its row's field and button; cancels
it with its row's button; cancels RUNNING_JOB (a job a worker runs) the same way, waits for
its row to say cancelled and opens its report.json with the row's link (the page fetches it,
with the token when there is one). Prints one JSON object: what the page showed at each step.
"""
import json, os, signal, subprocess, sys, tempfile, time


chromium, url, bundle, bad, running = sys.argv[1:6]
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()
profile = tempfile.mkdtemp(prefix="nest-chromium-")


def child_fds():
    os.dup2(to_chrome_r, 3)
    os.dup2(from_chrome_w, 4)


proc = subprocess.Popen([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        preexec_fn=child_fds, pass_fds=(3, 4))
os.close(to_chrome_r)
os.close(from_chrome_w)
buffer = b""
next_id = 0
session = None


def send(method, params=None):
    global next_id, buffer
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(to_chrome_w, json.dumps(message).encode() + b"\0")
    while True:
        while b"\0" not in buffer:
            chunk = os.read(from_chrome_r, 1 << 16)
            if not chunk:
                raise SystemExit("chromium closed the pipe")
            buffer += chunk
        raw, buffer = buffer.split(b"\0", 1)
        reply = json.loads(raw)
        if reply.get("id") == next_id:
            if "error" in reply:
                raise SystemExit(method + ": " + json.dumps(reply["error"]))
            return reply.get("result", {})


def evaluate(expression):
    result = send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
    if "exceptionDetails" in result:
        raise SystemExit("page: " + json.dumps(result["exceptionDetails"]))
    return result["result"].get("value")


def wait_for(expression, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = evaluate(expression)
        if value:
            return value
        time.sleep(0.1)
    raise SystemExit("timed out waiting for " + expression)


def choose(path):
    document = send("DOM.getDocument")
    node = send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "#file"})
    send("DOM.setFileInputFiles", {"nodeId": node["nodeId"], "files": [path]})


def timed_out(signum, frame):
    raise SystemExit("drive_page.py: timed out after 150 s")


signal.signal(signal.SIGALRM, timed_out)  # never hang a test run; chromium is still killed below
signal.alarm(150)
try:
    target = send("Target.createTarget", {"url": "about:blank"})
    session = send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})["sessionId"]
    send("Page.enable")
    send("Page.navigate", {"url": url})
    wait_for("document.getElementById('queue') && document.getElementById('queue').dataset.loaded")
    out = {}

    choose(bad)
    evaluate("document.getElementById('send').click()")
    out["refusal"] = wait_for("document.getElementById('message').className === 'error' && document.getElementById('message').textContent")

    choose(bundle)
    evaluate("document.getElementById('priority').value = '7'; document.getElementById('send').click()")
    out["queued"] = wait_for("/^Queued job/.test(document.getElementById('message').textContent) && document.getElementById('message').textContent")
    job = int(out["queued"].split()[2])
    row = "document.querySelector('tr[data-job-id=\"%d\"]')" % job
    out["row_status"] = wait_for(row + " && " + row + ".dataset.status")
    out["row_priority"] = evaluate(row + ".querySelector('input').value")

    evaluate("var i = %s.querySelector('input'); i.value = '3'; i.dispatchEvent(new Event('input')); %s.querySelector('td.prio button').click()" % (row, row))
    out["patched"] = wait_for("/priority 3/.test(document.getElementById('message').textContent) && document.getElementById('message').textContent")

    evaluate(row + ".querySelector('button.cancel').click()")
    out["cancelled"] = wait_for("/cancelled/.test(document.getElementById('message').textContent) && document.getElementById('message').textContent")
    out["row_status_after"] = wait_for(row + ".dataset.status === 'cancelled' && " + row + ".dataset.status")
    out["job"] = job

    row = "document.querySelector('tr[data-job-id=\"%d\"]')" % int(running)
    out["running_status"] = wait_for(row + " && " + row + ".dataset.status")
    evaluate(row + ".querySelector('button.cancel').click()")
    out["stopping"] = wait_for("/stopping/.test(document.getElementById('message').textContent) && document.getElementById('message').textContent")
    link = "Array.from(%s.querySelectorAll('td.files a')).filter(function (a) { return a.textContent === 'report.json'; })[0]" % row
    out["running_status_after"] = wait_for(row + ".dataset.status !== 'running' && " + link + " && " + row + ".dataset.status", 90)
    # Keep what the link opens: the blob the page makes (a token cannot ride on a plain link).
    evaluate("window.__opened = null; window.__blob = null;"
             "URL.createObjectURL = function (b) { window.__blob = b; return 'blob:kept'; };"
             "window.open = function (u) { window.__opened = u; return null; }; true")
    evaluate("var a = %s; a.click(); true" % link)
    out["opened"] = wait_for("window.__opened")
    out["opened_report"] = json.loads(evaluate("window.__blob.text()"))
    print(json.dumps(out))
finally:
    proc.kill()
    proc.wait()
    subprocess.run(["rm", "-rf", profile])
