"use strict";
// scripts/post-comment against a local HTTP server speaking the three GitHub REST calls it uses: the first
// run creates the comment, later runs update the same one, other comments are left alone.
const test = require("node:test");
const assert = require("node:assert/strict");
const http = require("http");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");
const { postOrUpdate } = require("../src/post-comment");
const { MARKER } = require("../src/pr-comment");

function fakeGithub() {
    const comments = [{ id: 1, body: "looks good" }];
    const calls = [];
    let next = 100;
    const server = http.createServer((req, res) => {
        let data = "";
        req.on("data", (c) => { data += c; });
        req.on("end", () => {
            calls.push({ method: req.method, url: req.url, auth: req.headers.authorization });
            const send = (code, body) => { res.writeHead(code, { "Content-Type": "application/json" }); res.end(JSON.stringify(body)); };
            if (req.headers.authorization !== "Bearer t0ken") return send(401, { message: "Bad credentials" });
            if (req.method === "GET" && req.url.startsWith("/repos/o/r/issues/7/comments")) {
                const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
                return send(200, page === 1 ? comments : []);
            }
            if (req.method === "POST" && req.url === "/repos/o/r/issues/7/comments") {
                const c = { id: next++, body: JSON.parse(data).body };
                comments.push(c);
                return send(201, c);
            }
            const m = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(req.url);
            if (req.method === "PATCH" && m) {
                const c = comments.find((x) => x.id === Number(m[1]));
                c.body = JSON.parse(data).body;
                return send(200, c);
            }
            return send(404, { message: "Not Found" });
        });
    });
    return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
        server, comments, calls, url: `http://127.0.0.1:${server.address().port}`,
    })));
}

test("post-comment: creates the comment once, then updates it in place", async () => {
    const gh = await fakeGithub();
    try {
        const args = { apiUrl: gh.url, token: "t0ken", repo: "o/r", number: "7" };
        const first = await postOrUpdate({ ...args, body: `${MARKER}\nfirst` });
        const second = await postOrUpdate({ ...args, body: `${MARKER}\nsecond` });
        assert.equal(first.action, "created");
        assert.deepEqual(second, { action: "updated", id: first.id });
        assert.deepEqual(gh.comments.map((c) => c.body), ["looks good", `${MARKER}\nsecond`]);
        assert.deepEqual(gh.calls.map((c) => c.method), ["GET", "POST", "GET", "PATCH"]);
    } finally {
        gh.server.close();
    }
});

test("post-comment: refuses a body without the marker; an API error names the call, not the token", async () => {
    await assert.rejects(postOrUpdate({ apiUrl: "http://127.0.0.1:9", token: "x", repo: "o/r", number: "7", body: "no marker" }),
        /lacks the marker/);
    const gh = await fakeGithub();
    try {
        const err = await postOrUpdate({ apiUrl: gh.url, token: "wrong-secret", repo: "o/r", number: "7", body: MARKER }).catch((e) => e);
        assert.match(err.message, /^GET \/repos\/o\/r\/issues\/7\/comments\?per_page=100&page=1: HTTP 401/);
        assert.doesNotMatch(err.message, /wrong-secret/);
    } finally {
        gh.server.close();
    }
});

test("post-comment: the script posts a file with the token from the environment", async () => {
    const gh = await fakeGithub();
    try {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pc-")), "comment.md");
        fs.writeFileSync(file, `${MARKER}\nbody`);
        const script = path.join(__dirname, "..", "..", "scripts", "post-comment");
        const env = { ...process.env, GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: "o/r", GITHUB_API_URL: gh.url };
        const out = await new Promise((resolve) => {
            const p = spawn(script, ["7", file], { env });
            let text = "";
            p.stdout.on("data", (d) => { text += d; });
            p.on("close", (code) => resolve({ code, text }));
        });
        assert.equal(out.code, 0);
        assert.match(out.text, /^created comment 100 on o\/r#7$/m);
        const bad = await new Promise((resolve) => spawn(script, ["7", file], { env: { ...env, GITHUB_TOKEN: "" } }).on("close", resolve));
        assert.equal(bad, 2);
    } finally {
        gh.server.close();
    }
});
