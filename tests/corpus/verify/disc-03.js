// disc-03.tex: LaTeX, integrals. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "disc-03.tex",
  style: "LaTeX, integrals",
  lines: {
    "5L": (I) => -I.Ed(x => Math.log(I.D(x))) - I.Et(x => Math.log(1 - I.D(x))),
    "5": (I) => -I.int(x => I.pd(x) * Math.log(I.D(x))) - I.int(x => I.pt(x) * Math.log(1 - I.D(x))),
    "6": (I) => -I.int(x => I.pd(x) * Math.log(I.D(x)) + I.pt(x) * Math.log(1 - I.D(x))),
    "7": (I) => I.int(x => -I.pd(x) * Math.log(I.D(x)) - I.pt(x) * Math.log(1 - I.D(x))),
  },
  steps: [["5L", "5", "="], ["5", "6", "="], ["6", "7", "="]],
  labels: {"5": "ok", "6": "ok", "7": "ok"},
};
