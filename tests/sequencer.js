/**
 * The order jest starts test files in. The workers finish together only if the longest files start first:
 * the install test and the end-to-end files run for minutes (npm, the Pulumi CLI, provider plugins), the
 * others for seconds. Jest's own order puts the longest first only for files whose duration it remembers
 * from an earlier run on the machine; on a clean checkout it goes by file size, which says little here.
 * So those two directories come first, each file by its remembered duration, else by size.
 */
const Sequencer = require("@jest/test-sequencer").default;
const { sep } = require("node:path");

const LONG_FIRST = [`${sep}tests${sep}install${sep}`, `${sep}tests${sep}e2e${sep}`];

/** 0 for the install test, 1 for an end-to-end file, 2 for every other. */
function rank(test) {
  const index = LONG_FIRST.findIndex((dir) => test.path.includes(dir));
  return index === -1 ? LONG_FIRST.length : index;
}

class LongestFirst extends Sequencer {
  sort(tests) {
    // The default order, which also records each file's remembered duration in test.duration.
    const ordered = super.sort(tests);
    const position = new Map(ordered.map((test, index) => [test, index]));
    return [...ordered].sort((a, b) => {
      if (rank(a) !== rank(b)) return rank(a) - rank(b);
      if (a.duration != null && b.duration != null) return b.duration - a.duration;
      return position.get(a) - position.get(b);
    });
  }
}

module.exports = LongestFirst;
