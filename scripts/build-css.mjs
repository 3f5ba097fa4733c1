// Build the public site's one stylesheet per direction: the Bootstrap rules our
// pages use, the fonts and site.css, in that order (site.css overrides Bootstrap).
//
// Why: a phone on a slow network should make one render-blocking request, not
// three, and not download 230 KB of Bootstrap for the few hundred rules a
// campaign page uses. PurgeCSS keeps a Bootstrap selector only if its class
// names appear in a template, a Python module (crispy-forms layouts, widget
// attrs), a script, or crispy-bootstrap5's own templates.
//
//   node scripts/build-css.mjs          write static/css/site.{ltr,rtl}.bundle.css
//   node scripts/build-css.mjs --check  exit 1 if the committed files are stale
//
// `make css` runs it; a test runs --check, so a template using a Bootstrap class
// the bundle lacks fails the suite until the bundle is rebuilt.
import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { PurgeCSS } from "purgecss";

const root = new URL("..", import.meta.url).pathname;
process.chdir(root);

const python = existsSync(".venv/lib") ? readdirSync(".venv/lib").find((name) => name.startsWith("python3")) : null;
const crispy = python && `.venv/lib/${python}/site-packages/crispy_bootstrap5/templates/bootstrap5`;
if (!crispy || !existsSync(crispy)) {
  console.error("crispy-bootstrap5's templates were not found in .venv: run `make install` first.");
  process.exit(2);
}
const content = [
  "templates/**/*.html",
  "{config,core,accounts,home,campaigns,submissions,volunteer_signup,surveys,feedback,certificates,demo}/**/*.{html,py}",
  "static/js/*.js",
  `${crispy}/**/*.html`,
];

const sources = {
  ltr: "static/vendor/bootstrap/bootstrap.min.css",
  rtl: "static/vendor/bootstrap/bootstrap.rtl.min.css",
};
const own = ["static/css/fonts.css", "static/css/site.css"];

async function build(direction) {
  const [purged] = await new PurgeCSS().purge({
    content,
    skippedContentGlobs: ["**/migrations/**", "**/node_modules/**"],
    css: [sources[direction]],
    // Pseudo-classes and the root's custom properties are not class names; Django's widgets
    // write <textarea> where no template names it (Bootstrap's reboot gives it the page's font).
    safelist: { standard: [/^:root$/, /^\[data-bs-theme/, "textarea"], greedy: [/^:root/] },
    variables: false,
    keyframes: true,
    fontFace: false,
  });
  const header = `/* Built by scripts/build-css.mjs from ${sources[direction]} (the rules our pages use; Bootstrap is MIT licensed, see static/vendor/bootstrap/LICENSE), ${own.join(" and ")}. Do not edit: edit the sources and run make css. */\n`;
  return header + purged.css.trim() + "\n" + own.map((name) => readFileSync(name, "utf8").trim() + "\n").join("");
}

const check = process.argv.includes("--check");
let stale = [];
for (const direction of ["ltr", "rtl"]) {
  const target = `static/css/site.${direction}.bundle.css`;
  const css = await build(direction);
  if (check) {
    if (!existsSync(target) || readFileSync(target, "utf8") !== css) stale.push(target);
  } else {
    writeFileSync(target, css);
    console.log(`${target}: ${(css.length / 1024).toFixed(1)} KB`);
  }
}
if (stale.length) {
  console.error(`Out of date: ${stale.join(", ")}. Run \`make css\` and commit the result.`);
  process.exit(1);
}
