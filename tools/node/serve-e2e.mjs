// `etguard serve` driven as its users would, in Debian's chromium through
// playwright-core: log in with password and authenticator code, the
// dashboard in both languages, user text inert, a cross-site POST refused,
// log out, five wrong passwords lock an account, the guideline browsed and
// searched, an administrator unlocking the account on the users page and
// adding a user. Screenshots of each page go to OUTDIR. Prints what it saw as
// JSON for the calling test to judge; phase "locked" ends with the owner
// locked, phase "unlocked" begins with the administrator unlocking them.
// Usage: node serve-e2e.mjs URL USERS.json OUTDIR PHASE
//   USERS.json: {"password": "...", "secrets": {"mei": "BASE32", ...}}
import { chromium, request } from "playwright-core";
import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

const [url, usersFile, outdir, phase] = process.argv.slice(2);
// Security keys are made for a domain name, never an IP address: the
// server's default origin for them is https://localhost:PORT.
const keyUrl = url.replace("127.0.0.1", "localhost");
const users = JSON.parse(readFileSync(usersFile, "utf8"));

function base32(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0;
  const out = [];
  for (const c of text) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { bits -= 8; out.push((value >>> bits) & 0xff); }
  }
  return Buffer.from(out);
}

// RFC 6238 with SHA-1, six digits, 30-second steps, at `offset` steps from now.
function totp(secret, offset = 0) {
  const step = Math.floor(Date.now() / 1000 / 30) + offset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(at) & 0x7fffffff) % 1000000;
  return String(code).padStart(6, "0");
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const seen = { phase, violations: [], outside: [] };
// A fresh browser (no cookies) per person, as on their own machine.
async function visit(locale) {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true, locale, viewport: { width: 1200, height: 900 },
  });
  const page = await context.newPage();
  page.on("console", (m) => { if (/Content.Security.Policy/i.test(m.text())) seen.violations.push(m.text()); });
  await page.route("**/*", (route) => {
    const target = route.request().url();
    if (target.startsWith(url) || target.startsWith(keyUrl) || target.startsWith("data:")) return route.continue();
    seen.outside.push(target);
    return route.abort();
  });
  return { context, page };
}
async function logIn(page, name, password, offset = 0, site = url) {
  await page.goto(site);
  await page.fill("#name", name);
  await page.fill("#password", password);
  await page.fill("#code", totp(users.secrets[name], offset));
  await page.click("button[type=submit]");
  await page.waitForLoadState("load");
}
try {
  if (phase === "locked") {
    const { context, page } = await visit("zh-TW");
    await page.goto(url);
    seen.loginPath = new URL(page.url()).pathname;
    await page.screenshot({ path: `${outdir}/login-zh-TW.png`, fullPage: true });
    // The officer: password and code, the dashboard in Chinese, then English.
    await logIn(page, "mei", users.password);
    seen.afterLogin = new URL(page.url()).pathname;
    seen.heading = await page.textContent("h1");
    seen.tasksZh = await page.locator("#tasks").count();
    seen.xss = await page.evaluate(() => window.__xss === 1);
    seen.account = await page.textContent("header .account span");
    await page.screenshot({ path: `${outdir}/dashboard-zh-TW.png`, fullPage: true });
    await page.click("text=English");
    seen.langEn = await page.getAttribute("html", "lang");
    seen.tasksEn = await page.textContent("#tasks");
    seen.taskRows = await page.locator("#tasks ~ table tbody tr, section[aria-labelledby=tasks] tbody tr").count();
    await page.screenshot({ path: `${outdir}/dashboard-en.png`, fullPage: true });
    // The assessment grid, filtered to Chapter 2 and what comes due within 30 days.
    await page.click("nav.site >> text=Assessment");
    seen.gridRows = await page.locator("table.grid tbody tr").count();
    await page.selectOption("#chapter", "2");
    await page.selectOption("#due", "30");
    await page.click("form.filters button");
    await page.waitForLoadState("load");
    seen.gridQuery = new URL(page.url()).search;
    // Chapter 2 is Articles 2 to 9.
    seen.gridFiltered = await page.locator("table.grid tbody tr").count();
    seen.gridOutsideChapter = await page.$$eval("table.grid tbody tr td:first-child code",
      (codes) => codes.filter((c) => { const a = parseInt(c.textContent.slice(3), 10); return a < 2 || a > 9; }).length);
    await page.screenshot({ path: `${outdir}/assessment-en.png`, fullPage: true });
    // One line opened and judged through its form.
    await page.click("table.grid tbody tr:first-child td:nth-child(2) a");
    await page.selectOption("#status", "partially_compliant");
    await page.fill("#note", "Only the DR site is covered <b>so far</b>");
    await page.fill("#plan_action", "Extend monitoring to the primary site");
    await page.fill("#plan_due", "2027-06-30");
    await page.click("form.edit button");
    await page.waitForLoadState("load");
    seen.resultNotice = await page.locator("[role=status]").count();
    seen.resultStatus = await page.textContent("dl.facts .status");
    seen.resultHistoryBy = await page.textContent("table tbody tr:first-child td:nth-child(2)");
    // A comment on the line, with markup that must stay text.
    await page.fill("#body", "Checked with <img src=x onerror=document.title='pwned'> the DR team");
    await Promise.all([page.waitForURL(/commented=1/), page.click("form[action='/assessment/comment'] button")]);
    seen.commentShown = await page.textContent("ol.comments li:last-child .comment-body");
    seen.commentImages = await page.locator("ol.comments img").count();
    seen.commentTitle = await page.title();
    await page.screenshot({ path: `${outdir}/result-en.png`, fullPage: true });
    // The officer uploads evidence for the line through its drop zone, and
    // may not approve her own upload.
    await page.setInputFiles("#upload_file", {
      name: "retention-policy.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 retention policy"),
    });
    await page.fill("#upload_from", "2027-01-01");
    await Promise.all([page.waitForURL(/uploaded=1/), page.click("form.upload button")]);
    seen.uploadListed = await page.locator("ul.evidence li:has-text('retention-policy.pdf')").count();
    await page.click("nav.site >> text=Evidence");
    seen.ownReviewForms = await page.locator("table.evidence tr:has-text('retention-policy.pdf') form.review").count();
    const mine = await page.$eval("table.evidence tr:has-text('retention-policy.pdf') td.num", (c) => c.textContent);
    const csrf = await page.$eval("header form input[name=csrf]", (i) => i.value);
    seen.ownApproval = (await context.request.post(`${url}api/evidence/review`, {
      headers: { "X-CSRF-Token": csrf }, data: { id: Number(mine), decision: "approve" },
    })).status();
    // The checks' findings per object: the server's own TLS, judged and
    // recorded by etguard scan tls --import before the browser came.
    await page.click("nav.site >> text=Findings");
    seen.findingObjects = await page.$$eval("section.findings h2 code", (codes) => codes.map((c) => c.textContent));
    seen.findingChecks = await page.$$eval("table.findings tbody tr td:first-child", (cells) => cells.map((c) => c.textContent));
    await page.screenshot({ path: `${outdir}/findings-en.png`, fullPage: true });
    // The ledger, verified, with the officer's change on top.
    await page.click("nav.site >> text=Ledger");
    seen.ledgerVerifies = await page.locator("p.advice[role=status]").count();
    seen.ledgerTop = await page.textContent("table tbody tr:first-child td:nth-child(4)");
    await page.screenshot({ path: `${outdir}/ledger-en.png`, fullPage: true });
    // The registers: a bar per register, then the cloud services searched.
    await page.click("nav.site >> text=Registers");
    seen.registerBars = await page.locator("svg.minibar").count();
    await page.screenshot({ path: `${outdir}/registers-en.png`, fullPage: true });
    await page.selectOption("#register", "cloud");
    await page.fill("#q", "core");
    await page.click("form.filters button");
    await page.waitForLoadState("load");
    seen.registerEntries = await page.$$eval("table.registers tbody tr td:first-child", (cells) => cells.map((c) => c.textContent));
    // One entry edited: a date added, a fact set; then a bad date refused.
    await page.click("table.registers a[href^='/registers/entry']");
    await page.fill("#dates", "start: 2024-01-15\nlast_due_diligence: 2026-03-01\nlast_exit_plan_review: 2026-11-30\n");
    await page.selectOption("#fact-offshore", "yes");
    await page.screenshot({ path: `${outdir}/register-entry-en.png`, fullPage: true });
    await page.click("form.edit button[type=submit]");
    await page.waitForLoadState("load");
    seen.registerSavedDates = await page.textContent("table.registers tbody tr td:nth-child(6)");
    await page.click("table.registers a[href^='/registers/entry']");
    await page.fill("#dates", "start: 2024-13-15\n");
    await page.click("form.edit button[type=submit]");
    await page.waitForLoadState("load");
    seen.registerRefused = await page.locator("p.problem[role=alert]").count();
    // A registers file previewed (what it would add), then imported.
    await page.goto(`${url}registers`);
    await page.setInputFiles("#registers_file", {
      name: "new-devices.yaml", mimeType: "application/yaml",
      buffer: Buffer.from('format: etguard.registers\nformat_version: "1.0"\nprofile: {name: 測試證券股份有限公司, sector: securities}\nregisters:\n  iot:\n    - {id: cam-1, name: 大廳攝影機, owner: 總務部, facts: {device: true}}\n'),
    });
    await page.click("form.registers-import button[type=submit]");
    await page.waitForSelector("form.registers-import .preview:not([hidden])");
    seen.importPreview = await page.$$eval("form.registers-import .preview li", (items) => items.map((i) => i.textContent));
    await page.screenshot({ path: `${outdir}/registers-import-en.png`, fullPage: true });
    await Promise.all([page.waitForURL(/imported=1/), page.click("form.registers-import button.confirm")]);
    seen.importedRows = await page.locator("table.registers tbody tr:has-text('iot/cam-1')").count();
    // The scope: what does not apply, and why one requirement applies.
    await page.click("nav.site >> text=Scope");
    seen.scopeBars = await page.locator("svg.minibar").count();
    await page.selectOption("#applies", "no");
    await page.click("form.filters button");
    await page.waitForLoadState("load");
    seen.scopeExcluded = await page.locator("table.scope .decision.applies").count();
    seen.scopeExcludedRows = await page.locator("table.scope tbody tr").count();
    await page.goto(`${url}scope?node=ET-8.1.1`);
    seen.scopeEntries = await page.$$eval("section.explained tbody tr td:first-child", (cells) => cells.map((c) => c.textContent));
    await page.screenshot({ path: `${outdir}/scope-en.png`, fullPage: true });
    // The officer signs off the cycle's report (the login is recent: no re-authentication).
    await page.click("nav.site >> text=Reports");
    await page.fill("#statement", "Reviewed with the CISO; plans agreed");
    await page.selectOption("#sign_lang", "en");
    await page.click("form[action='/reports/sign-off'] button");
    await page.waitForLoadState("load");
    seen.signNotice = await page.locator("[role=status]").count();
    seen.signedRows = await page.locator("table.signed tbody tr").count();
    // The next cycle previewed: what it would archive, nothing changed.
    await page.fill("#cycle_name", "2028");
    await page.click("form[action='/reports/start-cycle'] button[value=preview]");
    await page.waitForLoadState("load");
    seen.cyclePreview = await page.textContent("[role=status]");
    seen.cycleStartOffered = await page.locator("form[action='/reports/start-cycle'] button[value=start]").count();
    seen.cyclesAfterPreview = await page.locator("section.cycle").count();
    await page.screenshot({ path: `${outdir}/reports-en.png`, fullPage: true });
    const cookies = await context.cookies();
    seen.cookie = cookies.find((c) => c.name === "__Host-etguard") || null;
    // A forged POST from another site, with the user's cookie.
    const forged = await context.request.post(`${url}logout`, {
      headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }, form: { csrf: "x" },
    });
    seen.forgedStatus = forged.status();
    await page.click("header form button");
    seen.afterLogout = new URL(page.url()).pathname;
    await context.close();
    // The owner: five wrong passwords, then the right one is refused too.
    const owner = await visit("en");
    for (let i = 0; i < 5; ++i) {
      await logIn(owner.page, "lee", `wrong password ${i}x`);
    }
    await logIn(owner.page, "lee", users.password, 1);
    seen.lockedMessage = await owner.page.textContent("[role=alert]");
    await owner.page.screenshot({ path: `${outdir}/locked-en.png`, fullPage: true });
    await owner.context.close();
  } else {
    // The administrator unlocks the owner after verifying who asks, and adds a user.
    const admin = await visit("en");
    await logIn(admin.page, "ada", users.password);
    await admin.page.click("nav.site >> text=Users");
    seen.lockedListed = await admin.page.locator("table.users tr:has(code:text-is('lee')) .status.non_compliant").count();
    await admin.page.screenshot({ path: `${outdir}/users-en.png`, fullPage: true });
    await admin.page.selectOption("#unlock_name", "lee");
    await admin.page.fill("#unlock_verification", "Staff card seen at the desk, ticket IT-7");
    await admin.page.click("form[action='/users/unlock'] button");
    await admin.page.waitForLoadState("load");
    seen.unlockNotice = await admin.page.textContent("[role=status]");
    await admin.page.fill("#add_name", "kao");
    await admin.page.fill("#add_display", "Kao <kao@example.com>");
    await admin.page.selectOption("#add_role", "auditor");
    await admin.page.fill("#add_password", `${users.password} 2027`);
    await admin.page.click("form[action='/users/add'] button");
    await admin.page.waitForLoadState("load");
    seen.enrolQr = await admin.page.locator("figure.qr svg").count();
    seen.enrolUri = await admin.page.textContent("code.otpauth");
    await admin.page.screenshot({ path: `${outdir}/enrolment-en.png`, fullPage: true });
    // Another person approves the officer's upload.
    await admin.page.goto(`${url}evidence?pending=1`);
    const row = admin.page.locator("table.evidence tr:has-text('retention-policy.pdf')");
    await row.locator("input[name=comment]").fill("Matches the DMS copy");
    await Promise.all([admin.page.waitForURL(/reviewed=1/), row.locator("button[value=approve]").click()]);
    await admin.page.goto(`${url}evidence`);
    seen.approvedBy = await admin.page.textContent("table.evidence tr:has-text('retention-policy.pdf') td:nth-child(5)");
    await admin.page.screenshot({ path: `${outdir}/evidence-en.png`, fullPage: true });
    await admin.context.close();
    const officer = await visit("en");
    await logIn(officer.page, "mei", users.password, 1);  // the next step: phase 1 may have used this one
    seen.officerUsers = (await officer.page.goto(`${url}users`)).status();
    await officer.context.close();
    const owner = await visit("en");
    await logIn(owner.page, "lee", users.password, 0);
    seen.ownerPath = new URL(owner.page.url()).pathname;
    seen.ownerObjects = await owner.page.$$eval("section[aria-labelledby=tasks] tbody tr td:nth-child(2)",
      (cells) => [...new Set(cells.map((c) => c.textContent))]);
    await owner.page.screenshot({ path: `${outdir}/dashboard-owner-en.png`, fullPage: true });
    await owner.page.click("nav.site >> text=Assessment");
    seen.ownerGridObjects = await owner.page.$$eval("table.grid tbody tr td:nth-child(2)",
      (cells) => [...new Set(cells.map((c) => c.textContent))]);
    await owner.page.screenshot({ path: `${outdir}/assessment-owner-en.png`, fullPage: true });
    // The registers as the owner sees them: their entries only.
    await owner.page.click("nav.site >> text=Registers");
    seen.ownerRegisterEntries = await owner.page.$$eval("table.registers tbody tr td:first-child", (cells) => cells.map((c) => c.textContent));
    await owner.page.screenshot({ path: `${outdir}/registers-owner-en.png`, fullPage: true });
    // The scope as the owner sees it: their entries only.
    await owner.page.goto(`${url}scope?node=ET-8.1.1`);
    seen.ownerScopeEntries = await owner.page.$$eval("section.explained tbody tr td:first-child", (cells) => cells.map((c) => c.textContent));
    await owner.page.screenshot({ path: `${outdir}/scope-owner-en.png`, fullPage: true });
    // The guideline: the outline, Article 8 opened at a clause, a search.
    await owner.page.click("nav.site >> text=Guideline");
    seen.outlineArticles = await owner.page.locator("table.outline tbody tr").count();
    await owner.page.screenshot({ path: `${outdir}/catalog-en.png`, fullPage: true });
    await owner.page.click("a[href='/catalog/articles/8']");
    await owner.page.goto(owner.page.url() + "#ET-8.3.5");
    seen.clauseShown = await owner.page.locator("article.node:target").getAttribute("id");
    seen.clauseSource = await owner.page.textContent("#ET-8\\.3\\.5 .source");
    await owner.page.screenshot({ path: `${outdir}/catalog-article-8-en.png` });
    await owner.page.fill("#q", "深偽");
    await owner.page.click("form.search button");
    await owner.page.waitForLoadState("load");
    seen.searchHits = await owner.page.$$eval("ol.hits code", (codes) => codes.map((c) => c.textContent));
    await owner.page.screenshot({ path: `${outdir}/catalog-search-en.png`, fullPage: true });
    await owner.page.goto(`${url}findings`);
    seen.ownerFindings = await owner.page.locator("section.findings").count();
    // An API token for the owner's pipeline, made on the page (just logged
    // in: no second password prompt), its secret shown once.
    await owner.page.click("nav.site >> text=API tokens");
    await owner.page.fill("#name", "ci-tls <b>");
    await owner.page.fill("#days", "30");
    await Promise.all([owner.page.waitForLoadState("load"), owner.page.click("form[action='/tokens/add'] button")]);
    const secret = await owner.page.inputValue("#secret");
    seen.tokenSecret = /^etg_[0-9a-f]{64}$/.test(secret) ? "shown" : secret;
    await owner.page.screenshot({ path: `${outdir}/token-new-en.png`, fullPage: true });
    await owner.page.goto(`${url}tokens`);
    seen.tokenRows = await owner.page.$$eval("table.tokens tbody tr td:nth-child(2)", (cells) => cells.map((c) => c.textContent));
    seen.tokenSecretOnList = (await owner.page.content()).includes(secret.slice(4));
    await owner.page.screenshot({ path: `${outdir}/tokens-en.png`, fullPage: true });
    // The token alone (no cookie): the JSON API answers, a page does not.
    const pipeline = await request.newContext({ ignoreHTTPSErrors: true, extraHTTPHeaders: { Authorization: `Bearer ${secret}` } });
    seen.tokenApi = (await pipeline.get(`${url}api/dashboard`)).status();
    seen.tokenPage = (await pipeline.get(`${url}assessment`, { maxRedirects: 0 })).status();
    await pipeline.dispose();
    // The API with the owner's session: the OpenAPI document and live answers,
    // saved for the calling test to validate.
    const apis = { openapi: "api/openapi.json", session: "api/session", dashboard: "api/dashboard",
      assessment: "api/assessment?due=30", result: "api/result?node=ET-8.3.5&object=cloud%2Fcore-dr",
      outline: "api/catalog", article: "api/catalog/articles/8", search: "api/catalog/search?q=MFA",
      reports: "api/reports", scope: "api/scope?node=ET-8.1.1", registers: "api/registers", tokens: "api/tokens",
      findings: "api/findings",
      missing: "api/catalog/articles/99" };
    seen.apiStatus = {};
    for (const [name, path] of Object.entries(apis)) {
      const answer = await owner.context.request.get(url + path);
      seen.apiStatus[name] = answer.status();
      writeFileSync(`${outdir}/api-${name}.json`, await answer.text());
    }
    await owner.context.close();
    // A security key: the owner adds one (Chromium's virtual authenticator,
    // through the DevTools protocol) on the keys' origin, logs out, and logs
    // in with password and a touch of the key instead of the code.
    const keyed = await visit("en");
    const devtools = await keyed.context.newCDPSession(keyed.page);
    await devtools.send("WebAuthn.enable");
    await devtools.send("WebAuthn.addVirtualAuthenticator", { options: {
      protocol: "ctap2", transport: "usb", hasResidentKey: false, hasUserVerification: true,
      isUserVerified: true, automaticPresenceSimulation: true } });
    await logIn(keyed.page, "lee", users.password, 1, keyUrl);
    await keyed.page.goto(`${keyUrl}security-keys`);
    await keyed.page.fill("#key_name", "lee's key <i>");
    await Promise.all([keyed.page.waitForURL(/done=/), keyed.page.click("#key-add button")]);
    seen.keyRows = await keyed.page.$$eval("main table tbody tr td:first-child", (cells) => cells.map((c) => c.textContent));
    seen.keyNotice = await keyed.page.textContent("[role=status]");
    await keyed.page.screenshot({ path: `${outdir}/security-keys-en.png`, fullPage: true });
    await Promise.all([keyed.page.waitForURL(/\/login$/), keyed.page.click("header .account button")]);
    // The second step as a browser without JavaScript shows it (the key is
    // asked for at once where script runs).
    const still = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en", javaScriptEnabled: false });
    const stillPage = await still.newPage();
    await stillPage.goto(`${keyUrl}login`);
    await stillPage.fill("#name", "lee");
    await stillPage.fill("#password", users.password);
    await Promise.all([stillPage.waitForSelector("#key-login"), stillPage.click("button[type=submit]")]);
    seen.keyStepCredentials = (await stillPage.getAttribute("#key-login", "data-credentials")).split(",").length;
    await stillPage.screenshot({ path: `${outdir}/login-key-en.png`, fullPage: true });
    await still.close();
    await keyed.page.fill("#name", "lee");
    await keyed.page.fill("#password", users.password);
    await Promise.all([keyed.page.waitForURL(keyUrl), keyed.page.click("button[type=submit]")]);
    seen.keyLoginPath = new URL(keyed.page.url()).pathname;
    seen.keyLoginAccount = await keyed.page.textContent("header .account span");
    const signatures = await keyed.context.request.get(`${keyUrl}api/security-keys`);
    seen.keySignCount = (await signatures.json()).keys.map((k) => k.sign_count);
    writeFileSync(`${outdir}/api-security-keys.json`, JSON.stringify(await signatures.json()));
    await keyed.context.close();
    const board = await visit("zh-TW");
    await logIn(board.page, "chair", users.password);
    seen.boardTasks = await board.page.locator("#tasks").count();
    seen.boardCards = await board.page.locator(".card").count();
    seen.boardCatalogLinks = await board.page.locator("a[href='/catalog']").count();
    await board.page.screenshot({ path: `${outdir}/dashboard-board-zh-TW.png`, fullPage: true });
    // The board opens the report as it was signed off, and no other document.
    await board.page.click("nav.site >> text=報告");
    seen.boardDownloads = await board.page.locator("ul.downloads").count();
    const [signedCopy] = await Promise.all([
      board.page.waitForEvent("download"), board.page.click("table.signed a"),
    ]);
    seen.boardSignedName = signedCopy.suggestedFilename();
    await board.page.screenshot({ path: `${outdir}/reports-board-zh-TW.png`, fullPage: true });
    // The board signs off the copy it was handed: that file is kept and hashed.
    const handed = Buffer.from("<html><body>董事會報告（紙本所附）</body></html>\n");
    await board.page.setInputFiles("#handed_file", { name: "董事會報告.html", mimeType: "text/html", buffer: handed });
    await board.page.fill("#handed_statement", "已閱讀並核准");
    await Promise.all([board.page.waitForURL(/signed=1/), board.page.click("form.sign-handed button")]);
    seen.boardHandedSigned = await board.page.locator("table.signed tr:has-text('董事會報告.html')").count();
    await board.page.screenshot({ path: `${outdir}/reports-board-signed-zh-TW.png`, fullPage: true });
    await board.context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
