// sat-04.md: unusual but correct: sigma' and 1 - sigma(h) = sigma(-h). Independent check of every labelled step (see lib.js); labels written by hand.
'use strict';
module.exports = {
  answer: "sat-04.md",
  style: "unusual but correct: sigma' and 1 - sigma(h) = sigma(-h)",
  lines: {
    "3L": (I) => I.dth((th) => I.Ez((z) => Math.log(1 - I.D(I.G(z, th))))),
    "3": (I) => I.Ez((z) => -I.D(I.G(z)) * I.dhG(z)),
    "5": (I) => -I.Ez((z) => I.D(I.G(z)) * I.dhG(z)),
  },
  steps: [["3L", "3", "="], ["3", "5", "="]],
  labels: {"3": "ok", "5": "ok"},
};
