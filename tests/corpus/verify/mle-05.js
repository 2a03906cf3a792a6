// mle-05.md: skipped steps: the result in one line. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "mle-05.md",
  style: "skipped steps: the result in one line",
  lines: {
    "3L": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "3": (I) => I.Ed(x => Math.log(I.pd(x) / I.pt(x))),
  },
  steps: [["3L", "3", "doteq"]],
  labels: {"3": "ok"},
};
