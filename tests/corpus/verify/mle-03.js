// mle-03.tex: LaTeX, integrals instead of expectations. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "mle-03.tex",
  style: "LaTeX, integrals instead of expectations",
  lines: {
    "5L": (I) => -I.Ed(x => Math.log(I.pt(x))),
    "5": (I) => -I.int(x => I.pd(x) * Math.log(I.pt(x))),
    "6": (I) => I.int(x => I.pd(x) * Math.log(I.pd(x) / I.pt(x))),
    "7": (I) => I.Ed(x => Math.log(I.pd(x) / I.pt(x))),
  },
  steps: [["5L", "5", "="], ["5", "6", "doteq"], ["6", "7", "="]],
  labels: {"5": "ok", "6": "ok", "7": "ok"},
};
