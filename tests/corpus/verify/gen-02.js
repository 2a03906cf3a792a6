// gen-02.md: prose, KL arguments swapped at the end. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gen-02.md",
  style: "prose, KL arguments swapped at the end",
  lines: {
    "3L": (I) => I.Et(x => Math.log(I.cDstar(x))) - I.Et(x => Math.log(I.Dstar(x))),
    "3": (I) => I.Et(x => Math.log(I.pt(x) / I.pd(x))),
    "7": (I) => I.Ed(x => Math.log(I.pd(x) / I.pt(x))),
  },
  steps: [["3L", "3", "="], ["3", "7", "="]],
  labels: {"3": "ok", "7": "wrong"},
};
