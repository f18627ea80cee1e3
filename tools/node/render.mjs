// Renders an HTML file in Debian's chromium (headless, through
// playwright-core) to a PNG screenshot and an A4 PDF, and prints what a test
// needs to judge the rendering as JSON: the page's size, the widest element
// against the viewport (nothing may run off the page), the PDF's page count,
// and the text of the first table header row.
// Usage: node render.mjs REPORT.html OUT.png OUT.pdf
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [input, png, pdf] = process.argv.slice(2);
if (!input || !png || !pdf) {
  console.error("usage: node render.mjs REPORT.html OUT.png OUT.pdf");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  // Nothing outside the file may be fetched: the report is self-contained.
  const outside = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(input).href);
  await page.screenshot({ path: png, fullPage: true });
  const layout = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    let widest = 0;
    for (const element of document.querySelectorAll("body *")) {
      widest = Math.max(widest, element.getBoundingClientRect().right);
    }
    return {
      viewport: width,
      widest: Math.ceil(widest),
      scrollWidth: document.documentElement.scrollWidth,
      tables: document.querySelectorAll("table").length,
      theads: document.querySelectorAll("table > thead").length,
      svg: document.querySelectorAll("svg rect").length,
    };
  });
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: pdf, format: "A4", printBackground: true });
  const bytes = readFileSync(pdf).toString("latin1");
  const pages = (bytes.match(/\/Type\s*\/Page[^s]/g) || []).length;
  console.log(JSON.stringify({ ...layout, pdfPages: pages, outside }));
} finally {
  await browser.close();
}
