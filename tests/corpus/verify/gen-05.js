// gen-05.md: skipped steps: the given used without restating it. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gen-05.md",
  style: "skipped steps: the given used without restating it",
  lines: {
    "3L": (I) => I.Et(x => Math.log(I.cDstar(x))) - I.Et(x => Math.log(I.Dstar(x))),
    "3": (I) => I.Et(x => Math.log(I.pt(x) / I.pd(x))),
  },
  steps: [["3L", "3", "="]],
  labels: {"3": "ok"},
};
