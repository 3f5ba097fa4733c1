// Score a local server with the MDN HTTP Observatory's own tests and grader, over plain
// HTTP on a chosen port (the published CLI scans ports 80 and 443 only). The two tests
// that need TLS (HSTS, the redirection to HTTPS) are reported but not scored: TLS ends
// at the load balancer, where they are checked.
import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";
import { getGradeForScore, getScoreModifier } from "@mdn/mdn-http-observatory/src/grader/grader.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";

const [host, port, path] = process.argv.slice(2);
const r = await retrieve(host, { httpPort: port, httpsPort: port, path: path || "/" });
const NEEDS_TLS = new Set(["strict-transport-security", "redirection"]);
const results = ALL_TESTS.map((test) => test(r));
let withExtra = 100;
let uncurved = 100;
const tests = {};
const notScored = {};
for (const result of results) {
  if (!result.result) continue;
  if (NEEDS_TLS.has(result.constructor.name) || NEEDS_TLS.has(result.name)) {
    notScored[result.constructor.name] = result.result;
    continue;
  }
  const modifier = getScoreModifier(result.result);
  withExtra += modifier;
  if (modifier < 0) uncurved += modifier;
  tests[result.constructor.name] = { result: result.result, pass: result.pass, modifier };
}
const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtra : uncurved;
console.log(JSON.stringify({ ...getGradeForScore(score), tests, notScoredWithoutTls: notScored }, null, 1));
