#!/usr/bin/env python3
"""Drives the web page of `nest serve` in headless Chromium as a user would (devtools.py).

    drive_page.py CHROMIUM PAGE_URL BUNDLE BAD_FILE RUNNING_JOB

Sends BAD_FILE with the page's form (expects the API's refusal on the page), then BUNDLE
with priority 7; sets the new job's priority to 3 with its row's field and button; cancels
it with its row's button; cancels RUNNING_JOB (a job a worker runs) the same way, waits for
its row to say cancelled and opens its report.json with the row's link (the page fetches it,
with the token when there is one). Prints one JSON object: what the page showed at each step.
"""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Browser

chromium, url, bundle, bad, running = sys.argv[1:6]

with Browser(chromium) as page:
    evaluate, wait_for = page.evaluate, page.wait_for
    page.open(url, ready="document.getElementById('queue') && document.getElementById('queue').dataset.loaded")
    out = {}

    page.choose("#file", bad)
    evaluate("document.getElementById('send').click()")
    out["refusal"] = wait_for("document.getElementById('message').className === 'error' && document.getElementById('message').textContent")

    page.choose("#file", bundle)
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
