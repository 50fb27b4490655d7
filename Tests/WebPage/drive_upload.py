#!/usr/bin/env python3
"""Drives the web page's folder upload in headless Chromium as a user would (devtools.py).

    drive_upload.py CHROMIUM PAGE_URL MISSING_FILE -- FILE...

First chooses MISSING_FILE alone with the page's "job's own files" input (a job whose
pattern and stock were not chosen with it: expects the API's refusal on the page), then
every FILE at once (a job JSON and the files it names), priority 4, and sends them; waits
for the page to say the job was queued and for its row. Prints one JSON object: what the
page showed at each step.
"""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Browser

chromium, url, missing = sys.argv[1:4]
files = sys.argv[sys.argv.index("--") + 1:]


def choose_all(page, selector, paths):
    """Puts the files at `paths` into the file input `selector` at once, as a user would."""
    document = page.send("DOM.getDocument")
    node = page.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector})
    page.send("DOM.setFileInputFiles", {"nodeId": node["nodeId"], "files": paths})


with Browser(chromium) as page:
    evaluate, wait_for = page.evaluate, page.wait_for
    page.open(url, ready="document.getElementById('queue') && document.getElementById('queue').dataset.loaded")
    out = {}

    choose_all(page, "#files", [missing])
    evaluate("document.getElementById('send-files').click()")
    out["refusal"] = wait_for("document.getElementById('message').className === 'error' && document.getElementById('message').textContent")

    choose_all(page, "#files", files)
    out["chosen"] = evaluate("document.getElementById('files').files.length")
    evaluate("document.getElementById('priority').value = '4'; document.getElementById('send-files').click()")
    out["queued"] = wait_for("/^Queued job/.test(document.getElementById('message').textContent) && document.getElementById('message').textContent", 60)
    job = int(out["queued"].split()[2])
    row = "document.querySelector('tr[data-job-id=\"%d\"]')" % job
    out["row_status"] = wait_for(row + " && " + row + ".dataset.status")
    out["job"] = job
    print(json.dumps(out))
