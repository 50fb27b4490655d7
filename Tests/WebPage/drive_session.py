#!/usr/bin/env python3
"""Drives the cutting-session part of the web page of `nest serve` in headless Chromium as an
operator at the cutting table would (devtools.py).

    drive_session.py CHROMIUM PAGE_URL ORDER_BUNDLE HIDE_FILE BAD_HIDE LINES_FILE DEFECT_FILE

Opens ORDER_BUNDLE as an order with the page's form; sends BAD_HIDE (expects the API's
refusal on the page), then HIDE_FILE as the hide on the table; waits for its row to say
nested, confirms the cut with the row's button and waits for the row to say confirmed and
for the order's line to show what is left; sends HIDE_FILE again as a second hide, waits for
it to be nested and the order's line to show the parts it holds; adds the pairs of LINES_FILE
to the order with the page's form and waits for that hide to be nested again (a new job);
marks the defect of DEFECT_FILE on it with its row's file field and waits for it to be nested
again with one late defect; and gives it up with its row's button. Prints one JSON object:
what the page showed at each step.
"""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Browser

chromium, url, order, hide, bad, lines, defect = sys.argv[1:8]

with Browser(chromium) as page:
    evaluate, wait_for = page.evaluate, page.wait_for
    message = "document.getElementById('order-message')"
    page.open(url, ready="document.getElementById('queue') && document.getElementById('queue').dataset.loaded")
    out = {}

    page.choose("#order-file", order)
    evaluate("document.getElementById('open-order').click()")
    out["opened"] = wait_for("/^Opened order/.test(%s.textContent) && %s.textContent" % (message, message))
    out["order_line"] = wait_for("/parts left/.test(document.getElementById('order-state').textContent) && "
                                 "document.getElementById('order-state').textContent")

    page.choose("#hide-file", bad)
    evaluate("document.getElementById('send-hide').click()")
    out["refusal"] = wait_for("%s.className === 'error' && %s.textContent" % (message, message))

    page.choose("#hide-file", hide)
    evaluate("document.getElementById('send-hide').click()")
    out["queued"] = wait_for("/^Hide 1/.test(%s.textContent) && %s.textContent" % (message, message))
    row = "document.querySelector('tr[data-hide=\"1\"]')"
    out["nested"] = wait_for(row + " && " + row + ".dataset.status === 'nested' && " + row + ".dataset.status", 90)
    out["placed"] = evaluate(row + ".children[3].textContent")
    out["files"] = evaluate("Array.from(%s.querySelectorAll('a')).map(function (a) { return a.textContent; })" % row)

    evaluate(row + ".querySelector('button.confirm').click()")
    out["confirmed"] = wait_for(row + ".dataset.status === 'confirmed' && " + row + ".dataset.status")
    out["confirm_hidden"] = evaluate(row + ".querySelector('button.confirm').hidden")
    out["order_line_after"] = wait_for("document.getElementById('order-state').textContent !== %s && "
                                       "document.getElementById('order-state').textContent" % json.dumps(out["order_line"]))

    # A second hide: nested, it holds its parts (the order's line says so); given up with its button.
    page.choose("#hide-file", hide)
    evaluate("document.getElementById('send-hide').click()")
    row = "document.querySelector('tr[data-hide=\"2\"]')"
    out["second_nested"] = wait_for(row + " && " + row + ".dataset.status === 'nested' && " + row + ".dataset.status", 90)
    out["order_line_held"] = wait_for("/held by nested hides/.test(document.getElementById('order-state').textContent) && "
                                      "document.getElementById('order-state').textContent")
    # Pairs added: the nested hide is nested again around its parts (its files link to a new job).
    link = row + ".querySelector('td.files a') ? " + row + ".querySelector('td.files a').getAttribute('href') : ''"
    first_job = evaluate(link)
    page.choose("#lines-file", lines)
    evaluate("document.getElementById('add-lines').click()")
    out["lines_message"] = wait_for("/^Added /.test(%s.textContent) && %s.textContent" % (message, message))
    out["renested_after_lines"] = wait_for("(%s) !== %s && %s.dataset.status === 'nested' && %s.dataset.status"
                                           % (link, json.dumps(first_job), row, row), 90)
    # A defect found late, marked from the row's file field: nested again, one late defect.
    page.choose("tr[data-hide=\"2\"] input.defect", defect)
    out["defect_message"] = wait_for("/defect marked/.test(%s.textContent) && %s.textContent" % (message, message))
    out["renested_after_defect"] = wait_for("/1 late defect/.test(%s.children[1].textContent) && %s.dataset.status === 'nested' && "
                                            "%s.children[1].textContent" % (row, row, row), 90)
    evaluate(row + ".querySelector('button.discard').click()")
    out["discarded"] = wait_for(row + ".dataset.status === 'discarded' && " + row + ".dataset.status")
    out["discard_message"] = evaluate("%s.textContent" % message)
    out["order_line_released"] = wait_for("!/held/.test(document.getElementById('order-state').textContent) && "
                                          "document.getElementById('order-state').textContent")
    print(json.dumps(out))
