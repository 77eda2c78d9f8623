// The tests' one assertion: counts checks, reports each failure with its
// detail and goes on, so that one run shows every failure; finish() ends the
// process with 1 when any failed.
let failures = 0;
let checks = 0;

export function check(ok, what, detail = "") {
  ++checks;
  if (!ok) {
    ++failures;
    console.error(`FAIL ${what}${detail ? `\n  ${detail}` : ""}`);
  }
}

export function finish(summary) {
  console.log(`${checks - failures} of ${checks} ${summary}`);
  process.exit(failures ? 1 : 0);
}
