// Prints the text of every page of a PDF as pdf.js reads it, opening it
// with the password in $PDF_PASSWORD (if set). Exits 3 when pdf.js asks
// for a password it was not given or that is wrong. For the tests only.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// pdf.js warns on the console about the canvas it needs only to draw.
console.log = () => {};
const here = dirname(fileURLToPath(import.meta.url));
const pdfjs = await import(join(here, "node_modules/pdfjs-dist/legacy/build/pdf.mjs"));

const data = new Uint8Array(readFileSync(process.argv[2]));
const task = pdfjs.getDocument({
  data,
  password: process.env.PDF_PASSWORD || undefined,
  isEvalSupported: false,
  useSystemFonts: false,
  verbosity: 0,
});
let doc;
try {
  doc = await task.promise;
} catch (e) {
  if (e && e.name === "PasswordException") {
    console.error("pdf.js: " + e.message);
    process.exit(3);
  }
  throw e;
}
const out = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const tc = await page.getTextContent();
  out.push(tc.items.map((it) => it.str + (it.hasEOL ? "\n" : "")).join(""));
}
process.stdout.write(out.join("\f"));
