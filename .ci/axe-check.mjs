// axe-core over HTML pages in headless Chromium: every page named on the
// command line is opened from disk, axe-core (installed by
// .ci/browser-check, pinned there) is injected past the page's own
// Content-Security-Policy, which forbids every script, and run with its
// default rules. Each violation is printed with its impact, rule and the
// elements it found; the exit code is 1 if any is serious or critical.
// Arguments: the folder holding node_modules, then the pages.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, ...pages] = process.argv.slice(2);
if (!modules || pages.length === 0) {
  console.error("usage: axe-check.mjs NODE_MODULES_PARENT PAGE.html...");
  process.exit(2);
}
const require = createRequire(join(resolve(modules), "package.json"));
const { chromium } = require("playwright-core");
const axeSource = require("axe-core").source;

const profile = mkdtempSync(join(tmpdir(), "axe-profile-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  headless: true,
  bypassCSP: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
  ],
});
let serious = 0;
try {
  for (const page of pages) {
    const tab = await browser.newPage();
    await tab.goto(pathToFileURL(resolve(page)).href);
    await tab.addScriptTag({ content: axeSource });
    const result = await tab.evaluate(() => window.axe.run(document));
    const bad = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
    serious += bad.length;
    console.log(
      `${page}: ${result.violations.length} rule(s) violated, ${bad.length} serious or critical, ${result.passes.length} passed`,
    );
    for (const v of result.violations) {
      console.log(`  ${v.impact}: ${v.id} (${v.nodes.length} element(s)): ${v.help}`);
      for (const n of v.nodes.slice(0, 3)) {
        console.log(`    ${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1, 2).join(" ").trim()}`);
      }
    }
    await tab.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
if (serious > 0) {
  console.error(`${serious} serious or critical axe-core violation(s)`);
  process.exit(1);
}
