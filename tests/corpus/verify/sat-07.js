// sat-07.tex: LaTeX align* with &=, ending in a limit with its condition in words. Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "sat-07.tex",
  style: "LaTeX align* with &=, ending in a limit with its condition in words",
  sequence: (n) => ({ c0: -n }),
  lines: {
    "7L": (I) => I.dth((th) => I.Ez((z) => Math.log(1 - I.D(I.G(z, th))))),
    "7": (I) => I.Ez((z) => -I.D(I.G(z)) * I.dhG(z)),
    "8": (I) => 0,
  },
  steps: [["7L", "7", "="], ["7", "8", "lim"]],
  labels: {"7": "ok", "8": "ok"},
};
