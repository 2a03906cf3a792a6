// gen-04.md: prose, a ratio upside down, then carried on. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gen-04.md",
  style: "prose, a ratio upside down, then carried on",
  lines: {
    "3L": (I) => I.Et(x => Math.log(I.cDstar(x))) - I.Et(x => Math.log(I.Dstar(x))),
    "3": (I) => I.Et(x => Math.log(I.cDstar(x) / I.Dstar(x))),
    "5": (I) => I.Et(x => Math.log(I.pd(x) / I.pt(x))),
    "7": (I) => -I.Et(x => Math.log(I.pt(x) / I.pd(x))),
  },
  steps: [["3L", "3", "="], ["3", "5", "="], ["5", "7", "="]],
  labels: {"3": "ok", "5": "wrong", "7": "ok"},
};
