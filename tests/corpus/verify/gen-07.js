// gen-07.md: KL written with || and the given stated as "if". Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gen-07.md",
  style: "KL written with || and the given stated as \"if\"",
  lines: {
    "3L": (I) => I.Et(x => Math.log(I.cDstar(x))) - I.Et(x => Math.log(I.Dstar(x))),
    "3": (I) => I.Et(x => Math.log(I.cDstar(x) / I.Dstar(x))),
    "5": (I) => I.Et(x => Math.log(I.pt(x) / I.pd(x))),
  },
  steps: [["3L", "3", "="], ["3", "5", "="]],
  labels: {"3": "ok", "5": "ok"},
};
