/// The web page of `nest serve`, served at `/`: one self-contained HTML document (its
/// style and script inline; it loads nothing but the server's own API, which its content
/// security policy enforces) for the people of a cutting room.
///
/// It lets them send a bundled job (`nest bundle JOB.json`) with a priority and an optional
/// time limit (`POST api/jobs`, the API's error text shown on a refusal), or a job as its
/// own files — a folder, or several files: the job JSON and the pattern, hide and roll
/// files it names — which the server bundles (`POST api/bundle`) before it is queued; see the queue,
/// polled every 1.5 s from `GET api/jobs` (id, name, status, progress, priority, attempts),
/// change a job's priority (`PATCH`) or cancel a queued or running one (`POST …/cancel`);
/// and open a finished job's files: its report page (`index.html`), `report.json`,
/// `cut-sheets.pdf`, the sheets. At the cutting table: open an order (`POST api/orders`) or
/// take one up by its number, send the hide on the table (`POST api/orders/ID/hides`), watch
/// each hide's state (polled from `GET api/orders/ID`; the parts held by nested hides on the
/// order's line), confirm its cut with its row's button (`…/hides/N/confirm`) or give it up
/// (`…/hides/N/discard`), mark a defect found late on a nested hide with its row's file field
/// (`…/hides/N/defects`), and add pairs to the order (`POST api/orders/ID/lines`: the nested
/// hides are nested again around their parts); each hide is a row `tr[data-hide][data-status]`.
///
/// The page holds no data, so it is served without the token; with `--token-file` the user
/// types the token into the page's field (or opens `/#token=TOKEN`; a fragment never reaches
/// the server), it is kept for the browser tab (`sessionStorage`) and sent as
/// `Authorization: Bearer` on every request, the files then fetched the same way and opened
/// from the browser's memory. Every request is relative to the page, so the server also
/// works behind a proxy that serves it under a path.
///
/// Once its script has drawn the queue, each job is a row `tr[data-job-id][data-status]`
/// and `#queue` carries `data-loaded` with the time of the last successful poll.
enum WebPage {
    /// The headers the page is served with: HTML, never cached across versions of the
    /// server, and a policy that lets it reach nothing but this server.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        + "connect-src 'self'; img-src 'self' data: blob:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

