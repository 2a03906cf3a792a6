// gen-01.md: prose: "with D = D* = ... we get". Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gen-01.md",
  style: "prose: \"with D = D* = ... we get\"",
  lines: {
    "3L": (I) => I.Et(x => Math.log(I.cDstar(x))) - I.Et(x => Math.log(I.Dstar(x))),
    "3": (I) => I.Et(x => Math.log(I.cDstar(x) / I.Dstar(x))),
    "5": (I) => I.Et(x => Math.log(I.pt(x) / I.pd(x))),
    "7": (I) => I.Et(x => Math.log(I.pt(x) / I.pd(x))),
  },
  steps: [["3L", "3", "="], ["3", "5", "="], ["5", "7", "="]],
  labels: {"3": "ok", "5": "ok", "7": "ok"},
};
