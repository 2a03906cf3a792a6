// mle-04.md: notation drift: P for densities, n for x, ln, plain E. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "mle-04.md",
  style: "notation drift: P for densities, n for x, ln, plain E",
  lines: {
    "3L": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "3": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "5": (I) => I.Ed(x => Math.log(I.pd(x) / I.pt(x))),
    "7": (I) => I.Et(x => Math.log(I.pt(x) / I.pd(x))),
  },
  steps: [["3L", "3", "="], ["3", "5", "doteq"], ["5", "7", "="]],
  labels: {"3": "ok", "5": "ok", "7": "wrong"},
};
