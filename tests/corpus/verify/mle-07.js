// mle-07.md: expectation written with the density as subscript. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "mle-07.md",
  style: "expectation written with the density as subscript",
  lines: {
    "3L": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "3": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "5": (I) => I.Ed(x => Math.log(I.pd(x) / I.pt(x))),
  },
  steps: [["3L", "3", "="], ["3", "5", "doteq"]],
  labels: {"3": "ok", "5": "ok"},
};
