"""Headless Chromium driven through the DevTools protocol over a pipe (--remote-debugging-pipe:
JSON messages ended by NUL on file descriptors 3 and 4; nothing but the standard library), for
the scripts that drive the web page of `nest serve` as a user would (drive_page.py,
drive_session.py).

    with Browser(chromium) as page:
        page.open(url, ready="document.getElementById('queue').dataset.loaded")
        page.choose("#file", path)
        page.evaluate("document.getElementById('send').click()")
        text = page.wait_for("document.getElementById('message').textContent")

The browser is killed and its profile removed when the block ends; a script that takes
longer than `seconds` (default 150) ends with an error instead of hanging a test run.
"""
import json, os, signal, subprocess, tempfile, time


class Browser:
    def __init__(self, chromium, seconds=150):
        self.chromium = chromium
        self.seconds = seconds
        self.buffer = b""
        self.next_id = 0
        self.session = None

    def __enter__(self):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        self.profile = tempfile.mkdtemp(prefix="nest-chromium-")

        def child_fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen([self.chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                      "--user-data-dir=" + self.profile, "--remote-debugging-pipe", "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     preexec_fn=child_fds, pass_fds=(3, 4))
        os.close(to_chrome_r)
        os.close(from_chrome_w)

        def timed_out(signum, frame):
            raise SystemExit("timed out after %d s" % self.seconds)

        signal.signal(signal.SIGALRM, timed_out)  # never hang a test run; chromium is still killed below
        signal.alarm(self.seconds)
        return self

    def __exit__(self, *exc):
        signal.alarm(0)
        self.proc.kill()
        self.proc.wait()
        subprocess.run(["rm", "-rf", self.profile])
        return False

    def send(self, method, params=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_chrome, 1 << 16)
                if not chunk:
                    raise SystemExit("chromium closed the pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise SystemExit(method + ": " + json.dumps(reply["error"]))
                return reply.get("result", {})

    def open(self, url, ready):
        """Opens `url` in a new tab and waits until the expression `ready` is true there."""
        target = self.send("Target.createTarget", {"url": "about:blank"})
        self.session = self.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})["sessionId"]
        self.send("Page.enable")
        self.send("Page.navigate", {"url": url})
        return self.wait_for(ready)

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise SystemExit("page: " + json.dumps(result["exceptionDetails"]))
        return result["result"].get("value")

    def wait_for(self, expression, seconds=15):
        deadline = time.time() + seconds
        while time.time() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise SystemExit("timed out waiting for " + expression)

    def choose(self, selector, path):
        """Puts the file at `path` into the file input `selector`, as a user choosing it."""
        document = self.send("DOM.getDocument")
        node = self.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector})
        self.send("DOM.setFileInputFiles", {"nodeId": node["nodeId"], "files": [path]})
