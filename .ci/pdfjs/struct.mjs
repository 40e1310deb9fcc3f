// Reads the structure of a tagged PDF as pdf.js (Firefox's reader) gives
// it to assistive technology: getStructTree() of every page, the text of
// each marked-content sequence from getTextContent(). For the tests only.
//
//   node struct.mjs FILE          a screen-reader-style reading, page by page
//   node struct.mjs --json FILE   per page: {tree, text: {id: text}, order: [text…]}
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

console.log = () => {};
const here = dirname(fileURLToPath(import.meta.url));
const pdfjs = await import(join(here, "node_modules/pdfjs-dist/legacy/build/pdf.mjs"));

const args = process.argv.slice(2);
const asJSON = args[0] === "--json";
const file = asJSON ? args[1] : args[0];
const doc = await pdfjs.getDocument({
  data: new Uint8Array(readFileSync(file)),
  isEvalSupported: false,
  useSystemFonts: false,
  verbosity: 0,
}).promise;

const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const tree = await page.getStructTree();
  const tc = await page.getTextContent({ includeMarkedContent: true });
  const text = {};
  const order = []; // the text in drawing order, as pdf.js extracts it
  const stack = [];
  for (const it of tc.items) {
    if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
      stack.push(it.id || null);
      continue;
    }
    if (it.type === "endMarkedContent") {
      stack.pop();
      continue;
    }
    order.push(it.str + (it.hasEOL ? "\n" : ""));
    const id = stack.findLast((x) => x);
    if (id) text[id] = (text[id] || "") + it.str + (it.hasEOL ? "\n" : "");
  }
  pages.push({ tree, text, order: order.join("") });
}


// The reading: block elements on lines of their own, indented by depth;
// inline elements (links, references, code, spans) within their line.
const inline = new Set(["Link", "Reference", "Code", "Span", "Quote", "Note"]);
const out = [];
// joined joins the lines of a text: with a space between Latin words, as
// a reader hears them, and directly between Japanese characters.
const wide = /[\u3000-\u9fff\uff00-\uffef]/;
function joined(s) {
  return s.replace(/(.?)\n+(.?)/g, (_, a, b) => (a && b && !wide.test(a) && !wide.test(b) && a !== " " && b !== " " ? a + " " + b : a + b));
}
function lead(s) {
  return /^\s*/.exec(s)[0];
}
// words returns the text of node with its line ends kept as "\n" (joined
// makes them spaces once the text of a line of the reading is whole): pdf.js
// marks a line's end on the first item of the next line (hasEOL, a <br> in
// its text layer), which may open another marked-content sequence of the
// element (a line of code, the next row of a timeline's cell) or another
// element (a link starting a line); the break between the two is kept.
function words(node, text) {
  if (node.type === "content") return text[node.id] || "";
  if (node.type === "object" || node.type === "annotation") return "";
  const inner = (node.children || []).map((c) => words(c, text)).join("");
  const lang = node.lang ? ` lang=${node.lang}` : "";
  switch (node.role) {
    case "Link":
      return lead(inner) + `[link${lang}: ${inner.trim()}]`;
    case "Code":
      return lead(inner) + `[code${lang}: ${inner.trim()}]`;
    case "Span":
      return lang ? lead(inner) + `[${lang.trim()}: ${inner.trim()}]` : inner;
    default:
      return inner;
  }
}
function read(node, depth, text) {
  const pad = "  ".repeat(depth);
  const kids = node.children || [];
  const lang = node.lang ? ` (lang ${node.lang})` : "";
  const own = () => {
    // The node's text: its content and inline kids; its block kids follow.
    let s = "";
    const blocks = [];
    for (const k of kids) {
      if (k.type || inline.has(k.role)) s += words(k, text);
      else blocks.push(k);
    }
    return [joined(s.trim()), blocks];
  };
  switch (node.role) {
    case "Root":
    case "Document":
    case "Sect":
    case "Part":
    case "Art":
    case "Div":
      if (node.role === "Sect") out.push(pad + "section" + lang);
      for (const k of kids) read(k, node.role === "Sect" ? depth + 1 : depth, text);
      return;
    case "Figure":
      out.push(`${pad}graphic: ${node.alt || "(no alternate text)"}`);
      return;
    case "Table": {
      const rows = kids.filter((k) => k.role === "TR").length;
      out.push(`${pad}table, ${rows} rows${lang}`);
      for (const k of kids) read(k, depth + 1, text);
      return;
    }
    case "TR": {
      const cells = kids.map((c) => {
        const t = joined(words(c, text).trim());
        return c.role === "TH" ? `<${t}>` : t;
      });
      out.push(`${pad}row: ${cells.join(" | ")}`);
      return;
    }
    case "L": {
      const n = kids.filter((k) => k.role === "LI").length;
      out.push(`${pad}list, ${n} items${lang}`);
      for (const k of kids) read(k, depth + 1, text);
      return;
    }
    case "LI": {
      let label = "";
      const rest = [];
      for (const k of kids) {
        if (k.role === "Lbl") label = joined(words(k, text).trim());
        else rest.push(k);
      }
      let first = true;
      for (const k of rest) {
        if (k.role === "LBody") {
          const [s, blocks] = ownOf(k, text);
          // (An item continued from the page before may start with its
          // blocks.)
          if (label || s) out.push(`${pad}${label ? label + " " : ""}${s}`.trimEnd());
          first = false;
          for (const b of blocks) read(b, depth + 1, text);
        } else read(k, depth + 1, text);
      }
      if (first && label) out.push(`${pad}${label}`);
      return;
    }
    default: {
      const [s, blocks] = own();
      const h = /^H([1-6])$/.exec(node.role);
      if (h) out.push(`${pad}heading ${h[1]}: ${s}${lang}`);
      else if (node.role === "Caption") out.push(`${pad}caption: ${s}`);
      else if (node.role === "BlockQuote") out.push(`${pad}quote:${lang}`);
      else if (s) out.push(`${pad}${s}${lang}`);
      for (const b of blocks) read(b, depth + 1, text);
    }
  }
}
function ownOf(node, text) {
  let s = "";
  const blocks = [];
  for (const k of node.children || []) {
    if (k.type || inline.has(k.role)) s += words(k, text);
    else blocks.push(k);
  }
  return [joined(s.trim()), blocks];
}
function reading(pages) {
  pages.forEach((p, i) => {
    out.push(`--- page ${i + 1}`);
    if (p.tree) read(p.tree, 0, p.text);
  });
  return out.join("\n") + "\n";
}

if (asJSON) {
  process.stdout.write(JSON.stringify(pages));
} else {
  process.stdout.write(reading(pages));
}