    static let html = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>nest — nesting server</title>
        <style>
        :root{--ink:#1d232a;--muted:#66707a;--line:#d5dadf;--accent:#1f5fa8;--bad:#b3261e;--good:#1b7a3a;--bg:#f6f7f8}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        header{background:var(--ink);color:#fff;padding:10px 20px;display:flex;gap:20px;align-items:center;flex-wrap:wrap}
        header h1{font-size:18px;margin:0;font-weight:600}
        header label{color:#cfd5db}
        main{padding:16px 20px;display:grid;gap:16px}
        section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px}
        h2{font-size:15px;margin:0 0 10px}
        form{display:flex;gap:12px;align-items:end;flex-wrap:wrap}
        label{display:flex;flex-direction:column;gap:3px;font-size:12px;color:var(--muted)}
        input{font:inherit;padding:4px 6px;border:1px solid var(--line);border-radius:4px}
        input[type=number]{width:7em}
        button{font:inherit;padding:4px 12px;border:1px solid var(--accent);border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
        button.plain{background:#fff;color:var(--accent)}
        button:disabled{opacity:.5;cursor:default}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        th{font-size:12px;color:var(--muted);font-weight:600}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        .status{font-weight:600}
        .s-done{color:var(--good)} .s-failed{color:var(--bad)} .s-running{color:var(--accent)} .s-cancelled{color:var(--muted)}
        .files a{margin-right:10px;white-space:nowrap}
        td.prio{white-space:nowrap} td.prio input{width:5.5em}
        td.name{white-space:nowrap} td.files{min-width:14em}
        .error{color:var(--bad)}
        .note{color:var(--muted)}
        #message{min-height:1.4em;margin:8px 0 0}
        .bar{height:4px;background:var(--line);border-radius:2px;margin-top:3px;width:120px}
        .bar span{display:block;height:100%;background:var(--accent);border-radius:2px}
        </style>
        </head>
        <body>
        <header>
          <h1>nest — nesting server</h1>
          <label>Token (only if the server asks for one)
            <input id="token" type="password" autocomplete="off" size="28" placeholder="bearer token">
          </label>
        </header>
        <main>
        <section>
          <h2>Send a job</h2>
          <form id="upload">
            <label>Bundled job (nest bundle JOB.json)
              <input id="file" type="file" accept=".json,application/json" required>
            </label>
            <label>Priority (−1000…1000)
              <input id="priority" type="number" min="-1000" max="1000" step="1" value="0">
            </label>
            <label>Time limit, s (optional)
              <input id="time-limit" type="number" min="0" step="any" placeholder="the job's">
            </label>
            <button type="submit" id="send">Send</button>
          </form>
          <form id="upload-files">
            <label>Or the job's own files: its JSON and the pattern, hide and roll files it names
              <input id="files" type="file" multiple>
            </label>
            <label>or its folder
              <input id="folder" type="file" multiple webkitdirectory>
            </label>
            <button type="submit" id="send-files">Bundle and send</button>
          </form>
          <p id="message" role="status"></p>
        </section>
        <section>
          <h2>Queue <span id="state" class="note"></span></h2>
          <table id="queue">
            <thead><tr><th>Id</th><th>Name</th><th>Status</th><th>Progress</th><th>Priority</th><th>Attempts</th><th></th><th>Files</th></tr></thead>
            <tbody id="jobs"></tbody>
          </table>
          <p id="empty" class="note" hidden>No jobs yet.</p>
        </section>
        <section id="session">
          <h2>Cutting session <span id="order-state" class="note"></span></h2>
          <form id="order-form">
            <label>Open an order (a bundled job)
              <input id="order-file" type="file" accept=".json,application/json">
            </label>
            <button type="submit" id="open-order">Open</button>
            <label>or take up order number
              <input id="order-id" type="number" min="1" step="1">
            </label>
          </form>
          <form id="hide-form">
            <label>The hide on the table (its file, as digitized)
              <input id="hide-file" type="file" accept=".json,application/json">
            </label>
            <button type="submit" id="send-hide">Nest it</button>
          </form>
          <form id="lines-form">
            <label>Pairs added to the order (order lines as a job file gives them: <code>{"order": [...]}</code>)
              <input id="lines-file" type="file" accept=".json,application/json">
            </label>
            <button type="submit" id="add-lines">Add them</button>
          </form>
          <p id="order-message" role="status"></p>
          <table id="hides">
            <thead><tr><th>Hide</th><th>Name</th><th>Status</th><th>Parts placed</th><th></th><th>Files</th></tr></thead>
            <tbody id="hide-rows"></tbody>
          </table>
        </section>
        </main>
        <script>
        "use strict";
        (function () {
          var tokenField = document.getElementById("token");
          var message = document.getElementById("message");
          var stateText = document.getElementById("state");
          var tbody = document.getElementById("jobs");
          var rows = {};

          // The token: from the address's fragment (#token=...), else from this tab's storage.
          if (location.hash.indexOf("#token=") === 0) {
            sessionStorage.setItem("nest-token", decodeURIComponent(location.hash.slice(7)));
            history.replaceState(null, "", location.pathname + location.search);
          }
          tokenField.value = sessionStorage.getItem("nest-token") || "";
          tokenField.addEventListener("change", function () {
            sessionStorage.setItem("nest-token", tokenField.value.trim());
            poll();
          });
          function headers(extra) {
            var h = extra || {};
            var t = tokenField.value.trim();
            if (t) h["Authorization"] = "Bearer " + t;
            return h;
          }

          // A request to the API; resolves to the parsed JSON, rejects with the API's error text.
          function api(method, path, body, contentType) {
            var init = {method: method, headers: headers(contentType ? {"Content-Type": contentType} : {}), cache: "no-store"};
            if (body !== undefined) init.body = body;
            return fetch(path, init).then(function (r) {
              return r.text().then(function (text) {
                var data = null;
                try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
                if (!r.ok) {
                  var why = data && data.error ? data.error : (text || r.statusText);
                  if (r.status === 401) why += " — enter the server's token above";
                  throw new Error(r.status + ": " + why);
                }
                return data;
              });
            });
          }

          function say(text, bad) {
            message.textContent = text;
            message.className = bad ? "error" : "";
          }

          // Sending a job: the file's bytes as the body, as the API takes them.
          document.getElementById("upload").addEventListener("submit", function (event) {
            event.preventDefault();
            var file = document.getElementById("file").files[0];
            if (!file) { say("Choose a bundled job file first.", true); return; }
            var query = "?priority=" + encodeURIComponent(document.getElementById("priority").value || "0");
            var limit = document.getElementById("time-limit").value;
            if (limit) query += "&time_limit=" + encodeURIComponent(limit);
            var send = document.getElementById("send");
            send.disabled = true;
            say("Sending " + file.name + "…");
            api("POST", "api/jobs" + query, file, "application/json").then(function (job) {
              say("Queued job " + job.id + " (" + job.name + ", " + job.parts + " parts).");
              document.getElementById("file").value = "";
              poll();
            }, function (e) {
              say(file.name + ": " + e.message, true);
            }).then(function () { send.disabled = false; });
          });

          // Sending a job as its files (a folder, or several files): bundled by the server
          // (api/bundle, the code of nest bundle), then queued as a bundled job.
          function base64(buffer) {
            var bytes = new Uint8Array(buffer), text = "";
            for (var i = 0; i < bytes.length; i += 32768) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
            return btoa(text);
          }
          document.getElementById("upload-files").addEventListener("submit", function (event) {
            event.preventDefault();
            var chosen = Array.prototype.slice.call(document.getElementById("folder").files)
              .concat(Array.prototype.slice.call(document.getElementById("files").files));
            if (!chosen.length) { say("Choose the job's files or its folder first.", true); return; }
            var query = "?priority=" + encodeURIComponent(document.getElementById("priority").value || "0");
            var limit = document.getElementById("time-limit").value;
            if (limit) query += "&time_limit=" + encodeURIComponent(limit);
            var send = document.getElementById("send-files");
            send.disabled = true;
            say("Bundling " + chosen.length + " files…");
            Promise.all(chosen.map(function (f) {
              return f.arrayBuffer().then(function (b) { return [f.webkitRelativePath || f.name, {base64: base64(b)}]; });
            })).then(function (entries) {
              var files = {};
              entries.forEach(function (e) { files[e[0]] = e[1]; });
              return api("POST", "api/bundle", JSON.stringify({files: files}), "application/json");
            }).then(function (made) {
              return api("POST", "api/jobs" + query, JSON.stringify(made.bundle), "application/json").then(function (job) {
                var notes = made.notes.length ? " Notes: " + made.notes.join("; ") : "";
                say("Queued job " + job.id + " (" + job.name + ", " + job.parts + " parts, from " + chosen.length + " files)." + notes);
                document.getElementById("files").value = "";
                document.getElementById("folder").value = "";
                poll();
              });
            }).catch(function (e) {
              say(e.message, true);
            }).then(function () { send.disabled = false; });
          });

          function cell(row, index) { return row.children[index]; }
          function el(tag, text, cls) {
            var e = document.createElement(tag);
            if (text !== undefined) e.textContent = text;
            if (cls) e.className = cls;
            return e;
          }

          function progressText(job) {
            var p = job.progress;
            if (!p) return job.status === "queued" ? "waiting" : "";
            var t = p.phase + " · " + p.parts_placed + "/" + p.parts_total + " parts · " + p.yield_percent.toFixed(2) + " %";
            if (p.iteration !== null && p.budget) t += " · iteration " + p.iteration + "/" + p.budget;
            return t;
          }

          // The files in the order a cutting room wants them: the report page first.
          function sortedFiles(files) {
            var first = ["index.html", "report.json", "cut-sheets.pdf"];
            return files.slice().sort(function (a, b) {
              var i = first.indexOf(a), j = first.indexOf(b);
              if (i < 0) i = first.length;
              if (j < 0) j = first.length;
              return i !== j ? i - j : (a < b ? -1 : a > b ? 1 : 0);
            });
          }

          // With a token a link cannot carry it: fetch the file with it and open it from memory.
          function openWithToken(event) {
            if (!tokenField.value.trim()) return;  // no token: the plain link works
            event.preventDefault();
            var a = event.currentTarget;
            fetch(a.getAttribute("href"), {headers: headers(), cache: "no-store"}).then(function (r) {
              if (!r.ok) throw new Error(r.status + " " + r.statusText);
              return r.blob();
            }).then(function (blob) {
              var url = URL.createObjectURL(blob);
              var name = a.textContent;
              if (/\.(html|pdf|svg|json)$/.test(name)) {
                window.open(url, "_blank");
              } else {
                var d = document.createElement("a");
                d.href = url; d.download = name;
                document.body.appendChild(d); d.click(); d.remove();
              }
              setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
            }).catch(function (e) { say(a.textContent + ": " + e.message, true); });
          }

          function filesCell(td, job) {
            var key = JSON.stringify(job.files);
            if (td.filesShown === key) return;
            td.filesShown = key;
            td.textContent = "";
            sortedFiles(job.files).forEach(function (name) {
              var a = el("a", name);
              a.href = "api/jobs/" + job.id + "/files/" + encodeURIComponent(name);
              a.target = "_blank";
              a.rel = "noopener";
              if (!/\.(html|pdf|svg|json)$/.test(name)) a.download = name;
              a.addEventListener("click", openWithToken);
              td.append(a, " ");
            });
          }

          function newRow(job) {
            var tr = document.createElement("tr");
            tr.dataset.jobId = String(job.id);
            for (var i = 0; i < 8; i++) tr.appendChild(el("td"));
            cell(tr, 0).className = "num";
            cell(tr, 5).className = "num";
            cell(tr, 4).className = "prio";
            cell(tr, 1).className = "name";
            cell(tr, 7).className = "files";

            var priority = el("input");
            priority.type = "number"; priority.min = "-1000"; priority.max = "1000"; priority.step = "1";
            priority.title = "Higher first; Enter to change";
            var set = el("button", "Set", "plain");
            set.type = "button";
            function change() {
              var p = Number(priority.value);
              if (!Number.isInteger(p)) { say("A priority is a whole number from −1000 to 1000.", true); return; }
              api("PATCH", "api/jobs/" + job.id, JSON.stringify({priority: p}), "application/json").then(function (j) {
                say("Job " + j.id + ": priority " + j.priority + ".");
                delete priority.dataset.editing;
                poll();
              }, function (e) { say("Job " + job.id + ": " + e.message, true); });
            }
            priority.addEventListener("input", function () { priority.dataset.editing = "1"; });
            priority.addEventListener("keydown", function (e) { if (e.key === "Enter") change(); });
            set.addEventListener("click", change);
            cell(tr, 4).append(priority, " ", set);

            var cancel = el("button", "Cancel", "plain");
            cancel.type = "button";
            cancel.className = "plain cancel";
            cancel.addEventListener("click", function () {
              api("POST", "api/jobs/" + job.id + "/cancel").then(function (j) {
                say(j.status === "running" ? "Job " + j.id + ": stopping, its best nest is being written." : "Job " + j.id + ": cancelled.");
                poll();
              }, function (e) { say("Job " + job.id + ": " + e.message, true); });
            });
            cell(tr, 6).appendChild(cancel);
            return tr;
          }

          function update(tr, job) {
            tr.dataset.status = job.status;
            cell(tr, 0).textContent = job.id;
            cell(tr, 1).textContent = job.name;
            var status = cell(tr, 2);
            status.textContent = job.status + (job.cancel_requested && job.status === "running" ? " (stopping)" : "");
            status.className = "status s-" + job.status;
            var progress = cell(tr, 3);
            progress.textContent = progressText(job);
            if (job.error) progress.appendChild(el("div", job.error, "error"));
            if (job.status === "running" && job.progress && job.progress.parts_total > 0) {
              var bar = el("div", undefined, "bar"), fill = el("span");
              fill.style.width = Math.round(100 * job.progress.parts_placed / job.progress.parts_total) + "%";
              bar.appendChild(fill);
              progress.appendChild(bar);
            }
            var priority = cell(tr, 4).querySelector("input");
            if (document.activeElement !== priority && !priority.dataset.editing) {
              priority.defaultValue = String(job.priority);
              priority.value = String(job.priority);
            }
            var final = job.status === "done" || job.status === "failed" || job.status === "cancelled";
            priority.disabled = final;
            cell(tr, 4).querySelector("button").disabled = final;
            cell(tr, 5).textContent = job.attempts;
            var cancel = cell(tr, 6).querySelector("button");
            cancel.hidden = final;
            cancel.disabled = !!job.cancel_requested;
            filesCell(cell(tr, 7), job);
          }

          function render(jobs) {
            var seen = {};
            jobs.forEach(function (job, index) {
              var tr = rows[job.id] || (rows[job.id] = newRow(job));
              seen[job.id] = true;
              update(tr, job);
              if (tbody.children[index] !== tr) tbody.insertBefore(tr, tbody.children[index] || null);
            });
            Object.keys(rows).forEach(function (id) {
              if (!seen[id]) { rows[id].remove(); delete rows[id]; }
            });
            document.getElementById("empty").hidden = jobs.length > 0;
          }

          var timer = null;
          function poll() {
            clearTimeout(timer);
            api("GET", "api/jobs").then(function (data) {
              render(data.jobs);
              document.getElementById("queue").dataset.loaded = new Date().toISOString();
              stateText.textContent = "— " + data.jobs.length + " job" + (data.jobs.length === 1 ? "" : "s") + ", updated " + new Date().toLocaleTimeString();
              stateText.className = "note";
            }, function (e) {
              stateText.textContent = "— " + e.message;
              stateText.className = "error";
            }).then(function () { timer = setTimeout(poll, 1500); });
          }
          poll();

          // A cutting session: the order being cut (kept for the tab), the hide on the table
          // sent to it, each hide's state, and the operator's confirmation of a cut.
          var orderMessage = document.getElementById("order-message");
          var orderState = document.getElementById("order-state");
          var hideRows = document.getElementById("hide-rows");
          var orderField = document.getElementById("order-id");
          var currentOrder = sessionStorage.getItem("nest-order") || "";
          orderField.value = currentOrder;
          function sayOrder(text, bad) {
            orderMessage.textContent = text;
            orderMessage.className = bad ? "error" : "";
          }
          function useOrder(id) {
            currentOrder = String(id || "");
            orderField.value = currentOrder;
            sessionStorage.setItem("nest-order", currentOrder);
            hideRows.textContent = "";
            pollOrder();
          }
          orderField.addEventListener("change", function () { useOrder(orderField.value.trim()); });

          document.getElementById("order-form").addEventListener("submit", function (event) {
            event.preventDefault();
            var file = document.getElementById("order-file").files[0];
            if (!file) { sayOrder("Choose a bundled job to open as an order.", true); return; }
            api("POST", "api/orders", file, "application/json").then(function (order) {
              sayOrder("Opened order " + order.id + " (" + order.name + ", " + order.parts_left + " parts).");
              document.getElementById("order-file").value = "";
              useOrder(order.id);
            }, function (e) { sayOrder(file.name + ": " + e.message, true); });
          });

          document.getElementById("hide-form").addEventListener("submit", function (event) {
            event.preventDefault();
            var file = document.getElementById("hide-file").files[0];
            if (!currentOrder) { sayOrder("Open an order, or give its number, first.", true); return; }
            if (!file) { sayOrder("Choose the hide's file.", true); return; }
            api("POST", "api/orders/" + currentOrder + "/hides", file, "application/json").then(function (h) {
              sayOrder("Hide " + h.hide + ": nesting " + h.parts + " parts (job " + h.job + ").");
              document.getElementById("hide-file").value = "";
              pollOrder();
              poll();
            }, function (e) { sayOrder(file.name + ": " + e.message, true); });
          });

          // Pairs added: the order grows and every nested hide is nested again around its parts.
          document.getElementById("lines-form").addEventListener("submit", function (event) {
            event.preventDefault();
            var file = document.getElementById("lines-file").files[0];
            if (!currentOrder) { sayOrder("Open an order, or give its number, first.", true); return; }
            if (!file) { sayOrder("Choose the file of the order lines.", true); return; }
            api("POST", "api/orders/" + currentOrder + "/lines", file, "application/json").then(function (o) {
              var again = o.renested.filter(function (r) { return r.job !== null; }).map(function (r) { return r.hide; });
              sayOrder("Added " + o.parts_added + " parts, " + o.parts_left + " left" +
                (again.length ? "; nesting hide " + again.join(", ") + " again around its parts." : "."));
              document.getElementById("lines-file").value = "";
              renderOrder(o);
              poll();
            }, function (e) { sayOrder(file.name + ": " + e.message, true); });
          });

          function hideRow(order, h) {
            var tr = document.createElement("tr");
            tr.dataset.hide = String(h.hide);
            tr.dataset.status = h.status;
            for (var i = 0; i < 6; i++) tr.appendChild(el("td"));
            cell(tr, 0).textContent = h.hide;
            cell(tr, 0).className = "num";
            cell(tr, 1).textContent = h.name + (h.late_defects ? " (" + h.late_defects + " late defect" + (h.late_defects === 1 ? ")" : "s)") : "");
            cell(tr, 2).textContent = h.status;
            cell(tr, 2).className = "status s-" + (h.status === "nested" || h.status === "confirmed" ? "done" : h.status);
            if (h.error) cell(tr, 2).appendChild(el("div", h.error, "error"));
            cell(tr, 3).textContent = h.parts_placed === null ? "" : String(h.parts_placed);
            cell(tr, 3).className = "num";
            // A button of the row that posts `action` for the hide and shows the order it returns.
            function action(text, name, shown, said) {
              var button = el("button", text, "plain " + name);
              button.type = "button";
              button.hidden = !shown;
              button.addEventListener("click", function () {
                button.disabled = true;
                api("POST", "api/orders/" + order.id + "/hides/" + h.hide + "/" + name).then(function (o) {
                  sayOrder("Hide " + h.hide + ": " + said(o));
                  renderOrder(o);
                }, function (e) {
                  sayOrder("Hide " + h.hide + ": " + e.message, true);
                  button.disabled = false;
                });
              });
              cell(tr, 4).appendChild(button);
            }
            action("Confirm the cut", "confirm", h.status === "nested",
                   function (o) { return "cut confirmed, " + o.parts_left + " parts left."; });
            // Giving the hide up: it holds its parts no longer (its job is cancelled if it still runs).
            action("Give it up", "discard", ["nested", "queued", "running"].indexOf(h.status) >= 0,
                   function (o) { return "given up, " + o.parts_free + " parts free."; });
            // A defect found late on a nested hide (its outline as a hide file lists defects):
            // the hide is nested again around the parts still clear of it.
            var defect = el("input");
            defect.type = "file";
            defect.accept = ".json,application/json";
            defect.className = "defect";
            defect.title = "Mark a late defect (a JSON file: {\"outline\": [[x, y], ...], \"kind\": ...})";
            defect.hidden = h.status !== "nested";
            defect.addEventListener("change", function () {
              var file = defect.files[0];
              if (!file) return;
              api("POST", "api/orders/" + order.id + "/hides/" + h.hide + "/defects", file, "application/json").then(function (r) {
                sayOrder("Hide " + r.hide + ": defect marked, nesting it again (job " + r.job + ").");
                pollOrder();
                poll();
              }, function (e) { sayOrder("Hide " + h.hide + ": " + file.name + ": " + e.message, true); });
            });
            cell(tr, 4).appendChild(defect);
            cell(tr, 5).className = "files";
            if (h.report) filesCell(cell(tr, 5), {id: h.job, files: ["index.html", "report.json", "cut-sheets.pdf"]});
            return tr;
          }

          function renderOrder(order) {
            var cut = order.cut.length;
            orderState.textContent = "— order " + order.id + " (" + order.name + "): " + order.parts_left + " parts left, " +
              cut + " hide" + (cut === 1 ? "" : "s") + " cut" +
              (order.parts_reserved ? ", " + order.parts_reserved + " held by nested hides (" + order.parts_free + " free)" : "");
            orderState.className = "note";
            hideRows.textContent = "";
            order.hides.forEach(function (h) { hideRows.appendChild(hideRow(order, h)); });
          }

          var orderTimer = null;
          function pollOrder() {
            clearTimeout(orderTimer);
            if (!currentOrder) { orderState.textContent = ""; return; }
            api("GET", "api/orders/" + currentOrder).then(renderOrder, function (e) {
              orderState.textContent = "— " + e.message;
              orderState.className = "error";
            }).then(function () { orderTimer = setTimeout(pollOrder, 1500); });
          }
          pollOrder();
        })();
        </script>
        </body>
        </html>
        """#
}
