// mle-01.md: terse: displays only, no words. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "mle-01.md",
  style: "terse: displays only, no words",
  lines: {
    "1L": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "1": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "3": (I) => -I.Ed(x => Math.log(I.pt(x) / I.pd(x))),
    "5": (I) => I.Ed(x => Math.log(I.pd(x) / I.pt(x))),
    "7": (I) => I.Ed(x => Math.log(I.pd(x) / I.pt(x))),
  },
  steps: [["1L", "1", "="], ["1", "3", "doteq"], ["3", "5", "="], ["5", "7", "="]],
  labels: {"1": "ok", "3": "ok", "5": "ok", "7": "ok"},
};
