// gen-03.tex: LaTeX, integrals, checked with --derivation. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "gen-03.tex",
  derivation: "generator-loss-kl",
  style: "LaTeX, integrals, checked with --derivation",
  lines: {
    "5L": (I) => I.Et(x => Math.log(I.cDstar(x))) - I.Et(x => Math.log(I.Dstar(x))),
    "5": (I) => I.int(x => I.pt(x) * Math.log(I.cDstar(x) / I.Dstar(x))),
    "6": (I) => I.int(x => I.pt(x) * Math.log(I.pt(x) / I.pd(x))),
    "7": (I) => I.Et(x => Math.log(I.pt(x) / I.pd(x))),
  },
  steps: [["5L", "5", "="], ["5", "6", "="], ["6", "7", "="]],
  labels: {"5": "ok", "6": "ok", "7": "ok"},
};
