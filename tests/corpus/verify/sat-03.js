// sat-03.tex: LaTeX, a sign lost. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "sat-03.tex",
  style: "LaTeX, a sign lost",
  lines: {
    "5L": (I) => I.dth((th) => I.Ez((z) => Math.log(1 - I.D(I.G(z, th))))),
    "5": (I) => I.dth((th) => I.Ez((z) => Math.log(1 - I.D(I.G(z, th))))),
    "6": (I) => I.Ez((z) => I.D(I.G(z)) * I.dhG(z)),
  },
  steps: [["5L", "5", "="], ["5", "6", "="]],
  labels: {"5": "ok", "6": "wrong"},
};
