"use strict";
// scripts/post-comment: posts the review comment on a pull request, or updates the comment that already
// carries the marker, so a pull request has exactly one review comment however often it is pushed to.
// GitHub REST API: GET/POST /repos/{repo}/issues/{number}/comments, PATCH /repos/{repo}/issues/comments/{id}.
const fs = require("fs");
const { MARKER } = require("./pr-comment");

async function api(base, token, method, url, body) {
    const res = await fetch(base + url, {
        method,
        headers: {
            Authorization: `Bearer ${token}`,
            Accept: "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            ...(body ? { "Content-Type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) {
        // the response text never contains the token; the URL and status say what failed
        throw new Error(`${method} ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
    return res.json();
}

/** Returns "created" or "updated" (with the comment id). */
async function postOrUpdate({ apiUrl, token, repo, number, body }) {
    if (!body.includes(MARKER)) throw new Error(`the comment body lacks the marker ${MARKER}`);
    for (let page = 1; ; page++) {
        const comments = await api(apiUrl, token, "GET", `/repos/${repo}/issues/${number}/comments?per_page=100&page=${page}`);
        const mine = comments.find((c) => typeof c.body === "string" && c.body.includes(MARKER));
        if (mine) {
            await api(apiUrl, token, "PATCH", `/repos/${repo}/issues/comments/${mine.id}`, { body });
            return { action: "updated", id: mine.id };
        }
        if (comments.length < 100) break;
    }
    const created = await api(apiUrl, token, "POST", `/repos/${repo}/issues/${number}/comments`, { body });
    return { action: "created", id: created.id };
}

async function main(argv, env) {
    const [number, file] = argv;
    if (!/^\d+$/.test(number ?? "") || !file) {
        console.error("usage: scripts/post-comment <pr-number> <comment.md>   (GITHUB_TOKEN, GITHUB_REPOSITORY set)");
        return 2;
    }
    for (const key of ["GITHUB_TOKEN", "GITHUB_REPOSITORY"]) {
        if (!env[key]) {
            console.error(`error: ${key} is not set`);
            return 2;
        }
    }
    const result = await postOrUpdate({
        apiUrl: env.GITHUB_API_URL || "https://api.github.com", token: env.GITHUB_TOKEN,
        repo: env.GITHUB_REPOSITORY, number, body: fs.readFileSync(file, "utf8"),
    });
    console.log(`${result.action} comment ${result.id} on ${env.GITHUB_REPOSITORY}#${number}`);
    return 0;
}

module.exports = { postOrUpdate };

if (require.main === module) {
    main(process.argv.slice(2), process.env).then((code) => { process.exitCode = code; }, (e) => {
        console.error(`error: ${e.message}`);
        process.exitCode = 1;
    });
}
